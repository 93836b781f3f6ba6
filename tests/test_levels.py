"""Level mentions: normalisation, ranges, lists, headers (pure Python, no spaCy)."""

import pytest

from spinelens.levels import (
    adjacent_roots,
    disc_levels_between,
    find_level_groups,
    level_of_root,
    level_sort_key,
    root_at,
)


def levels(text: str) -> list[list[str]]:
    return [g.levels for g in find_level_groups(text)]


@pytest.mark.parametrize("text, expected", [
    # a range with 'the' before its second vertebra
    ("extending from the T10 to the T12 vertebral levels", [["T10-T11", "T11-T12"]]),
    # a level after a comma that a singular verb follows opens its own clause; a list's plural verb keeps the list
    ("No stenosis at L3/4, and L4/5 has severe stenosis.", [["L3-L4"], ["L4-L5"]]),
    ("Moderate foraminal stenosis at L4/5, L5/S1 appears normal.", [["L4-L5"], ["L5-S1"]]),
    ("Disc bulges at L3-4, L4-5, and L5-S1 are noted.", [["L3-L4", "L4-L5", "L5-S1"]]),
    ("L3-4, L4-5, and L5-S1 is the worst.", [["L3-L4", "L4-L5", "L5-S1"]]),
    # normalisation of one disc level
    ("L4-5", [["L4-L5"]]),
    ("L4/5", [["L4-L5"]]),
    ("L4-L5", [["L4-L5"]]),
    ("L4/L5", [["L4-L5"]]),
    ("L4 L5", [["L4-L5"]]),
    ("L45", [["L4-L5"]]),
    ("L4-l5", [["L4-L5"]]),
    ("l4-l5", [["L4-L5"]]),
    ("L4_L5", [["L4-L5"]]),
    ("L5S1", [["L5-S1"]]),
    ("L5-1", [["L5-S1"]]),
    ("L5–S1", [["L5-S1"]]),
    ("D12/L1", [["T12-L1"]]),
    ("D11/D12", [["T11-T12"]]),
    ("T12 - L1", [["T12-L1"]]),
    ("L4 over L5", [["L4-L5"]]),
    ("L5 on S1", [["L5-S1"]]),
    ("lumbosacral level", [["L5-S1"]]),
    ("thoracolumbar junction", [["T12-L1"]]),
    # a dictated level whose dash speech recognition dropped: the next vertebra's bare number after a space
    ("L4 5 there is a broad based disk bulge", [["L4-L5"]]),
    ("L1 2 L2 3 and L3 4 are normal", [["L1-L2", "L2-L3", "L3-L4"]]),
    ("at T11 12 there is", [["T11-T12"]]),
    # ... not a size, a grade, a count, nor a number that is not the next vertebra
    ("L4 5 mm protrusion", [["L4"]]),
    ("L3 4.5 cm", [["L3"]]),
    ("L2 3 x 4 mm", [["L2"]]),
    ("L4 5/5", [["L4"]]),
    ("L4 5 of 5", [["L4"]]),
    # speech recognition's 'L5 as 1' is L5-S1; 'L5 is 1 cm' is not
    ("at L5 as 1 there is a large extrusion", [["L5-S1"]]),
    ("at L5 es one there is disc desiccation", [["L5-S1"]]),
    ("Height loss at L5 is one third.", [["L5"]]),
    ("L5 is 1 cm", [["L5"]]),
    ("L5 is one of the levels", [["L5"]]),
    ("Power L4 5 L5 4 S1 5", [["L4"], ["L5"], ["S1"]]),
    ("L5 4 weeks ago", [["L5"]]),
    ("T12 1 ", [["T12"]]),
    ("Pathological fracture of L3 4 millimeters of retropulsion", [["L3"]]),
    ("Burst fracture of L1 2 fragments retropulsed", [["L1"]]),
    ("L1 2nd lumbar", [["L1"]]),
    ("disc extrusion at L4 5.", [["L4-L5"]]),
    ("At the L4 5 level there", [["L4-L5"]]),
    ("L4 5 levels", [["L4"]]),
    ("Metastatic deposits in L3 4 vertebral bodies", [["L3"]]),
    # ranges
    ("L3-4 through L5-S1", [["L3-L4", "L4-L5", "L5-S1"]]),
    ("L2-L3 to L4-L5", [["L2-L3", "L3-L4", "L4-L5"]]),
    ("(L4-S1)", [["L4-L5", "L5-S1"]]),
    ("L1-L5", [["L1-L2", "L2-L3", "L3-L4", "L4-L5"]]),
    # lists
    ("L4/L5 & L5/S1", [["L4-L5", "L5-S1"]]),
    ("L4/L5&L5/S1 levels", [["L4-L5", "L5-S1"]]),
    ("L3-L4, L4-L5, L5-S1", [["L3-L4", "L4-L5", "L5-S1"]]),
    ("L2/L3,L3/L4&L5/S1", [["L2-L3", "L3-L4", "L5-S1"]]),
    ("L4-l5 L5-S1", [["L4-L5", "L5-S1"]]),
    ("L3-L4 and L4-L5", [["L3-L4", "L4-L5"]]),
    ("L4-L5 AND L5-S1", [["L4-L5", "L5-S1"]]),
    # vertebral bodies
    ("L3 and L2 hemangiomas", [["L3", "L2"]]),
    ("at S2 level", [["S2"]]),
    ("D12 vertebral body", [["T12"]]),
    # a disc or foramen named by one vertebra is the segment below it; so is the foramen of a root
    ("the L5 disc", [["L5-S1"]]),
    ("L4 disk herniation", [["L4-L5"]]),
    ("C5 disc", [["C5-C6"]]),
    ("left L4 foraminal narrowing", [["L4-L5"]]),
    ("the right L3 neural foramen", [["L3-L4"]]),
    ("the foraminal opening of the L5 nerve root", [["L5-S1"]]),
    ("the left L5 root foramen", [["L5-S1"]]),
    ("C6 foramen", [["C6"]]),  # a cervical root leaves above its pedicle: not named this way
    ("L5 vertebral body", [["L5"]]),
    ("L5 pars defect", [["L5"]]),
    # T1 / T2 beside another vertebra in a list, or after 'at', is a vertebra; a range in a list of bodies is its bodies
    ("deposits at T2 and T5", [["T2", "T5"]]),
    ("metastases including C7, T2, T5", [["C7", "T2", "T5"]]),
    ("a deposit at T2.", [["T2"]]),
    ("fracture at T1", [["T1"]]),
    ("deposits at T5 and T7-T9", [["T5", "T7", "T8", "T9"]]),
    ("deposits at T7-T9 and L2", [["T7", "T8", "T9", "L2"]]),
    ("deposits at T2, T5 and T7-T9, L2 and L4", [["T2", "T5", "T7", "T8", "T9", "L2", "L4"]]),
    # ... not two findings' levels, each before its own word
    ("stenosis L2-4 and L5 pars defects", [["L2-L3", "L3-L4"], ["L5"]]),
    ("Modic changes at L4-S1 and L3 haemangioma", [["L4-L5", "L5-S1"], ["L3"]]),
    # not levels
    ("T1 and T2 hypointense lesion", []),
    ("Rt S1 nerve root", []),
    ("the left L5 root", []),
    ("encroaching the Rt S1 exit nerve root", []),
    ("the traversing L5 root", []),
    ("The conus terminates at L1", []),
    ("Conus medullaris is normal in signal, ending at L1 level", []),
    ("extrusion extending behind the L5 body", [["L5"]]),  # 'ending' is a word of its own
    ("T2 signal", []),
    ("bright at T2", []),
    ("hypointense on T1 and T2", []),
    ("L3 lesion, high on T2, low on T1", [["L3"]]),
    ("L2 metastasis, hyperintense on T2 and STIR", [["L2"]]),
    ("The L2 lesion enhances avidly at T1 post gadolinium", [["L2"]]),
    ("The L3 lesion is best appreciated at T1 post contrast", [["L3"]]),
    ("Lesions in L1, T1, T2 and STIR hyperintense", [["L1"]]),
    ("Metastasis in L4 with abnormal marrow at T1", [["L4"]]),
    ("Deposits at C7, T1, T2 and T3", [["C7", "T1", "T2", "T3"]]),
    ("Enhancing lesions at T2, T4 and T8-T10 compatible with metastases", [["T2", "T4", "T8", "T9", "T10"]]),
])
def test_level_forms(text, expected):
    assert levels(text) == expected


@pytest.mark.parametrize("text, header, emphasis", [
    ("L4-5: mild bulge", True, False),
    ("L4-L5 leve:l", True, False),
    ("At L4-5, there is a bulge", True, False),
    ("L3-L4 (adjacent segment): bulge", True, False),
    ("bulge at L4-5", False, False),
    ("bulges, noticeably at L3/L4 & L4/L5", False, True),
    ("mainly at L2/L3", False, True),
])
def test_header_and_emphasis(text, header, emphasis):
    g = find_level_groups(text)[0]
    assert (g.header, g.emphasis) == (header, emphasis)


def test_disc_levels_between_and_sort():
    assert disc_levels_between("L4", "S1") == ["L4-L5", "L5-S1"]
    assert disc_levels_between("L5", "S1") == ["L5-S1"]
    assert disc_levels_between("L5", "L4") == []
    assert sorted(["L5-S1", None, "T12-L1", "L3"], key=level_sort_key) == ["T12-L1", "L3", "L5-S1", None]


@pytest.mark.parametrize("level, relation, root", [
    ("L4-L5", "exiting", "L4"), ("L4-L5", "traversing", "L5"), ("L5-S1", "exiting", "L5"), ("L5-S1", "traversing", "S1"),
    ("L4", "exiting", None),
])
def test_root_at(level, relation, root):
    assert root_at(level, relation) == root


@pytest.mark.parametrize("root, relation, level", [
    ("L3", "exiting", "L3-L4"), ("L5", "exiting", "L5-S1"), ("S1", "traversing", "L5-S1"), ("L5", "traversing", "L4-L5"),
    ("S5", "exiting", None), ("C1", "traversing", None),
])
def test_level_of_root(root, relation, level):
    assert level_of_root(root, relation) == level


def test_adjacent_roots():
    assert adjacent_roots("L5", "S1") and adjacent_roots("L4", "L3")
    assert not adjacent_roots("L4", "S1") and not adjacent_roots("T12", "L1")


# How each finding's level was chosen (nlp/level_attach.py): (text, type, level, level_rule)
@pytest.mark.parametrize("text, ftype, level, rule", [
    # a dictation with no full stops: each line that opens on 'at <level>' is its own statement
    ("FINDINGS alignment is maintained vertebral body heights are preserved the conus terminates at L1 2 and is normal\n"
     "at L3 4 there is no disc bulge or herniation the canal and foramina are patent\nat L5 as 1 there is a large "
     "right paracentral extrusion", "disc_extrusion", "L5-S1", "header"),
    ("FINDINGS alignment is maintained vertebral body heights are preserved the conus terminates at L1 2 and is normal\n"
     "at L3 4 there is no disc bulge or herniation the canal and foramina are patent\nat L5 as 1 there is a large "
     "right paracentral extrusion", "fracture", None, None),
    # the finding's own statement
    ("Small disc protrusion at L4-5 on the right.", "disc_protrusion", "L4-L5", "sentence"),
    ("There is a right paracentral protrusion at the L3/L4 level.", "disc_protrusion", "L3-L4", "sentence"),
    ("Facet arthropathy at L3-4 and L4-5.", "facet_arthropathy", "L3-L4", "list"),
    ("Facet arthropathy at L3-4 and L4-5.", "facet_arthropathy", "L4-L5", "list"),
    ("Disc desiccation from L3-4 through L5-S1.", "disc_desiccation", "L4-L5", "range"),
    # a level header, on the finding's line or above it
    ("L4-5: Left paracentral disc protrusion.", "disc_protrusion", "L4-L5", "header"),
    ("L5-S1:\nMild bilateral foraminal narrowing.", "foraminal_stenosis", "L5-S1", "header"),
    # a statement that continues the one before, and 'this level'
    ("Disc bulge at L4-5. With mild canal stenosis.", "central_canal_stenosis", "L4-L5", "continuation"),
    ("Broad disc bulge at L3-4. Mild foraminal narrowing at this level.", "foraminal_stenosis", "L3-L4", "anaphora"),
    # a named root gives the level
    ("There is compression of the exiting right L3 nerve root.", "nerve_root_compression", "L3-L4", "named_root"),
    # what an anaphor's lesion does is at its level; a lesion described over several sentences
    ("There is an enhancing mass at T9. This mass causes moderate compression of the spinal cord.",
     "cord_abnormality", "T9", "anaphora"),
    ("There is a destructive lesion in the L2 vertebral body. The mass extends into the epidural space.",
     "neoplasm", "L2", "anaphora"),
    # 'at approximately this level'; 'at the level of the spondylolisthesis' names another finding's level
    ("Anterolisthesis at C7-T1. There is abnormal signal in the cord which begins at approximately this level.",
     "cord_abnormality", "C7-T1", "anaphora"),
    ("Anterolisthesis at L4-5. There is also mild stenosis at the level of the spondylolisthesis.",
     "central_canal_stenosis", "L4-L5", "anaphora"),
    ("Anterolisthesis at L4-5. There is also mild stenosis at the level of the spondylolisthesis.",
     "spondylolisthesis", "L4-L5", "anaphora"),
    # a statement about a structure named before with its levels
    ("Needles were placed into the facet joints at L3-4 and L4-5. Contrast filled each joint. The joints showed "
     "changes of facet arthropathy.", "facet_arthropathy", "L4-L5", "anaphora"),
    # a lesion introduced without a level and placed later in its section ('the mass ... from T2-T4')
    ("Findings: Large right paraspinal mass. The mass abuts the trachea. The mass extends into the neural foramina "
     "from T2-T4.", "neoplasm", "T3", "anaphora"),
    # or placed by the fragment after it
    ("Findings:\n- right paraspinal chest wall mass\n- measures 7 x 5 cm\n- located at levels T8 - T10\n",
     "neoplasm", "T9", "continuation"),
    # a whole-spine finding with its own level, or a highlighted one
    ("There is degenerative change at the L4-L5 level.", "spondylosis", "L4-L5", "sentence"),
    ("L5-S1 spondylosis with a disc bulge.", "spondylosis", "L5-S1", "sentence"),
    # a list of findings after one level: each has it
    ("L4-L5 and L5-S1 degenerative disk disease/disk protrusions/spondylosis.", "spondylosis", "L5-S1", "list"),
    ("Known L3-4 disc bulge, facet arthropathy and spondylosis.", "spondylosis", "L3-L4", "sentence"),
    # a level in the finding's own words
    ("There is a transitional lumbosacral area with a long transverse process of L1.", "transitional_vertebra",
     "L5-S1", "sentence"),
    ("Slight narrowing of the lumbosacral disc space.", "disc_height_loss", "L5-S1", "sentence"),
    ("Multilevel degenerative change, most marked at L3-4.", "spondylosis", "L3-L4", "sentence"),
    ("Multilevel degenerative change, most marked at L3-4.", "spondylosis", None, "sentence"),
    # a disc or foramen named by its vertebra
    ("Left L4 foraminal narrowing.", "foraminal_stenosis", "L4-L5", "sentence"),
    ("There is herniation of the L5 disc on the left.", "disc_herniation", "L5-S1", "sentence"),
    # the result of what the statement before placed: its level (and side, below)
    ("Contrast was placed through the foraminal opening of the L5 nerve root on the left. This did show a "
     "narrowed dye pattern consistent with foraminal stenosis.", "foraminal_stenosis", "L5-S1", "anaphora"),
    ("Flexion and extension views of L4-5 were obtained. These demonstrated a grade 1 anterolisthesis.",
     "spondylolisthesis", "L4-L5", "anaphora"),
    # a level-by-level list whose line breaks were lost: each level header heads the statements after it
    ("FINDINGS: L4-5: Large central extrusion. Severe canal stenosis. L5-S1: Normal.", "central_canal_stenosis",
     "L4-L5", "header"),
    ("L3-4: Mild disc bulge. Severe left foraminal stenosis. L4-5: Disc bulge.", "foraminal_stenosis",
     "L3-L4", "header"),
    ("L3-4: Mild disc bulge. No stenosis. L4-5: Disc bulge.", "central_canal_stenosis", "L3-L4", "header"),
    # 'This compresses the root' after another level's finding of the same type: 'This' is the verb's subject (the
    # finding before), not the root's anaphor
    ("At L4/5 there is a bulge which does not compromise the nerve roots.\n\nAt L5/S1 there is a large right "
     "paracentral extrusion behind the S1 body. This markedly compresses the right S1 nerve root.",
     "nerve_root_compression", "L5-S1", "anaphora"),
    # a narrative paragraph of one disc level: its later statements with no level of their own are at it
    ("There are bilateral L5 pars defects with a grade II anterolisthesis of L5 on S1. The slip results in severe "
     "foraminal stenosis.", "foraminal_stenosis", "L5-S1", "continuation"),
    ("There is severe central canal stenosis at L4/5. Moderate bilateral subarticular recess narrowing.",
     "lateral_recess_stenosis", "L4-L5", "continuation"),
    ("D11/D12. showed ligamentum flavum hypertrophy", "ligamentum_flavum_hypertrophy", "T11-T12", "continuation"),
    # of two levels named together, 'the former' is the first, 'the latter' the second
    ("L3-4 and L4-5 show mild bulges, the former with mild left lateral recess stenosis.", "lateral_recess_stenosis",
     "L3-L4", "anaphora"),
    ("L3-4 and L4-5 show mild bulges, the latter with moderate canal stenosis.", "central_canal_stenosis", "L4-L5",
     "anaphora"),
    # ... or with a statement of its level alone, as its topic
    ("Since the prior study, the main change is at L4-L5. There is a new extrusion compressing the cauda equina.",
     "cauda_equina_compression", "L4-L5", "continuation"),
    # ... also when it opens with a change since the prior study, and places something 'above the level' it describes
    ("Since the prior study, the main change is at L4-L5. The anterolisthesis of L4 on L5 has progressed. In combination with a disc bulge, the "
     "central canal is now severely narrowed, with redundancy of the roots above the level.", "central_canal_stenosis",
     "L4-L5", "continuation"),
    # ... and a paragraph about one vertebra's fracture or lesion places the narrowing it goes on to there
    ("Acute burst fracture of L1. Retropulsion with moderate canal stenosis and indentation of the thecal sac.",
     "thecal_sac_compression", "L1", "continuation"),
    # 'the disc below' is the next disc down from the one just described
    ("The L4/5 disc is desiccated with a small bulge. The disc below shows a right paracentral extrusion.",
     "disc_extrusion", "L5-S1", "anaphora"),
    # ... the canal, recesses, foramina and roots a level's account goes on to after the last header too, and in a
    # report quoted in a note ('report: "L4-5: ...')
    ("FINDINGS: L4-5: Disc extrusion. L5-S1: Mild disc bulge. No canal or foraminal stenosis.", "foraminal_stenosis",
     "L5-S1", "header"),
    ('MRI report: "L4-5: Right disc extrusion. No lateral recess stenosis. L5-S1: Mild disc bulge."',
     "lateral_recess_stenosis", "L4-L5", "header"),
    # a level header right after the section's on its line opens that line's list, as at a line's start
    ("FINDINGS: L4-5: Broad disc bulge. Moderate left foraminal stenosis.", "foraminal_stenosis", "L4-L5", "header"),
    ("Impression: L5-S1: Small protrusion.\nMild right foraminal stenosis.", "foraminal_stenosis", "L5-S1", "header"),
    # a narrative's 'At L4-5, ...' inside a paragraph heads the rest of its paragraph line, not the header above
    ("The L3-4 disc is desiccated.\nThe next level down is the most abnormal. At L4-5, a right paracentral extrusion "
     "compresses the right L5 nerve root. The thecal sac is effaced on the right.", "thecal_sac_compression", "L4-L5",
     "header"),
    # ... also after the section's heading, without a comma, and a level that is its statement's subject
    ("FINDINGS: At L5-S1 there is a broad-based disc protrusion. The foramina are moderately narrowed bilaterally.",
     "foraminal_stenosis", "L5-S1", "header"),
    ("Findings: At L5-S1, a broad-based protrusion. There is moderate left foraminal stenosis.",
     "foraminal_stenosis", "L5-S1", "header"),
    ("FINDINGS: The L4-5 level shows a disc bulge. There is moderate left foraminal stenosis.",
     "foraminal_stenosis", "L4-L5", "header"),
    ("Normal alignment. L4-5 demonstrates a disc bulge. There is moderate canal stenosis.",
     "central_canal_stenosis", "L4-L5", "header"),
    ("The L4-5 level shows a disc bulge.\nThere is moderate left foraminal stenosis.",
     "foraminal_stenosis", "L4-L5", "header"),
    # a Modic change's own words, then its place ('either side of'), bind the level after it, not the list before
    ("Disc desiccation at L2/3 and L4/5, and Modic type 1 endplate oedema either side of the L3/4 disc.",
     "modic_change", "L3-L4", "sentence"),
    ("Disc bulges at L3-4 and L4-5, and Modic type 2 changes at L5-S1.", "modic_change", "L5-S1", "sentence"),
    # a label of the segment before a header's colon ('Adjacent segment L3-4:') heads its statements too
    ("FINDINGS:\nAdjacent segment L3-4: Facet joint hypertrophy. Moderate spinal canal stenosis.",
     "central_canal_stenosis", "L3-L4", "header"),
    # a level's own dashes are no separator
    ("FINDINGS:\nL4-5 ---- large central extrusion compressing the cauda equina.", "cauda_equina_compression", "L4-L5",
     "sentence"),
    # a whole-spine word on a level's own header line is of that level
    ("FINDINGS:\nL3-4: Degenerative changes.\nL4-5: Mild disc bulge.", "spondylosis", "L3-L4", "header"),
    # a hedged diagnosis that only names what the statement before placed takes its level
    ("A 14 mm lesion in the posterior L2 vertebral body is new. A metastasis cannot be excluded.", "neoplasm", "L2",
     "anaphora"),
    ("There is a 2 cm enhancing mass at the L1-L2 level. Most likely a schwannoma.", "neoplasm", "L1-L2", "sentence"),
    # 'Here' after a statement that names the level
    ("The most significant level is L4/5. Here there is a grade 1 anterolisthesis.", "spondylolisthesis", "L4-L5",
     "anaphora"),
    # a size in brackets does not split a list of levels
    ("Multiple marrow lesions, largest in T6 (18 mm) and L2 (22 mm), in keeping with myeloma deposits.", "neoplasm",
     "T6", "list"),
    ("Multiple marrow lesions, largest in T6 (18 mm) and L2 (22 mm), in keeping with myeloma deposits.", "neoplasm",
     "L2", "list"),
    # a level right before the finding's side and zone is its own ('L5-S1 left disc extrusion and L4-5 ...')
    ("L5-S1 left disc extrusion and L4-5 right foraminal protrusion.", "disc_extrusion", "L5-S1", "sentence"),
    ("L5-S1 left disc extrusion and L4-5 right foraminal protrusion.", "disc_protrusion", "L4-L5", "sentence"),
    # a level after a comma is the next item's when the finding's own clause has one; without one, the level
    # after is the list's ('Disc bulge, facet arthropathy and ligamentum flavum thickening at L4-5')
    ("Severe L4-5 central stenosis with crowding of the cauda equina and severe lateral recess stenosis, moderate "
     "stenosis at L3-4.", "cauda_equina_compression", "L4-L5", "sentence"),
    ("Severe L4-5 central stenosis with crowding of the cauda equina and severe lateral recess stenosis, moderate "
     "stenosis at L3-4.", "lateral_recess_stenosis", "L4-L5", "sentence"),
    ("Severe L4-5 central stenosis with crowding of the cauda equina and severe lateral recess stenosis, moderate "
     "stenosis at L3-4.", "central_canal_stenosis", "L3-L4", "sentence"),
    ("Disc bulge, facet arthropathy and ligamentum flavum thickening at L4-5.", "facet_arthropathy", "L4-L5",
     "sentence"),
    ("Mild L3-4 bulge, and facet arthropathy, ligamentum flavum thickening at L4-5.", "facet_arthropathy", "L4-L5",
     "sentence"),
    ("Disc bulges at L4/L5 & L5/S1 indenting the thecal sac, with right foraminal narrowing at L4/L5.",
     "thecal_sac_compression", "L5-S1", "list"),
    # what the finding before does ('This results in ...') is at its level
    ("Left L4-5 disc protrusion. This results in narrowing of the lateral recess.", "lateral_recess_stenosis", "L4-L5",
     "anaphora"),
    ("Right L5-S1 extrusion. It compresses the thecal sac.", "thecal_sac_compression", "L5-S1", "anaphora"),
    # ... also when that statement names a second level on the way: the finding it follows from decides
    ("A large disc extrusion at L4/L5 extends 12 mm cranially behind the L4 body. This causes severe canal stenosis "
     "with compression of the cauda equina.", "cauda_equina_compression", "L4-L5", "anaphora"),
    ("A large disc extrusion at L4/L5 extends 12 mm cranially behind the L4 body. This causes severe canal stenosis.",
     "central_canal_stenosis", "L4-L5", "anaphora"),
    # 'the disc' on a line headed by its level is that level's, not the last disc named with the word
    ("Findings:\nThe large left disc extrusion at L5-S1 has largely regressed.\nL4-L5: interval progression of disc "
     "height loss. The disc remains desiccated.", "disc_desiccation", "L4-L5", "header"),
    # the levels after the next clause's finding are its own, not the finding's before it
    ("MRI showed a large right disc extrusion at L5/S1, compressing the right S1 nerve root, with desiccation of the "
     "L4/5 and L5/S1 discs.", "nerve_root_compression", "L5-S1", "sentence"),
    # a root named by what it causes is no level
    ("Right L5/S1 extrusion. It does not explain her left-sided S1 symptoms.", "disc_extrusion", "L5-S1", "sentence"),
    ("FINDINGS:\nL4-5: Disc bulge. Alignment is normal.", "spondylolisthesis", "L4-L5", "header"),
    # the lesion a definite word names is the one before, not the vertebrae a later clause names
    ("FINDINGS: L4 compression fracture. The fracture is acute; the L3 and L5 vertebral bodies are normal.", "fracture",
     "L4", "anaphora"),
    ("FINDINGS: The remaining discs have good hydration; the L3/4 disc has lost height.", "disc_height_loss", "L3-L4",
     "sentence"),
    # a slip named by its vertebra is at the segment below; a pars defect named by its segment is the upper vertebra's
    ("Bilateral pars defects at L5 with grade 1 anterolisthesis.", "spondylolisthesis", "L5-S1", "sentence"),
    ("Retrolisthesis of L2 by 3 mm.", "spondylolisthesis", "L2-L3", "sentence"),
    ("Grade I spondylolithesis of L5 over S1 with bilateral pars defects.", "spondylolysis", "L5", "sentence"),
    ("Grade I spondylolithesis of L5 over S1 with bilateral pars defects.", "spondylolisthesis", "L5-S1", "sentence"),
    # a definite finding stated present is the one named before at one level; what it does is there too
    ("A large right paracentral disc extrusion at L5/S1. Interestingly, the extrusion does not touch the left S1 root.",
     "nerve_root_contact", "L5-S1", "anaphora"),
])
def test_level_rule(analyze, text, ftype, level, rule):
    found = [(f.level, m.level_rule) for f in analyze(text).findings if f.type == ftype for m in f.mentions]
    assert (level, rule) in found, found


# 'at this level' after a statement over several levels that singles one out by a finding is that one; 'these levels'
# are all of them; 'the slip' is the slip named before (only a slip: 'a slip on ice' is a fall)
@pytest.mark.parametrize("text, ftype, levels", [
    ("Grade 1 anterolisthesis at L3/4. Disc spaces are narrowed from L2/3 to L5/S1, most markedly at the level of the "
     "slip. At this level there is severe canal stenosis with crowding of the cauda equina.", "cauda_equina_compression",
     {"L3-L4"}),
    ("Grade 1 anterolisthesis at L3/4. Disc spaces are narrowed from L2/3 to L5/S1, most markedly at the level of the "
     "slip. At this level there is severe canal stenosis.", "central_canal_stenosis", {"L3-L4"}),
    ("Grade 1 anterolisthesis at L3/4. Disc spaces are narrowed from L2/3 to L5/S1, most markedly at the level of the "
     "slip. At these levels there is mild canal stenosis.", "central_canal_stenosis",
     {"L2-L3", "L3-L4", "L4-L5", "L5-S1"}),
    ("Disc spaces are narrowed from L2/3 to L5/S1, most markedly at L3/4. At this level there is severe canal stenosis.",
     "central_canal_stenosis", {"L3-L4"}),
    ("Disc bulges at L3/4 and L4/5. At these levels there is moderate canal stenosis.", "central_canal_stenosis",
     {"L3-L4", "L4-L5"}),
    ("History: a slip on ice.\nFINDINGS: The slip is not seen. Normal alignment.", "spondylolisthesis", {None}),
    ("History: back pain.\nFINDINGS: Mild L4/5 bulge. The slip of concern on x-ray is not seen.", "spondylolisthesis",
     set()),
])
def test_this_level_after_several(analyze, text, ftype, levels):
    assert {f.level for f in analyze(text).findings if f.type == ftype} == levels


# 'otherwise' / 'elsewhere' after the levels named turns to the rest of the spine; a line's own level stays
@pytest.mark.parametrize("text, ftype, levels", [
    ("FINDINGS: Small corner lesions at L2 and L3, otherwise unremarkable; no disc prolapse.", "disc_herniation", {None}),
    ("FINDINGS: Disc bulge at L4-5, elsewhere mild desiccation.", "disc_desiccation", {None}),
    ("FINDINGS: Disc bulge at L4-5, elsewhere mild desiccation.", "disc_bulge", {"L4-L5"}),
    ("L4-5: Disc bulge, otherwise no stenosis.", "central_canal_stenosis", {"L4-L5"}),
    ("FINDINGS: At L4/5 the disc is mildly dehydrated but is otherwise unremarkable, with no focal herniation.",
     "disc_herniation", {"L4-L5"}),
    ("FINDINGS: Otherwise, there is a disc bulge at L4-5.", "disc_bulge", {"L4-L5"}),
    # ... a finding stated present after 'otherwise' is the levels' own
    ("FINDINGS: Large central L4/5 extrusion, otherwise unremarkable, causing severe compression of the cauda equina.",
     "cauda_equina_compression", {"L4-L5"}),
    ("FINDINGS: Acute L1 burst fracture, otherwise normal alignment, with retropulsion causing cord compression.",
     "cord_abnormality", {"L1"}),
])
def test_otherwise_is_the_rest_of_the_spine(analyze, text, ftype, levels):
    assert {f.level for f in analyze(text).findings if f.type == ftype} == levels


# a fragment placed behind a body is at the disc the paragraph described, past the bodies its account named
@pytest.mark.parametrize("text, ftype, levels", [
    ("Large L4/5 disc extrusion extending caudally behind the L5 body. The left L5 root cannot be separately identified. "
     "A separate fragment posterior to the inferior L5 body may be sequestered.", "disc_sequestration", {"L4-L5"}),
    ("L5 burst fracture. A fragment posterior to the L5 body.", "fracture", {"L5"}),
])
def test_fragment_behind_a_body(analyze, text, ftype, levels):
    assert {f.level for f in analyze(text).findings if f.type == ftype} == levels


# the sacral ala is the first sacral vertebra's; the sacroiliac joints are beside the spine, at no spinal level
@pytest.mark.parametrize("text, ftype, levels", [
    ("Linear fracture line in the left sacral ala with marrow oedema, in keeping with a stress fracture.", "fracture",
     {"S1"}),
    ("Sclerotic deposit in the right ala of the sacrum.", "neoplasm", {"S1"}),
    ("Sacroiliitis with oedema in the sacral alae.", "sacroiliitis", {None}),
    ("Bilateral sacroiliitis with marrow oedema at S1 and S2.", "sacroiliitis", {None}),
])
def test_sacrum(analyze, text, ftype, levels):
    assert {f.level for f in analyze(text).findings if f.type == ftype} == levels


@pytest.mark.parametrize("text, ftype", [
    ("Mild levoscoliosis.", "scoliosis"),  # a whole-spine finding has no level
    ("Disc protrusion noted.", "disc_protrusion"),  # no level stated anywhere
    # a level elsewhere in the statement is another finding's
    ("Lumbar spondylosis with disc bulges at L3-4 and L4-5.", "spondylosis"),
    ("Degenerative changes, and a protrusion at L5-S1.", "spondylosis"),
    # a structure not named with levels before, or in another paragraph, places nothing
    ("Needles were placed at L3-4. The joints showed facet arthropathy.", "facet_arthropathy"),
    ("The facet joints at L3-4 were injected.\n\nThe joints showed facet arthropathy.", "facet_arthropathy"),
    # one level header inside a line heads its own statement only; a statement with its own level ends a run's reach
    ("Mild bulge at L3-4. L4-5: Mild bulge. There is also mild facet arthropathy.", "facet_arthropathy"),
    ("Mild bulge at L3-4. Also seen: L4-5: Mild bulge. There is also mild facet arthropathy.", "facet_arthropathy"),
    ("L3-4: Bulge. L4-5: Bulge. Stenosis at L2-3 too. Mild facet arthropathy.", "facet_arthropathy"),
    # ... not a denial (often of the whole study), a lesion, a line of its own, a paragraph of two places, nor after
    # an operation's level or a finding gone
    ("There is severe central canal stenosis at L4/5. No foraminal stenosis.", "foraminal_stenosis"),
    ("There is a disc bulge at L4/5. Query discitis.", "infection"),
    ("There is severe central canal stenosis at L4/5.\nModerate facet arthropathy.", "facet_arthropathy"),
    ("Haemangioma in L2. Disc bulge at L4-5. Mild facet arthropathy.", "facet_arthropathy"),
    ("Instrumented fusion at L4-5. Moderate facet arthropathy.", "facet_arthropathy"),
    ("Old healed fracture of L1. Moderate canal stenosis.", "central_canal_stenosis"),
    ("Stable L1 fracture, unchanged since 2019. Moderate canal stenosis.", "central_canal_stenosis"),
    ("Acute compression fracture of L2. Severe central canal stenosis from a large disc extrusion.",
     "central_canal_stenosis"),
    ("Acute L1 fracture. Left S1 nerve root compression.", "nerve_root_compression"),
    ("Metastasis in T10. Large central disc extrusion with compression of the cauda equina.", "cauda_equina_compression"),
    ("Haemangioma in L2. Moderate canal stenosis.", "central_canal_stenosis"),
    ("Findings: There is an L5/S1 disc extrusion. There is also a small disc bulge higher up.", "disc_bulge"),
    ("Anterolisthesis of L4 on L5. Disc bulges are seen at the upper lumbar levels.", "disc_bulge"),
    ("Impression: 1. L4-5 moderate canal stenosis. 2. Left foraminal disc protrusion.", "disc_protrusion"),
    ("Multilevel spondylosis, worst at L4-5. Moderate right foraminal stenosis.", "foraminal_stenosis"),
    ("Comparison is made with the previous MRI of 2019 which showed an L4/5 disc bulge. There is now a large right "
     "paracentral extrusion.", "disc_extrusion"),
    # ... after the last header of a run, a whole-spine statement is the report's ('Normal conus.', 'No listhesis.')
    ("FINDINGS: L4/5: Disc bulge. L5/S1: normal disc height. Normal conus.", "cord_abnormality"),
    ("FINDINGS: L4/5: Disc bulge. L5/S1: normal disc height. No spondylolisthesis.", "spondylolisthesis"),
    # 'It showed' takes a level only from the one statement before, and only one level
    ("History of L4-5 fusion. MRI was then done. It showed a disc bulge.", "disc_bulge"),
    ("Injections at the right L4-5 and left L5-S1 foramina. This showed foraminal stenosis.", "foraminal_stenosis"),
    ("Contrast was injected at L4-5.\n\nThis showed foraminal stenosis.", "foraminal_stenosis"),
    # a fragment that does not say where the lesion is places nothing
    ("Findings:\n- paraspinal mass\n- compare with the chest CT at T8\n", "neoplasm"),
    # a narrative's 'At L4-5, ...' heads the rest of its own line only
    ("The next level down is the most abnormal. At L4-5, a right paracentral extrusion.\nMild facet arthropathy.",
     "facet_arthropathy"),
    # a hedged diagnosis that is one word of another description, or after a paragraph break, places nothing
    ("Grade I spondylolisthesis of L5 over S1.\nBulky left iliopsoas muscle with abnormal signal ? infective.",
     "infection"),
    ("A 14 mm lesion in the posterior L2 vertebral body is new.\n\nA metastasis cannot be excluded.", "neoplasm"),
    # a level written right before another finding joined on is that finding's, not the diffuse disease's
    ("Marrow infiltration consistent with myeloma, with a mild pathological T9 fracture.", "neoplasm"),
    # a level that 'has been fused' heads nothing; a diagnosis after a statement that placed no lesion takes no level
    ("FINDINGS: L4-5 has been fused. There is severe canal stenosis with cauda equina compression.",
     "cauda_equina_compression"),
    ("FINDINGS: Mild L4-5 disc bulge. A metastasis cannot be excluded.", "neoplasm"),
    # a finding named before a level's colon is no label of the segment: the next line is not that level's
    ("FINDINGS:\nDisc bulge L4-5: mild.\nFacet arthropathy.", "facet_arthropathy"),
    # a '----' separator and the full stop of 'B/L.' end a statement; 'otherwise' speaks of the rest
    ("LF hypertrophy L4-5 ---- no nerve root compression.", "nerve_root_compression"),
    ("Facet arthrosis L4-5 B/L. Canal otherwise patent.", "central_canal_stenosis"),
    ("L4-5: disc bulge. Canal otherwise patent.", "central_canal_stenosis"),
    # ... and not a statement of the whole spine or of the other levels
    ("FINDINGS: L4-5: disc bulge. Multilevel degenerative change.", "spondylosis"),
    ("FINDINGS:\nL3-4:\n\nDegenerative changes.", "spondylosis"),
    ("FINDINGS: At L5-S1 there is an annular tear. The spinal canal is adequate throughout.", "central_canal_stenosis"),
    ("FINDINGS: The L4-5 level shows an annular tear. The remaining lumbar discs show no protrusion.",
     "disc_protrusion"),
    # a level that is not the statement's subject heads nothing ('protrusion at L4-5 has ...' is the finding's)
    ("Mild canal stenosis. The protrusion at L4-5 has resolved. Moderate facet arthropathy.", "facet_arthropathy"),
    # with two levels named before, 'the bulge' is not said to be either
    ("Disc bulges at L3/4 and L4/5. The bulge narrows both exit foramina.", "foraminal_stenosis"),
    # the remaining discs are no one level, whatever the next clause names
    ("FINDINGS: The remaining discs have good hydration; the L3/4 disc has lost height.", "disc_desiccation"),
    # 'at any level' is every level
    ("FINDINGS: At L5/S1 there is a mild disc bulge. There is no central stenosis at any level.", "central_canal_stenosis"),
    # 'the lower discs' are several, whatever line heads them
    ("L5/S1 : central disc protruion indenting thecal sac.\nDissicating lower discs.", "disc_desiccation"),
    # the alignment is the spine's, unless a level labels its line or its statement names one
    ("FINDINGS: At L4-L5 and L5-S1 there is mild disc desiccation. Alignment is maintained.", "spondylolisthesis"),
])
def test_no_level_no_rule(analyze, text, ftype):
    found = [(f.level, m.level_rule) for f in analyze(text).findings if f.type == ftype for m in f.mentions]
    assert found and all(x == (None, None) for x in found), found


def test_structure_named_before_gives_its_sides(analyze):
    """'the left-sided and right-sided facet joints at L3-4 ... The joints showed ...': both sides."""
    result = analyze("Needles were placed into the left-sided and right-sided facet joints at L3-4. "
                     "The joints showed facet arthropathy.")
    assert {(f.type, f.level, f.side) for f in result.findings} >= {("facet_arthropathy", "L3-L4", "bilateral")}


@pytest.mark.parametrize("before, side", [
    ("Contrast was placed at the L5 foramen on the left.", "left"),
    ("Contrast was placed at the left and right L5 foramina.", "bilateral"),
    ("Contrast was placed at the L5 foramen.", None),
    # sides as reports abbreviate them
    ("Contrast was placed at the Lt L5 foramen.", "left"),
    ("Contrast was placed at the rt. L5 foramen.", "right"),
    ("Contrast was placed at the L5 foramina b/l, under fluoroscopy.", "bilateral"),
    ("Contrast was placed at the L5 foramina (lt and rt).", "bilateral"),
])
def test_result_of_the_statement_before_takes_its_side(analyze, before, side):
    result = analyze(before + " This showed a narrowed dye pattern consistent with foraminal stenosis.")
    assert {(f.type, f.level, f.side) for f in result.findings} == {("foraminal_stenosis", "L5-S1", side)}


@pytest.mark.parametrize("result_text, expected", [
    # ... but not for what has no side of its own: a slip, the canal, a central disc
    ("This showed a grade 1 anterolisthesis.", ("spondylolisthesis", "L4-L5", None)),
    ("This showed central canal stenosis.", ("central_canal_stenosis", "L4-L5", None)),
    ("This showed a central disc herniation.", ("disc_herniation", "L4-L5", None)),
])
def test_result_of_the_statement_before_no_side_for_the_sideless(analyze, result_text, expected):
    result = analyze("Myelogram at left L4-5. " + result_text)
    assert {(f.type, f.level, f.side) for f in result.findings} == {expected}


def test_two_lesions_are_not_one(analyze):
    """A lesion is placed by a later mention only when every placed mention agrees."""
    result = analyze("Findings: Right paraspinal mass. A second mass at L2. The mass at L4 enhances.")
    levels = {f.level for f in result.findings if f.type == "neoplasm"}
    assert levels == {None, "L2", "L4"}, levels


@pytest.mark.parametrize("text, expected", [
    # a fracture of another age is another fracture: the acute one keeps its red flag, at no level
    ("FINDINGS: Old healed L1 compression fracture. There is an acute fracture with marrow oedema.",
     {("L1", "chronic", "likely_incidental"), (None, "acute", "red_flag")}),
    ("FINDINGS: Acute fracture with marrow oedema. Old healed L1 compression fracture.",
     {("L1", "chronic", "likely_incidental"), (None, "acute", "red_flag")}),
    ("Findings:\nOld L1 fracture. Possible acute fracture with faint marrow oedema.",
     {("L1", "chronic", "likely_incidental"), (None, "acute", "red_flag")}),
    ("Findings:\nL2 fracture. The fracture is old and healed, unlike the acute L4 fracture seen today.",
     {("L2", "chronic", "likely_incidental"), ("L4", "acute", "red_flag")}),
    ("FINDINGS: L3 compression fracture. The fracture is acute; there are old fractures of T11 and T12.",
     {("L3", "acute", "red_flag"), ("T11", "chronic", "likely_incidental"), ("T12", "chronic", "likely_incidental")}),
    ("FINDINGS: Unlike the acute L4 fracture seen today, the L2 fracture is chronic.",
     {("L4", "acute", "red_flag"), ("L2", "chronic", "likely_incidental")}),
    ("FINDINGS: Acute L1 fracture and old T11 fracture.", {("L1", "acute", "red_flag"), ("T11", "chronic", "likely_incidental")}),
    ("FINDINGS: Old L1 fracture. The fracture, at T12, is acute.",
     {("L1", "chronic", "likely_incidental"), ("T12", "acute", "red_flag")}),
    # ... of the same age, or of none told, the same one
    ("FINDINGS: Acute L1 compression fracture. The fracture shows marrow oedema.", {("L1", "acute", "red_flag")}),
    ("FINDINGS: Old healed L1 compression fracture. The fracture shows no retropulsion.",
     {("L1", "chronic", "likely_incidental")}),
])
def test_a_fracture_of_another_age_is_another_fracture(analyze, text, expected):
    got = {(f.level, f.acuity, f.assessment.category) for f in analyze(text).findings if f.type == "fracture"}
    assert got == expected


@pytest.mark.parametrize("result_text, expected", [
    # the result of a lesion whose statement names two levels: its root and recess on its side, the canal and the
    # cauda equina on none
    ("This compresses the L5 nerve root.", ("nerve_root_compression", "L4-L5", "left")),
    ("This narrows the lateral recess.", ("lateral_recess_stenosis", "L4-L5", "left")),
    ("This compresses the cauda equina.", ("cauda_equina_compression", "L4-L5", None)),
])
def test_result_of_a_lesion_named_with_two_levels(analyze, result_text, expected):
    result = analyze("Left paracentral L4-5 extrusion extending behind the L5 body. " + result_text)
    assert expected in {(f.type, f.level, f.side) for f in result.findings}


@pytest.mark.parametrize("text, ftype, expected", [
    # a level anaphor coordinated with a named level: the level just described and the one named
    ("The L5 S1 disk shows a left foraminal protrusion. There is mild facet arthrosis at this level and at L4 L5.",
     "facet_arthropathy", {"L5-S1", "L4-L5"}),
    ("L5-S1: left foraminal protrusion. Mild facet arthrosis at L4-5 and at this level.", "facet_arthropathy",
     {"L5-S1", "L4-L5"}),
    ("L5-S1: left foraminal protrusion. Mild facet arthrosis at L4-5.", "facet_arthropathy", {"L4-L5"}),
    ("L5-S1: left foraminal protrusion.\n\nMild facet arthrosis at this level and at L4-5.", "facet_arthropathy",
     {"L4-L5"}),  # a new paragraph: 'this level' has nothing to point back to here
    # a statement turning to the other side of the level just described continues it; a new paragraph does not
    ("At L4-5 there is a left paracentral protrusion. On the right the foramen is mildly narrow.",
     "foraminal_stenosis", {"L4-L5"}),
    ("At L4-5 there is a left paracentral protrusion. On the other side there is mild lateral recess narrowing.",
     "lateral_recess_stenosis", {"L4-L5"}),
    ("At L4-5 there is a left paracentral protrusion.\n\nOn the right the foramen is mildly narrow.",
     "foraminal_stenosis", {None}),
    # a level a narrative turns its attention to heads what follows it
    ("Attention is first drawn to L5-S1. A residual right paracentral protrusion contacts the right S1 nerve root.",
     "disc_protrusion", {"L5-S1"}),
    ("Turning to L4-5: there is a broad bulge. Mild bilateral foraminal narrowing.", "foraminal_stenosis", {"L4-L5"}),
    # the level below / above the one just named
    ("L3-4 is normal. The level below shows mild disc desiccation.", "disc_desiccation", {"L4-L5"}),
    ("L4-5: moderate canal stenosis. The level above shows a mild bulge.", "disc_bulge", {"L3-L4"}),
    ("L3-4 is normal. The next lower level shows a small protrusion.", "disc_protrusion", {"L4-L5"}),
    ("L4-5: bulge.\n\nThe level below shows a protrusion.", "disc_protrusion", {"L5-S1"}),
    # a disc fragment's migration behind a body is where it went, not its level: the narrative's level stands
    ("At L5-S1 there is enhancing epidural fibrosis. Within this there is a 7 mm component extending caudally behind "
     "the S1 body, consistent with a recurrent left paracentral disc extrusion.", "disc_extrusion", {"L5-S1"}),
    ("L2 vertebral body hemangioma.", "hemangioma", {"L2"}),
    # a body's finding 'at this level' is at the body just described (a fracture's retropulsion is the fracture's)
    ("Acute burst fracture of L1. There is 4 mm retropulsion causing narrowing of the spinal canal at this level.",
     "fracture", {"L1"}),
    ("Acute burst fracture of L1.\n\nThere is 4 mm retropulsion causing narrowing of the canal at this level.",
     "fracture", {"L1", None}),
    # a disc's finding 'at this level' is at the disc just described, past the body its fragment migrated behind
    ("L4/5 - large central disc extrusion with caudal migration behind the L5 body, occupying 80% of the canal. The "
     "cauda equina is severely compressed at this level.", "cauda_equina_compression", {"L4-L5"}),
    ("FINDINGS: L3-4: disc bulge. L5 vertebral body haemangioma. The canal is narrowed at this level.",
     "central_canal_stenosis", {"L5"}),
    # a level and a dash open a level's line as its colon does
    ("FINDINGS:\nL3/4 - mild disc bulge.\nL5/S1 - normal disc. No stenosis.", "central_canal_stenosis", {"L5-S1"}),
    ("FINDINGS:\nL4 - L5 disc bulge. Moderate canal stenosis.", "central_canal_stenosis", {"L4-L5"}),
    # a vertebra's line with its colon heads its lesion and what the lesion does to the canal and cord; not a disc's
    ("FINDINGS:\n- T10: metastatic replacement of the body. Epidural tumour, high-grade cord compression.\n- L4: normal.",
     "cord_abnormality", {"T10"}),
    ("FINDINGS:\n- T10: metastatic replacement of the body. Epidural tumour, high-grade cord compression.",
     "neoplasm", {"T10"}),
    ("FINDINGS:\nL5: transitional vertebra. Mild disc bulge.", "disc_bulge", {None}),
    # a reading of what the statement before described ('Appearances are ...') is at the level it placed
    ("FINDINGS: There is endplate erosion at L3-4 with fluid signal in the disc. Appearances are consistent with "
     "discitis.", "infection", {"L3-L4"}),
    ("FINDINGS: There is a lesion in the L2 vertebral body replacing the marrow. Features are typical of a metastasis.",
     "neoplasm", {"L2"}),
    ("FINDINGS: Destruction of the endplates of T11 and T12 with a paravertebral collection. Features are typical of "
     "tuberculous spondylitis.", "infection", {"T11", "T12"}),
    ("FINDINGS: Lesion in the L2 body. Appearances are in keeping with a metastasis; another lesion in the sacrum.",
     "neoplasm", {"L2"}),
    ("FINDINGS: Mild L4-5 disc bulge. Appearances are typical of a metastasis elsewhere.", "neoplasm", {None}),
    ("FINDINGS: Mild L3-4 disc bulge. There is end plate erosion at L4-5. Appearances are consistent with discitis.",
     "infection", {"L4-L5"}),
])
def test_level_carried_by_discourse(analyze, text, ftype, expected):
    assert {f.level for f in analyze(text).findings if f.type == ftype} == expected


def test_result_of_a_statement_with_findings_at_two_levels_has_no_level(analyze):
    # 'Mild bulge at L3/4 and large extrusion at L4/5. This causes ...': which one is not said
    result = analyze("Mild disc bulge at L3/4 and large central extrusion at L4/5. This causes severe canal stenosis "
                     "and compression of the cauda equina.")
    assert {(f.type, f.level) for f in result.findings if f.type == "cauda_equina_compression"} == {
        ("cauda_equina_compression", None)}


@pytest.mark.parametrize("text, ftype, expected", [
    # where a normal conus ends is its position, not a denied cord finding's level; a cord finding stated keeps it
    ("FINDINGS: Conus normal at L1.", "cord_abnormality", {None}),
    ("FINDINGS: The conus is at L1; the filum terminale is not thickened and there is no evidence of tethered cord.",
     "cord_abnormality", {None}),
    ("FINDINGS: The conus medullaris is normal in position (L1) and signal.", "cord_abnormality", {None}),
    ("FINDINGS: Conus compressed at L1.", "cord_abnormality", {"L1"}),
    ("FINDINGS: The conus is at L1. No cord compression at T11.", "cord_abnormality", {"T11"}),
    # a named root compressed by the recess or canal stenosis before it traverses that stenosis's level
    ("FINDINGS: Grade 1 anterolisthesis of L4 on L5 with severe central and right lateral recess stenosis compressing the "
     "right L5 nerve root, and moderate left foraminal stenosis at L5-S1.", "nerve_root_compression", {"L4-L5"}),
    ("FINDINGS: L5-S1: left foraminal stenosis compressing the exiting left L5 root. L4-5: mild canal stenosis.",
     "nerve_root_compression", {"L5-S1"}),
    ("FINDINGS: Moderate central stenosis at L4-5 and severe left foraminal stenosis at L5-S1 compressing the exiting "
     "left L5 nerve root.", "nerve_root_compression", {"L5-S1"}),
    ("FINDINGS: L4-5 left lateral recess stenosis and a left L5-S1 foraminal protrusion compressing the left L5 nerve "
     "root.", "nerve_root_compression", {"L5-S1"}),
    ("FINDINGS: At T10 there is a metastasis extending to T11.", "neoplasm", {"T10"}),
    ("FINDINGS: T12 fracture with retropulsion extending to the L1 level.", "fracture", {"T12"}),
    # a lesion's own extent written right after it; not a disc's migration
    ("FINDINGS: L3-L4 discitis with an epidural abscess extending from L2 to L4.", "infection", {"L3-L4", "L2", "L3", "L4"}),
    ("FINDINGS: At L4-5 there is a large extrusion extending to the L5-S1 level.", "disc_extrusion", {"L4-L5"}),
    # a level after a comma or 'and' that its verb follows opens a clause of its own: not the finding's place
    ("FINDINGS: At L4/5 there is mild canal narrowing only, and L5/S1 is unremarkable.", "central_canal_stenosis",
     {"L4-L5"}),
    ("FINDINGS: At L3-4 there is a small disc bulge and L4-5 is normal.", "disc_bulge", {"L3-L4"}),
    ("FINDINGS: Mild canal narrowing, and L5/S1 is unremarkable.", "central_canal_stenosis", {None}),
    ("FINDINGS: Mild canal narrowing at L5/S1, which is otherwise unremarkable.", "central_canal_stenosis", {"L5-S1"}),
    ("FINDINGS: Disc bulge with mild narrowing of L4-5 and L5-S1.", "disc_bulge", {"L4-L5", "L5-S1"}),
    # 'the former' / 'the latter' of the levels just named
    ("FINDINGS: Moderate facet arthropathy at L4-5 and L5-S1, and a small right facet joint effusion at the former.",
     "facet_effusion", {"L4-L5"}),
    ("FINDINGS: Disc bulges at L3-4 and L4-5. Mild canal stenosis at the latter.", "central_canal_stenosis", {"L4-L5"}),
    ("FINDINGS: Disc bulges at L3-4 and L4-5. Mild canal stenosis at the former study.", "central_canal_stenosis", {None}),
    ("FINDINGS: Disc bulges at L3-4 and L4-5.\n\nMild canal stenosis at the latter.", "central_canal_stenosis", {None}),
    ("FINDINGS: Small protrusions at L4-5 and L5-S1, the latter contacting the left S1 nerve root.", "nerve_root_contact",
     {"L5-S1"}),
    ("FINDINGS: Stenosis at L3-4 and L4-5 with the latter compressing the cauda equina.", "cauda_equina_compression",
     {"L4-L5"}),
    ("FINDINGS: Foraminal stenosis at L3-4 and L4-5. Exiting nerve root impingement at the latter on the left.",
     "nerve_root_compression", {"L4-L5"}),
    ("FINDINGS: Haemangiomas in L1 and L3. Fracture through the former.", "fracture", {"L1"}),
    ("FINDINGS: Bulges at L4-5 and L5-S1; the former surgical bed shows enhancing epidural fibrosis.",
     "postoperative_change", {"L4-L5", "L5-S1"}),
    ("At L3-4, mild bulge (unchanged since the MRI of 2021 which also showed L5-S1 desiccation). Moderate foraminal "
     "narrowing.", "foraminal_stenosis", {"L3-L4"}),
    ("FINDINGS: Prior L4-5 fusion. Disc bulge at L2-3 and L3-4. Granulation tissue at the former laminectomy site.",
     "postoperative_change", {"L4-L5", None}),
    # a slip written as a verb between its vertebrae is at their disc, and so is what the statement goes on to
    ("FINDINGS: L4 is anterolisthesed on L5 by 6 mm (grade 1), with severe facet arthropathy.", "spondylolisthesis",
     {"L4-L5"}),
    ("FINDINGS: L4 is anterolisthesed on L5 by 6 mm (grade 1), with severe facet arthropathy.", "facet_arthropathy",
     {"L4-L5"}),
    ("FINDINGS: L4 is retrolisthesed on L5.", "spondylolisthesis", {"L4-L5"}),
    # 'at this level' past the body a fragment lies behind, in the account its header heads; not past a body of its own
    ("L5/S1: Loss of disc height. A right extrusion extends behind the S1 body. The left S1 root is unaffected. Mild "
     "facet hypertrophy at this level.", "facet_arthropathy", {"L5-S1"}),
    ("FINDINGS: L3-4: disc bulge. L5 vertebral body haemangioma. The canal is narrowed at this level.",
     "central_canal_stenosis", {"L5"}),
    # a denial in its own clause after several levels is of the whole study; after one level, of that level
    ("FINDINGS: Mild L3/4 disc bulge, mild L4/5 facet arthropathy and a small L4/5 facet effusion; there is no canal "
     "stenosis or nerve root compression.", "central_canal_stenosis", {None}),
    ("FINDINGS: Mild L3/4 bulge and L4/5 protrusion; no stenosis at L4/5.", "central_canal_stenosis", {"L4-L5"}),
    ("FINDINGS: L4/5 bulge; no stenosis.", "central_canal_stenosis", {"L4-L5"}),
    ("FINDINGS: L4-5 disc bulge, L5-S1 protrusion; no nerve root compression at this level.", "nerve_root_compression",
     {"L5-S1"}),
    ("FINDINGS: Mild L3/4 and L4/5 bulges; no stenosis.", "central_canal_stenosis", {"L3-L4", "L4-L5"}),
    # a narrative's 'At L4-L5' heads its line up to a statement that names other levels
    ("MRI: At L4-L5, right protrusion. Moderate facet arthropathy at L4-5 and L5-S1. No spondylolisthesis.",
     "spondylolisthesis", {None}),
    ("MRI: At L4-5, there is a disc bulge. Mild facet arthropathy. No stenosis.", "central_canal_stenosis", {"L4-L5"}),
    # ... not a level named only to compare
    ("At L4-L5, there is a broad-based disc bulge, more prominent than at L3-L4. Moderate central canal stenosis.",
     "central_canal_stenosis", {"L4-L5"}),
    ("At L4-5, there is a right protrusion. Compared with L5-S1 it is larger. Moderate right lateral recess stenosis.",
     "lateral_recess_stenosis", {"L4-L5"}),
    # 'the latter' after two findings is the latter finding, not level
    ("L3-4 and L4-5: disc bulges and facet hypertrophy, the latter resulting in moderate bilateral lateral recess "
     "narrowing.", "lateral_recess_stenosis", {"L3-L4", "L4-L5"}),
    ("FINDINGS: Mild canal stenosis at L3/4 and L4/5 with the latter also showing a grade 1 degenerative "
     "spondylolisthesis.", "spondylolisthesis", {"L4-L5"}),
    ("FINDINGS:\nAt L4-L5, right protrusion. Facet arthropathy at L4-5 and L5-S1. No spondylolisthesis.",
     "spondylolisthesis", {None}),
    ("FINDINGS:\nL4-L5: right protrusion. Facet arthropathy at L4-5 and L5-S1. No stenosis.", "central_canal_stenosis",
     {"L4-L5"}),
    # a lesion inside the dura is not the vertebral lesion the statement before placed
    ("FINDINGS: Deposits at T3 and L3. Possible leptomeningeal disease along the conus.", "neoplasm",
     {"T3", "L3", None}),
    ("FINDINGS: Metastasis in the L2 body. Possible intradural deposit at the cauda equina.", "neoplasm",
     {"L2", None}),
    ("FINDINGS: Lesion in the L2 body. A metastasis with compression of the cord cannot be excluded.", "neoplasm",
     {"L2"}),
    # vitamin D3 in a drug's name is no dorsal vertebra; D12 is
    ("Discharge: started on Adcal-D3 and vitamin D3 for a vertebral fracture.", "fracture", {None}),
    ("FINDINGS: Fracture of the D12 vertebra. Wedging of mid-D12.", "fracture", {"T12"}),
    # 'at L3-L4 and at L4-L5' is one list, unless a clause of its own opens at the second level
    ("FINDINGS: Compression of the cauda equina at L3-L4 and at L4-L5.", "cauda_equina_compression", {"L3-L4", "L4-L5"}),
    ("FINDINGS: Disc bulges at L3-L4 and also at L4-L5.", "disc_bulge", {"L3-L4", "L4-L5"}),
    ("FINDINGS: Disc bulge at L4-L5 and at L5-S1 there is a protrusion.", "disc_bulge", {"L4-L5"}),
    ("FINDINGS: Disc bulge at L4-L5 and at L5-S1 a left paracentral protrusion.", "disc_protrusion", {"L5-S1"}),
    ("FINDINGS: Protrusion at L4-L5 and at L5-S1 is normal.", "disc_protrusion", {"L4-L5"}),
    ("FINDINGS: Mild bulge at L2-L3 and at L3-L4 it is normal.", "disc_bulge", {"L2-L3"}),
    ("FINDINGS: The discs at L3-L4 and at L4-L5 are desiccated.", "disc_desiccation", {"L3-L4", "L4-L5"}),
])
def test_levels_read_this_session(analyze, text, ftype, expected):
    assert {f.level for f in analyze(text).findings if f.type == ftype} == expected
