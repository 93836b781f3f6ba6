"""Findings a clause states without naming them (nlp/clauses.py), and level attachment around
them: (report snippet, expected (type, level, side, certainty, severity) tuples, all of them)."""

import pytest


def five(result):
    return {(f.type, f.level, f.side, f.certainty, f.severity) for f in result.findings}


@pytest.mark.parametrize("text, expected", [
    # a structure label heads the rest of its statement (US templates)
    ("L4-5: Neural foramina: severe left stenosis.", {("foraminal_stenosis", "L4-L5", "left", "present", "severe")}),
    ("L3-4:\nFacets: moderate arthropathy.", {("facet_arthropathy", "L3-L4", None, "present", "moderate")}),
    ("L4-5:\nNeural foramina: moderate right, mild left.",
     {("foraminal_stenosis", "L4-L5", "right", "present", "moderate"),
      ("foraminal_stenosis", "L4-L5", "left", "present", "mild")}),
    ("L5-S1:\nNeural foramina: patent.", {("foraminal_stenosis", "L5-S1", "bilateral", "absent", None)}),
    ("L2-3:\nLateral recesses: mild bilateral narrowing.",
     {("lateral_recess_stenosis", "L2-L3", "bilateral", "present", "mild")}),
    ("Neural foramina: .", set()),  # an empty label is nothing (and must end)
    ("Neural foramina: ", set()),
    # a graded clause repeats the finding before it
    ("No significant foraminal narrowing on the right; moderate on the left.",
     {("foraminal_stenosis", None, "right", "absent", None), ("foraminal_stenosis", None, "left", "present", "moderate")}),
    ("Mild narrowing of the left neural foramen, moderate on the right.",
     {("foraminal_stenosis", None, "left", "present", "mild"),
      ("foraminal_stenosis", None, "right", "present", "moderate")}),
    ("Disc bulge at L3-4, mild at L4-5.",
     {("disc_bulge", "L3-L4", None, "present", None), ("disc_bulge", "L4-L5", None, "present", "mild")}),
    ("Multilevel spinal canal stenosis, severe at L4/5 and moderate at L3/4.",
     {("central_canal_stenosis", "L4-L5", None, "present", "severe"),
      ("central_canal_stenosis", "L3-L4", None, "present", "moderate")}),
    ("Canal stenosis, mild at L2/3 and L3/4 and severe at L4/5.",
     {("central_canal_stenosis", "L2-L3", None, "present", "mild"),
      ("central_canal_stenosis", "L3-L4", None, "present", "mild"),
      ("central_canal_stenosis", "L4-L5", None, "present", "severe")}),
    # ... but a bilateral finding graded side by side stays one bilateral finding
    ("Bilateral L5-S1 foraminal stenosis, severe on the left and moderate on the right.",
     {("foraminal_stenosis", "L5-S1", "bilateral", "present", "severe")}),
    # a finding heading its own colon: its graded items are the findings
    ("Foraminal stenosis: L4-5 Lt moderate, L5-S1 B/L mild.",
     {("foraminal_stenosis", "L4-L5", "left", "present", "moderate"),
      ("foraminal_stenosis", "L5-S1", "bilateral", "present", "mild")}),
    ("Foraminal stenosis: mild bilateral.", {("foraminal_stenosis", None, "bilateral", "present", "mild")}),
    ("Foraminal stenosis: none.", {("foraminal_stenosis", None, None, "absent", None)}),
    # a grade before a list of levels grades each; abbreviated grades
    ("SEVERE L3-4 AND L4-5 SPINAL STENOSIS",
     {("central_canal_stenosis", "L3-L4", None, "present", "severe"),
      ("central_canal_stenosis", "L4-L5", None, "present", "severe")}),
    ("L4/5 mod-severe left foraminal narrowing.", {("foraminal_stenosis", "L4-L5", "left", "present", "moderate-severe")}),
    ("L4-5 mild to mod canal stenosis.", {("central_canal_stenosis", "L4-L5", None, "present", "mild-moderate")}),
    # look-alikes: a graded clause with a noun of its own is its own finding, not an ellipsis
    ("Disc bulge at L4-5, mild facet arthropathy.",
     {("disc_bulge", "L4-L5", None, "present", None), ("facet_arthropathy", "L4-L5", None, "present", "mild")}),
    ("Mild bilateral foraminal narrowing, left greater than right.",
     {("foraminal_stenosis", None, "bilateral", "present", "mild")}),
    # severity words of other schools: 'profound' (US dictation), 'tight' (UK) are severe
    ("She developed a pretty profound stenosis at L4-L5.", {("central_canal_stenosis", "L4-L5", None, "present", "severe")}),
    ("Tight canal stenosis at L4/5.", {("central_canal_stenosis", "L4-L5", None, "present", "severe")}),
    ("L4/5: tight foramina bilaterally.", {("foraminal_stenosis", "L4-L5", "bilateral", "present", "severe")}),
    ("Findings: The nerve roots are not tight.", {("nerve_root_compression", None, "bilateral", "absent", None)}),
    ("Findings: The conus ends at L1. No tight filum terminale.", set()),
    # template negations
    ("L4-5: stenosis: none.", {("central_canal_stenosis", "L4-L5", None, "absent", None)}),
    ("Canal stenosis is not significant.", {("central_canal_stenosis", None, None, "absent", None)}),
    ("L1-2: No disc herniation, canal stenosis or foraminal narrowing.",
     {("disc_herniation", "L1-L2", None, "absent", None), ("central_canal_stenosis", "L1-L2", None, "absent", None),
      ("foraminal_stenosis", "L1-L2", None, "absent", None)}),
    # a level header inside a line heads its own statement only
    ("L2-3: Mild bulge. L3-4 and L5-S1: no significant abnormality. Mild facet arthropathy.",
     {("disc_bulge", "L2-L3", None, "present", "mild"), ("facet_arthropathy", None, None, "present", "mild")}),
    # a level just before its finding binds first
    ("L2 hemangioma and S2 Tarlov cyst.",
     {("hemangioma", "L2", None, "present", None), ("perineural_cyst", "S2", None, "present", None)}),
    ("Mild L4-5 disc bulge and L5-S1 protrusion.",
     {("disc_bulge", "L4-L5", None, "present", "mild"), ("disc_protrusion", "L5-S1", None, "present", None)}),
    # a structure that is its clause's subject takes its predicate
    ("The conus terminates normally at L1 and is normal in signal.", {("cord_abnormality", None, None, "absent", None)}),
    ("The spinal canal at L4-5 is narrowed.", {("central_canal_stenosis", "L4-L5", None, "present", None)}),
    ("The conus terminates at L1.", set()),
    # a named root sits at its own level, not at the level of the next finding
    ("Disc extrusion at L5-S1 displacing the left S1 nerve root, and a mild bulge at L4-5.",
     {("disc_extrusion", "L5-S1", None, "present", None), ("nerve_root_compression", "L5-S1", "left", "present", None),
      ("disc_bulge", "L4-L5", None, "present", "mild")}),
    # a whole-spine finding with its levels written right after it, terse style
    ("Degenerative changes L4-S1.", {("spondylosis", "L4-L5", None, "present", None),
                                     ("spondylosis", "L5-S1", None, "present", None)}),
    ("Degenerative changes. L4/5 disc bulge.", {("spondylosis", None, None, "present", None),
                                                ("disc_bulge", "L4-L5", None, "present", None)}),
    # a level alone between '///' separators heads the rest of its line
    ("L3-L4 /// mild diffuse disc bulge /// L4-L5 /// posterocentral disc protrusion /// bilateral lateral recess "
     "narrowing", {("disc_bulge", "L3-L4", None, "present", "mild"), ("disc_protrusion", "L4-L5", None, "present", None),
                   ("lateral_recess_stenosis", "L4-L5", "bilateral", "present", None)}),
    ("LSS MRI /// L4-L5 /// diffuse disc bulge /// mild canal stenosis",
     {("disc_bulge", "L4-L5", None, "present", None), ("central_canal_stenosis", "L4-L5", None, "present", "mild")}),
    ("Mild disc bulge L4/5 /// no canal stenosis", {("disc_bulge", "L4-L5", None, "present", "mild"),
                                                   ("central_canal_stenosis", None, None, "absent", None)}),
    # terse abbreviations
    ("L4-5 NF stenosis.", {("foraminal_stenosis", "L4-L5", None, "present", None)}),
    ("L4-5 DB.", {("disc_bulge", "L4-L5", None, "present", None)}),
    ("Mod DDD at L4-5.", {("disc_degeneration", "L4-L5", None, "present", "moderate")}),
    # a grade given by the finding's verb, after its level too
    ("Foraminal narrowing was moderate on the right at L4-5.", {("foraminal_stenosis", "L4-L5", "right", "present", "moderate")}),
    ("The canal stenosis at L4-5 is severe.", {("central_canal_stenosis", "L4-L5", None, "present", "severe")}),
    ("The stenosis was mild to moderate.", {("central_canal_stenosis", None, None, "present", "mild-moderate")}),
    # each side with its own grade is its own finding; one grade for both sides is one bilateral finding
    ("Moderate-to-severe right and moderate left foraminal narrowing at L4-5.",
     {("foraminal_stenosis", "L4-L5", "right", "present", "moderate-severe"),
      ("foraminal_stenosis", "L4-L5", "left", "present", "moderate")}),
    ("L4-5: Severe left and moderate right facet arthropathy.",
     {("facet_arthropathy", "L4-L5", "left", "present", "severe"),
      ("facet_arthropathy", "L4-L5", "right", "present", "moderate")}),
    ("L4-5: Mild left and mild right foraminal stenosis.", {("foraminal_stenosis", "L4-L5", "bilateral", "present", "mild")}),
    ("L4-5: Moderate left and right foraminal stenosis.",
     {("foraminal_stenosis", "L4-L5", "bilateral", "present", "moderate")}),
    # the facets' hypertrophy and effusions in one phrase
    ("Anterolisthesis of L4 on L5 with facet joint hypertrophy and effusions.",
     {("spondylolisthesis", "L4-L5", None, "present", None), ("facet_arthropathy", "L4-L5", None, "present", None),
      ("facet_effusion", "L4-L5", None, "present", None)}),
    # a finding no longer visible; run-together text ('L5/S1.No ...')
    ("The previously described annular fissure is no longer visible.", {("annular_fissure", None, None, "absent", None)}),
    ("Facet arthropathy L4/5 L5/S1.No spondylolisthesis.",
     {("facet_arthropathy", "L4-L5", None, "present", None), ("facet_arthropathy", "L5-S1", None, "present", None),
      ("spondylolisthesis", None, None, "absent", None)}),
    # an operated disc or cyst is gone; a new one is not
    ("The previously described right paracentral extrusion has been resected.",
     {("disc_extrusion", None, "right", "absent", None)}),
    ("The L4-5 synovial cyst was surgically excised. New left L5-S1 extrusion.",
     {("synovial_cyst", "L4-L5", None, "absent", None), ("disc_extrusion", "L5-S1", "left", "present", None)}),
    # a graded item that another finding joins with 'with' is still the first finding's; the items after it too
    ("Canal stenosis, critical at L3/4 with cauda equina crowding, moderate to severe at L2/3 and moderate at L4/5.",
     {("central_canal_stenosis", "L3-L4", None, "present", "severe"),
      ("cauda_equina_compression", "L3-L4", None, "present", None),
      ("central_canal_stenosis", "L2-L3", None, "present", "moderate-severe"),
      ("central_canal_stenosis", "L4-L5", None, "present", "moderate")}),
    # a ';' or 'but' ends a denial of limited reach too, looking back or forward
    ("Desiccated disc with a small right foraminal annular tear; the exiting right L5 root is not compressed.",
     {("disc_desiccation", None, None, "present", None), ("annular_fissure", None, "right", "present", "mild"),
      ("nerve_root_compression", "L5-S1", "right", "absent", None)}),
    ("Small annular tear at L5-S1 but the exiting right L5 root is not compressed.",
     {("annular_fissure", "L5-S1", None, "present", "mild"), ("nerve_root_compression", "L5-S1", "right", "absent", None)}),
    # a label's denied relation word; a label after a statement on the same line
    ("Facet joints: no significant arthropathy.", {("facet_arthropathy", None, None, "absent", None)}),
    ("Thecal sac: no compression.", {("thecal_sac_compression", None, None, "absent", None)}),
    ("Cord: no compression. Neural foramina: no narrowing.", {("cord_abnormality", None, None, "absent", None),
                                                              ("foraminal_stenosis", None, None, "absent", None)}),
    ("Alignment: normal. Neural foramina: mild left narrowing.",
     {("foraminal_stenosis", None, "left", "present", "mild"), ("spondylolisthesis", None, None, "absent", None),
      ("scoliosis", None, None, "absent", None)}),
    # a range before the relation word
    ("L4-5: moderate to severe narrowing of the central canal.",
     {("central_canal_stenosis", "L4-L5", None, "present", "moderate-severe")}),
    # hyphenated ranges
    ("L4-5: moderate-to-severe right lateral recess stenosis.",
     {("lateral_recess_stenosis", "L4-L5", "right", "present", "moderate-severe")}),
    ("Mild-to-moderate facet arthropathy at L4-5.", {("facet_arthropathy", "L4-L5", None, "present", "mild-moderate")}),
    # 'B/L' before the finding's own first letter is both sides; a lone 'L' is the left
    ("B/L neural foramina are narrowed at L5-S1.", {("foraminal_stenosis", "L5-S1", "bilateral", "present", None)}),
    ("L neural foramen narrowed at L4-5.", {("foraminal_stenosis", "L4-L5", "left", "present", None)}),
    # ... but not a comparison with the prior study
    ("The L4-5 protrusion is smaller than on the prior study.", {("disc_protrusion", "L4-L5", None, "present", None)}),
    ("The L5-S1 extrusion is larger.", {("disc_extrusion", "L5-S1", None, "present", None)}),
    ("The L5-S1 extrusion is large.", {("disc_extrusion", "L5-S1", None, "present", "severe")}),
    # sides written after the finding or around a bracket
    ("L4-5: right extraforaminal (far lateral) disc extrusion.", {("disc_extrusion", "L4-L5", "right", "present", None)}),
    ("L4-5: synovial cyst arising from the right facet joint.", {("synovial_cyst", "L4-L5", "right", "present", None)}),
    ("Facet effusions at L4-5 bilaterally, left larger than right.",
     {("facet_effusion", "L4-L5", "bilateral", "present", None)}),
    # doubting a finding's relevance is not doubting the finding; a doubted diagnosis stays possible
    ("Mild central canal stenosis at L4-L5, unlikely to account for the symptoms.",
     {("central_canal_stenosis", "L4-L5", None, "present", "mild")}),
    ("Small L5-S1 protrusion, unlikely to be the cause of her pain.",
     {("disc_protrusion", "L5-S1", None, "present", "mild")}),
    ("L2 lesion, unlikely to be a metastasis.", {("neoplasm", "L2", None, "possible", None)}),
    ("Fracture unlikely.", {("fracture", None, None, "absent", None)}),
    # a query mark reaches the noun phrase ahead of it, within its clause
    ("?acute L1 superior endplate fracture", {("fracture", "L1", None, "possible", None)}),
    ("Incidental Lt renal cyst noted, ? US correlation.", {("extraspinal_finding", None, "left", "present", None)}),
    ("Abnormal psoas signal ? post traumatic, infective.", {("infection", None, None, "possible", None)}),
    ("Hemangioma ? L2.", {("hemangioma", "L2", None, "possible", None)}),
    # 'consistent with' is a confident statement in radiology; 'suggestive of' is a hedge
    ("Findings consistent with discitis at L3-4.", {("infection", "L3-L4", None, "present", None)}),
    ("Findings suggestive of discitis at L3-4.", {("infection", "L3-L4", None, "possible", None)}),
    # what has gone entirely is absent; what is left of it is at its level; a smaller one is still there
    ("Near-complete resorption of the previous L5/S1 extrusion.", {("disc_extrusion", "L5-S1", None, "absent", None)}),
    ("Interval resolution of the L2/3 epidural abscess.", {("infection", "L2-L3", None, "absent", None)}),
    ("Partial resorption of the L5/S1 extrusion.", {("disc_extrusion", "L5-S1", None, "present", None)}),
    ("Interval regression of the L4/5 extrusion.", {("disc_extrusion", "L4-L5", None, "present", None)}),
    ("The L5/S1 extrusion has regressed.", {("disc_extrusion", "L5-S1", None, "present", None)}),
    ("The previously seen L5-S1 extrusion has largely regressed.", {("disc_extrusion", "L5-S1", None, "absent", None)}),
    ("Near-complete regression of the L5-S1 extrusion.", {("disc_extrusion", "L5-S1", None, "absent", None)}),
    # ... but not a red flag that is only nearly gone
    ("The L2-3 epidural abscess has largely regressed.", {("infection", "L2-L3", None, "present", None)}),
    ("Complete regression of the epidural abscess at L3-L4.", {("infection", "L3-L4", None, "present", None)}),
    ("Complete regression of the L4-5 sequestrated fragment.", {("disc_sequestration", "L4-L5", None, "absent", None)}),
    # ... nor what is said to be there still
    ("The L5/S1 extrusion has largely regressed but still compresses the right S1 nerve root.",
     {("disc_extrusion", "L5-S1", None, "present", None), ("nerve_root_compression", "L5-S1", "right", "present", None)}),
    ("The L5/S1 disc extrusion has resolved. A small residual protrusion remains.",
     {("disc_extrusion", "L5-S1", None, "absent", None), ("disc_protrusion", "L5-S1", None, "present", "mild")}),
    ("No L5/S1 disc extrusion. A small protrusion is present.",
     {("disc_extrusion", "L5-S1", None, "absent", None), ("disc_protrusion", None, None, "present", "mild")}),
    # what goes on or grows after 'and' is stated, whatever was denied before it
    ("No epidural abscess and persistent L2/3 discitis.", {("infection", "L2-L3", None, "present", None)}),
    ("Interval resolution of the epidural abscess and persistent L2/3 discitis.",
     {("infection", "L2-L3", None, "present", None)}),
    ("No epidural abscess or L2/3 discitis.", {("infection", "L2-L3", None, "absent", None)}),
    # a level-by-level table written as text: each cell reads under its column's structure
    ("Levels written as DISC / CANAL / LATERAL RECESSES / FORAMINA:\nL3-4: bulge / mild stenosis / mild bilateral "
     "narrowing / normal\nL5-S1: small protrusion / normal / normal / L severe narrowing",
     {("disc_bulge", "L3-L4", None, "present", None), ("central_canal_stenosis", "L3-L4", None, "present", "mild"),
      ("lateral_recess_stenosis", "L3-L4", "bilateral", "present", "mild"),
      ("foraminal_stenosis", "L3-L4", None, "absent", None),
      ("disc_protrusion", "L5-S1", None, "present", "mild"), ("central_canal_stenosis", "L5-S1", None, "absent", None),
      ("lateral_recess_stenosis", "L5-S1", None, "absent", None), ("foraminal_stenosis", "L5-S1", None, "present", "severe")}),
    ("Level | Canal | Foramina\nL4-5 | moderate stenosis | normal",
     {("central_canal_stenosis", "L4-L5", None, "present", "moderate"), ("foraminal_stenosis", "L4-L5", None, "absent", None)}),
    # ... a row with fewer cells than columns says not which it left out: read as prose (review 2026-12-02)
    ("DISC / CANAL / LATERAL RECESSES / FORAMINA\nL3-4: bulge / mild stenosis / normal",
     {("disc_bulge", "L3-L4", None, "present", None), ("central_canal_stenosis", "L3-L4", None, "present", "mild")}),
    ("Level | Canal | Foramina\nL4-5 | moderate\nL5-S1 | normal | normal",
     {("central_canal_stenosis", "L5-S1", None, "absent", None), ("foraminal_stenosis", "L5-S1", None, "absent", None)}),
    # ... not slashes that are no table ('T1/T2/STIR', 'L4/5')
    ("Sequences: sagittal T1 / T2 / STIR.\nL4/5: moderate canal stenosis.",
     {("central_canal_stenosis", "L4-L5", None, "present", "moderate")}),
    # a clause after a comma with a subject of its own: its denial or hedge is that subject's only
    ("L4-5: Right paracentral disc protrusion, the exiting L4 root is not compressed.",
     {("disc_protrusion", "L4-L5", "right", "present", None), ("nerve_root_compression", "L4-L5", None, "absent", None)}),
    ("L1 compression fracture, the cord is not compressed.",
     {("fracture", "L1", None, "present", None), ("cord_abnormality", "L1", None, "absent", None)}),
    ("At L5-S1 a broad based disc bulge, the thecal sac is not indented.",
     {("disc_bulge", "L5-S1", None, "present", None), ("thecal_sac_compression", "L5-S1", None, "absent", None)}),
    ("L4-5: left foraminal protrusion, the exiting root is possibly contacted.",
     {("disc_protrusion", "L4-L5", "left", "present", None), ("nerve_root_contact", "L4-L5", None, "possible", None)}),
    # ... and so does a structure a finding might compress, named after a comma or dash, with or without 'the'
    ("T10 metastasis, the cord and nerve roots are not compressed.",
     {("neoplasm", "T10", None, "present", None), ("cord_abnormality", "T10", None, "absent", None),
      ("nerve_root_compression", "T10", None, "absent", None)}),
    ("Acute L1 fracture, cord not compressed.",
     {("fracture", "L1", None, "present", None), ("cord_abnormality", "L1", None, "absent", None)}),
    ("L1 fracture - the cord is not compressed.",
     {("fracture", "L1", None, "present", None), ("cord_abnormality", "L1", None, "absent", None)}),
    ("L4-L5 disc herniation, the right L5 nerve root is not seen to be compressed.",
     {("disc_herniation", "L4-L5", None, "present", None)}),
    ("No fracture, the cord is not compressed.",
     {("fracture", None, None, "absent", None), ("cord_abnormality", None, None, "absent", None)}),
    # ... but a list's last items, or a relative clause, leave the denial its reach
    ("L4-5: disc protrusion, the facet arthropathy and the stenosis are not seen.",
     {("disc_protrusion", "L4-L5", None, "absent", None), ("facet_arthropathy", "L4-L5", None, "absent", None),
      ("central_canal_stenosis", "L4-L5", None, "absent", None)}),
    ("L4-5 disc protrusion, which was suspected, is not seen.", {("disc_protrusion", "L4-L5", None, "absent", None)}),
])
def test_clauses(analyze, text, expected):
    assert five(analyze(text)) == expected


# a disc's side and zone written after it (terse notes); words that open the next finding are its own
@pytest.mark.parametrize("text, expected", [
    ("L4/5 protrusion rt paracentral, indenting the thecal sac.", {("disc_protrusion", "right", "paracentral")}),
    ("L4/5 protrusion rt paracentral indenting the thecal sac.", {("disc_protrusion", "right", "paracentral")}),
    ("L3/4 PIVD L paracentral.", {("disc_herniation", "left", "paracentral")}),
    ("L5/S1 extrusion (left foraminal).", {("disc_extrusion", "left", "foraminal")}),
    ("L4-5 disc bulge, left foraminal stenosis.", {("disc_bulge", None, None), ("foraminal_stenosis", "left", None)}),
    ("L4-5 disc bulge, left paracentral protrusion.",
     {("disc_bulge", None, None), ("disc_protrusion", "left", "paracentral")}),
    ("L4/5 disc protrusion, right. L5/S1 normal.", {("disc_protrusion", None, None)}),
])
def test_place_after_the_disc(analyze, text, expected):
    found = {(f.type, f.side, f.zone) for f in analyze(text).findings if f.certainty == "present"}
    assert found - {("thecal_sac_compression", None, None)} == expected


@pytest.mark.parametrize("text, grade", [
    ("Grade II spondylolisthesis of L5 on S1.", 2), ("Gr II spondylolithesis L5/S1.", 2),
    ("Gr 1 anterolisthesis of L4 on L5.", 1), ("Grade 1 anterolisthesis of L4 on L5.", 1),
    ("Anterolisthesis of L4 on L5.", None),
])
def test_listhesis_grade(analyze, text, grade):
    assert [f.grade for f in analyze(text).findings if f.type == "spondylolisthesis"] == [grade]
