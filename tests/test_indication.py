"""Is lumbar MRI indicated? Vignettes -> ACR rating and variant; questions; CLI."""

import io
import json

import pytest

import spinelens
from spinelens.cli import main

U, UA, MA, UNA = "urgent", "usually_appropriate", "may_be_appropriate", "usually_not_appropriate"

VIGNETTES = [
    # --- uncomplicated low back pain: imaging is low value
    ("45F, low back pain for 2 weeks, no leg symptoms, no red flags", None, UNA, "no red flags"),
    ("30M mechanical LBP after lifting, 5 days", None, UNA, "no red flags"),
    ("Acute low back pain with left sciatica for 10 days", None, UNA, "no red flags"),
    ("Chronic low back pain, no prior treatment", None, UNA, "no red flags"),
    ("Back pain. Denies bowel or bladder dysfunction. No weight loss.", 40, UNA, "no red flags"),
    ("Right L5 radiculopathy for 3 weeks, improving", 38, UNA, "no red flags"),
    # --- persistent despite conservative care
    ("52M, left sciatica to the big toe for 10 weeks despite physiotherapy and NSAIDs, considering microdiscectomy",
     None, UA, "6 weeks"),
    ("Right leg pain to the heel for 3 months, failed conservative management, for epidural injection", 47, UA,
     "6 weeks"),
    ("Neurogenic claudication for 6 months despite physio", 71, UA, "Low-velocity"),
    ("Bilateral leg heaviness on walking for 4 months despite analgesia", 64, UA, "6 weeks"),
    ("L5 radiculopathy for 8 weeks", None, MA, "not stated"),
    ("Low back pain for 1 year", 45, MA, "not stated"),
    ("Left S1 sciatica x 7 weeks", 33, MA, "not stated"),
    # --- cauda equina: urgent
    ("67M, saddle numbness and urinary retention since this morning", None, U, "cauda equina"),
    ("New urinary incontinence and bilateral leg weakness", 45, U, "cauda equina"),
    ("Back pain with perianal numbness", 50, U, "cauda equina"),
    ("Sciatica, now faecal incontinence", 39, U, "cauda equina"),
    # --- progressive deficit
    ("Progressive left foot drop over a week", 50, UA, "progressive"),
    ("Worsening weakness of the right leg", 61, UA, "progressive"),
    # --- cancer, infection, immunosuppression
    ("History of breast cancer, new thoracolumbar back pain", None, UA, "cancer"),
    ("Back pain, fever and IV drug use", 34, UA, "infection"),
    ("Back pain with unexplained weight loss", 66, UA, "cancer"),
    ("Known prostate carcinoma, new back pain at night", 72, UA, "cancer"),
    ("Immunosuppressed renal transplant patient with back pain and fever", 55, UA, "infection"),
    # --- trauma, osteoporosis, elderly, steroids
    ("78 year old woman, fall, back pain, ?fracture", None, UA, "Low-velocity"),
    ("Back pain after a fall from standing", 80, UA, "Low-velocity"),
    ("Osteoporosis on alendronate, sudden back pain", 69, UA, "Low-velocity"),
    ("Long-term steroids for COPD, acute back pain", 60, UA, "Low-velocity"),
    ("New back pain", 75, UA, "Low-velocity"),
    # --- after surgery
    ("L4-5 discectomy 2 years ago, now recurrent left leg pain", 48, UA, "Prior lumbar surgery"),
    ("Previous L4-S1 fusion, worsening leg pain", 66, UA, "Prior lumbar surgery"),
]


@pytest.mark.parametrize("text, age, rating, variant_word", VIGNETTES, ids=[v[0][:50] for v in VIGNETTES])
def test_vignette(nlp, text, age, rating, variant_word):
    ind = spinelens.assess_indication(text, age=age)
    assert ind.rating == rating, (ind.variant, ind.red_flags)
    assert variant_word.lower() in (ind.variant + " " + " ".join(ind.reasons)).lower()
    assert len(ind.questions) == 7


def test_questions_are_answered_with_evidence(nlp):
    ind = spinelens.assess_indication(
        "52M, left sciatica to the big toe for 10 weeks despite physiotherapy, worsening, r/o HNP, "
        "considering microdiscectomy. Denies bladder symptoms.")
    answered = {q.question: q for q in ind.questions}
    assert all(q.answered for q in ind.questions if "weakness" not in q.question)
    assert not answered["Is there weakness?"].answered
    assert "HNP" in answered["Which diagnosis is MRI to confirm or exclude?"].answer
    assert answered["Are the symptoms improving or worsening?"].answer == "worsening"
    assert "cauda_equina_symptoms" in ind.red_flags_absent


def test_radiograph_note_for_alignment_and_fracture(nlp):
    assert any("Radiographs" in n for n in spinelens.assess_indication("?instability, spondylolisthesis", 40).notes)
    assert not any("Radiographs" in n for n in spinelens.assess_indication("left sciatica", 40).notes)


def test_cli_json_and_text():
    out = io.StringIO()
    assert main(["indication", "--format", "json", "67M, saddle numbness and urinary retention"], out=out) == 0
    data = json.loads(out.getvalue())
    assert data["rating"] == "urgent" and data["variant"] and data["red_flags"] == ["cauda_equina_symptoms"]
    assert {"question", "answered", "answer", "evidence"} <= set(data["questions"][0])
    out = io.StringIO()
    assert main(["indication", "low back pain for 2 weeks"], out=out) == 0
    assert "Usually not appropriate" in out.getvalue() and "[ ]" in out.getvalue()


def test_cli_reads_stdin_and_refuses_empty(capsys):
    from tests.test_cli import FakeStdin

    out = io.StringIO()
    assert main(["indication", "-"], out=out, stdin=FakeStdin(b"fever and back pain")) == 0
    assert "Usually appropriate" in out.getvalue()
    assert main(["indication", "-"], out=io.StringIO(), stdin=FakeStdin(b"  ")) == 2
    assert "clinical description" in capsys.readouterr().err
