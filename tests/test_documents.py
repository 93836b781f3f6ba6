"""Which text is an imaging result (nlp/statements.py) and which part of the spine it is about
(nlp/level_attach.py regions): clinical notes, narratives and reports of the whole spine."""

import pytest


def found(result):
    return {(f.type, f.level, f.certainty) for f in result.findings}


NOTE = """CHIEF COMPLAINT: Low back pain and left leg pain.

HISTORY OF PRESENT ILLNESS: A 52-year-old man with left leg pain for 8 weeks. He had a laminectomy at L3-4 in 2012.
An outside MRI of the lumbar spine showed a large left paracentral disc extrusion at L5-S1 compressing the left S1 root.
There is also mild facet arthropathy at L4-5.

PHYSICAL EXAMINATION: Straight leg raise is positive on the left. Tender over the facet joints.

ASSESSMENT: Lumbar radiculopathy. Rule out recurrent disc herniation at L3-4.

PLAN: We will obtain a new MRI with contrast to rule out discitis. Consider L5-S1 microdiscectomy."""


@pytest.mark.parametrize("text, expected, absent_types", [
    # a note: findings only from the imaging statement and its continuation
    (NOTE, {("disc_extrusion", "L5-S1", "present"), ("nerve_root_compression", "L5-S1", "present"),
            ("facet_arthropathy", "L4-L5", "present")},
     {"postoperative_change", "infection", "disc_herniation"}),
    # a note without headers, told by its prose about a person
    ("The patient is a 60-year-old woman with back pain. She underwent an L4-5 fusion in 2015. "
     "She tolerated physical therapy poorly. A CT myelogram revealed adjacent segment stenosis at L3-4. "
     "We discussed decompression.", {("central_canal_stenosis", "L3-L4", "present")},
     {"postoperative_change"}),
    # a study planned or ordered is not a result
    ("HPI: back pain for 3 weeks.\nPLAN: MRI of the lumbar spine to rule out disc herniation or metastasis.",
     set(), {"disc_herniation", "neoplasm"}),
    # a radiology report is read as before
    ("FINDINGS: L4-5: Left paracentral disc protrusion.\nIMPRESSION: L4-5 protrusion.",
     {("disc_protrusion", "L4-L5", "present")}, set()),
    # a report quoted in a note under its own IMPRESSION: the study's, not the note's assessment; the note's
    # own IMPRESSION after its history is its assessment
    ("HPI: back pain.\n\nOutside MRI L-spine (report brought by pt, 2 wks prior):\nIMPRESSION:\n1. L5-S1: small "
     "central disc protrusion.\n2. No fracture.\n\nMDM: mechanical back pain.",
     {("disc_protrusion", "L5-S1", "present"), ("fracture", None, "absent")}, set()),
    ("HPI: back pain.\nMRI lumbar spine 12/03/2024:\nFINDINGS: L4-5 mild bulge.\n\nIMPRESSION: L4-5 disc extrusion.",
     {("disc_extrusion", "L4-L5", "present"), ("disc_bulge", "L4-L5", "present")}, set()),
    ("HPI: back pain and left sciatica. MRI was done last week.\n\nIMPRESSION: Probable L5-S1 disc herniation. "
     "Plan MRI review.", set(), {"disc_herniation"}),
    # a study named on a list's line that ends on a colon: its indented description is the study's, to the
    # list's next item or a blank line
    ("PMH: hypertension.\nKey investigations:\n- Hb 86 g/L.\n- MRI whole spine (day 2):\n  Diffuse marrow "
     "infiltration. Mild loss of height of the L4 superior endplate, likely an insufficiency fracture.\n"
     "- Bone marrow aspirate: plasma cells.\n\nDiagnoses:\n1. L4 fracture - presumed pathological.",
     {("fracture", "L4", "present")}, set()),
    # ... but not the patient's story after it, a study asked for, nor a study's name opening a line of prose
    ("HPI: 52M, 3 days of worsening LBP. Outside MRI L-spine (report brought by pt):\nMild L4-5 disc bulge.\nPt "
     "reports new saddle anaesthesia and urinary retention since last night.\nPMH: nil.",
     {("disc_bulge", "L4-L5", "present")}, set()),
    ("HPI: low back pain, ?CES.\nUrgent MRI L-spine requested:\nIf MRI shows cauda equina compression will refer to "
     "neurosurgery.\nExam: saddle sensation intact.", set(), {"cauda_equina_compression"}),
    # a sentence that says the writer has looked at the study: what follows in its paragraph is what they saw;
    # the patient's story, the next paragraph, and a study yet to be reviewed are not
    ("HPI: right thigh pain.\nReflexes: knee R absent.\n\nI have reviewed his MRI scan of 14/02 myself. At L4/5 there is a "
     "right foraminal disc protrusion compressing the exiting right L4 root. The conus is normal.\n\nPlan: L4/5 discectomy.",
     {("disc_protrusion", "L4-L5", "present"), ("nerve_root_compression", "L4-L5", "present"),
      ("cord_abnormality", None, "absent")}, set()),
    ("HPI: back pain.\nExam: SLR 40 on the left.\nHer MRI images were reviewed today. There is a large L5-S1 extrusion.",
     {("disc_extrusion", "L5-S1", "present")}, set()),
    ("HPI: back pain.\nI have reviewed the MRI. Large L4/5 extrusion compressing the cauda equina, explaining the urinary "
     "retention.\nPlan: theatre.", {("disc_extrusion", "L4-L5", "present"), ("cauda_equina_compression", "L4-L5", "present")},
     set()),
    ("HPI: back pain.\nExam: SLR 40 on the left.\nI have reviewed his MRI. He has a left L5-S1 disc herniation on "
     "clinical grounds.\n\nPlan: physio.", set(), {"disc_herniation"}),
    ("HPI: back pain.\nExam: normal.\nWe will review the MRI when done. Query L5-S1 disc herniation.",
     set(), {"disc_herniation"}),
    # a denial inside an assessment's brackets stays there; a symptom the patient tells after a study's result, or a
    # risk the radiologist names ('Diffuse osteopenia.') that goes on the study's account
    ("HPI: back pain.\nImaging: MRI L-spine 11/2023:\n- L4-5: moderate bilateral facet arthropathy.\n\nA: Lumbar facet-"
     "mediated pain (lumbar spondylosis without myelopathy or radiculopathy), L4-5 - consistent with the facet "
     "arthropathy seen on MRI.", {("facet_arthropathy", "L4-L5", "present")}, set()),
    ("HPI: fall.\nO/E: tender L1.\n\nX-ray lumbar spine: Wedge compression fracture of L1. Diffuse osteopenia. Moderate "
     "multilevel degenerative change with osteophytes.\nPlan: brace.",
     {("fracture", "L1", "present"), ("spondylosis", None, "present"), ("osteophyte", None, "present")}, set()),
    ("HPI: 50M back pain.\nI have reviewed the MRI. T8 metastasis with cord compression, explaining her leg weakness.",
     {("neoplasm", "T8", "present"), ("cord_abnormality", "T8", "present")}, set()),
    # a statement of findings that goes on to tell of the patient: the findings are the study's, the clause the patient's
    ("HPI: 50M back pain.\nI have reviewed the MRI. Large L4/5 extrusion compressing the cauda equina; he is in retention.",
     {("disc_extrusion", "L4-L5", "present"), ("cauda_equina_compression", "L4-L5", "present")}, set()),
    ("HPI: 50M back pain.\nI have reviewed the MRI. T8 metastasis compressing the cord, he has leg weakness.",
     {("neoplasm", "T8", "present"), ("cord_abnormality", "T8", "present")}, set()),
    ("HPI: 50M back pain.\nI have reviewed the MRI. Large L5/S1 extrusion compressing his cauda equina.",
     {("disc_extrusion", "L5-S1", "present"), ("cauda_equina_compression", "L5-S1", "present")}, set()),
    # a clinician's 'big disc' squashing a root
    ("HPI: back pain.\nWe arranged a direct-access MRI (report attached) which showed a big L5/S1 disc on the left "
     "squashing the S1 nerve root.", {("disc_herniation", "L5-S1", "present"),
                                      ("nerve_root_compression", "L5-S1", "present")}, set()),
    ("HPI: back pain.\nMRI showed a large disc bulge at L4-5.", {("disc_bulge", "L4-L5", "present")},
     {"disc_herniation"}),
    # a study's name, a dash and its quoted report
    ("HPI: low back pain.\nExamination: SLR 80 bilaterally.\n\nInvestigations: MRI lumbar spine (Qscan, 02/05) - \"Multilevel "
     "facet arthropathy, most advanced at L4-5. Grade 1 anterolisthesis of L4 on L5.\"\n\nPlan: medial branch blocks.",
     {("facet_arthropathy", None, "present"), ("facet_arthropathy", "L4-L5", "present"),
      ("spondylolisthesis", "L4-L5", "present")}, set()),
    # an imaging screen is the study's own part; a red-flag screen is not
    ("HPI: 70M, prostate ca, back pain.\nIMAGING:\nMRI whole spine today:\nMetastatic screen: multiple deposits, T8 "
     "pathological fracture with retropulsion and cord compression.\nPLAN: dex.",
     {("fracture", "T8", "present"), ("cord_abnormality", "T8", "present")}, set()),
    # a screen of symptoms after a note's imaging section is no longer the study's
    ("History: back pain.\nMRI L-spine (report brought in):\n  L4-5: moderate canal stenosis.\n\nCauda equina "
     "screen:\n  Saddle numbness - denies\n  Bladder - slow to get going, weaker stream.",
     {("central_canal_stenosis", "L4-L5", "present")}, set()),
    # a study asked for is a result once its past result is stated
    ("HPI: Back pain. His doctor ordered a CT of the L-spine that reportedly showed lumbar stenosis.",
     {("central_canal_stenosis", None, "present")}, set()),
    ("HPI: Back pain. We ordered an MRI to look for a disc herniation.", set(), {"disc_herniation"}),
    # studies of other parts of the body, of the vessels, and tests that are not imaging
    ("HPI: Knee pain after a fall.\nIMAGING: X-rays of the right knee demonstrate a healed tibial plateau fracture.",
     set(), {"fracture"}),
    ("HPI: Dizziness.\nIMAGING: CTA of the neck showed 60% stenosis of the left carotid and no stenosis of the vertebral "
     "arteries.", set(), {"central_canal_stenosis"}),
    ("HPI: Numb feet.\nIMPRESSION: This electrical study is abnormal. It reveals mild bilateral L5 nerve root irritation.",
     set(), {"nerve_root_contact", "nerve_root_compression"}),
    ("HPI: Neck and back pain.\nIMAGING: Spinal films were unremarkable.", set(), {"central_canal_stenosis"}),
    ("HPI: Back pain.\nFINDINGS: MRI showed an L4-5 disc bulge.\nPROVISIONAL DIAGNOSIS: Lumbar herniated disc.",
     {("disc_bulge", "L4-L5", "present")}, {"disc_herniation"}),
    # the passive: a finding 'demonstrated on' or 'visible on' a study
    ("HPI: Back pain.\nASSESSMENT: There is a laterolisthesis at L3-4, demonstrated on the standing x-rays.",
     {("spondylolisthesis", "L3-L4", "present")}, set()),
    ("HPI: Back pain.\nASSESSMENT: Facet arthropathy at L4-5, as seen on the MRI we will order.", set(),
     {"facet_arthropathy"}),
    # the study as the subject of the sentence before: 'This revealed ...'
    ("HPI: A 70-year-old man with leg weakness.\nCOURSE: He had an urgent MRI of the thoracic spine. This "
     "showed a T9 vertebral body metastasis. He then had radiotherapy.", {("neoplasm", "T9", "present")}, set()),
    ("HPI: back pain.\nPLAN: We will get an MRI. This will show whether there is a disc herniation.",
     set(), {"disc_herniation"}),
    # ... the report as the subject of 'reported' (a letter's copy of an outside report); not a person's report
    ("Dear Dr Okafor,\n\nMr W has back pain.\n\nHe brought a copy of an MRI report from 2023, requested by his physio. "
     "This reported desiccation of the L3/4 disc.", {("disc_desiccation", "L3-L4", "present")}, set()),
    ("Dear Dr Okafor,\n\nMr W has back pain. He saw a physio about his disc bulge. This reported no benefit.",
     set(), {"disc_bulge"}),
    ("Dear Dr X,\n\nMr A has back pain.\n\nHe had a private MRI scan arranged through his insurer. The report describes "
     "a small left paracentral disc protrusion at L5/S1.", {("disc_protrusion", "L5-S1", "present")}, set()),
    ("Dear Dr X,\n\nMr A has back pain. He had an MRI in 2023 and saw two physios; they reported a disc bulge.",
     set(), {"disc_bulge"}),
    # a study that 'reads' / 'states' its words (not a person who says)
    ("HPI: LBP. The lumbar MRI of 09/2023 reads \"Mild disc bulges at L4-L5.\"", {("disc_bulge", "L4-L5", "present")}, set()),
    ("HPI: LBP, had MRI. She said she has a disc bulge.", set(), {"disc_bulge"}),
    ("Dear Dr X,\n\nI assessed Mr F with right leg pain.\n\nHe brought an MRI report from a private provider which "
     "describes a right foraminal disc protrusion at L3/4.\n\nI would be grateful if you could see him. I will continue "
     "with exercise in the meantime.", {("disc_protrusion", "L3-L4", "present")}, set()),
    # an operation note: the diagnosis line is imaging only when the note says imaging showed it;
    # the operation's own steps and the section titles are not findings
    ("PREOPERATIVE DIAGNOSIS(ES): L3-L4 disc herniation.\nPOSTOPERATIVE DIAGNOSIS(ES): Same.\n"
     "INDICATIONS FOR OPERATION: Leg pain for a year. Preoperative MRI showed the above-mentioned pathology.\n"
     "DESCRIPTION OF THE OPERATION: Pedicle screws were placed at L3 and L4 and a laminectomy was done.",
     {("disc_herniation", "L3-L4", "present")}, {"postoperative_change"}),
    ("PREOPERATIVE DIAGNOSIS: L3-L4 disc herniation.\nPROCEDURE: L3-L4 microdiscectomy.\n"
     "INDICATIONS: Leg pain for a year despite therapy.", set(), {"disc_herniation", "postoperative_change"}),
    # an operation's account of what led to it may recount imaging; once the steps begin, what the
    # surgeon saw is not imaging, but a study named with its result still is
    ("PROCEDURE: L3-4 laminectomy.\nDESCRIPTION OF PROCEDURE: This 70-year-old man has had leg pain for a year. "
     "A CT myelogram showed no evidence of a disc herniation. Furthermore, he developed severe stenosis at L3-4. "
     "The patient was brought to the operating room and placed prone. The thecal sac was compressed at L2-3. "
     "An intraoperative x-ray showed a grade 1 anterolisthesis at L4-5.",
     {("central_canal_stenosis", "L3-L4", "present"), ("disc_herniation", None, "absent"),
      ("spondylolisthesis", "L4-L5", "present")}, {"thecal_sac_compression", "postoperative_change"}),
    ("PROCEDURE: Facet injections.\nINDICATION: Back pain.\nSUMMARY OF PROCEDURE: The patient was placed prone and "
     "prepped in sterile fashion. The needle was placed into the L4-5 facet. The arthrogram showed facet arthropathy "
     "at L4-5.", {("facet_arthropathy", "L4-L5", "present")}, set()),
    # a person word stops a study's description unless the sentence says it adds to it
    ("HPI: Back pain. MRI showed a disc bulge at L3-4. She developed stenosis at L4-5 afterwards.",
     {("disc_bulge", "L3-L4", "present")}, {"central_canal_stenosis"}),
    ("HPI: Back pain. MRI showed a disc bulge at L3-4. In addition, she has moderate stenosis at L4-5.",
     {("disc_bulge", "L3-L4", "present"), ("central_canal_stenosis", "L4-L5", "present")}, set()),
    ("HPI: Back pain. MRI showed a disc bulge at L3-4. In addition, she underwent a laminectomy at L4-5.",
     {("disc_bulge", "L3-L4", "present")}, {"postoperative_change"}),
    # evidence on a study: 'no evidence of ... on the imaging' is the study's result, either way
    ("HPI: Fever after surgery. There was no evidence of infection on the imaging or with her blood tests.",
     {("infection", None, "absent")}, set()),
    ("HPI: Fever after surgery. There were signs of discitis at L2-3 on her repeat MRI.",
     {("infection", "L2-L3", "present")}, set()),
    # 'the MRI findings of ...' state a result; a plan far from the study in a long sentence is another's
    ("PROCEDURE: Fusion.\nDESCRIPTION: The patient was placed prone. A rod was placed on the left side for "
     "distraction should it be felt necessary in view of the MRI findings of severe compression of the spinal canal.",
     {("central_canal_stenosis", None, "present")}, set()),
    ("HPI: Back pain. We will review the MRI findings of stenosis at the next visit.", set(),
     {"central_canal_stenosis"}),
    # a red flag after a study of another part of the body is not left out with it
    ("HISTORY OF PRESENT ILLNESS: A 70-year-old man with back pain, weight loss and night sweats.\n"
     "PHYSICAL EXAMINATION: Tender lower back.\nIMAGING: CT of the chest, abdomen and pelvis showed a right lung "
     "mass. There is also a compression fracture with a destructive lesion. Epidural tumor compresses the cord.\n"
     "PLAN: Oncology.", {("fracture", None, "present"), ("cord_abnormality", None, "present")}, set()),
    # ... but a brain MRI's description stays the brain's, red flags included
    ("HPI: Numb legs and slurred speech.\nCOURSE: MRI of the brain revealed multiple enhancing lesions in the white "
     "matter. The lesions have increased in size. Demyelinating disease and tumor were in the differential diagnosis.",
     set(), {"neoplasm"}),
    # why a study was done is not its result; an added statement is the study's only when it is of the spine
    ("HPI: Back pain. An MRI was obtained to evaluate for cauda equina syndrome or epidural abscess. A CT was "
     "performed for concern of a compression fracture.", set(), {"infection", "fracture", "cauda_equina_compression"}),
    ("HPI: Back pain. An MRI showed a left L4-5 disc herniation. In addition, she developed a fever and an abscess of "
     "her left arm last month. Also, her sister had breast cancer with spinal metastases.",
     {("disc_herniation", "L4-L5", "present")}, {"infection", "neoplasm"}),
    # a study's result restated of the patient ('She does have X of her lumbar spine') is the study's; her
    # history, her complaint or a relative's illness is not
    ("HPI: Left pelvic pain and fever. MRIs of the lumbar spine and pelvis have been unremarkable for any "
     "inflammatory process. She does have degenerative disk disease of her lumbar spine but no hip pathology.",
     {("disc_degeneration", None, "present")}, set()),
    ("HPI: Left pelvic pain and fever. MRIs of the lumbar spine and pelvis have been unremarkable. She has a history "
     "of degenerative disk disease of her lumbar spine.", set(), {"disc_degeneration"}),
    ("HPI: Left pelvic pain and fever. MRIs of the lumbar spine and pelvis have been unremarkable. Her mother does "
     "have metastases of her lumbar spine.", set(), {"neoplasm"}),
    # a study done ('was completed and read') is described by the sentences after it
    ("HPI: Mid back pain.\nCOURSE: A bone scan was completed and read by Dr. Smith. A compression deformity of T12 "
     "was noted.", {("fracture", "T12", "present")}, set()),
    ("HPI: Mid back pain.\nCOURSE: A bone scan will be completed next week. A compression deformity of T12 is "
     "suspected.", set(), {"fracture"}),
    # a planned operation has left no change; broken hardware is not a broken spine
    ("HPI: Back pain. X-rays demonstrated an anterolisthesis at L4-5, and it was decided to proceed with instrumentation.",
     {("spondylolisthesis", "L4-L5", "present")}, {"postoperative_change"}),
    ("HPI: Back pain.\nIMAGING: CT showed that the hardware at L4 had fractured.",
     {("postoperative_change", "L4", "present")}, {"fracture"}),
    ("HPI: Back pain.\nIMAGING: CT showed a broken pedicle screw at L5 and a fracture of the L2 vertebral body.",
     {("postoperative_change", "L5", "present"), ("fracture", "L2", "present")}, set()),
    # a SOAP note: its one-letter headers are sections when two or more open lines; the plan is not a result
    ("S: 63M with worsening L foot drop x 2 wks.\nO: L EHL 3/5.\nMRI L-spine (today): large left paracentral L4-5 "
     "disc extrusion compressing the left L5 nerve root.\nA: L5 radiculopathy.\nP: Schedule L4-5 laminectomy.",
     {("disc_extrusion", "L4-L5", "present"), ("nerve_root_compression", "L4-L5", "present")}, {"postoperative_change"}),
    ("HPI: 50M with LBP.\nA/P: Differential includes disc herniation vs epidural abscess; will obtain MRI to r/o "
     "cauda equina compression.", set(), {"disc_herniation", "infection", "cauda_equina_compression"}),
    ("HPI: 50M with LBP.\nDDx: disc herniation.\nMDM: low suspicion for epidural abscess.", set(),
     {"disc_herniation", "infection"}),
    # a letter quotes the study with 'reports'; the title 'Mr.' names no study
    ("HPI: Left leg pain.\nHer MRI lumbar spine (12/03/2024) reports a right paracentral disc protrusion at L5/S1.",
     {("disc_protrusion", "L5-S1", "present")}, set()),
    ("HPI: Back pain.\nMr. Abc reports an L4-5 disc herniation diagnosed elsewhere.", set(), {"disc_herniation"}),
    ("HPI: Back pain.\nHe reports his MRI showed nothing.", set(), set()),
    # a quoting verb with a colon or quotation mark quotes the study however far from it, past a possessive
    ("HPI: Back pain and fevers.\nThe MRI done through our direct-access service yesterday reported: \"Abnormal "
     "marrow signal in T12 and L1 with a paravertebral collection, suggestive of spondylodiscitis.\"",
     {("infection", "T12", "possible"), ("infection", "L1", "possible")}, set()),
    ("HPI: Back pain.\nAfter the MRI of his back last week he reported: \"my legs feel like jelly and I have a "
     "disc herniation\".", set(), {"disc_herniation"}),
    ("HPI: Back pain.\nAfter the MRI of his back last week, our patient reported a disc herniation diagnosed "
     "elsewhere.", set(), {"disc_herniation"}),
    # 'A/P:' makes an ED note a note: its MRI line is the imaging statement, its differential and plan are not
    ("ED Provider Note\n\n62 yo M c/o leg pain x 1 wk.\n\nExam: L ankle jerk absent.\n\nMRI L-spine STAT: Large left "
     "paracentral disc extrusion at L5-S1 compressing the left S1 nerve root.\n\nA/P: Incomplete CES vs urinary retention "
     "from other cause; r/o epidural abscess; neurosurgery consulted for urgent decompression.",
     {("disc_extrusion", "L5-S1", "present"), ("nerve_root_compression", "L5-S1", "present")},
     {"infection", "postoperative_change"}),
    # a teaching case opening on its patient beside 'MRI demonstrated ...' is a narrative: its history is not a finding
    ("A 71-year-old woman with a history of renal cell carcinoma presented with back pain. MRI demonstrated a "
     "compression fracture of L2.", {("fracture", "L2", "present")}, {"neoplasm"}),
    ("Case 1: Disc herniation\nA 40-year-old man presented with left leg pain. MRI showed a left L5-S1 extrusion.",
     {("disc_extrusion", "L5-S1", "present")}, {"disc_herniation"}),
    # ... not a radiologist's terse note ('Grade I', '(obese patient)' are no patient's story)
    ("LSS MRI :\nGrade I spondylolisthesis of L5/S1 level.\nDiffuse disc bulge at L4/L5 (obese patient).",
     {("spondylolisthesis", "L5-S1", "present"), ("disc_bulge", "L4-L5", "present")}, set()),
    # 'MR Thoracic and Lumbar' (capitals) is the study; 'Mr' before a name is not
    ("HPI: 70F with breast cancer and back pain. Her MR Thoracic and Lumbar demonstrated cord compression at T10 from "
     "a metastasis.", {("cord_abnormality", "T10", "present"), ("neoplasm", "T10", "present")}, set()),
    # a terse note puts the level right after the study's name
    ("HPI: 52M, urinary retention and saddle numbness.\nMRI L4/5 massive central extrusion compressing the cauda "
     "equina.\nPlan: urgent decompression.", {("disc_extrusion", "L4-L5", "present"),
                                             ("cauda_equina_compression", "L4-L5", "present")}, set()),
    # a quoting verb with the study as its subject; the patient's story with an old study's level is not a result
    ("HPI: Her MRI from 3/2024 describes a large extrusion at L4-5 compressing the cauda equina.",
     {("disc_extrusion", "L4-L5", "present"), ("cauda_equina_compression", "L4-L5", "present")}, set()),
    ("HPI: Previous MRI L4/5 disc bulge in 2019, now presents with urinary retention and saddle anaesthesia.", set(),
     {"disc_bulge"}),
    # a study's description does not go on into a line under a heading of its own ('CONSENT: ... infection')
    ("PROCEDURE: Right S1 transforaminal epidural steroid injection.\nPREOPERATIVE DIAGNOSIS: Right S1 "
     "radiculopathy.\nINDICATIONS: 44M with right leg pain, with an MRI "
     "demonstrating a right L5-S1 disc protrusion contacting the right S1 nerve root.\nCONSENT: Risks including "
     "bleeding, infection and nerve injury were discussed.", {("disc_protrusion", "L5-S1", "present")}, {"infection"}),
    # 'reported' quotes a study that is its subject; a person's report is not a study's
    ("HPI: 70F with saddle anaesthesia. Her MRI 3 months ago reported severe L3/4 spinal canal stenosis with crowding "
     "of the cauda equina.", {("cauda_equina_compression", "L3-L4", "present")}, set()),
    ("HPI: After his MRI he reported severe leg pain. He has had a fracture of the wrist.", set(), {"fracture"}),
    # a finding a note quotes 'per MRI' is the study's result
    ("PROCEDURE: L4-5 interlaminar epidural steroid injection.\nPREOPERATIVE DIAGNOSIS: Neurogenic claudication due "
     "to moderate central canal stenosis at L4-5 per MRI of 03/2023.", {("central_canal_stenosis", "L4-L5", "present")},
     set()),
    ("HPI: Back pain. Per his wife he fell last week.", set(), {"fracture"}),
    # a teaching file's discussion speaks of the disease in general: no finding or symptom of this patient
    ("History: 62M with back pain.\nFindings: L4-5 left paracentral disc extrusion.\nDiagnosis: L4-5 disc extrusion.\n"
     "Discussion: Metastatic disease rarely crosses the disc space; a free fragment can mimic a schwannoma.\n"
     "Teaching point: Spondylolysis is present in up to 47% of adolescent athletes with saddle anaesthesia.",
     {("disc_extrusion", "L4-L5", "present")}, {"disc_sequestration", "spondylolysis"}),
    # ... though a red flag named there is still read (a possible one costs a look, a missed one more)
    ("FINDINGS: L4-5 broad based bulge.\nDISCUSSION: There is a large epidural abscess at L2-3 compressing the cauda "
     "equina.", {("infection", "L2-L3", "present"), ("cauda_equina_compression", "L2-L3", "present")}, set()),
    ("Background: 45M, known prostate cancer.\nFindings: L2 metastasis.", {("neoplasm", "L2", "present")}, set()),
    # a lone 'A:' in a report is words: the findings stay findings
    ("FINDINGS:\nA: L4-5 disc bulge.\nL5-S1: Mild facet arthropathy.",
     {("disc_bulge", "L4-L5", "present"), ("facet_arthropathy", "L5-S1", "present")}, set()),
    # sacroiliitis is read whatever pelvic words its statement has; a level in the next ';' clause is not a
    # denied finding's; a procedure discussed is no imaging result
    ("HPI: back pain.\nMRI: Active bilateral sacroiliitis: marrow oedema on both sides of both sacroiliac joints, "
     "with small erosions on the left iliac side. Lumbar spine: no disc herniation; corner lesion at L3.",
     {("sacroiliitis", None, "present"), ("disc_herniation", None, "absent")}, set()),
    ("HPI: back pain.\nMRI: Acute L1 compression fracture.\nVertebroplasty was discussed but not pursued as the "
     "pain settled.", {("fracture", "L1", "present")}, {"postoperative_change"}),
    # a note by its title ('ED triage', 'GP REFERRAL'), with British shorthand headers: its plan is no finding, its
    # study's result is ('MRI L-spine ... showed' is no exam title there)
    ("ED triage\n67M. PMHx Ca prostate 2018. c/o LBP 4/52, now bilat leg weakness. Urinary retension ++.\n?CES ?mets -> "
     "urgent MRI whole spine", set(), {"neoplasm", "cauda_equina_compression"}),
    ("GP REFERRAL - MSK TRIAGE\nRe: 39M\nPMHx: nil significant.\nO/E: SLR positive on the right.\nMRI L-spine (private, "
     "last week) showed a right paracentral L5-S1 disc protrusion.", {("disc_protrusion", "L5-S1", "present")}, set()),
    # 'Subjective' and 'Objective' on lines of their own head a SOAP note: its past history is no finding
    ("Subjective\n- 10/52 of central low back pain.\n- PMH: L wrist fracture 2019. FH: Mum has scoliosis.\n\nMRI "
     "lumbar spine: Right L5 pars stress fracture. No scoliosis.\n\nObjective\n- SLR 90 deg bilat.",
     {("spondylolysis", "L5", "present"), ("scoliosis", None, "absent")}, {"fracture"}),
    # a one-line field ends where the letter or note goes on: a letter's 'Plan:' line before its story of the
    # patient, a family history at the next labelled line or a blank one; a plan written as prose goes on
    ("Re: Mr G, DOB 14/03/1970\n\nDiagnosis: Right L5 radiculopathy\nPlan: Right L4/5 microdiscectomy (listed)\n\n"
     "I reviewed this 54-year-old gentleman in clinic today. I have reviewed his MRI scan. This shows a right "
     "paracentral disc protrusion at L4/5.", {("disc_protrusion", "L4-L5", "present")}, set()),
    ("PMH: anxiety.\nFH: father had a lumbar fusion.\nSocial: lives with partner.\nMRI summary (private report):\n"
     " - L5/S1: left paracentral disc protrusion.", {("disc_protrusion", "L5-S1", "present")}, {"postoperative_change"}),
    ("PMH: anxiety.\nFH: father had a lumbar fusion and an L5/S1 disc protrusion.\n\nHPI: back pain.",
     set(), {"disc_protrusion", "postoperative_change"}),
    ("HPI: back pain.\nPLAN: We will proceed with an L4-5 decompression for his stenosis, as discussed at length "
     "with him and his wife today.\n\nI explained that he may need a fusion for the disc protrusion later.",
     set(), {"disc_protrusion", "postoperative_change", "central_canal_stenosis"}),
    # in a note, a heading of another topic ends an imaging section; a report's own parts and a study do not
    ("PMH: osteoporosis.\nPrevious imaging: MRI 2021 showed an old L1 fracture.\nScreening:\nCord compression "
     "symptoms: none.\nPain after a fall from a ladder, query disc herniation.",
     {("fracture", "L1", "present")}, {"cord_abnormality", "disc_herniation"}),
    ("PMH: osteoporosis.\nIMAGING: MRI lumbar spine 2021.\nReport: L4-5 disc extrusion.\nDate: 2021.\nL5-S1 "
     "protrusion.\nCT: L1 fracture.", {("disc_extrusion", "L4-L5", "present"), ("disc_protrusion", "L5-S1", "present"),
                                       ("fracture", "L1", "present")}, set()),
    # a radiology report headed by its record number is no note; a one-line care field may state a study's result
    ("Medical record no: 123456\nMRI LUMBAR SPINE\nHistory: back pain.\nL4-5: large central extrusion, severe canal "
     "stenosis, cauda equina compressed.", {("cauda_equina_compression", "L4-L5", "present")}, set()),
    ("ED NOTE\nHPI: back pain.\nDisposition: admitted; MRI shows L2-3 discitis with epidural abscess.",
     {("infection", "L2-L3", "present")}, set()),
    # an addendum with its time or date is the study's result too (a cauda equina MRI had been lost in the plan)
    ("ED NOTE\nHPI: back pain, left sciatica.\nPlan: urgent MRI.\nAddendum 04:30: MRI shows a central L4/5 disc "
     "extrusion compressing the cauda equina.", {("disc_extrusion", "L4-L5", "present"),
                                                  ("cauda_equina_compression", "L4-L5", "present")}, set()),
    ("ED NOTE\nHPI: back pain.\nPlan: urgent MRI.\nAddendum (01/12/2026 14:05): MRI shows an L4/5 disc extrusion.",
     {("disc_extrusion", "L4-L5", "present")}, set()),
    # a procedure note by its title: its consent talk names risks, not findings or symptoms
    ("PROCEDURE NOTE - Interventional Pain Clinic\nIndication: left L5 radicular pain.\nRelevant imaging: MRI shows "
     "severe left L5-S1 foraminal stenosis.\nConsent: Risks including infection, bleeding and nerve injury were "
     "discussed.", {("foraminal_stenosis", "L5-S1", "present")}, {"infection"}),
    ("PROCEDURE NOTE - Interventional Pain Clinic\nIndication: back pain and fever.\nRelevant imaging: MRI shows "
     "L4-5 discitis with an epidural abscess.\nConsent: risks discussed.", {("infection", "L4-L5", "present")}, set()),
    # a care heading ends the imaging section even where its line names a finding word
    ("CLINIC NOTE\nHPI: back pain.\nImaging: MRI shows L4-5 disc protrusion.\nPre-procedure screening: no active "
     "infection.", {("disc_protrusion", "L4-L5", "present")}, {"infection"}),
    # a paragraph of a plan written as prose that opens on a study with its result is the note going on (a cauda
    # equina MRI had been lost in the plan); one that plans a study, or a study to come, stays the plan
    ("ED NOTE\nHPI: back pain, can't pass urine.\nPlan: catheterised (residual 900 ml). Urgent MRI lumbar spine "
     "discussed with on-call radiology. Neurosurgery informed.\n\n03:40 MRI L-spine (prelim verbal report):\nLarge "
     "central disc extrusion at L4/5 with compression of the cauda equina.\n\n04:05 accepted for decompression.",
     {("disc_extrusion", "L4-L5", "present"), ("cauda_equina_compression", "L4-L5", "present")}, set()),
    ("ED NOTE\nHPI: back pain.\nPlan: catheterised (residual 900 ml). Urgent MRI lumbar spine discussed with on-call "
     "radiology.\n\nMRI: will exclude a disc extrusion compressing the cauda equina.",
     set(), {"disc_extrusion", "cauda_equina_compression"}),
    ("ED NOTE\nHPI: back pain after a fall.\nPlan: analgesia. Will discuss with seniors and arrange imaging as needed "
     "today.\n\nCT L-spine: discuss with seniors re L1 fracture with retropulsion.", set(), {"fracture"}),
    ("ED NOTE\nHPI: back pain after a fall.\nPlan: analgesia. Will discuss with seniors and arrange imaging as needed "
     "today.\n\nX-ray: fracture unlikely, not indicated.", set(), {"fracture"}),
    ("ED NOTE\nHPI: back pain after a fall.\nPlan: analgesia. Will discuss with seniors and arrange imaging as needed "
     "today.\n\nCT L-spine: L1 burst fracture with 40% retropulsion.", {("fracture", "L1", "present")}, set()),
    ("ED NOTE\nHPI: back pain.\nPlan: catheterised (residual 900 ml). Urgent MRI lumbar spine discussed with on-call "
     "radiology.\n\nMRI at 03:40 shows a large central L4/5 disc extrusion compressing the cauda equina.",
     {("disc_extrusion", "L4-L5", "present"), ("cauda_equina_compression", "L4-L5", "present")}, set()),
    # ... but not a time after another title ('Plan 04:30: ...' stays the plan)
    ("ED NOTE\nHPI: back pain.\nPlan 04:30: MRI to exclude a disc extrusion.", set(), {"disc_extrusion"}),
    # a report quoted by what 'it says', after 'reported as follows:' and a blank line, or after an aside
    ("Portal message\nI saw my MRI results on the app. It says \"L4-5: right paracentral disc extrusion compressing the "
     "traversing right L5 nerve root. Mild facet arthropathy L4-5.\" Should I worry?",
     {("disc_extrusion", "L4-L5", "present"), ("facet_arthropathy", "L4-L5", "present")}, set()),
    ("Portal message\nHPI: back pain.\nI saw my MRI results. They said it was a disc extrusion at L4-5 and I need "
     "surgery.", set(),
     {"disc_extrusion"}),
    ("Dear Colleague,\nLeft sciatica.\n\nShe paid for a private MRI of the lumbar spine (Spire, 21/01/2025), which was "
     "reported as follows:\n\n\"There is a left paracentral disc protrusion at L5/S1 compressing the left S1 nerve "
     "root. Mild desiccation of the L4/5 disc.\"\n\nI would be grateful for your opinion.",
     {("disc_protrusion", "L5-S1", "present"), ("disc_desiccation", "L4-L5", "present")}, set()),
    # a study's line that ends on a dash hands over to the lines below, as a colon does; 'S1 NR' is the root
    ("GP referral - Spinal Triage\nHx: Rt buttock pain.\nO/E: SLR Rt 70 equivocal, Lt neg. Power/sens NAD.\nIx: MRI LS 2/52 "
     "ago -\n  L4/5 DDD w mild bilat NFS. Canal OK.\n  L5/S1 Lt paracentral disc protusion impinging the Lt S1 NR.\n",
     {("disc_protrusion", "L5-S1", "present"), ("nerve_root_compression", "L5-S1", "present"),
      ("foraminal_stenosis", "L4-L5", "present")}, set()),
    ("GP referral\nHx: back pain.\nIx: MRI LS - to be booked -\n  ?L4/5 disc protrusion.\n", set(), {"disc_protrusion"}),
    # a report quoted in quotation marks is the report's to its close, 'Grade I' and 'the patient' in it too
    ("Progress Note\nS: 63F, L leg pain.\n\nMRI L spine (yesterday), attending read:\n\"Status post L4-5 fusion.\n"
     "L3-4 (adjacent level): Grade I anterolisthesis and severe facet arthropathy.\nL2-3: mild bulge.\"\n\nA/P: L3 "
     "radiculopathy.", {("spondylolisthesis", "L3-L4", "present"), ("facet_arthropathy", "L3-L4", "present"),
                        ("disc_bulge", "L2-L3", "present")}, set()),
    ("Progress note\nS: back pain, L leg pain.\n\nMRI L spine (yesterday), attending read:\n\"Study limited as the "
     "patient could not lie still. There is a large left L4-5 extrusion.\nL5-S1: the patient has a small bulge.\"\n\n"
     "A/P: radiculopathy.", {("disc_extrusion", "L4-L5", "present"), ("disc_bulge", "L5-S1", "present")}, set()),
    # ... or with 'as' before its colon and an aside between the study and the verb
    ("Falls clinic letter\nNew back pain after a fall.\n\nCT thoracolumbar spine (ED, 3 weeks ago) was reported as: "
     "\"Compression fracture of L3, age indeterminate.\"\n\nPlan: physiotherapy.", {("fracture", "L3", "present")}, set()),
    ("Dear Colleague,\nHPI: left sciatica.\n\nHer MRI is booked for next week:\n\n\"Query L5/S1 disc protrusion.\"", set(),
     {"disc_protrusion"}),
    # a study someone asked for and has had is quoted; one still to come is not
    ("Physio note\nS: back pain.\nIx: MRI L/S 14/11 (ordered by Dr Huang), report: \"Small central disc protrusion at "
     "L5/S1.\"", {("disc_protrusion", "L5-S1", "present")}, set()),
    ("Physio note\nS: back pain.\nMRI (GP requested, 1/52 ago), report in referral letter: \"L5/S1: small right "
     "paracentral disc protrusion.\"", {("disc_protrusion", "L5-S1", "present")}, set()),
    ("Dear Dr Lees,\nLeft thigh pain.\nHis MRI (Sunshine Coast Radiology, 13/08/2024), which you kindly arranged, reports "
     "\"a left foraminal disc protrusion at L3/4 contacting the exiting left L3 nerve root\".",
     {("disc_protrusion", "L3-L4", "present")}, set()),
    ("Dear Dr Lees,\nCalf pain on walking.\n\nThe lumbar MRI that you arranged (reported 2 May) describes\n\"moderate "
     "central canal stenosis at L3/4\".", {("central_canal_stenosis", "L3-L4", "present")}, set()),
    ("Dear Dr Lees,\nCalf pain on walking.\n\nAfter the MRI that you arranged he describes new saddle numbness.",
     set(), {"central_canal_stenosis"}),
])
def test_which_statements_are_imaging(analyze, text, expected, absent_types):
    result = analyze(text)
    assert found(result) >= expected
    assert not {f.type for f in result.findings} & absent_types, found(result)


@pytest.mark.parametrize("text, expected", [
    # red-flag pathology keeps its own level anywhere in the spine
    ("MRI CERVICAL SPINE\nC5-6: disc protrusion with mild cord compression.", {("cord_abnormality", "C5-C6", "present")}),
    ("Metastases from T12 through L2.", {("neoplasm", "T12", "present"), ("neoplasm", "L1", "present"),
                                          ("neoplasm", "L2", "present")}),
    ("Anterior wedging of the T11 and 12 vertebral bodies.", {("fracture", "T11", "present"),
                                                               ("fracture", "T12", "present")}),
    ("MRI of the thoracic spine: T7 compression fracture.", {("fracture", "T7", "present")}),
    ("No fracture of C2.", {("fracture", "C2", "absent")}),
    ("There is a T3-4 vertebral body lesion suspicious for metastasis.", {("neoplasm", "T3", "possible"),
                                                                          ("neoplasm", "T4", "possible")}),
    # a cord lesion over a range of vertebrae is at each body; over one segment it keeps the segment
    ("Abnormal signal in the spinal cord from C4 to C6.", {("cord_abnormality", "C4", "present"),
                                                           ("cord_abnormality", "C5", "present"),
                                                           ("cord_abnormality", "C6", "present")}),
    ("MRI CERVICAL SPINE\nC5-6: disc osteophyte complex with cord compression.", {("cord_abnormality", "C5-C6", "present")}),
    ("A T7-8 vertebral body lesion is compressing the spinal cord.", {("cord_abnormality", "T7-T8", "present")}),
    # a signal change named with where it is, a thickened cord
    ("Increased T2 signal at the C3-5 levels within the left dorsal spinal cord.",
     {("cord_abnormality", "C3", "present"), ("cord_abnormality", "C4", "present"), ("cord_abnormality", "C5", "present")}),
    ("Abnormal enhancement in the posterior aspect of the conus at T12-L1.", {("cord_abnormality", "T12-L1", "present")}),
    ("Expansion and thickening of the spinal cord at C6-7.", {("cord_abnormality", "C6-C7", "present")}),
    # other findings outside the lumbar spine are out of scope, with a warning
    ("Disc bulge at C4-5.", set()),
    ("MRI of the cervical spine showed disc bulges and mild facet arthropathy.", set()),
    ("X-rays of both knees showed osteophytes and joint space narrowing.", set()),  # another part of the body
    # the finding's own words name its region
    ("A myelogram showed lumbar stenosis and cervical stenosis at C4-5 and C5-6.",
     {("central_canal_stenosis", None, "present")}),
    ("Thoracic spine: acute T11 compression fracture.", {("fracture", "T11", "present")}),
    # a level-less finding in a text whose levels are all cervical is cervical
    ("Mild foraminal narrowing. Osteophytes at C5-6 and C6-7.", set()),
    # a lesion inside the dura outside the cord is a tumour until shown otherwise
    ("CT revealed an intramedullary lesion at C2-3 and an extramedullary lesion at C6-7.",
     {("cord_abnormality", "C2-C3", "present"), ("neoplasm", "C6-C7", "present")}),
    ("Intradural enhancing nodules along the cauda equina.", {("neoplasm", None, "present")}),
    # 'C spine' written apart is the cervical spine
    ("The MRI of his C spine showed significant spondylosis in the mid and lower C spine.", set()),
    # in a note's IMAGING section too, a study's description goes on in its part of the body
    ("HPI: Dizziness and back pain.\nIMAGING: A CTA of the neck showed 50% stenosis of the left carotid. There was no "
     "significant stenosis elsewhere, but minor extracranial stenosis was noted.", set()),
    # 'cervicothoracic' names no one region: its level is the one written
    ("MRI of the C-T spine revealed a cervicothoracic syrinx extending down to T10.", {("cord_abnormality", "T10", "present")}),
    # a study's description goes on in the part of the body the study was of
    ("HPI: Headache and back pain.\nCOURSE: MRI of the brain revealed several lesions in the cerebellum. There were "
     "postoperative changes and a cyst in the medulla.", set()),
    # sequences are not levels
    ("The lesion in L3 is T1 and T2 hypointense, suspicious for metastasis.", {("neoplasm", "L3", "possible")}),
])
def test_whole_spine(analyze, text, expected):
    result = analyze(text)
    assert found(result) == expected
    if not expected:
        assert any("not listed" in w for w in result.warnings), result.warnings


@pytest.mark.parametrize("text, expected", [
    # how a study was done is not a negation of what it showed
    ("An MRI without contrast showed a disc bulge at L4-5.", {("disc_bulge", "L4-L5", "present")}),
    ("MRI with and without gadolinium: L5-S1 disc protrusion.", {("disc_protrusion", "L5-S1", "present")}),
    # 'borderline' grades a finding; it does not hedge it
    ("C6-7 disc herniation causing borderline cord compression.",
     {("cord_abnormality", "C6-C7", "present")}),
])
def test_study_wording(analyze, text, expected):
    assert found(analyze(text)) >= expected


@pytest.mark.parametrize("note, expected", [
    # a symptom told after a study ('pt reports ... since then') is the patient's, not the study's result
    ("HPI: Pt had an MRI last week and pt reports new urinary retention since then.", ("cauda_equina_symptoms", "present")),
    # a terse note's first line about the patient ('52M, ...') is the history
    ("52M, new urinary retention and saddle anaesthesia since this morning.\nMRI L-spine: L4/5 moderate central canal "
     "stenosis.", ("cauda_equina_symptoms", "present")),
    # a SOAP note's vital sign 'P: 96' is no plan: the examination after it is read
    ("S: 60M with back pain.\nO: Vitals:\nT: 37.2\nP: 96\nSaddle anaesthesia to pinprick. Reduced anal tone.\n"
     "A: Suspected cauda equina syndrome.\nP: MRI.", ("cauda_equina_symptoms", "present")),
    # a review of systems' 'neg for' / 'Neg:' denies its list; a screen's name is no symptom, its answers are read
    ("HPI: Back pain.\nROS: neg for fever, saddle anesthesia.", ("cauda_equina_symptoms", "absent")),
    ("HPI: Back pain.\nROS: neg for fever, saddle anesthesia.", ("infection_risk", "absent")),
    ("HPI: Back pain.\nROS: Neg: fever, chills, weight loss.", ("weight_loss", "absent")),
    ("HPI: Back pain. CES screen: no saddle anaesthesia.", ("cauda_equina_symptoms", "absent")),
    ("HPI: Back pain. CES screen: new urinary retention.", ("cauda_equina_symptoms", "present")),
    ("HPI: Back pain, fever.\nROS: neg for weight loss.", ("infection_risk", "present")),
    # risks told at consent and a discharge's safety net are not the patient's symptoms; the screen's answers are
    ("PROCEDURE NOTE - Interventional Pain Clinic\nIndication: Left L5 radicular pain.\nPre-procedure screening: "
     "Patient denies fever or saddle numbness.\nConsent: Risks including infection, bleeding and nerve injury were "
     "discussed.\nInstructions: go to the ED for fever or loss of bladder control.", ("infection_risk", "absent")),
    ("PROCEDURE NOTE\nIndication: Left L5 radicular pain, fever since Monday.\nConsent: Risks including infection "
     "were discussed.", ("infection_risk", "present")),
    # ... a care field is one line: the note's next line is read again; 'Risks:' may list risk factors
    ("Spine clinic letter\nConsent: obtained for injection.\nPatient reports new saddle numbness since yesterday and "
     "urinary retention.", ("cauda_equina_symptoms", "present")),
    ("Spine clinic letter\nInstructions: given.\nShe reports new bilateral leg weakness, worsening over 2 days.",
     ("progressive_deficit", "present")),
    ("Spine clinic letter\nRisks: IVDU, on methotrexate, recent UTI.", ("infection_risk", "present")),
    # a 'Pos:' list after a 'Neg:' one is affirmed; a line that ends on a field's 'no' is not joined to the next
    ("ED NOTE\nHPI: back pain.\nROS - Neg: fever, chills Pos: saddle anaesthesia, urinary retention",
     ("cauda_equina_symptoms", "present")),
    ("ED NOTE\nHPI: back pain.\nRed flags - fever no\nsaddle anaesthesia yes, bladder retention yes",
     ("cauda_equina_symptoms", "present")),
    # a study's account or a report's impression that names the patient's symptom: the possessive says he has it, and
    # a denial before it denies a cause, not the symptom
    ("Spine clinic letter\nMRI showed a mild L4/5 bulge which does not explain his urinary retention.",
     ("cauda_equina_symptoms", "present")),
    ("Spine clinic letter\nMRI: no cause for her new saddle numbness identified.", ("cauda_equina_symptoms", "present")),
    ("Spine clinic letter\nMRI: T8 metastasis with cord compression, explaining her leg weakness.",
     ("motor_weakness", "present")),
    ("MRI LUMBAR SPINE\nFINDINGS: Mild L4-5 bulge.\nIMPRESSION: Nothing to explain the patient's urinary retention.",
     ("cauda_equina_symptoms", "present")),
    # a triage's or a meeting's outcome names the patient's symptoms as an assessment does; a meeting's background is
    # the patient's history
    ("TELEPHONE TRIAGE\nReason for call: back pain.\n\nOutcome: Potential cauda equina syndrome - red flag symptoms "
     "present (new urinary retention + perianal numbness).", ("cauda_equina_symptoms", "present")),
    ("MDT MINUTES\nBackground: Prostate cancer on ADT. Back pain for 3 weeks, worse at night.\nImaging: MRI whole spine "
     "showed a T10 metastasis.", ("cancer_history", "present")),
    ("NEUROSURGERY PHONE ADVICE\nBackground: L4/5 laminectomy 12 days ago. Discharged walking well.\n\nIssue: 3 days of "
     "increasing back pain, fevers to 38.6 and rigors. Denies new leg pain.", ("infection_risk", "present")),
    # a fall from standing is a fall; 'passing urine without difficulty' is no incontinence
    ("ED NOTE\nHPI: 82F ground level fall yesterday, severe back pain.", ("trauma", "present")),
    # a quotation mark left open does not make the patient's next statements the report's
    ("ED NOTE\nHPI: back pain.\nMRI L spine, report:\n\"Mild L4/5 bulge.\n\nPt now has urinary retention and saddle "
     "numbness since last night. He says \"I cannot pee\".", ("cauda_equina_symptoms", "present")),
    # ... nor does the close of one whose opening was the patient's
    ("WARD 7B - NURSING PROGRESS NOTES\n\n12/03 0700\nPt woke c/o \"back pain, like a band\". Oxycodone given.\n\n12/03 "
     "1430\nMRI T/L spine discussed with pt and daughter - report reads: \"Acute osteoporotic wedge compression fracture "
     "of L1. Moderate canal narrowing at L3-4.\"\nPt had a fall at home 09/03 (tripped on rug).\nDaughter asking if \"the "
     "cancer is back\" - reassured.", ("trauma", "present")),
    # the patient came back with them: no advice
    ("ED NOTE\nHPI: back pain. Had to return immediately with new leg weakness and urinary retention.",
     ("cauda_equina_symptoms", "present")),
    ("ED NOTE\nHPI: back pain. Did return urgently with saddle numbness and retention overnight.",
     ("cauda_equina_symptoms", "present")),
    # a call about whether to come in lists the patient's own symptoms
    ("ED NOTE\nHPI: back pain.\nPhone call from wife - unsure if he should come in with:\n- numb saddle\n- not passed "
     "urine since 6am\n- legs weak", ("cauda_equina_symptoms", "present")),
    # ... and after a blank line the patient's own symptoms are read again
    ("ED NOTE\nHPI: back pain.\nPlease seek urgent help if you notice any of the following:\n- New leg weakness\n\n"
     "She has saddle numbness today.", ("cauda_equina_symptoms", "present")),
    # a relative's title in capitals does not take the patient's next lines ('FH' alone is no header)
    ("PC\nLow back pain 2 weeks\nFH\nNil of note\nNew urinary incontinence and saddle numbness since this morning.\n"
     "Plan: urgent MRI.", ("cauda_equina_symptoms", "present")),
    ("Clinic note\nHPC\nLBP 6/52\nFHX\nMum - MS\nNow bilateral leg weakness and numb saddle area x 2 days.\n"
     "Plan: urgent MRI", ("cauda_equina_symptoms", "present")),
    # a symptom in a discharge plan's safety net is not the patient's; the one denied in the presentation stays so
    ("DISCHARGE SUMMARY\nPatient: A. N. Other\n\nPRESENTATION\nThree weeks of back pain, no leg weakness.\n\n"
     "DISCHARGE PLAN\n- Clinic in 2 weeks.\n- Return immediately with new leg weakness.", ("motor_weakness", "absent")),
    # ... a safety net that names where to go; the patient who went, or had to go, had them
    ("ONCOLOGY CLINIC\nInterval history: back pain. No bladder or bowel disturbance.\nPlan: safety-net given; to attend ED "
     "immediately with any new weakness, numbness or sphincter problems.", ("cauda_equina_symptoms", "absent")),
    ("ED NOTE\nHPI: back pain. He attended ED with saddle numbness and retention overnight.",
     ("cauda_equina_symptoms", "present")),
    ("ED NOTE\nHPI: back pain. Had to attend A&E with new leg weakness and urinary retention.",
     ("cauda_equina_symptoms", "present")),
    ("NEUROLOGY NOTE\nHx: back pain. She did not report any saddle numbness.", ("cauda_equina_symptoms", "absent")),
    # ... only after a word of advice: the patient who needed to, went on to or rang to report tells his own
    ("ED NOTE\nHPI: Needed to attend ED with new saddle numbness and urinary retention.", ("cauda_equina_symptoms", "present")),
    ("ED NOTE\nHPI: Went on to attend A&E with bilateral leg weakness and retention.", ("cauda_equina_symptoms", "present")),
    ("ED NOTE\nHPI: He had to re-attend ED with urinary retention.", ("cauda_equina_symptoms", "present")),
    ("ED NOTE\nHPI: Daughter rang to report further episodes of faecal incontinence.", ("cauda_equina_symptoms", "present")),
    ("ED NOTE\nHPI: Presented today to report worsening leg weakness and new urinary retention.",
     ("cauda_equina_symptoms", "present")),
    # ... and a safety net's scope ends at a 'with' that opens the patient's own state
    ("ED NOTE\nHPI: Safety netted to attend ED with any new symptoms, currently with urinary retention and saddle numbness.",
     ("cauda_equina_symptoms", "present")),
    # ... and only for 'any' symptoms: told to attend with what he has now is his
    ("ED NOTE\nHPI: Seen by GP who told him to attend ED with his retention of urine - catheterised 900ml.",
     ("cauda_equina_symptoms", "present")),
    ("ED NOTE\nHPI: Physio asked him to attend ED with new foot drop L, noted at today's session.",
     ("motor_weakness", "present")),
    ("ED NOTE\nHPI: GP instructed pt to attend A&E immediately with suspected cauda equina syndrome.",
     ("cauda_equina_symptoms", "possible")),
    ("ED NOTE\nHPI: back pain. Pt counseled to return to ED for any new weakness; pt states her R leg has been giving out "
     "since last week.", ("motor_weakness", "present")),
    ("ED NOTE\nHPI: He had to return to ED with urinary retention.", ("cauda_equina_symptoms", "present")),
    # ... the patient who had to present, or be brought, had them (advice to, see test_safety_net_is_not_the_patients)
    ("ED NOTE\nHPI: sciatica R. She had to present to ED with new saddle numbness.", ("cauda_equina_symptoms", "present")),
    ("ED NOTE\nHPI: sciatica R. Wife had to bring him to casualty with urinary retention.",
     ("cauda_equina_symptoms", "present")),
    ("ED NOTE\nHPI: GP asked him to present to ED with his new foot drop.", ("motor_weakness", "present")),
    # ... 'worsening' / 'further' tell the patient's own ('PC: Return to ED with worsening ...' is why he came back)
    ("ED NOTE\nPC: Return to ED with worsening bilateral leg weakness and new urinary retention.",
     ("cauda_equina_symptoms", "present")),
    ("ED NOTE\nHPI: Discharged Monday; re-attend with further deterioration of both legs and new retention of urine.",
     ("cauda_equina_symptoms", "present")),
    ("ED NOTE\nHPI: GP has asked her to attend A&E with worsening saddle numbness which started 2 days ago.",
     ("cauda_equina_symptoms", "present")),
    ("ED NOTE\nPC: Call to GP for worsening back pain and new faecal incontinence.", ("cauda_equina_symptoms", "present")),
    # 'w/o' as 'without': 'without relief' denies no symptom after it
    ("ED NOTE\nHPI: LBP w/o relief from analgesia and new urinary retention.", ("cauda_equina_symptoms", "present")),
    # a red flag on the lines a study's dash hands over stays the patient's when hedged; a symptom told alone there is his
    ("GP NOTE\nHPI: 47F LBP, R sciatica.\nIx: MRI L-spine 1/12 ago -\nR L5/S1 protrusion.\nPossibly some new weakness of R "
     "foot, difficult to assess due to pain.", ("motor_weakness", "possible")),
    ("GP NOTE\nHPI: 61M LBP.\nIx: MRI LS 3/52 ago -\nMild L4/5 bulge.\nNo saddle numbness, no sphincter issues.\nPlan: physio.",
     ("cauda_equina_symptoms", "absent")),
    ("GP NOTE\nHPI: 44F.\nIx: MRI L-spine 3/12 -\nNormal appearances.\nPersistent L leg numbness and paraesthesia.",
     ("sensory_deficit", "present")),
    # a red flag told alone after a study's line in a text read as a report is the patient's
    ("Hx: LBP 3/12.\nMRI LS 2/52 ago:\nL4/5 bulge.\nNew urinary retention and saddle numbness since last night.",
     ("cauda_equina_symptoms", "present")),
    # a red flag told on a line the study's reader takes is still the patient's (a study to come hands over nothing)
    ("GP NOTE\nIx: MRI LS 2/52 ago -\nL4/5 bulge.\nSaddle numbness and urinary retention since yesterday, ?CES.\nPlan: ED.",
     ("cauda_equina_symptoms", "present")),
    ("GP NOTE\nHPI: MRI LS done 1/12 ago -\nHx of lung Ca, now weight loss, night pain, ?mets.", ("cancer_history", "present")),
    ("GP NOTE\nHPI: MRI organised -\nbilateral leg weakness, retention, ?CES.", ("cauda_equina_symptoms", "present")),
    ("GP NOTE\nHPI: CT LS in ED normal -\nnow progressive leg weakness and saddle numbness.", ("progressive_deficit", "present")),
    ("Spine clinic letter\nHPI: back pain.\nMRI L-spine report: \"Mild L4/5 bulge.\nShe has saddle numbness and urinary "
     "retention, ?cauda equina compression.", ("cauda_equina_symptoms", "present")),
    ("ED NOTE\nHx: back pain. Return for new weakness. Presented with urinary retention today.",
     ("cauda_equina_symptoms", "present")),
])
def test_note_symptom_read(analyze, note, expected):
    assert expected in {(s.type, s.certainty) for s in analyze(note).clinical.symptoms}


# 'present to', 'go to' and a carer told where to bring the patient are advice like 'attend': what to watch for
@pytest.mark.parametrize("note, symptom", [
    ("ED NOTE\nHPI: sciatica R. Advised to present to ED with any new numbness or bladder problems.",
     "cauda_equina_symptoms"),
    ("ED NOTE\nHPI: sciatica R. Told to go to A&E with any saddle numbness.", "cauda_equina_symptoms"),
    ("ED NOTE\nHPI: sciatica R. Bring pt to casualty with any further weakness.", "motor_weakness"),
    ("ED NOTE\nHPI: sciatica R. Take her straight to A&E with any bladder change.", "cauda_equina_symptoms"),
])
def test_safety_net_is_not_the_patients(analyze, note, symptom):
    assert symptom not in {s.type for s in analyze(note).clinical.symptoms if s.certainty != "absent"}


# a symptom a statement of the study names with a possessive: a denial before it is the cause's, one of its own stands
@pytest.mark.parametrize("text, expected", [
    ("IMPRESSION: No cauda equina compression. His saddle sensation is normal per the request.",
     ("cauda_equina_symptoms", "absent")),
    ("IMPRESSION: No cauda equina compression to account for his absent urinary retention.",
     ("cauda_equina_symptoms", "absent")),
    ("HPI: Back pain. MRI does not show any cause for his lack of saddle anaesthesia.", ("cauda_equina_symptoms", "absent")),
    ("Clinic letter\nMRI reviewed: no compression, which would explain her urinary retention if present.",
     ("cauda_equina_symptoms", "possible")),
    ("IMPRESSION: No cauda equina compression. His urinary retention has resolved per the referral.",
     ("cauda_equina_symptoms", "absent")),
    ("IMPRESSION: No cord compression to account for his leg weakness.", ("motor_weakness", "present")),
    ("Spinal clinic\n\nFollow up\nPatient reports new urinary retention and saddle numbness since yesterday.",
     ("cauda_equina_symptoms", "present")),
    # a denial of something said of the symptom is not the symptom's; an object pronoun is no possessive
    ("FINDINGS: Normal.\nIMPRESSION: Normal MRI. His incontinence is not explained.", ("cauda_equina_symptoms", "present")),
    ("FINDINGS: Normal.\nIMPRESSION: Nothing to account for his leg weakness, which has not improved.",
     ("motor_weakness", "present")),
    ("FINDINGS: Normal.\nIMPRESSION: Please ask her about urinary retention.", ("cauda_equina_symptoms", None)),
    ("FINDINGS: Normal.\nIMPRESSION: No cause identified to account for her leg weakness and urinary retention.",
     ("cauda_equina_symptoms", "present")),
    ("FINDINGS: Normal.\nIMPRESSION: No neural compromise to account for his reported saddle anaesthesia, which has "
     "since resolved.", ("cauda_equina_symptoms", "absent")),
])
def test_possessed_and_titled_symptoms(analyze, text, expected):
    found = {s.type: s.certainty for s in analyze(text).clinical.symptoms}
    assert found.get(expected[0]) == expected[1], found


# a report's own lines in capitals ('FOLLOW UP', 'DISPOSITION' after its impression) leave it a report: with no
# history, its findings have no symptoms to match; a follow-up under a history's title in capitals keeps its findings
@pytest.mark.parametrize("report", [
    "MRI LUMBAR SPINE\nFINDINGS\nLarge right L4-5 extrusion compressing the right L5 root.\nIMPRESSION\nRight L4-5 "
    "extrusion.\nFOLLOW UP\nRecommend repeat MRI in 6 months if symptoms persist.",
    "MRI LUMBAR SPINE\nREPORT\nLarge left L5-S1 extrusion compressing the left S1 root.\nCONCLUSION\nLeft L5-S1 "
    "extrusion.\nDISPOSITION\nReport sent to GP.",
])
def test_a_reports_capital_lines_leave_it_a_report(analyze, report):
    """(A title in capitals alone on its line is not read as a header: under a history's title it took a follow-up's
    findings into the history, 'The known T9 metastasis has progressed ... compressing the cord' lost.)"""
    result = analyze(report)
    assert result.findings and all(f.assessment.category == "indeterminate" for f in result.findings)


def test_a_follow_up_under_a_history_title_in_capitals_keeps_its_findings(analyze):
    result = analyze("CLINICAL DETAILS\nMetastatic breast cancer on letrozole. Worsening thoracic back pain.\nThe known T9 "
                     "metastasis has progressed, with new epidural extension compressing the cord.\nCONCLUSION\n"
                     "Progressive disease.")
    assert {(f.type, f.level) for f in result.findings if f.assessment and f.assessment.category == "red_flag"} >= {
        ("neoplasm", "T9"), ("cord_abnormality", "T9")}


@pytest.mark.parametrize("note, stype", [
    # the risks told at consent, and where the patient goes next with what advice, are not the patient's symptoms
    ("CLINIC NOTE\nHPI: back pain.\nConsent: risks of infection, bleeding and nerve injury discussed.", "infection_risk"),
    ("ED NOTE\nHPI: back pain.\nDisposition: home; return if fever or urinary retention.", "cauda_equina_symptoms"),
    ("PROCEDURE NOTE\nIndication: back pain.\nInstructions: go to the ED for fever or loss of bladder control.",
     "infection_risk"),
    # a relative's symptom, and a symptom the study is asked about, are not the patient's
    ("Spine clinic letter\nHPI: back pain.\nMRI: normal. His brother's urinary retention was from a prostate problem.",
     "cauda_equina_symptoms"),
    ("Spine clinic letter\nHPI: back pain.\nMRI: no compressive lesion; if his urinary retention develops, re-scan.",
     "cauda_equina_symptoms"),
    ("Spine clinic letter\nHPI: back pain.\nMRI: small L4/5 extrusion, which in patients without a progressive deficit "
     "regresses.", "progressive_deficit"),
    # a safety net with an adverb before its list, or its answer after a colon ('... bladder change: to ED')
    ("ED NOTE\nHPI: back pain.\nReturn immediately with new leg weakness, numbness or bladder/bowel change.",
     "motor_weakness"),
    ("DISCHARGE SUMMARY\nPatient: A. N. Other\n\nPRESENTATION\nThree weeks of back pain.\n\nDISCHARGE PLAN\n- Clinic in 2 "
     "weeks. New leg weakness or bladder change: to ED.", "cauda_equina_symptoms"),
    ("ONCOLOGY CLINIC\nInterval history: back pain.\nPlan: to attend ED immediately with any new weakness, numbness or "
     "sphincter problems.", "cauda_equina_symptoms"),
    ("NEUROLOGY NOTE\nHx: back pain.\nImp: neuropathy. Advised to report any new leg pain with walking or sphincter "
     "problems.", "cauda_equina_symptoms"),
    # a form's columns answer its lines: an unticked Y is no symptom
    ("=== MSK SPINAL TRIAGE PROFORMA ===\nPresenting complaint: LBP with L leg pain, 5 wks.\n\nRED FLAG SCREEN            Y    N\n"
     "Saddle anaesthesia        [ ]  [x]\nUrinary retention         [ ]  [x]\nUnexplained weight loss   [ ]  [x]\n",
     "cauda_equina_symptoms"),
    ("ED NOTE\nHPI: back pain.\nAdvised to reattend the emergency department urgently with any saddle numbness.",
     "cauda_equina_symptoms"),
])
def test_note_care_is_no_symptom(analyze, note, stype):
    """(The look-alikes, a symptom on the line after a care field, are in test_note_symptom_read.)"""
    found = {(s.type, s.certainty) for s in analyze(note).clinical.symptoms}
    assert (stype, "present") not in found and (stype, "possible") not in found, found
    assert ("back_pain", "present") in found, found


# the care told in a case's COURSE after its scan is no past operation; one named with the past is
@pytest.mark.parametrize("note, prior_surgery", [
    ("CC: low back pain.\nHX: 60M with 2 months of back pain and left leg pain to the foot.\nCOURSE: MRI L-spine revealed "
     "a left L4-5 extrusion compressing the left L5 root. He underwent L4-5 microdiscectomy.", None),
    ("CC: low back pain.\nHX: 60M with back pain.\nCOURSE: He had a previous L4-5 laminectomy in 2010. MRI L-spine "
     "revealed a recurrent L4-5 disc herniation.", "present"),
])
def test_course_operations(analyze, note, prior_surgery):
    found = {s.type: s.certainty for s in analyze(note).clinical.symptoms}
    assert found.get("prior_surgery") == prior_surgery


@pytest.mark.parametrize("report, symptom, finding", [
    # a terse report's clinical line with no colon: complaint of, known case of, history of
    ("C/O B/L leg weakness & urinary retention\nL4-5 central disc extrusion compressing cauda equina.",
     ("cauda_equina_symptoms", "present"), ("cauda_equina_compression", "L4-L5")),
    ("K/C/O Ca breast. C/O LBP 3 months.\nL3 vertebral body: space occupying lesion.",
     ("cancer_history", "present"), ("neoplasm", "L3")),
    ("MRI LUMBAR SPINE\nH/O fall.\nWedge collapse of L1.", ("trauma", "present"), ("fracture", "L1")),
    # ... each heads its own sentence only: the line goes on with the report's findings, or with another opener
    ("H/O fall. L1 acute compression fracture with retropulsion and cord compression.", ("trauma", "present"),
     ("cord_abnormality", "L1")),
    ("K/C/O Ca prostate. Diffuse sclerotic metastases with epidural extension at L3.", ("cancer_history", "present"),
     ("neoplasm", "L3")),
    ("H/O Ca breast, c/o back pain. MRI: multiple vertebral metastases, cord compression at T11.",
     ("cancer_history", "present"), ("cord_abnormality", "T11")),
    ("K/C/O Ca breast. C/O LBP 3 months.\nL3 vertebral body: space occupying lesion.", ("back_pain", "present"),
     ("neoplasm", "L3")),
    # with its colon, 'H/o:' is a field like 'History:': its line goes on with the history
    ("MRI DORSO-LUMBAR SPINE\nH/o: Fall from height 2 days back. Severe back pain. No weakness in the legs.\n\n"
     "OBSERVATIONS:\n- Wedge compression fracture of D12.", ("back_pain", "present"), ("fracture", "T12")),
    ("MRI DORSO-LUMBAR SPINE\nH/o: Fall from height 2 days back. Severe back pain. No weakness in the legs.\n\n"
     "OBSERVATIONS:\n- Wedge compression fracture of D12.", ("motor_weakness", "absent"), ("fracture", "T12")),
])
def test_terse_history_lines(analyze, report, symptom, finding):
    result = analyze(report)
    assert symptom in {(s.type, s.certainty) for s in result.clinical.symptoms}
    assert finding in {(f.type, f.level) for f in result.findings}

