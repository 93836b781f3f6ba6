"""Misspellings are computed, not listed; real English words are left alone unless the words
around them make a lexicon phrase of the correction."""

import pytest


@pytest.mark.parametrize("text, ftype", [
    ("L4-5 disc protruion.", "disc_protrusion"),
    ("Dissicating discs at L4-5.", "disc_desiccation"),
    ("Grade I spondylolithesis of L4 over L5.", "spondylolisthesis"),
    ("L4-5 end palate degenerative change.", "modic_change"),  # a real word, in a lexicon phrase
    ("Canal stenosiss at L4-5.", "central_canal_stenosis"),
    # words a rule names as a plain string ({"NORM": "cauda"}), not in a list, are corrected to as well
    ("Compression of the cuada equina at L3-4.", "cauda_equina_compression"),
    ("Bilateral pars interarticluaris defects at L5.", "spondylolysis"),
])
def test_misspelled_finding_words_are_read(analyze, text, ftype):
    assert ftype in {f.type for f in analyze(text).findings}


@pytest.mark.parametrize("text, ftype", [
    # real words that are one edit or one consonant skeleton from a lexicon word
    ("The lowest well-formed disc is designated L5-S1.", "disc_desiccation"),
    ("CSF protein was normal.", "postoperative_change"),
    ("The patient tolerated the procedure well.", "postoperative_change"),
    ("Slight enhancement at the mid-portion of the L3 body.", "postoperative_change"),  # not 'mid-operation'
])
def test_real_words_are_not_corrected(analyze, text, ftype):
    assert ftype not in {f.type for f in analyze(text).findings}


@pytest.mark.parametrize("text, stype", [
    # a real word one edit from a symptom word: 'reflux' is not 'reflex'
    ("HISTORY: back pain. Gastro-oesophageal reflux disease on omeprazole.", "reflex_change"),
    ("HISTORY: back pain. Acid reflux, on omeprazole 20 mg 2 times daily.", "reflex_change"),
    # British spelling of a real word is not a tumour's name: 'haematoma' is no 'hepatoma'
    ("HISTORY: back pain after epidural. MRI: no epidural abscess or haematoma.", "cancer_history"),
])
def test_real_words_name_no_symptom(analyze, text, stype):
    assert stype not in {s.type for s in analyze(text).clinical.symptoms}


def test_a_misspelled_reflex_is_still_read(analyze):
    assert "reflex_change" in {s.type for s in analyze("HISTORY: back pain. Absent left ankle reflx.").clinical.symptoms}
