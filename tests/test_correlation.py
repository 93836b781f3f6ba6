"""Clinical correlation: vignettes (report + symptoms -> category per finding), the root map,
the prevalence interpolation and the clinical context parser."""

import pytest

import spinelens
from spinelens.clinical import parse_age, parse_course, parse_duration_weeks, parse_sex
from spinelens.correlate import affected_roots, prevalence
from spinelens.model import Finding, Mention, NerveRoot

RF, C, PC, D, LI, IND = "red_flag", "concordant", "possibly_concordant", "discordant", "likely_incidental", "indeterminate"
L12, L23, L34, L45, L5S1 = "L1-L2", "L2-L3", "L3-L4", "L4-L5", "L5-S1"

VIGNETTES = [
    # --- each root, both sides: paracentral discs affect the traversing root
    ("L1-2: left paracentral disc protrusion.", "left groin pain and numbness", 40,
     {("disc_protrusion", L12, "left"): C}),
    ("L2-3: right paracentral disc protrusion.", "right anterior thigh numbness", 45,
     {("disc_protrusion", L23, "right"): C}),
    ("L3-4: left paracentral disc extrusion.", "left shin numbness and reduced left knee jerk", 50,
     {("disc_extrusion", L34, "left"): C}),
    ("L3-4: right paracentral disc protrusion.", "right medial leg pain, weak right knee extension", 55,
     {("disc_protrusion", L34, "right"): C}),
    ("L4-5: left paracentral disc protrusion compressing the left L5 nerve root.",
     "left leg pain radiating to the great toe", 45,
     {("disc_protrusion", L45, "left"): C, ("nerve_root_compression", L45, "left"): C}),
    ("L4-5: right paracentral disc protrusion.", "right foot drop and numbness over the dorsum of the right foot", 38,
     {("disc_protrusion", L45, "right"): C}),
    ("L5-S1: right paracentral disc protrusion.", "right heel numbness, absent right ankle jerk", 41,
     {("disc_protrusion", L5S1, "right"): C}),
    ("L5-S1: left paracentral disc extrusion contacting the left S1 nerve root.",
     "pain radiating to the left little toe and sole", 33,
     {("disc_extrusion", L5S1, "left"): C, ("nerve_root_contact", L5S1, "left"): C}),
    # --- foraminal and extraforaminal discs affect the exiting root
    ("L3-4: right foraminal disc protrusion.", "right knee pain and anterior thigh numbness", 60,
     {("disc_protrusion", L34, "right"): C}),
    ("L4-5: left foraminal disc protrusion.", "left shin numbness", 58,
     {("disc_protrusion", L45, "left"): C}),
    ("L4-5: left extraforaminal disc protrusion.", "left medial ankle numbness", 62,
     {("disc_protrusion", L45, "left"): C}),
    ("L5-S1: right foraminal disc protrusion.", "right foot drop", 47,
     {("disc_protrusion", L5S1, "right"): C}),
    ("L5-S1: severe left neural foraminal stenosis.", "left great toe numbness", 66,
     {("foraminal_stenosis", L5S1, "left"): C}),
    ("L4-5: moderate right lateral recess stenosis.", "right great toe weakness and numbness", 70,
     {("lateral_recess_stenosis", L45, "right"): C}),
    # --- discordant: other side or another root
    ("L5-S1: right paracentral disc protrusion.", "left leg pain radiating to the great toe", 44,
     {("disc_protrusion", L5S1, "right"): D}),
    ("L4-5: left paracentral disc protrusion.", "right heel numbness", 44,
     {("disc_protrusion", L45, "left"): D}),
    ("L2-3: left paracentral disc protrusion.", "left heel numbness and absent left ankle jerk", 52,
     {("disc_protrusion", L23, "left"): D}),
    ("L5-S1: right foraminal stenosis, severe.", "left groin pain", 61,
     {("foraminal_stenosis", L5S1, "right"): D}),
    # --- possibly concordant: adjacent root, non-specific sciatica, no territory
    ("L4-5: left paracentral disc protrusion.", "left heel pain and numbness", 49,
     {("disc_protrusion", L45, "left"): PC}),
    ("L4-5: left paracentral disc protrusion.", "left sciatica", 49,
     {("disc_protrusion", L45, "left"): PC}),
    ("L5-S1: right paracentral disc extrusion.", "right sciatica for 6 weeks", 36,
     {("disc_extrusion", L5S1, "right"): PC}),
    ("L4-5: left paracentral protrusion.", "left leg pain", 40,
     {("disc_protrusion", L45, "left"): PC}),
    ("L4-5: mild left foraminal narrowing.", "left great toe numbness", 57,
     {("foraminal_stenosis", L45, "left"): PC}),
    # --- central: both sides, neurogenic claudication
    ("L4-5: severe central canal stenosis.", "bilateral leg heaviness on walking, relieved by sitting", 72,
     {("central_canal_stenosis", L45, None): C}),
    ("L3-4: moderate spinal canal stenosis.", "neurogenic claudication", 68,
     {("central_canal_stenosis", L34, None): C}),
    ("L4-5: mild central canal stenosis.", "leg pain on walking, reduced walking distance", 74,
     {("central_canal_stenosis", L45, None): PC}),
    ("L4-5: mild central canal stenosis.", "low back pain", 74,
     {("central_canal_stenosis", L45, None): LI}),
    # a slip names no root: leg symptoms match it only when they point to a root of its level
    ("L4-5: grade 1 anterolisthesis.", "left great toe numbness", 70,
     {("spondylolisthesis", L45, None): PC}),
    ("L5 spondylolisthesis, grade 2.", "left L5 radiculopathy", 40,  # (the slip of L5 is at L5-S1, where L5 exits)
     {("spondylolisthesis", L5S1, None): PC}),
    ("L4-5: grade 1 anterolisthesis.", "pain in both legs", 70,
     {("spondylolisthesis", L45, None): LI}),
    ("L5-S1: grade 1 anterolisthesis.", "knee flexion and hip rotation 4/5 on both sides", 30,
     {("spondylolisthesis", L5S1, None): LI}),
    ("L4-5: grade 1 anterolisthesis.", "leg pain on walking, relieved by sitting", 70,
     {("spondylolisthesis", L45, None): PC}),
    # knee and ankle jerks reduced on both sides are a generalised pattern (age, neuropathy), no root's
    # sign; a reflex reduced on one side, or at one site, still points to its root
    ("L4-5: grade 1 anterolisthesis.", "reflexes diminished at both knees and ankles", 82,
     {("spondylolisthesis", L45, None): LI}),
    ("L4-5: grade 1 anterolisthesis.", "diminished left knee jerk", 82,
     {("spondylolisthesis", L45, None): PC}),
    ("L4-5: grade 1 anterolisthesis.", "absent ankle jerks bilaterally", 82,
     {("spondylolisthesis", L45, None): LI}),
    ("L5-S1: grade 1 anterolisthesis.", "absent ankle jerks bilaterally", 82,
     {("spondylolisthesis", L5S1, None): PC}),
    ("L5-S1: left paracentral disc extrusion.", "reflexes 1+ at the knees and ankles", 50,
     {("disc_extrusion", L5S1, "left"): PC}),
    ("L5-S1: left paracentral disc extrusion.", "left calf pain; reflexes 1+ at the knees and ankles", 50,
     {("disc_extrusion", L5S1, "left"): C}),
    # without claudication, a central stenosis the report does not call mild may add to leg deficits
    ("L3-4: moderate central canal stenosis.", "weakness of the legs", 77,
     {("central_canal_stenosis", L34, None): PC}),
    # ... but weakness of both legs, said so, is bilateral leg weakness: a cauda equina symptom (clinical.md)
    ("L3-4: moderate central canal stenosis.", "weakness of both legs", 77,
     {("central_canal_stenosis", L34, None): "red_flag"}),
    ("L3-4: central canal stenosis.", "numbness of both feet", 77,
     {("central_canal_stenosis", L34, None): PC}),
    ("L3-4: mild central canal stenosis.", "weakness of the legs", 77,
     {("central_canal_stenosis", L34, None): LI}),
    ("L4-5: moderate bilateral lateral recess stenosis.", "neurogenic claudication", 69,
     {("lateral_recess_stenosis", L45, "bilateral"): C}),
    ("L4-5: central disc protrusion.", "bilateral great toe numbness", 50,
     {("disc_protrusion", L45, None): C}),
    # --- axial back pain only
    ("L4-5: disc bulge.", "low back pain", 50, {("disc_bulge", L45, None): LI}),
    ("L4-5: disc desiccation and loss of disc height.", "chronic low back pain", 60,
     {("disc_desiccation", L45, None): LI, ("disc_height_loss", L45, None): LI}),
    ("L5-S1: small central disc extrusion.", "mechanical low back pain", 35,
     {("disc_extrusion", L5S1, None): PC}),
    ("L4-5: Modic type 1 endplate changes.", "low back pain", 45, {("modic_change", L45, None): PC}),
    ("L4-5: Modic type 2 endplate changes.", "low back pain", 45, {("modic_change", L45, None): LI}),
    ("Bilateral L5 pars defects.", "low back pain in a 17 year old footballer", 17,
     {("spondylolysis", "L5", "bilateral"): PC}),
    ("L4-5: moderate facet arthropathy.", "LBP", 65, {("facet_arthropathy", L45, None): LI}),
    ("L4-5: left paracentral protrusion compressing the left L5 nerve root.", "low back pain only", 42,
     {("nerve_root_compression", L45, "left"): D, ("disc_protrusion", L45, "left"): LI}),
    ("Grade 1 anterolisthesis of L4 on L5.", "low back pain", 66, {("spondylolisthesis", L45, None): LI}),
    ("Grade 1 anterolisthesis of L4 on L5.", "neurogenic claudication", 66, {("spondylolisthesis", L45, None): PC}),
    # --- red flags
    ("L4-5: large central disc extrusion compressing the cauda equina.",
     "saddle anaesthesia and urinary retention since this morning", 45,
     {("disc_extrusion", L45, None): RF, ("cauda_equina_compression", L45, None): RF}),
    ("L4-5: severe central canal stenosis.", "new urinary incontinence and bilateral leg weakness", 70,
     {("central_canal_stenosis", L45, None): RF}),
    ("Diffusely altered marrow signal.", "history of breast cancer, new back pain", 63,
     {("marrow_abnormality", None, None): RF}),
    ("Diffusely altered marrow signal.", "low back pain", 63, {("marrow_abnormality", None, None): PC}),
    ("Pathological compression fracture of L2.", "back pain", 70, {("fracture", "L2", None): RF}),
    ("Acute compression fracture of L1.", "fall from a ladder", 55, {("fracture", "L1", None): RF}),
    ("Old healed wedge fracture of L2.", "low back pain", 75, {("fracture", "L2", None): LI}),
    # marrow signal at a red-flag level is part of it; anywhere in a study with tumour or infection, maybe its spread
    ("Vertebra plana of L5. Enhancement of the L5 marrow extending into the posterior elements.", "back pain", 39,
     {("fracture", "L5", None): RF, ("marrow_abnormality", "L5", None): RF}),
    ("Metastatic deposit in the L2 vertebral body. Abnormal marrow signal in L4.", "back pain", 60,
     {("neoplasm", "L2", None): RF, ("marrow_abnormality", "L4", None): RF}),
    ("Abnormal marrow signal in L4. L4-5 disc bulge.", "back pain", 60,
     {("marrow_abnormality", "L4", None): PC}),
    ("Stable small meningioma at T8. Heterogeneous marrow signal at L3.", "back pain", 60,
     {("neoplasm", "T8", None): RF, ("marrow_abnormality", "L3", None): PC}),
    ("Metastatic deposits in the L3 vertebral body.", None, None, {("neoplasm", "L3", None): RF}),
    ("Discitis-osteomyelitis at L2-3.", "fever and back pain", 58, {("infection", L23, None): RF}),
    ("D12/L1: disc protrusion indenting the spinal cord.", "back pain", 50, {("cord_abnormality", "T12-L1", None): RF}),
    ("L4-5: right paracentral extrusion compressing the right L5 nerve root.",
     "progressive right foot drop over 1 week", 52,
     {("disc_extrusion", L45, "right"): RF, ("nerve_root_compression", L45, "right"): RF}),
    # --- negated symptoms
    ("L4-5: left paracentral disc extrusion.", "left L5 radiculopathy. Denies bowel or bladder dysfunction.", 40,
     {("disc_extrusion", L45, "left"): C}),
    ("L4-5: large central disc extrusion.", "low back pain, no saddle anaesthesia, no sphincter disturbance", 40,
     {("disc_extrusion", L45, None): PC}),
    ("L4-5: left paracentral disc protrusion.", "low back pain. No leg pain. No numbness.", 40,
     {("disc_protrusion", L45, "left"): LI}),
    # --- no clinical information
    ("L4-5: disc bulge. L5-S1: left paracentral protrusion.", None, None,
     {("disc_bulge", L45, None): IND, ("disc_protrusion", L5S1, "left"): IND}),
    ("L1 hemangioma. Tarlov cyst at S2.", None, None,
     {("hemangioma", "L1", None): LI, ("perineural_cyst", "S2", None): LI}),
    ("Severe central canal stenosis at L4-5.", None, None, {("central_canal_stenosis", L45, None): IND}),
    # --- benign incidentals with symptoms
    ("L4-5 left paracentral protrusion. L2 hemangioma. Left renal cyst.", "left great toe numbness", 50,
     {("disc_protrusion", L45, "left"): C, ("hemangioma", "L2", None): LI, ("extraspinal_finding", None, "left"): LI}),
    ("Schmorl's node at L3. Transitional lumbosacral vertebra.", "back pain", 30,
     {("schmorl_node", "L3", None): LI, ("transitional_vertebra", None, None): LI}),
    # --- clinical history inside the report
    ("CLINICAL HISTORY: 45 y/o F, L leg pain to great toe x 8 weeks, r/o HNP.\n"
     "FINDINGS: L4-5: left paracentral disc protrusion.", None, None,
     {("disc_protrusion", L45, "left"): C}),
    ("INDICATION: 70M, neurogenic claudication.\nFINDINGS: L4-5 severe spinal stenosis.", None, None,
     {("central_canal_stenosis", L45, None): C}),
    ("HISTORY: right sciatica.\nIMPRESSION: L5-S1 right paracentral protrusion contacting the right S1 root.", None, None,
     {("disc_protrusion", L5S1, "right"): PC, ("nerve_root_contact", L5S1, "right"): PC}),
    # --- sacroiliitis: it may explain back and buttock pain, but names no root to match (the corpus gold reads it a
    #     partial match); without back pain no rule relates it
    ("Bilateral sacroiliitis with bone marrow oedema.", "inflammatory back pain and alternating buttock pain", 28,
     {("sacroiliitis", None, "bilateral"): PC}),
    ("Possible early left sacroiliitis.", "low back pain", 28, {("sacroiliitis", None, "left"): PC}),
    ("Bilateral sacroiliitis with bone marrow oedema.", "left great toe numbness", 28,
     {("sacroiliitis", None, "bilateral"): "indeterminate"}),
    # --- bulges and the level of symptomatic roots
    ("L4-5: diffuse disc bulge.", "left great toe numbness", 55, {("disc_bulge", L45, None): PC}),
    ("L2-3: diffuse disc bulge.", "left great toe numbness", 55, {("disc_bulge", L23, None): LI}),
]


@pytest.mark.parametrize("report, symptoms, age, expected", VIGNETTES, ids=[v[0][:50] for v in VIGNETTES])
def test_vignette(nlp, report, symptoms, age, expected):
    result = spinelens.analyze(report, symptoms=symptoms, age=age)
    got = {(f.type, f.level, f.side): f.assessment.category for f in result.findings if f.assessment}
    for key, category in expected.items():
        assert got.get(key) == category, (key, got)
    for f in result.findings:
        if f.assessment:
            assert f.assessment.reasons, f
        else:
            assert f.certainty == "absent"


def test_reasons_name_level_side_root_and_symptom(nlp):
    result = spinelens.analyze("L4-5: left paracentral disc protrusion.", symptoms="left foot drop", age=45)
    reason = result.findings[0].assessment.reasons[0]
    assert "L4-L5" in reason and "left" in reason and "L5" in reason and "traversing" in reason


def test_incidental_reason_quotes_prevalence(nlp):
    result = spinelens.analyze("L4-5: disc bulge.", symptoms="low back pain", age=50)
    a = result.findings[0].assessment
    assert a.asymptomatic_prevalence.percent == 60.0 and a.asymptomatic_prevalence.age == 50
    assert "60% of people aged 50" in " ".join(a.reasons)


def test_headline_names_concordant_and_incidental(nlp):
    result = spinelens.analyze(
        "L3-4: disc bulge. L4-5: left paracentral disc protrusion compressing the left L5 nerve root. "
        "L5-S1: disc desiccation.", symptoms="left leg pain to the great toe", age=50)
    headline = result.summary.headline
    assert "concordant" in headline and "people of 50 without back pain" in headline


def test_explicit_age_and_sex_win_over_the_report(nlp):
    result = spinelens.analyze("HISTORY: 45 y/o F with back pain.\nFINDINGS: L4-5 disc bulge.", age=60, sex="male")
    assert (result.clinical.age, result.clinical.sex, result.clinical.source) == (60, "male", "both")


def test_negated_red_flag_symptom(nlp):
    result = spinelens.analyze("L4-5 bulge.", symptoms="Back pain. Denies bowel or bladder dysfunction.")
    ces = [s for s in result.clinical.symptoms if s.type == "cauda_equina_symptoms"]
    assert ces and ces[0].certainty == "absent"


# --- root map (clinical.md 4)
def _finding(ftype, level, side=None, zone=None, roots=()):
    return Finding(type=ftype, level=level, side=side, certainty="present", zone=zone,
                   mentions=[Mention(0, 1, "x")], nerve_roots=[NerveRoot(*r) for r in roots])


@pytest.mark.parametrize("finding, expected", [
    (_finding("disc_protrusion", "L4-L5", "left", "paracentral"), {("L5", "left", "traversing")}),
    (_finding("disc_protrusion", "L4-L5", "left", "foraminal"), {("L4", "left", "exiting")}),
    (_finding("disc_protrusion", "L5-S1", "right", "extraforaminal"), {("L5", "right", "exiting")}),
    (_finding("foraminal_stenosis", "L3-L4", "right"), {("L3", "right", "exiting")}),
    (_finding("lateral_recess_stenosis", "L2-L3", "left"), {("L3", "left", "traversing")}),
    (_finding("disc_extrusion", "L1-L2", None, "central"), {("L2", "left", "traversing"), ("L2", "right", "traversing")}),
    (_finding("nerve_root_compression", "L5-S1", "right", roots=[("S1", "right", None)]), {("S1", "right", "named")}),
    (_finding("central_canal_stenosis", "L4-L5"), {("L5", "left", "traversing"), ("L5", "right", "traversing"),
                                                    ("S1", "left", "traversing"), ("S1", "right", "traversing")}),
    (_finding("disc_protrusion", None, "left"), set()),
])
def test_root_map(finding, expected):
    assert set(affected_roots(finding)) == expected


# --- prevalence interpolation (clinical.md 6)
@pytest.mark.parametrize("ftype, age, percent", [
    ("disc_bulge", 50, 60.0), ("disc_bulge", 65, 73.0), ("disc_bulge", 20, 30.0), ("disc_bulge", 15, 30.0),
    ("disc_bulge", 85, 84.0), ("disc_protrusion", 45, 34.5), ("facet_arthropathy", 70, 69.0),
    ("disc_degeneration", 35, 60.0), ("spondylolisthesis", 55, 18.5), ("annular_fissure", 80, 29.0),
])
def test_prevalence(ftype, age, percent):
    assert prevalence(ftype, age) == percent


def test_prevalence_unknown_type():
    assert prevalence("hemangioma", 50) is None


# --- an extraspinal aneurysm or mass is not called benign; a cyst is
@pytest.mark.parametrize("report, benign", [
    ("FINDINGS: L4-5 disc bulge. The infrarenal abdominal aorta is aneurysmal, measuring 4.6 cm.", False),
    ("FINDINGS: L4-5 disc bulge. Incidental 4.6 cm abdominal aortic aneurysm.", False),
    ("FINDINGS: L4-5 disc bulge. A 3.5 cm simple cyst in the upper pole of the left kidney.", True),
    ("FINDINGS: L4-5 disc bulge. Simple left renal cyst.", True),
])
def test_extraspinal_reason(analyze, report, benign):
    found = [f for f in analyze(report, symptoms="back pain").findings if f.type == "extraspinal_finding"]
    assert len(found) == 1 and found[0].assessment.category == "likely_incidental"
    assert ("a benign" in found[0].assessment.reasons[0]) == benign, found[0].assessment.reasons


# --- clinical context parsing
@pytest.mark.parametrize("text, age, sex", [
    ("45 y/o F, L leg pain", 45, "female"), ("a 45-year-old woman", 45, "female"), ("29F. back pain", 29, "female"),
    ("67M with claudication", 67, "male"), ("Patient aged 52, male", 52, "male"), ("back pain", None, None),
    ("66 year old gentleman", 66, "male"),
    # a distance in metres is no age and sex; a bare 'N years' is an adult's age, after a symptom its length
    ("63 years. Walking distance 100 m.", 63, None), ("walks only 50 m before leg pain", None, None),
    ("claudication distance 200m, 71M", 71, "male"), ("Pt X, 63 years, LBP", 63, None),
    ("LBP 20 years", None, None), ("pain 2 years", None, None),
    # a bare 'y' with the sex right after it; a duration's 'y' is none
    ("66 y, male, back pain", 66, "male"), ("45 y F with sciatica", 45, "female"), ("pain x 3 y", None, None),
])
def test_age_and_sex(text, age, sex):
    assert parse_age(text) == age and parse_sex(text) == sex


@pytest.mark.parametrize("text, weeks", [
    ("L leg pain x 8 weeks", 8), ("pain for 3 months", 13.0), ("for 1 year", 52), ("since 2/52", 2),
    ("a 52-year-old man", None), ("pain for two weeks", 2),
    ("63 years. Walking distance 100 m.", None), ("LBP 20 years", 1040), ("63 years, pain for 2 years", 104),
    # the symptoms' length, not a disease's or a drug's, nor a time point or a plan
    ("Diabetes for 10 years. 6 weeks of left leg pain.", 6), ("Prednisone for 4 years. Back pain x 10 days.", 1.4),
    ("Breast cancer 14 months ago. Back pain for 4 weeks.", 4), ("Back pain. Follow up in 2 weeks.", None),
    ("Duration: 3 weeks", 3), ("The current problem began about 3 months ago.", 13.0),
    ("Status post L4-5 laminotomy 14 months ago, now with left leg pain for 4 weeks.", 4),
    ("Left leg pain for 3 weeks, review 2/52.", 3), ("Back pain since 2/52.", 2),
])
def test_duration(text, weeks):
    assert parse_duration_weeks(text) == weeks


@pytest.mark.parametrize("text, course", [
    ("leg weakness - not improving", "stable"), ("no better with physio", "stable"),
    ("not getting any better", "stable"), ("failed to improve with PT", "stable"), ("improving slowly", "improving"),
    ("not improving, now worse", "worsening"), ("pain settling", "improving"), ("back pain", None),
    # what relieves the pain is no course
    ("leg heaviness on walking, better bent over a trolley", None), ("better when sitting", None),
    ("better than last week", "improving"),
])
def test_course(text, course):
    assert parse_course(text) == course


# --- odd inputs found in review: none may crash or mislead
@pytest.mark.parametrize("report, symptoms", [
    ("Left paracentral disc protrusion compressing the left L5 nerve root. L2-3: left foraminal disc protrusion.",
     "left leg pain to great toe and left anterior thigh"),
    ("Compressing the exiting S5 nerve root.", "back pain"),
    ("", "left leg pain"),
    ("L4-5 bulge.", ""),
    ("...", "???"),
])
def test_odd_inputs_do_not_crash(nlp, report, symptoms):
    result = spinelens.analyze(report, symptoms=symptoms, age=50)
    assert result.summary.headline is not None


@pytest.mark.parametrize("age", [float("nan"), float("inf"), -5, 150, "old"])
def test_bad_ages_are_refused(nlp, age):
    with pytest.raises(spinelens.InputError):
        spinelens.analyze("L4-5 bulge.", age=age)


@pytest.mark.parametrize("text, age, sex", [
    ("LBP x 3 yrs, 62M", 62, "male"), ("Back pain for 2 years. 45 y/o female", 45, "female"),
    ("MR lumbar spine", None, None), ("Hx MS", None, None),
])
def test_age_not_from_duration_and_sex_not_from_abbreviations(text, age, sex):
    assert parse_age(text) == age and parse_sex(text) == sex


def test_lone_l_before_leg_is_left(nlp):
    result = spinelens.analyze("L4-5 left paracentral protrusion.", symptoms="L leg pain to great toe x 8 weeks")
    assert result.clinical.symptoms[0].side == "left"
    assert result.findings[0].assessment.category == "concordant"


def test_thigh_pain_alone_points_to_no_root(nlp):
    result = spinelens.analyze("L4-5 left paracentral protrusion.", symptoms="left thigh pain", age=40)
    reasons = " ".join(result.findings[0].assessment.reasons)
    assert "fit L5 or S1" not in reasons


def test_prevalence_age_is_the_table_age(nlp):
    result = spinelens.analyze("L4-5 disc bulge.", symptoms="low back pain", age=90)
    assert result.findings[0].assessment.asymptomatic_prevalence.age == 80


def test_odds_ratio_only_at_50_or_under(nlp):
    young = spinelens.analyze("L5-S1 extrusion.", symptoms="low back pain", age=40).findings[0].assessment
    old = spinelens.analyze("L5-S1 extrusion.", symptoms="low back pain", age=78).findings[0].assessment
    assert "odds ratio" in " ".join(young.reasons) and "odds ratio" not in " ".join(old.reasons)


# The note's physician relating a finding to the symptoms in words is the category
# (annotation.md, basis: physician); tumour, infection and cord compression stay red flags.
_IMAGING = "IMAGING: MRI of the lumbar spine showed {}.\n"
PHYSICIAN = [
    # an attribution, either way round, and with the umbrella 'degenerative changes'
    ("HPI: Low back pain for a year.\n" + _IMAGING.format("facet arthropathy at L4-5 and L5-S1")
     + "ASSESSMENT: Axial back pain secondary to facet arthropathy.",
     {("facet_arthropathy", "L4-L5"): "concordant", ("facet_arthropathy", "L5-S1"): "concordant"}),
    ("HPI: Severe back pain after lifting.\n" + _IMAGING.format("an L2 compression fracture")
     + "ASSESSMENT: Osteoporotic L2 compression fracture causing severe pain.", {("fracture", "L2"): "concordant"}),
    ("HPI: Low back pain and stiffness.\n" + _IMAGING.format("loss of L4-5 disc height")
     + "ASSESSMENT: His symptoms are likely from mild degenerative changes of the lumbar spine.",
     {("disc_height_loss", "L4-L5"): "concordant"}),
    # ... which covers the wear of discs and joints, not a curve of the spine
    ("HPI: Low back pain and stiffness.\n" + _IMAGING.format("loss of L4-5 disc height and a mild levoscoliosis")
     + "ASSESSMENT: His symptoms are likely from mild degenerative changes of the lumbar spine.",
     {("disc_height_loss", "L4-L5"): "concordant", ("scoliosis", None): "likely_incidental"}),
    # a hedged attribution is a partial match
    ("HPI: Low back pain for a year.\n" + _IMAGING.format("facet arthropathy at L4-5")
     + "ASSESSMENT: It is possible that his back pain is due to the facet arthropathy.",
     {("facet_arthropathy", "L4-L5"): "possibly_concordant"}),
    # a hedge in a later clause is about something else
    ("HPI: Left leg pain to the foot.\n" + _IMAGING.format("a left L4-5 disc herniation")
     + "ASSESSMENT: Her leg pain is from the L4-5 herniation, which we may treat surgically.",
     {("disc_herniation", "L4-L5"): "concordant"}),
    # a denial: the finding does not explain the symptoms
    ("HPI: Right leg pain to the foot.\n" + _IMAGING.format("a left L4-5 foraminal stenosis")
     + "ASSESSMENT: The left foraminal stenosis does not explain her right-sided symptoms.",
     {("foraminal_stenosis", "L4-L5"): "discordant"}),
    # 'incidental' in the physician's own words is likely incidental, not discordant; 'felt not to account for'
    ("HPI: Right foot drop for 3 weeks.\n" + _IMAGING.format("mild bilateral L4-5 foraminal stenosis")
     + "ASSESSMENT: The MRI findings were felt to be incidental and do not explain his foot drop.",
     {("foraminal_stenosis", "L4-L5"): "likely_incidental"}),
    ("HPI: Numbness of both feet for 2 years.\n" + _IMAGING.format("moderate L4-5 canal stenosis")
     + "ASSESSMENT: These MRI findings were felt not to account for her sensory loss.",
     {("central_canal_stenosis", "L4-L5"): "discordant"}),
    # ... of the study's findings as a whole: each finding stated before it; a red flag stays one
    ("HPI: Left foot drop.\n" + _IMAGING.format("a mild L4-5 disc bulge and an L2 metastasis")
     + "ASSESSMENT: The MRI findings do not explain his foot drop.",
     {("disc_bulge", "L4-L5"): "likely_incidental", ("neoplasm", "L2"): "red_flag"}),
    # ... but not over the physician's own words for a finding, nor of a symptom the lumbar spine does not reach
    ("HPI: Left leg pain to the foot.\n" + _IMAGING.format("a left L4-5 extrusion compressing the left L5 root")
     + "ASSESSMENT: Left L5 radiculopathy from the L4-5 extrusion. The MRI findings do not explain his back pain.",
     {("disc_extrusion", "L4-L5"): "concordant"}),
    ("HPI: Left leg pain to the foot.\n" + _IMAGING.format("a left L4-5 extrusion compressing the left L5 root")
     + "ASSESSMENT: The MRI findings do not explain his right arm numbness.", {("disc_extrusion", "L4-L5"): "possibly_concordant"}),
    ("HPI: Back pain.\n" + _IMAGING.format("a transitional L5 vertebra") + "He has a transitional vertebra. "
     "I do not feel that this is a significant contributor to his pain.", {("transitional_vertebra", "L5"): "likely_incidental"}),
    ("HPI: Back pain for 3 months.\n" + _IMAGING.format("a small L4-5 disc bulge")
     + "ASSESSMENT: Back pain, not due to the disc bulge.", {("disc_bulge", "L4-L5"): "likely_incidental"}),
    # ... with the 'that' of a reported statement before them, not an anaphor of the finding before
    ("HPI: Right thigh pain.\n" + _IMAGING.format("a right L3-4 foraminal stenosis") + "An incidental Tarlov cyst.\n"
     "ASSESSMENT: I explained that the MRI findings do not explain her symptoms.",
     {("foraminal_stenosis", "L3-L4"): "discordant"}),
    # the symptoms fit with a finding, a finding correlates with them; and their denials
    ("HPI: Bilateral leg pain on walking, eased by sitting.\n" + _IMAGING.format("moderate L3-4 canal stenosis")
     + "IMP: neurogenic claudication - symptoms fit with the L3/4 stenosis on MRI.",
     {("central_canal_stenosis", "L3-L4"): "concordant"}),
    ("HPI: Left leg pain to the foot.\n" + _IMAGING.format("a left L4-5 protrusion")
     + "ASSESSMENT: Left L5 radiculopathy, in keeping with the L4/5 protrusion on MRI.",
     {("disc_protrusion", "L4-L5"): "concordant"}),
    ("HPI: Left leg pain to the foot.\n" + _IMAGING.format("a left L4-5 protrusion")
     + "ASSESSMENT: The L4/5 protrusion correlates with her left leg pain.", {("disc_protrusion", "L4-L5"): "concordant"}),
    ("HPI: Right leg pain to the foot.\n" + _IMAGING.format("a left L4-5 foraminal stenosis")
     + "ASSESSMENT: The left foraminal stenosis does not correlate with her right-sided symptoms.",
     {("foraminal_stenosis", "L4-L5"): "discordant"}),
    ("HPI: Back pain.\n" + _IMAGING.format("a T10 metastasis")
     + "ASSESSMENT: The T10 metastasis correlates with his back pain.", {("neoplasm", "T10"): "red_flag"}),
    # ... a radiologist's 'in keeping with' relates no symptom
    ("HPI: Back pain for 3 months.\nIMAGING: L4-5 endplate signal change in keeping with Modic type 2 change.",
     {("modic_change", "L4-L5"): "likely_incidental"}),
    # look-alikes: a cause of something else, 'due to the fact that', a procedure
    ("HPI: Back pain.\n" + _IMAGING.format("a small L4-5 disc bulge")
     + "PLAN: No injection due to the fact that his symptoms are mild.", {("disc_bulge", "L4-L5"): "likely_incidental"}),
    # safety: a physician's word does not take the red flag off a tumour or cord compression
    ("HPI: Thoracic back pain.\n" + _IMAGING.format("a T10 metastasis")
     + "ASSESSMENT: Back pain secondary to the T10 metastasis.", {("neoplasm", "T10"): "red_flag"}),
    ("HPI: Back pain.\n" + _IMAGING.format("a T10 metastasis")
     + "ASSESSMENT: The T10 metastasis does not explain his back pain.", {("neoplasm", "T10"): "red_flag"}),
    # ... nor off a fracture possibly pathological, nor by a hedged 'may explain'
    ("HPI: Back pain after a fall.\n" + _IMAGING.format("an L1 fracture, possibly pathological")
     + "ASSESSMENT: L1 fracture. This would explain the back pain.", {("fracture", "L1"): "red_flag"}),
    ("HPI: Back pain.\n" + _IMAGING.format("a T12 compression fracture")
     + "ASSESSMENT: T12 compression fracture. This may explain her back pain.", {("fracture", "T12"): "red_flag"}),
    # ... nor with weight loss or an infection risk in the history: the fracture stays suspicious
    ("HPI: Back pain. He has lost 8 kg over two months and has night sweats.\n" + _IMAGING.format("an L2 compression "
     "fracture") + "ASSESSMENT: L2 compression fracture. This would explain his back pain.", {("fracture", "L2"): "red_flag"}),
    ("HPI: Back pain. IVDU, febrile 38.6.\n" + _IMAGING.format("a T12 compression fracture")
     + "ASSESSMENT: T12 compression fracture which would account for his back pain.", {("fracture", "T12"): "red_flag"}),
    # ... nor off an acute fracture (clinical.md 5: acute or pathologic fracture)
    ("HPI: Back pain after a fall.\n" + _IMAGING.format("an acute L2 osteoporotic compression fracture")
     + "ASSESSMENT: Her back pain is from the acute L2 fracture.", {("fracture", "L2"): "red_flag"}),
    # 'incidental' said of one finding in its own clause, another related to the symptoms in the same sentence
    ("HPI: Left leg pain.\n" + _IMAGING.format("a left L4-5 disc protrusion and a Tarlov cyst at S2")
     + "ASSESSMENT: I explained that the left L4-5 disc protrusion accounts for her leg pain, and that the Tarlov "
       "cyst is a common incidental finding.",
     {("disc_protrusion", "L4-L5"): "concordant", ("perineural_cyst", "S2"): "likely_incidental"}),
    # ... and a judgement after a semicolon refers back with 'this' to the clause before it
    ("HPI: Left leg pain.\n" + _IMAGING.format("a left L4-5 disc protrusion")
     + "ASSESSMENT: She has a small left L4-5 disc protrusion; however, I do not feel that this is a significant "
       "contributor to her leg pain.", {("disc_protrusion", "L4-L5"): "discordant"}),
    # ... nor off a finding with the cauda equina symptoms it could explain
    ("HPI: Bilateral sciatica with saddle numbness.\n" + _IMAGING.format("a large central L5-S1 disc extrusion")
     + "ASSESSMENT: Her sciatica is explained by the L5-S1 disc extrusion.", {("disc_extrusion", "L5-S1"): "red_flag"}),
    # 'better explained by X than by Y' does not relate Y; 'only partly explained by' is a partial match
    ("HPI: Left leg pain.\n" + _IMAGING.format("a left L4-5 protrusion and a right L5-S1 foraminal protrusion")
     + "ASSESSMENT: Left leg pain, better explained by the left L4-5 protrusion than by the right L5-S1 foraminal "
       "protrusion.", {("disc_protrusion", "L4-L5"): "concordant"}),
    ("HPI: Left leg pain.\n" + _IMAGING.format("a left L4-5 disc protrusion")
     + "ASSESSMENT: Her leg pain is only partly explained by the L4-5 disc protrusion.",
     {("disc_protrusion", "L4-L5"): "possibly_concordant"}),
    # an 'and' that joins the subject's items is no clause break
    ("HPI: Left leg pain.\n" + _IMAGING.format("a right L3-4 foraminal protrusion and an L2-3 bulge")
     + "ASSESSMENT: The right L3-4 foraminal protrusion, and the L2-3 bulge, are incidental.",
     {("disc_protrusion", "L3-L4"): "likely_incidental", ("disc_bulge", "L2-L3"): "likely_incidental"}),
    # a disc named by its level alone: the disc's own findings there ('explained by the L5/S1 disc'); not its space
    ("HPI: Bilateral sciatica.\n" + _IMAGING.format("an L5-S1 disc bulge with a small central protrusion")
     + "ASSESSMENT: Her bilateral sciatica is explained by the L5/S1 disc.",
     {("disc_bulge", "L5-S1"): "concordant", ("disc_protrusion", "L5-S1"): "concordant"}),
    # the symptom first, then the finding that explains it, in the passive
    ("HPI: Left leg pain.\n" + _IMAGING.format("a small L5-S1 disc protrusion")
     + "ASSESSMENT: Her sciatica is explained by the L5-S1 disc protrusion.", {("disc_protrusion", "L5-S1"): "concordant"}),
    # a conditional judgement of 'this', the findings of the sentence before; 'may explain' is a partial match
    ("HPI: Bilateral leg pain on walking, eased by sitting.\n" + _IMAGING.format("grade 1 L3-4 anterolisthesis and "
     "mild L3-4 canal stenosis") + "ASSESSMENT: L3/4 anterolisthesis with canal stenosis. This would explain the "
     "neurogenic claudication.",
     {("spondylolisthesis", "L3-L4"): "concordant", ("central_canal_stenosis", "L3-L4"): "concordant"}),
    ("HPI: Back pain for 3 months.\n" + _IMAGING.format("a small L4-5 disc bulge")
     + "ASSESSMENT: The L4-5 disc bulge may explain her back pain.", {("disc_bulge", "L4-L5"): "possibly_concordant"}),
    # ... and a hedge after 'which' is the judgement's own ('which may account for'), but does not undo the root
    # and side the finding matches on its own
    ("HPI: Right anterior thigh pain.\n" + _IMAGING.format("mild L4-5 canal stenosis") + "ASSESSMENT: Mild L4-5 canal "
     "stenosis, which may account for his thigh pain.", {("central_canal_stenosis", "L4-L5"): "possibly_concordant"}),
    ("HPI: Left leg pain to the big toe, left EHL 4/5.\n" + _IMAGING.format("a left L4-5 protrusion compressing the "
     "left L5 root") + "ASSESSMENT: Left L4-5 protrusion, which may account for the left L5 radicular symptoms.",
     {("disc_protrusion", "L4-L5"): "concordant"}),
    # 'correlating with' after the symptom: the finding after it; no symptom on the other side, no judgement
    ("HPI: Right leg pain on walking.\n" + _IMAGING.format("mild L3-4 canal stenosis")
     + "IMP: Neurogenic claudication - clinically correlating with the L3-4 stenosis.",
     {("central_canal_stenosis", "L3-L4"): "concordant"}),
    ("HPI: Back pain, no leg symptoms.\n" + _IMAGING.format("an L1 compression fracture, old")
     + "ASSESSMENT: A normal DEXA scan that does not correlate with the L1 fracture.",
     {("fracture", "L1"): "likely_incidental"}),
    # a level alone as the source of leg symptoms: its compressive lesions and what builds them, not its Modic
    # change; a source of its own kind named before ('facetogenic from L4/5') is not the level's every lesion
    ("HPI: Bilateral leg heaviness on walking.\n" + _IMAGING.format("at L4/5 a disc bulge, Modic type 2 change and "
     "mild canal stenosis") + "ASSESSMENT: Classic neurogenic claudication from L4/5, with a right L5 radiculopathy "
     "from the synovial cyst.",
     {("disc_bulge", "L4-L5"): "concordant", ("central_canal_stenosis", "L4-L5"): "concordant",
      ("modic_change", "L4-L5"): "likely_incidental"}),
    ("HPI: Chronic low back pain, no leg pain.\n" + _IMAGING.format("an L4-5 disc bulge and L4-5 facet arthropathy")
     + "ASSESSMENT: Axial back pain, likely facetogenic from L4/5.", {("disc_bulge", "L4-L5"): "likely_incidental"}),
    # a judgement that names the other side only, or an operated level beside the lesion, is not theirs
    ("HPI: Right leg pain to the foot.\n" + _IMAGING.format("a right L4-5 extrusion compressing the right L5 root and "
     "mild left L4-5 lateral recess stenosis") + "ASSESSMENT: Right L4-5 extrusion narrowing the right lateral recess, "
     "which correlates with her leg pain.",
     {("disc_extrusion", "L4-L5"): "concordant", ("lateral_recess_stenosis", "L4-L5"): "discordant"}),
    ("HPI: Bilateral leg pain on walking. L4-S1 fusion in 2015.\n" + _IMAGING.format("an L4-S1 posterior fusion and severe L3-4 canal "
     "stenosis") + "ASSESSMENT: Severe L3-4 stenosis above the L4-S1 fusion, which correlates with his leg pain.",
     {("central_canal_stenosis", "L3-L4"): "concordant", ("postoperative_change", "L4-L5"): "likely_incidental"}),
    # ... nor a level named as the source of a finding on the other side
    ("HPI: Right leg pain to the lateral foot.\nMRI: L5-S1 left lateral recess stenosis, L5-S1 right foraminal "
     "stenosis.\nAssessment: Sciatica from L5/S1.", {("lateral_recess_stenosis", "L5-S1"): "discordant",
                                                    ("foraminal_stenosis", "L5-S1"): "concordant"}),
    # a radiologist's judgement in a report's impression is the physician's too
    ("CLINICAL HISTORY: Bilateral leg pain on walking.\nFINDINGS: L3-4 grade 1 anterolisthesis with mild canal "
     "stenosis.\nIMPRESSION: L3-4 anterolisthesis and canal stenosis. This would explain the neurogenic claudication.",
     {("spondylolisthesis", "L3-L4"): "concordant"}),
]


# a radiologist's words in a report's impression or discussion only ever relate a finding: they never take a red
# flag off (a fracture of unstated age included), never undo a side that does not match, and his 'correlate with'
# asks, his 'incidental' and 'do not account for' are left to the rules
RADIOLOGIST = [
    ("CLINICAL HISTORY: Low back pain after lifting.\nFINDINGS: L1 compression fracture, age indeterminate.\n"
     "IMPRESSION: L1 compression fracture of indeterminate age, correlate with focal pain and tenderness.",
     {("fracture", "L1"): "red_flag"}),
    ("CLINICAL HISTORY: Back pain, weight loss.\nFINDINGS: L3 fracture.\nIMPRESSION: L3 fracture, possibly "
     "pathological. This may explain the back pain.", {("fracture", "L3"): "red_flag"}),
    ("CLINICAL HISTORY: Back pain.\nFINDINGS: L2 compression fracture. S2 Tarlov cyst.\nIMPRESSION: L2 compression "
     "fracture and incidental Tarlov cyst.", {("fracture", "L2"): "red_flag"}),
    ("CLINICAL HISTORY: Back and bilateral leg pain. Weight loss.\nFINDINGS: L3 vertebral collapse. Moderate L4-5 "
     "stenosis.\nIMPRESSION: L3 collapse. The findings do not account for the leg pain.",
     {("fracture", "L3"): "red_flag", ("central_canal_stenosis", "L4-L5"): "possibly_concordant"}),
    ("CLINICAL HISTORY: Left leg pain to the foot.\nFINDINGS: L5-S1 right paracentral extrusion compressing the right "
     "S1 nerve root.\nIMPRESSION: Right L5-S1 extrusion compressing the right S1 root, correlate with symptoms.",
     {("disc_extrusion", "L5-S1"): "discordant"}),
    ("CLINICAL HISTORY: Right leg pain to the foot.\nFINDINGS: Right L5-S1 paracentral extrusion compressing the right "
     "S1 root. Left L4-5 foraminal stenosis.\nDISCUSSION: The left L4-5 foraminal stenosis could explain left L4 "
     "symptoms but not the right leg pain.", {("foraminal_stenosis", "L4-L5"): "discordant"}),
    ("CLINICAL HISTORY: Left leg pain.\nFINDINGS: Left L4-5 extrusion compressing the left L5 root. Incidental left "
     "renal cyst.\nIMPRESSION: Left L4-5 extrusion, likely incidental renal cyst.",
     {("disc_extrusion", "L4-L5"): "possibly_concordant"}),
    ("CLINICAL HISTORY: Bilateral leg pain on walking.\nFINDINGS: L3-4 grade 1 anterolisthesis with mild canal "
     "stenosis.\nIMPRESSION: L3-4 anterolisthesis and canal stenosis. This would explain the neurogenic claudication.",
     {("spondylolisthesis", "L3-L4"): "concordant", ("central_canal_stenosis", "L3-L4"): "concordant"}),
    # a cause outside the lumbar spine relates no lumbar finding, whatever 'this' stood before
    ("CLINICAL HISTORY: Numb legs, unsteady.\nFINDINGS: Mild L4-5 disc bulge.\nDISCUSSION: The lumbar findings in this "
     "man were incidental; his leg symptoms came from cervical spondylotic myelopathy.",
     {("disc_bulge", "L4-L5"): "likely_incidental", ("cord_abnormality", None): "red_flag"}),
    # in its own clause: 'the stenosis' is the one named before, not a stenosis at the protrusion's level
    ("CLINICAL HISTORY: Bilateral leg pain on walking.\nFINDINGS: Severe L4-5 canal stenosis. Small right L5-S1 "
     "protrusion.\nIMPRESSION: Severe L4-5 canal stenosis and a small right L5-S1 protrusion; the stenosis would "
     "explain the claudication.",
     {("central_canal_stenosis", "L4-L5"): "concordant", ("disc_protrusion", "L5-S1"): "likely_incidental",
      ("central_canal_stenosis", "L5-S1"): None}),
]


@pytest.mark.parametrize("report, expected", RADIOLOGIST, ids=[r[0].splitlines()[-1][:60] for r in RADIOLOGIST])
def test_radiologist_judgement(analyze, report, expected):
    result = analyze(report)
    got = {(f.type, f.level): f.assessment.category for f in result.findings if f.assessment}
    assert {k: got.get(k) for k in expected} == expected, got
    assert result.summary.headline.startswith("RED FLAG") == ("red_flag" in expected.values())


@pytest.mark.parametrize("note, expected", PHYSICIAN, ids=[p[0].splitlines()[-1][:60] for p in PHYSICIAN])
def test_physician_judgement(analyze, note, expected):
    result = analyze(note)
    got = {(f.type, f.level): f.assessment.category for f in result.findings if f.assessment}
    assert {k: got.get(k) for k in expected} == expected, got
    judged = [f for f in result.findings if (f.type, f.level) in expected and expected[(f.type, f.level)] != "red_flag"
              and "physician" in " ".join(f.assessment.reasons)]
    assert all("\u201c" in " ".join(f.assessment.reasons) for f in judged)


def test_symptoms_all_denied_is_a_history(analyze):
    # 'no leg pain, no numbness': there is a history, so an age-related finding is likely incidental
    result = analyze("CLINICAL HISTORY: Denies leg pain, numbness or weakness.\nFINDINGS: L4-5 disc bulge.")
    assert [f.assessment.category for f in result.findings] == ["likely_incidental"]
    result = analyze("FINDINGS: L4-5 disc bulge.")
    assert [f.assessment.category for f in result.findings] == ["indeterminate"]


def test_a_whole_note_is_a_history(analyze):
    # a clinical note recounts the patient's story even when none of it is a spinal symptom: its
    # age-related findings are likely incidental, not 'no symptoms given'; a red flag stays one
    note = ("HISTORY OF PRESENT ILLNESS: Headaches and a draining wound after surgery.\n"
            "PLAN: Wound care.\nIMAGING: MRI of the lumbar spine showed a mild disc bulge at L4-5 and an L2 "
            "vertebral metastasis.")
    got = {f.type: f.assessment.category for f in analyze(note).findings if f.assessment}
    assert got == {"disc_bulge": "likely_incidental", "neoplasm": "red_flag"}, got


@pytest.mark.parametrize("symptoms, expected", [
    # one root's territory: the foraminal stenosis that compresses it explains it
    ("Left hip flexion weakness 4/5.", "concordant"),
    # weakness in every leg root on both sides is a diffuse pattern (a neuropathy): only a partial match
    ("Weakness of hip flexion, knee extension, ankle dorsiflexion and plantar flexion bilaterally, 4/5.",
     "possibly_concordant"),
])
def test_diffuse_deficits_are_a_partial_match(analyze, symptoms, expected):
    result = analyze("FINDINGS: Moderate left L2-3 foraminal stenosis.", symptoms=symptoms)
    assert [f.assessment.category for f in result.findings if f.type == "foraminal_stenosis"] == [expected]


def test_what_narrows_a_matching_canal_contributes_and_says_so_once(analyze):
    # a bulge and arthropathy that cause the stenosis that fits the claudication are possibly concordant; their
    # own rule's 'does not explain the symptoms' holds only of each on its own, and the reasons say so
    result = analyze("HISTORY: bilateral leg pain on walking, relieved by sitting, for a year.\n"
                     "FINDINGS: L4-5: disc bulge and facet arthropathy causing severe central canal stenosis.", age=70)
    got = {f.type: f.assessment for f in result.findings if f.assessment}
    assert got["central_canal_stenosis"].category == "concordant"
    for ftype in ("disc_bulge", "facet_arthropathy"):
        a = got[ftype]
        assert a.category == "possibly_concordant", (ftype, a)
        assert "contributes to the L4-L5 central canal stenosis" in a.reasons[0]
        assert not any(r.endswith("does not explain the symptoms.") for r in a.reasons), a.reasons
