"""Clinical safety: red flags and their look-alikes, stated, denied, negated inside a list, as
normal function, as a relative's illness, and affirmed after a denial in the same sentence.

Each case asserts the symptom's certainty, whether a finding is a red flag, the MRI indication
rating and the headline. A missed red flag is a test failure here, never an xfail.
"""

import pytest

import spinelens

# reports whose finding each clinical red flag could explain
DISC = "L4-5: Large central disc extrusion severely compressing the thecal sac."
ROOT = "L4-5: Left paracentral disc protrusion compressing the traversing left L5 nerve root."
MARROW = "Diffuse abnormal marrow signal in the L2 vertebral body."
MODIC = "L4-5: Type 1 Modic endplate changes."
OLD_FRACTURE = "Chronic healed L1 compression fracture."

URGENT = "urgent"
PROMPT = "usually_appropriate"
NOT_URGENT = {"usually_not_appropriate", "may_be_appropriate", "usually_appropriate"}  # anything but urgent
ANY = {"urgent", "usually_appropriate", "may_be_appropriate", "usually_not_appropriate"}

# (symptoms, report, symptom type, expected certainty of that symptom (None: not read at all),
#  a red-flag finding expected, indication ratings allowed)
CASES: list[tuple[str, str, str, str | None, bool, set[str] | str]] = []


def add(report, symptom, certainty, flag, rating, *phrases):
    for p in phrases:
        CASES.append((p, report, symptom, certainty, flag, rating))


# -- cauda equina: stated
add(DISC, "cauda_equina_symptoms", "present", True, URGENT,
    "saddle anaesthesia", "saddle anesthesia since this morning", "new urinary retention", "urinary incontinence",
    "faecal incontinence", "bowel incontinence", "perineal numbness", "bladder dysfunction",
    "low back pain with new urinary retention", "sciatica and saddle numbness", "cauda equina syndrome symptoms",
    "back pain, bilateral leg pain, urinary retention", "retention of urine", "bladder and bowel dysfunction",
    "left sciatica for 2 weeks. Today saddle anaesthesia.", "urinary incontinence since yesterday",
    "loss of bladder control", "bilateral leg weakness and saddle numbness",
    # ... as abbreviated in notes: the tokenizer splits 'B/L', the lexicon names it whole
    "back pain, B/L leg weakness", "b/l LE weakness x 2 days", "weakness in b/l legs", "bilateral LE weakness")
# -- cauda equina: affirmed after a denial in the same sentence or list
add(DISC, "cauda_equina_symptoms", "present", True, URGENT,
    "sciatica 1 week, denies saddle anesthesia, has urinary incontinence",
    "no fever but new urinary retention", "denies fever; reports urinary incontinence",
    "no weight loss, has bladder dysfunction", "no leg weakness, however urinary retention since today",
    "denies trauma. Complains of saddle anaesthesia.", "no fever or weight loss; saddle numbness present",
    "denies bowel symptoms, but has urinary retention")
# -- cauda equina: denied, in lists, as normal function
# -- cauda equina: a list on the lines under a denial ends at a blank line, at a line that is not an item and at an
#    item that answers for itself; a bare 'no' ending a field's line denies that field only
add(DISC, "cauda_equina_symptoms", "absent", False, NOT_URGENT,
    "ROS negative for the following:\n- fever\n- saddle anaesthesia\n- urinary retention",
    "Denies:\n* weight loss\n* bladder dysfunction", "Patient denies the following\n- fever\n- urinary incontinence",
    "Review of systems negative for:\n1. fever\n2. urinary retention", "No:\n- fever\n• saddle numbness",
    "- fever no\n- urinary retention no\n- weight loss no", "Saddle anaesthesia nil\nFever nil")
add(DISC, "cauda_equina_symptoms", "present", True, URGENT,
    "Denies:\n- fever\n\n- urinary retention since today", "Denies:\n- fever\nReports:\n- urinary incontinence",
    "Denies fever.\n- urinary retention", "Denies:\n- fever\n- urinary retention: yes",
    "Denies:\n- fever\n- saddle anaesthesia (+)", "Complains of:\n- saddle numbness\n- leg pain",
    "Denies:\n- fever\nNew urinary retention since this morning", "- fever no\n- urinary retention")
# -- cauda equina as the middle item of a condition's list stays a condition; after a denial a new one affirms
add(DISC, "cauda_equina_symptoms", None, False, ANY,
    "If saddle numbness, new bladder problems or weakness develops attend A&E",
    "Safety net: if saddle numbness, new bladder/bowel problems or weakness develops attend A&E")
add(DISC, "cauda_equina_symptoms", "present", True, URGENT,
    "No fever, new urinary retention or incontinence since this morning", "No fever, new urinary retention since today")
# -- cauda equina on a form whose answers are padded out to a column
add(DISC, "cauda_equina_symptoms", "absent", False, NOT_URGENT,
    "CES screen:\nSaddle/perianal numbness:  No\nUrinary retention:  No - PVR 60 mL after void",
    "Urinary incontinence :   no\nFaecal incontinence:\tNo",
    "Red flags:\n  Weight loss ........... no\n  Saddle anaesthesia .... no\n  Night pain ............ yes",
    "Fever: no          Urinary retention: no", "Weight loss: no    Bladder incontinence: no\nLeg weakness: no",
    # ... with no colons, read by the gaps; a list denied after it by commas alone, three items or more
    "Fever   no     Urinary retention   no", "Saddle anaesthesia, urinary retention and faecal incontinence denied.")
add(DISC, "cauda_equina_symptoms", "present", True, URGENT,
    "CES screen:\nSaddle/perianal numbness:  yes\nUrinary retention:  No - PVR 60 mL after void",
    "Urinary retention:   no change, still unable to void",
    "Red flags:\n  Weight loss ........... no\n  Saddle anaesthesia .... yes",
    # a form in columns: the answer 'no' is its own field's, not a denial of the next column's
    "Fever: no          Urinary retention: yes", "Weight loss: no    Saddle anaesthesia: yes (since today)",
    "Fever   no     Urinary retention   yes", "Started with urinary retention   no\nrelief with catheter.",
    "Urinary retention, leg pain denied.")
# -- a cross mark answers no; a bare X does not (a form may use it for yes: '(mark X if present)')
add(DISC, "cauda_equina_symptoms", "absent", False, NOT_URGENT,
    "Red flags: saddle anaesthesia \u2717, urinary retention \u2717, fever \u2713", "Saddle numbness: \u2717\nRetention: \u2718",
    "Urinary retention: \u2718")  # (as the text's last word too)
add(DISC, "cauda_equina_symptoms", "present", True, URGENT,
    "Red flag screen:\n- Saddle anaesthesia: X\n- Urinary retention: X\n- Weight loss: X",
    "Red flag screen (X = present):\n- Saddle anaesthesia: X\n- Urinary retention: X\n- Night pain: YES",
    "Red flag screen (mark X if present):\n- Saddle anaesthesia: X\n- Night pain: YES",
    "Driving: yes\n\nRed flags:\nSaddle anaesthesia: X", "Meds reconciled \u2713\nRed flags:\nSaddle anaesthesia: X",
    "Red flags: fever \u2717, urinary retention \u2713", "Red flags: fever \u2717, saddle numbness since today")
# -- symptoms stated after a sentence that says the study was reviewed, or after its result, are the patient's
add(DISC, "cauda_equina_symptoms", "present", True, URGENT,
    "I have reviewed the MRI. Saddle anaesthesia and urinary retention since yesterday.",
    "I have reviewed his MRI scan and examined him. Reduced perianal sensation and reduced anal tone. Post-void "
    "residual 600 mL.", "Her MRI images were reviewed at the MDT. Urinary retention for 2 days.",
    "I have personally reviewed the MRI images. Severe stenosis L3/4. Urinary retention episode last night.",
    "MRI showed severe stenosis at L3/4. Urinary retention last night.",
    "MRI L-spine: mild L4/5 bulge. Urinary retention since last night.",
    "MRI showed a mild L4/5 bulge. Saddle anaesthesia noted this morning.",
    "Denies urinary incontinence, but this morning had an episode of urinary retention.",
    "No urinary retention, however, new faecal incontinence since this morning.")
add(DISC, "cauda_equina_symptoms", "absent", False, NOT_URGENT,
    "CES clinically and radiologically excluded.", "Cauda equina syndrome clinically excluded.")
# -- retention, incontinence and saddle anaesthesia in the patient's words, their 'not' or 'no' their own; a study
#    that does not explain a symptom leaves it standing
add(DISC, "cauda_equina_symptoms", "present", True, URGENT,
    "No longer able to pass urine since this morning.", "Has not been able to pass urine since last night.",
    "Not able to void.", "Unable to feel the toilet paper when wiping.", "Can't feel her bottom when wiping.",
    "No sensation in the saddle area.", "Exam: sensation absent in the saddle area.", "Unable to control his bowels.",
    "Bladder: cannot empty fully, PVR 500.",
    "MRI L-spine: mild L4/5 bulge. No explanation for the urinary retention.",
    "MRI L-spine: mild L4/5 bulge. Does not explain the urinary retention.",
    "MRI L-spine: mild L4/5 bulge. No compressive lesion to explain the urinary retention.")
add(DISC, "cauda_equina_symptoms", "present", True, URGENT,
    "I have reviewed the MRI. Mild degenerative change at L4/5 and she describes saddle numbness.",
    "I have reviewed the MRI. Mild L4/5 bulge; he is now unable to pass urine.", "Can't hold her urine.",
    "MRI L-spine (report brought in):\nL4/5 disc bulge, he has urinary retention.",
    "MRI L-spine (report brought in):\nMild degenerative change at L4/5 and she describes saddle numbness.")
add(DISC, "cauda_equina_symptoms", "absent", False, NOT_URGENT,
    "Saddle sensation intact. Can feel when wiping. He can hold his urine normally.",
    "Patient answered no to saddle anaesthesia, urinary retention and faecal incontinence.",
    "No reason to suspect CES - no saddle anaesthesia, no retention.",
    "Able to void normally. No saddle anaesthesia.", "Denies inability to pass urine.",
    "No numbness when wiping.", "No loss of sensation in the saddle area.")
# -- a 'not' inside the symptom's own words denies nothing; beside a diagnosis excluded, the patient's symptom stands
add(DISC, "cauda_equina_symptoms", "present", True, URGENT,
    "Reports he could not fully empty his bladder this morning.",
    "Could not completely empty her bladder overnight.\nA/P: cauda equina syndrome clinically and radiographically excluded.")
# -- cauda equina named as the topic of advice is what to watch for, not the patient's
add(DISC, "cauda_equina_symptoms", None, False, ANY,
    "back pain and sciatica. CES leaflet given", "Pt given CES advice and knows to attend ED",
    "cauda equina warning signs explained")
add(DISC, "cauda_equina_symptoms", None, False, ANY,
    "Sciatica. I have given him written information, including the warning signs of cauda equina syndrome.",
    "Sciatica. We discussed the red flag symptoms of cauda equina syndrome.",
    "Sciatica. Told him about the warning signs of CES.", "Sciatica. Given a leaflet on the red flag symptoms of CES.")
add(DISC, "cauda_equina_symptoms", "present", True, URGENT,
    "new urinary retention. Advice given to attend ED", "CES leaflet given; saddle numbness since yesterday")
add(DISC, "cauda_equina_symptoms", "present", True, URGENT,
    "He has warning signs of cauda equina syndrome with urinary retention.",
    "Presents with red flag symptoms of cauda equina: urinary retention.",
    "His presentation includes the warning signs of cauda equina syndrome: urinary retention and saddle anaesthesia.",
    "Referred re red flag symptoms of CES: new urinary retention and saddle numbness.",
    "Questioned regarding warning signs of cauda equina: urinary retention yes, saddle anaesthesia yes.")
# -- cauda equina on a yes/no form: the ticked answer decides, whichever side of its label the box is on
add(DISC, "cauda_equina_symptoms", "absent", False, NOT_URGENT,
    "Red flag screen:\nSaddle anaesthesia      [ ] Y  [x] N\nTrauma  [ ] Y  [x] N",
    "Bladder / bowel change  Y [ ]  N [x]", "Urinary retention  ☐ Yes  ☒ No", "Saddle numbness  Yes ☐  No ☒",
    "Fever [x] Y [ ] N\nSaddle anaesthesia [ ] Y [x] N",
    # ... and a ticked box before a denial with no item before it on its line is a ticked statement: 'No' denies
    "CAUDA EQUINA SCREEN:\n[x] Saddle sensation normal\n[x] No urinary retention / hesitancy / incontinence",
    "☒ No saddle numbness", "[x] No faecal incontinence")
add(DISC, "cauda_equina_symptoms", "present", True, URGENT,
    "Red flag screen:\nSaddle anaesthesia      [x] Y  [ ] N\nTrauma  [ ] Y  [x] N",
    "Bladder / bowel change  Y [x]  N [ ]", "Urinary retention  ☒ Yes  ☐ No", "Saddle numbness  Yes ☒  No ☐",
    "Fever [ ] Y [x] N\nSaddle anaesthesia [x] Y [ ] N")
# -- ... a denial's list joined by 'or' that ends on ', and' with a bare item; not an item the note affirms
add(DISC, "cauda_equina_symptoms", "absent", False, ANY,
    "Denies bowel or bladder incontinence or retention, and saddle anesthesia.")
add(DISC, "cauda_equina_symptoms", "present", True, URGENT,
    "No fever or chills, and urinary retention since Monday.", "No fever or chills, and new urinary retention.",
    "There is no fever or chills, and he has urinary retention.",
    # ... a determiner's list ('No ...') ends there, and a denying verb's with an item described past its own words
    "No fever or weight loss, and urinary retention.", "No fever or night sweats, and saddle anaesthesia to pinprick.",
    "Denies fever or weight loss, and painless urinary retention.",
    "Denies bowel incontinence or fever, and urinary retention since Monday.")
add(DISC, "cancer_history", "present", False, ANY, "No fever or weight loss, and known prostate cancer.")
add(DISC, "motor_weakness", "present", True, ANY, "No fever or IVDU, and progressive leg weakness.")
# -- a retention in the patient's words holds its own 'not' ('can't', 'cannot', 'has not passed urine for ...')
add(DISC, "cauda_equina_symptoms", "present", True, URGENT,
    "Back pain, can't pass urine.", "Cannot void since this morning.", "Can not pass urine.",
    "Has not passed urine for ~10 h despite urge.", "No fever. Has not passed urine since 6 am.")
add(DISC, "cauda_equina_symptoms", "absent", False, ANY, "No difficulty passing urine.", "Denies that she cannot pass urine.")
add(DISC, "cauda_equina_symptoms", None, False, ANY,
    "Cannot pass stool (constipated on codeine).", "Cannot empty bowels.", "Could not pass the catheter.",
    "Has not passed urine for a sample yet.", "Has not passed urine in the last 2 hours.")
add(DISC, "cauda_equina_symptoms", "absent", False, ANY, "Has not voided involuntarily or soiled himself.")
# -- a form's field that names several things is one question: its answer is each one's ('Urinary retention /
#    incontinence: denies'); the next field's answer is its own
add(DISC, "cauda_equina_symptoms", "absent", False, ANY,
    "Red flag screen:\n- Urinary retention / incontinence: denies\n- Fever / rigors: none",
    "Saddle numbness / urinary retention: no")
# ... but by commas a red-flag complaint stays out of the field's answer, as in prose (by choice), and a slash joins
# only the items beside it, not an abbreviation's ('c/o', 'w/', 'L/R')
add(DISC, "cauda_equina_symptoms", "present", True, URGENT, "Urinary retention, fever: none.",
    "Pt c/o urinary retention, fever: no", "Back pain w/ urinary retention, fever: no",
    "Sciatica L/R, urinary retention, fever: no", "Urinary retention, fever / rigors: no",
    "C/O urinary retention, fever absent.")
# ... a field that names only red flags by commas is one question ('Urinary retention, saddle anaesthesia: none')
add(DISC, "cauda_equina_symptoms", "absent", False, ANY, "Urinary retention, saddle anaesthesia: none",
    "Retention, incontinence, saddle numbness: none")
add(DISC, "cauda_equina_symptoms", "present", True, URGENT,
    "Red flag screen:\n- Urinary retention / incontinence: yes\n- Fever / rigors: no",
    "Urinary retention   yes   Fever   no")
# -- a request's header that names red flags is no advice: what follows is the patient's
add(DISC, "cauda_equina_symptoms", "present", True, URGENT,
    "Clinical information - red flag symptoms of cauda equina: urinary retention and saddle anaesthesia")
# -- cauda equina affirmed beside a list denied after it: the affirmed item stays out of the list
add(DISC, "cauda_equina_symptoms", "present", True, URGENT,
    "Urinary retention yes, fever and weight loss denied.", "Urinary retention +, fever and weight loss denied.",
    "Reports urinary retention, fever and weight loss denied.", "Has urinary retention, fever and weight loss denied.",
    "Urinary retention today, fever or weight loss denied.", "New urinary retention, fever and weight loss denied.")
# -- ... a yes/no form ticked at Yes with the box after each answer, a list item that answers for itself
add(DISC, "cauda_equina_symptoms", "present", True, URGENT,
    "Urinary retention Y [x] N [ ]", "Urinary retention: Y [x] N [ ]", "Urinary retention Yes [x] No [ ]",
    "Urinary retention: Yes ☒ No ☐", "Denies:\n- fever\n- weight loss\n+ urinary retention",
    "Denies:\n1. fever\n3. saddle anaesthesia - reported", "Denies:\n- fever\n- saddle anaesthesia ✓",
    "Denies:\n- fever\n- urinary retention - endorsed",
    "Denies:\n- fever\n- urinary retention since this morning, PVR 800 mL")
# -- ... advice asked for or given beside it, a condition on something else, prose with a double space
add(DISC, "cauda_equina_symptoms", "present", True, URGENT,
    "New urinary retention - advise urgent MRI.", "Urinary retention, information from ED notes.",
    "Pain worse if sitting, new urinary retention or incontinence since this morning.",
    "Pain worse if he bends, new saddle numbness or retention today.",
    "Urinary retention:  No  longer able to void, catheterised in ED",
    "Started with urinary retention no\nrelief with catheter.")
# -- ... (a second review): a list denied after it only when the list is its whole clause and, by commas alone,
#    three symptoms; a column needs a symptom with its own answer; an answer is its own field's; advice named
add(DISC, "cauda_equina_symptoms", "present", True, URGENT,
    "Presents with urinary retention, saddle anaesthesia, fever denied.",
    "Developed urinary retention, leg weakness, fever denied.", "Urinary retention 2 days, saddle anaesthesia, fever denied.",
    "Acute urinary retention, catheterised, fever denied.", "Worse with coughing, urinary retention, fever denied.",
    "Worsening leg weakness, urinary retention, fever and weight loss denied.",
    "Worsening leg weakness, urinary retention, fever, and weight loss denied.",
    "Presents with urinary retention, saddle anaesthesia, and fever denied.",
    "Developed urinary retention, leg weakness, and fever denied.",
    "Urinary retention   no   improvement, still catheterised", "Urinary retention   no    change since yesterday",
    "Urinary retention    no    PVR 600", "Urinary retention   yes   Fever   no",
    "Urinary retention ..... yes   Fever ..... no", "Urinary retention: yes   Fever: no")
add(DISC, "cauda_equina_symptoms", None, False, ANY,
    "CES card given", "Given CES safety-netting advice", "CES red flag advice given")
# -- a plan's 'any ...' with what to do after it is advice; with nothing to do, or as a question, it is not
add(DISC, "cauda_equina_symptoms", None, False, ANY,
    "A/P: no indication for surgery, but any new weakness or sphincter disturbance -> urgent re-imaging.",
    "Plan: any saddle numbness should prompt same-day MRI.", "Plan: any urinary retention warrants urgent review.")
add(DISC, "cauda_equina_symptoms", "present", True, URGENT,
    "A/P: Urinary retention today -> urgent MRI.", "HPI: back pain; any urinary retention now, he says yes.")
# -- (review round): an answer or a cause before what is to be done is the patient's; a bracket answers the item
#    right before it; 'b/l' is one word of a denied list; a denial the statement takes back ('but now present')
add(DISC, "cauda_equina_symptoms", "present", True, URGENT,
    "HPI: Any saddle anaesthesia: yes, requires urgent MRI.", "HPI: Any saddle numbness - yes, should prompt urgent MRI.",
    "HPI: Any red flags: saddle anaesthesia and urinary retention present, which should prompt emergency MRI.",
    "HPI: back pain. Fever (denied), urinary retention (+).",
    "HPI: back pain. Saddle anesthesia, urinary retention, and weakness in both legs were denied at triage but now present.",
    "HPI: back pain. Saddle numbness denied initially, but is now reported.",
    "HPI: Urinary retention: no (pt says fine, PVR 950)",
    # (second review round) the 'not' of one symptom's own words denies no other; a bracket's own answer; a denial
    # taken back after a semicolon; a bracket that tells of the symptom
    "HPI: back pain. She cannot feel her saddle area and cannot pass urine.",
    "HPI: back pain. Fever (no), urinary retention (yes, 700 mL).",
    "HPI: back pain. Urinary retention denied at triage; now present.",
    "HPI: back pain. Urinary incontinence: no (wet on arrival).",
    # (third review round) a bracket answers the item before it, whatever it is, in any bracket; a word marks an item
    # present after a comma as '+' does
    "HPI: back pain. Night pain (no), urinary retention (yes, 700 mL).",
    "HPI: back pain. Fever [no], urinary retention [yes, 600 mL].", "HPI: No leg pain, b/l leg weakness positive.",
    "HPI: No fever, b/l leg weakness present.", "HPI: Nil saddle anaesthesia, b/l leg weakness noted.",
    # ... and a forward denial's item taken back after it
    "HPI: back pain. No saddle anaesthesia; now present.", "HPI: back pain. Denied saddle numbness last week, now reports it.",
    "HPI: back pain. Previously denied incontinence, now endorses it.",
    "HPI: back pain. Urinary retention was absent at first review but has now developed.",
    "HPI: back pain. Red flags: fever (N), weight loss (N), urinary retention (Y).",
    # ... a list whose items each carry their own denial: a bare item after them is stated
    "History: Bilateral sciatica, no weakness, no saddle anaesthesia, urinary retention since last night.",
    "HPI: back pain. No saddle anaesthesia, no urinary retention, b/l leg weakness.",
    # (fourth review round) a letter in its bracket after a denial; a take-back with 'it' or at the clause's end;
    # weakness of both legs with the side after it
    "HPI: back pain. No saddle anaesthesia, faecal incontinence [Y].",
    "HPI: back pain. Previously denied urinary retention but has now developed it.",
    "HPI: back pain. Denied saddle anaesthesia initially, but now admits to it.",
    "HPI: back pain. Previously denied bowel incontinence; now endorses.",
    "HPI: back pain. Leg weakness bilateral (Y), saddle anaesthesia (N).",
    "HPI: back pain. No bowel or bladder symptoms, saddle numbness present.",
    # (fifth review round) a take-back's word with more after it; 'positive' marks any item of a denied list
    "HPI: back pain. Denied urinary retention on admission, now confirmed by bladder scan (900 ml).",
    "HPI: back pain. Initially denied saddle anaesthesia, now present bilaterally.",
    "HPI: back pain. No fever, weight loss, saddle anaesthesia positive.",
    "HPI: back pain. Leg weakness, bilateral.", "HPI: back pain. Left leg weakness, bilateral.")
add(DISC, "cauda_equina_symptoms", "absent", False, NOT_URGENT,
    "HPI: back pain. No b/l leg weakness. No urinary retention.", "HPI: back pain, no b/l LL weakness, no bladder symptoms.",
    "HPI: back pain. b/l LE weakness, saddle numbness, and fecal incontinence denied.",
    "HPI: back pain. Urinary retention (denied), fever (+).",
    "HPI: back pain. Urinary retention denied, but since this morning he has leg pain.",
    "HPI: back pain. Denies urinary retention, now has leg pain.", "HPI: back pain. No urinary retention; now pain is worse.",
    "HPI: back pain. Red flags: urinary retention (N), saddle anaesthesia [no], fever (Y).",
    "HPI: back pain. No fever, no urinary retention, incontinence or saddle numbness.",
    "HPI: back pain. No fever, weight loss, urinary retention present.", "HPI: back pain. Saddle anaesthesia (none).",
    "HPI: back pain. Urinary retention (none), leg pain (yes).",
    "HPI: back pain. No red flags: no saddle anaesthesia, no bladder dysfunction, faecal incontinence.",
    "HPI: back pain. She denies numbness, b/l leg weakness, or bladder change.",
    "HPI: back pain. No urinary retention / b/l leg weakness.", "HPI: back pain. Urinary retention: no (PVR 80 mL)",
    "HPI: back pain. Urinary incontinence: no (dry, no leakage).")
# -- a form's 'no' with a bracket: reassuring, it denies; naming a sign or value, or something wrong, it does not
add(DISC, "cauda_equina_symptoms", "absent", False, NOT_URGENT,
    "Red flags:\n- Saddle anaesthesia: no\n- Urinary retention / incontinence: no (passed urine normally in ED)",
    "Red flags:\n- Fever: no\n- Urinary retention: no (PVR 50 mL, normal)",
    "Red flags:\n- Fever: no\n- Saddle anaesthesia: no (sensation intact)")
add(DISC, "cauda_equina_symptoms", "present", True, URGENT,
    "Red flags:\n- Fever: no\n- Urinary retention: no (but unable to void this morning)",
    "Red flags:\n- Fever: no\n- Urinary retention: no (PVR 800 mL)",
    "Red flags:\n- Fever: no\n- Incontinence: no (retention with overflow, 1L residual)")
# -- ... (a third and fourth review): a column answered in other words, a symptom's own report, a red-flag item of a
#    comma list, a dated item
add(DISC, "cauda_equina_symptoms", "present", True, URGENT,
    "Fever   no   Urinary retention   present", "Weight loss   no   Saddle anaesthesia   positive",
    "Urinary retention information from GP letter, catheterised in ED.",
    "Urinary retention warning given by GP, now catheterised.",
    "Bilateral leg weakness, urinary retention, fever denied.", "Urinary retention x2 days, saddle anaesthesia, fever denied.",
    "Urinary retention yesterday, saddle anaesthesia, fever denied.", "Left foot drop, urinary retention, fever: no",
    "Saddle anaesthesia   no   sensation around the anus",
    # (by choice: a red-flag symptom is not denied by the last word of a list joined by commas alone, which may
    # list complaints and then one denial; with 'and' / 'or' it is one denial)
    "Saddle anaesthesia, urinary retention, faecal incontinence denied.")
add(DISC, "cauda_equina_symptoms", None, False, ANY, "Cauda equina warning signs explained.")
# -- cauda equina in a patient's own words, and the look-alikes of those words
add(DISC, "cauda_equina_symptoms", "present", True, URGENT,
    "Bottom and private parts feel numb", "numbness around the private parts", "the back passage has gone numb",
    "has leaked urine twice", "leaking urine since yesterday", "wet himself yesterday",
    "back pain, saddle area feels numb")
add(DISC, "cauda_equina_symptoms", "absent", False, NOT_URGENT,
    "no leaking of urine", "denies numbness around the back passage or private parts")
add(DISC, "cauda_equina_symptoms", "absent", False, NOT_URGENT,
    "cauda equina syndrome clinically excluded", "cauda equina syndrome has been ruled out",
    "cauda equina syndrome has been clinically ruled out")
add(DISC, "cauda_equina_symptoms", None, False, ANY,
    "my back feels numb", "numbness in the back", "numbness on the bottom of the left foot", "My back area feels numb",
    "Passing urine without difficulty", "Left L1 radiculopathy with numbness in the groin and anterior thigh")
add(DISC, "cauda_equina_symptoms", "absent", False, NOT_URGENT,
    "denies saddle anaesthesia", "no bladder or bowel dysfunction", "no saddle anaesthesia or urinary retention",
    "denies bowel or bladder incontinence", "no fever, weight loss or urinary retention",
    "bowel and bladder intact", "bowel and bladder function normal", "normal bowel and bladder function",
    "continent of urine and faeces", "saddle sensation intact", "bladder function is normal",
    "sciatica; no urinary retention", "left leg pain, no saddle anaesthesia", "no sphincter disturbance",
    "without bladder dysfunction", "negative for urinary retention", "denies incontinence",
    "denies any bowel or bladder dysfunction", "no red flags; no saddle anaesthesia", "bladder and bowel intact")

# -- progressive deficit: stated (and the finding explains it: concordant + progressive = red flag)
add(ROOT, "progressive_deficit", "present", True, PROMPT,
    "left leg pain to the big toe, progressive left foot weakness",
    "left sciatica to the great toe with worsening left leg weakness",
    "left L5 radiculopathy, progressive weakness",
    "left leg pain to the dorsum of the foot and increasing weakness",
    "pain down the left leg to the big toe; progressive numbness and weakness",
    "no fever, progressive left leg weakness and pain to the big toe")
# -- progressive deficit: denied
add(ROOT, "progressive_deficit", "absent", False, ANY,
    "left leg pain to the big toe, no progressive weakness",
    "left leg pain to the big toe; denies progressive weakness or numbness")
add(ROOT, "progressive_deficit", None, False, ANY,
    "left leg pain to the big toe, weakness stable for a year", "left leg pain to the big toe, strength normal")
# -- severe deficit (foot drop): prompt MRI, no red flag on its own
add(ROOT, "motor_weakness", "present", False, PROMPT,
    "left foot drop", "left foot drop and pain to the big toe", "left leg pain, foot drop on the left",
    "left foot drop, absent ankle jerk", "sciatica with left foot drop since 3 days")
add(ROOT, "motor_weakness", "absent", False, NOT_URGENT - {PROMPT},
    "left leg pain for 2 weeks, no foot drop", "left sciatica 2 weeks, no weakness")

# -- cancer: stated
add(MARROW, "cancer_history", "present", True, PROMPT,
    "history of breast cancer", "prostate cancer on hormone therapy", "metastatic lung carcinoma",
    "known multiple myeloma", "back pain, previous lymphoma", "treated for colon cancer 2019",
    "no fever; history of breast cancer", "denies trauma, has a history of renal cell carcinoma",
    "back pain at night, known malignancy", "on chemotherapy for breast cancer")
# -- cancer: denied, in lists, a relative's
add(MARROW, "cancer_history", "absent", False, ANY,
    "no history of cancer", "denies malignancy", "no fever, weight loss or cancer",
    "no known malignancy", "negative for cancer history")
add(MARROW, "cancer_history", None, False, ANY,
    "family history of cancer", "family history of breast cancer", "mother had breast cancer",
    "his father died of prostate cancer", "FHx: colon cancer in sister", "sister with lymphoma")

# -- infection: stated (marrow change or Modic 1 with infection risk = red flag)
add(MODIC, "infection_risk", "present", True, PROMPT,
    "fever and back pain", "IV drug use", "febrile, back pain for a week", "immunosuppressed after transplant",
    "recent sepsis", "back pain, fevers and night sweats", "no trauma, has fever", "intravenous drug user")
# -- infection: denied, normal wording, lists
add(MODIC, "infection_risk", "absent", False, ANY,
    "afebrile", "no fever", "denies fevers or chills", "no fever, weight loss or night pain",
    "apyrexial", "no IV drug use", "back pain, afebrile, no red flags")

# -- weight loss
add(MARROW, "weight_loss", "present", True, PROMPT,
    "unexplained weight loss", "10 kg weight loss over 3 months", "back pain and weight loss")
add(MARROW, "weight_loss", "absent", False, ANY,
    "no weight loss", "denies weight loss or fever", "no fever or weight loss")

# -- an old fracture: a red flag with cancer, not with trauma alone
add(OLD_FRACTURE, "cancer_history", "present", True, PROMPT, "history of myeloma", "breast cancer in 2015")
add(OLD_FRACTURE, "trauma", "present", False, PROMPT, "fell down stairs last year", "fall from a ladder")
add(OLD_FRACTURE, "cancer_history", None, False, ANY, "family history of myeloma")
add(OLD_FRACTURE, "cancer_history", "absent", False, ANY, "no history of cancer")


@pytest.mark.parametrize("symptoms, report, stype, certainty, flag, rating", CASES,
                         ids=[f"{c[2]}:{c[0][:50]}" for c in CASES])
def test_clinical_red_flag(analyze, symptoms, report, stype, certainty, flag, rating):
    result = analyze(report, symptoms=symptoms, age=55)
    found = {s.type: s.certainty for s in result.clinical.symptoms}
    assert found.get(stype) == certainty, found
    flagged = [f.type for f in result.findings if f.assessment and f.assessment.category == "red_flag"]
    assert bool(flagged) == flag, (flagged, [(f.type, f.assessment.category) for f in result.findings if f.assessment])
    assert result.summary.headline.startswith("RED FLAG") == flag, result.summary.headline
    allowed = {rating} if isinstance(rating, str) else rating
    assert spinelens.assess_indication(symptoms, age=55).rating in allowed


# Red-flag findings in the report itself: present (and flagged whatever the symptoms), possible
# (flagged: a possible tumour still needs work-up) or absent, and their look-alikes.
FINDINGS = [
    # (report, type, certainty or None for no such finding, red flag expected)
    ("Findings consistent with discitis at L3-4.", "infection", "present", True),
    ("L3-4 discitis-osteomyelitis with a small epidural abscess.", "infection", "present", True),
    ("No epidural abscess.", "infection", "absent", False),
    ("No evidence of discitis or osteomyelitis.", "infection", "absent", False),
    ("Metastatic deposits in the L2 and L4 vertebral bodies.", "neoplasm", "present", True),
    ("Lesion in L3 suspicious for metastasis.", "neoplasm", "possible", True),
    ("Metastasis cannot be excluded in the L3 vertebral body.", "neoplasm", "possible", True),
    # the British referrer's 'query' is a '?': possible (and a possible infection is still flagged)
    ("Back pain with fever. Query discitis. MRI lumbar spine: no discitis or collection.", "infection", "possible", True),
    ("Query L3 metastasis.", "neoplasm", "possible", True),
    ("No evidence of metastatic disease.", "neoplasm", "absent", False),
    ("Disc extrusion with mass effect on the thecal sac.", "neoplasm", None, False),
    ("Normal muscle mass.", "neoplasm", None, False),
    ("Acute L1 compression fracture.", "fracture", "present", True),
    ("Compression fracture of L1 of uncertain age.", "fracture", "present", True),
    ("Pathological fracture of L3.", "fracture", "present", True),
    ("No fracture.", "fracture", "absent", False),
    # a finding named by its adjective, then a generic noun, then the verdict ('is excluded', 'cannot be excluded')
    ("An underlying neoplastic lesion is excluded; the marrow pattern is osteoporotic.", "neoplasm", "absent", False),
    ("An underlying neoplastic lesion cannot be excluded.", "neoplasm", "possible", True),
    ("An infective process is excluded.", "infection", "absent", False),
    # a denial after a comma list with no 'and' / 'or' denies bare items, but never reaches back over a red-flag
    # finding (as over a red-flag complaint): 'Metastases, cord compression absent' may state the metastases
    ("FINDINGS: Subluxation, listhesis, cord compression not seen.", "cord_abnormality", "absent", False),
    ("FINDINGS: Fracture, subluxation, cord compression not seen.", "fracture", "present", True),
    ("FINDINGS: Fracture, cord compression absent.", "fracture", "present", True),
    ("Metastatic deposit, pathological fracture not identified.", "neoplasm", "present", True),
    # ... with 'and' / 'or' (a plural verb between), any length of list; after an item the text describes (a level,
    # a modifier) the last item only: 'Metastasis at T10, pathological fracture, cord compression absent' keeps two
    ("FINDINGS: Fracture, listhesis and cord compression are absent.", "fracture", "absent", False),
    ("IMPRESSION: Discitis, epidural abscess or paraspinal collection is not seen.", "infection", "absent", False),
    ("IMPRESSION: Metastasis at T10, pathological fracture, cord compression absent.", "fracture", "present", True),
    ("IMPRESSION: Metastasis at T10, pathological fracture, cord compression absent.", "neoplasm", "present", True),
    ("IMPRESSION: Metastases, pathological fracture, cord compression absent.", "fracture", "present", True),
    ("IMPRESSION: Discitis, epidural abscess ruled out.", "infection", "present", True),
    ("IMPRESSION: Metastases, cord compression absent.", "neoplasm", "present", True),
    ("IMPRESSION: Fracture, metastasis ruled out.", "fracture", "present", True),
    ("IMPRESSION: Large epidural abscess, cord compression absent.", "infection", "present", True),
    ("Findings: Diffuse metastases, cord compression / cauda equina compression: none.", "neoplasm", "present", True),
    ("Findings: Multiple vertebral metastases, epidural disease/cord compression not seen.", "neoplasm", "present", True),
    ("Findings: Fracture, cord compression: none", "fracture", "present", True),
    # ... with 'and' / 'or' the list is one denial
    ("IMPRESSION: Discitis, epidural abscess or cord compression not seen.", "infection", "absent", False),
    ("IMPRESSION: Epidural abscess, discitis and cord compression are no longer seen.", "infection", "absent", False),
    # a lesion set beside the disc ('rather than disc') is not denied with it
    ("Findings: Lesion in the vertebral body rather than disc - metastasis likely.", "neoplasm", "present", True),
    ("Findings: Enhancement of the vertebral body rather than disc, with paraspinal abscess.", "infection", "present", True),
    # a bulleted impression item whose first word is a header's title without its colon is the impression's
    ("FINDINGS:\nNormal alignment.\nIMPRESSION:\n- Comparison with the prior study shows a new L1 burst fracture with "
     "retropulsion compressing the conus.", "fracture", "present", True),
    ("IMPRESSION:\n- Study limited by motion; nonetheless there is an epidural abscess at L3/4 compressing the cauda "
     "equina.", "infection", "present", True),
    # a report with no headers that opens on its indication keeps its findings, also those before a study it plans
    ("Back pain. Acute L1 burst fracture with retropulsion. Cord compression at T12. MRI whole spine recommended.",
     "cord_abnormality", "present", True),
    ("Leg weakness. Epidural abscess at L3-4 with cord compression. MRI.", "infection", "present", True),
    ("Back pain with fever. Spondylodiscitis at L2-3 with epidural abscess. Follow-up MRI in 6 weeks.", "infection",
     "present", True),
    ("FINDINGS: Acute L1 fracture, marrow oedema, cord compression excluded.", "fracture", "present", True),
    ("FINDINGS: Metastasis, pathological collapse, cord compression excluded.", "neoplasm", "present", True),
    ("Back pain, bilateral sciatica and urinary retention. Massive central disc prolapse with cauda equina "
     "compression. MRI lumbar spine reviewed.", "cauda_equina_compression", "present", True),
    ("IMPRESSION:\n- Indication: fall. New L1 burst fracture.", "fracture", "present", True),
    ("Low back pain with bilateral sciatica. MRI lumbar spine.\nThere is a large central L4/5 disc extrusion with "
     "severe canal stenosis and compression of the cauda equina.", "cauda_equina_compression", "present", True),
    ("At T9 a large disc protrusion indents the cord without compression of the cord.", "cord_abnormality", "absent",
     False),
    # a list on the lines under a denial: each item denied, up to a blank line or a line that is not an item
    ("No evidence of:\n1. fracture\n2. epidural abscess\n3. cord compression", "infection", "absent", False),
    ("No evidence of any of the following:\n- fracture\n- metastasis", "neoplasm", "absent", False),
    ("No evidence of:\n- fracture\n\n- L3 metastasis", "neoplasm", "present", True),
    ("No evidence of:\n- fracture\nThere is:\n- L3 metastasis", "neoplasm", "present", True),
    ("Findings:\n1. L4-5 disc bulge\n2. Epidural abscess at L3-4", "infection", "present", True),
    ("Vertebral body heights are maintained.", "fracture", "absent", False),
    ("Referred from the fracture clinic.", "fracture", None, False),
    ("Old healed L1 compression fracture.", "fracture", "present", False),
    ("Compression of the cauda equina at L4-5.", "cauda_equina_compression", "present", True),
    ("The cauda equina is unremarkable.", "cauda_equina_compression", "absent", False),
    ("Cord compression at T12-L1.", "cord_abnormality", "present", True),
    ("The conus terminates normally at L1 and is normal in signal.", "cord_abnormality", "absent", False),
    ("No cord compression.", "cord_abnormality", "absent", False),
    ("Enhancing intradural mass at L2 consistent with ependymoma.", "neoplasm", "present", True),
    # a denial of the neighbour does not deny the red flag that a new hedged clause names; with no
    # comma the hedge is inside the denial
    ("L2 lesion, not a hemangioma, suspicious for metastasis.", "neoplasm", "possible", True),
    ("Enhancing lesion in L3, not typical of hemangioma, concerning for metastatic disease.", "neoplasm", "possible", True),
    ("Lesion at L5-S1, not disc; suspicious for neoplasm.", "neoplasm", "possible", True),
    ("No lesion suspicious for metastasis.", "neoplasm", "absent", False),
    ("No acute fracture, suspicious osseous lesion, or marrow replacement.", "neoplasm", "absent", False),
    # a mass its own statement reads as disc is not a tumour; a tumour denied beside it stays denied
    ("Mass at L4-5 which likely represents a sequestered disc fragment.", "neoplasm", None, False),
    ("Soft tissue mass at L5-S1 representing a disc osteophyte complex, no neoplasm.", "neoplasm", "absent", False),
    ("Paraspinal mass at L3, which does not represent an abscess.", "neoplasm", "present", True),
    # a relative's finding is not the patient's; the patient's own beside a family history is
    ("L4-5 disc bulge. Her mother had a spinal metastasis.", "neoplasm", None, False),
    ("Family history of cancer. L2 metastasis.", "neoplasm", "present", True),
    ("L2 metastasis; his father had metastatic prostate cancer.", "neoplasm", "present", True),
    ("Findings were discussed with the patient's son: L3 metastasis.", "neoplasm", "present", True),
    # a disc read as infected is an infection, not a herniation; a hedge closing a clause hedges its own finding
    ("Enhancing lesion consistent with disc infection at L4-5.", "infection", "present", True),
    ("Epidural abscess at L4-5 and an annular fissure at L5-S1, questionable.", "infection", "present", True),
    ("Loss of height of the L2 disc and vertebral body.", "fracture", "present", True),
    # found in review: a name's abbreviation is no sentence end; a structure's label goes on with the study;
    # a typo beside a determiner is still read; a denial of one noun is not of the cause after it
    ("HPI: 60M with back pain. An MRI done at Mt. Sinai showed a T11 metastasis with cord compression.\nPLAN: "
     "radiotherapy.", "neoplasm", "present", True),
    ("HPI: 62F with leg weakness. She had an MRI which showed a T11 lesion.\nCord: compressed at T11 by epidural "
     "tumour.\nPLAN: Dexamethasone.", "cord_abnormality", "present", True),
    ("Compression of the chord at T11.", "cord_abnormality", "present", True),
    ("Chronic L2 compression fracture without retropulsion, pathologic.", "fracture", "present", True),
    ("L1 compression fracture with no retropulsion, acute on chronic.", "fracture", "present", True),
    ("L3 ? haemangioma or metastasis and cord compression at T11.", "cord_abnormality", "present", True),
    ("Discitis is unlikely to be the cause.", "infection", "possible", True),
    ("Increased enhancement and fluid at her discitis site at L2-3.", "infection", "present", True),
    # a fracture's cause left open keeps it a red flag whatever its age; a denied cause or oedema says so
    ("Chronic compression fracture of L2, possibly pathological.", "fracture", "present", True),
    ("Old L2 wedge fracture. A pathological fracture cannot be excluded.", "fracture", "present", True),
    ("Compression deformity of T12 without marrow edema, likely chronic.", "fracture", "present", False),
    ("Chronic L1 wedge fracture; no evidence of pathological fracture.", "fracture", "present", False),
    # a cord lesion named by where it is, or with signal words between
    ("T2 hyperintense lesion in the cord at C3-4, felt to represent demyelination.", "cord_abnormality", "present", True),
    ("Mild swelling of the lower thoracic cord from T8 to T12.", "cord_abnormality", "present", True),
    ("Intramedullary T2 hyperintense lesion at C4.", "cord_abnormality", "present", True),
    ("No lesion in the cord.", "cord_abnormality", "absent", False),
    # a structure's label, then its denied or hedged relation word ('Cord: no compression'), after another statement too
    ("FINDINGS:\nCord: no compression.", "cord_abnormality", "absent", False),
    ("FINDINGS:\nCord: compression at T11.", "cord_abnormality", "present", True),
    ("FINDINGS:\nCauda equina: possibly compressed.", "cauda_equina_compression", "possible", True),
    ("FINDINGS:\nAlignment: normal. Cord: no compression.", "cord_abnormality", "absent", False),
    ("Normal signal of the cord.", "cord_abnormality", "absent", False),
    # a slash typed onto a word ('fracture/ collapse') is not part of it
    ("L1 fracture/ collapse.", "fracture", "present", True),
    ("L2 metastasis/ pathological fracture.", "neoplasm", "present", True),
    ("L4/5 disc extrusion/ sequestration compressing the cauda equina.", "cauda_equina_compression", "present", True),
    ("No fracture/ spondylolisthesis.", "fracture", "absent", False),
    ("Mild bulge. /Fracture of L1.", "fracture", "present", True),
    # ankylosing spondylitis is an arthritis; a spondylitis named infective is an infection
    ("Findings of ankylosing spondylitis with syndesmophytes.", "infection", None, False),
    ("Pyogenic spondylitis at L3-4.", "infection", "present", True),
    ("Romanus lesions (anterior spondylitis) at T12 and L1.", "infection", None, False),
    # the name of a scanning protocol or pathway is no finding; fat in an ageing marrow is no marrow lesion
    ("MRI WHOLE SPINE - METASTATIC CORD COMPRESSION PROTOCOL\n\nFINDINGS: No MSCC. The conus is not compressed.",
     "cord_abnormality", "absent", False),
    ("MRI WHOLE SPINE - METASTATIC CORD COMPRESSION PROTOCOL\n\nFINDINGS: No vertebral metastases.", "neoplasm",
     "absent", False),
    ("FINDINGS: T10 metastasis with cord compression. Referred via the MSCC pathway.", "cord_abnormality", "present",
     True),
    ("FINDINGS: Heterogeneous fatty marrow in keeping with age.", "marrow_abnormality", None, False),
    ("FINDINGS: No metastasis. Spinal Instability Neoplastic Score (SINS): 2.", "neoplasm", "absent", False),
    # a reviewer's regressions of 2026-12-01, kept: a wrapped 'No', a 'which' clause before the denial, a hedge
    # after 'with', a label's cue meant for another word, a labelled finding line in a note's imaging section
    ("IMPRESSION:\n1. L4-5 disc extrusion compressing the left L5 root. No\ncauda equina compression.",
     "cauda_equina_compression", "absent", False),
    # ... back only where it ends its statement
    ("FINDINGS:\nThe T12 fracture wasn't present on the 2022 study; it is new, with marrow oedema.", "fracture",
     "present", True),
    ("FINDINGS:\nCord compression wasn't seen on the prior study but is now present at T8.", "cord_abnormality",
     "present", True),
    # a negation written with the verb's 'not' ('wasn't', "weren't") looks both ways
    ("FINDINGS:\nL4-5 bulge. Fractures weren't identified.", "fracture", "absent", False),
    ("FINDINGS:\nThere wasn't any cord compression.", "cord_abnormality", "absent", False),
    ("IMPRESSION:\nNo cord compression, fracture excl. Epidural abscess at T10 compressing the cord.", "infection",
     "present", True),
    # a 'No' alone on its numbered or bulleted line was wrapped before its finding (a bullet is no field's ': no')
    ("IMPRESSION:\n1. L5-S1 extrusion.\n2. No\nfracture.", "fracture", "absent", False),
    ("FINDINGS:\n- Mild bulge at L4-5.\n- No\ncauda equina compression.", "cauda_equina_compression", "absent", False),
    ("FINDINGS:\n* No\nacute fracture.", "fracture", "absent", False),
    ("FINDINGS:\n- No\n- L1 fracture.", "fracture", "present", True),
    ("FINDINGS:\nCauda equina compression - no\nL1 fracture - yes", "fracture", "present", True),
    ("FINDINGS:\nCauda equina compression - no\nDisc bulge - yes", "cauda_equina_compression", "absent", False),
    ("FINDINGS:\nCauda equina compression, which was suspected clinically, is not seen.", "cauda_equina_compression",
     "absent", False),
    ("FINDINGS:\nAn epidural abscess, which was the clinical concern, is not seen.", "infection", "absent", False),
    ("FINDINGS:\nL2-3 discitis with epidural abscess is suspected.", "infection", "possible", True),
    ("FINDINGS:\nCauda equina: no clumping, compressed at L3-4.", "cauda_equina_compression", "present", True),
    ("HPI:\nFever and back pain, IVDU.\n\nImaging:\nMRI lumbar spine showed L2-3 discitis.\nIncidental: T12 vertebral "
     "body lesion suspicious for metastasis.", "neoplasm", "possible", True),
    ("FINDINGS:\nL4-5: large left paracentral extrusion, not removed at the previous surgery.", "disc_extrusion",
     "present", False),
    ("FINDINGS:\nNil interval change in the L1 compression fracture.", "fracture", "present", True),
    ("FINDINGS: Loss of disc height, in keeping with the previous infection. Healed L2-L3 discitis. No abscess.",
     "infection", "absent", False),
    ("FINDINGS: Previous L2-3 discitis, now with a new epidural abscess at L2-3.", "infection", "present", True),
    ("FINDINGS: Recurrent discitis at L4-5.", "infection", "present", True),
    ("FINDINGS: L4-5: the cauda equina roots are crowded but not compressed.\nIMPRESSION: No cauda equina compression.",
     "cauda_equina_compression", "absent", False),
    ("FINDINGS: L4-5: severe stenosis with crowding of the cauda equina.", "cauda_equina_compression", "present", True),
    ("FINDINGS: L2 metastasis. Spinal Instability Neoplastic Score (SINS): 10.", "neoplasm", "present", True),
    ("FINDINGS: Age-related marrow heterogeneity. Abnormal marrow signal in L2.", "marrow_abnormality", "present", False),
    ("Marginal spondylitis at L1, in keeping with axial spondyloarthritis.", "infection", None, False),
    ("Anterior spondylitis at L1; no discitis.", "infection", "absent", False),
    ("Tuberculous spondylitis at T12 with a paraspinal abscess.", "infection", "present", True),
    # the height of a disc is not a vertebral fracture; a vertebra's is
    ("Loss of height of the L4-5 disc.", "fracture", None, False),
    ("L4-5 disc with mild loss of height.", "fracture", None, False),
    ("Loss of height of the L2 vertebral body.", "fracture", "present", True),
    # a report whose line breaks were lost (a CSV export): its FINDINGS header inside the line, the
    # study's title, technique or comparison only as far as their own statement
    ("MRI lumbar spine without contrast. Findings: L1 vertebral metastasis with cord compression.", "neoplasm",
     "present", True),
    ("EXAM: MRI lumbar spine. TECHNIQUE: Sagittal T1 and T2. L2 lesion suspicious for metastasis.", "neoplasm",
     "possible", True),
    ("COMPARISON: None. Epidural abscess at L4-5.", "infection", "present", True),
    ("MRI L-spine: L3 compression fracture.", "fracture", "present", True),
    ("MRI L-spine: large central disc extrusion with cauda equina compression.", "cauda_equina_compression", "present",
     True),
    ("MRI lumbar spine 12/3/24 showed an acute L1 compression fracture.", "fracture", "present", True),
    ("MRI lumbar spine: discitis at the lumbosacral junction with a small epidural abscess.", "infection", "present", True),
    ("MRI lumbar spine: r/o discitis\nFINDINGS: Normal disc signal.", "infection", None, False),
    ("CLINICAL HISTORY: LBP FINDINGS: L1 burst fracture with retropulsion.", "fracture", "present", True),
    ("COMPARISON: None Findings: L3 lesion concerning for metastasis.", "neoplasm", "possible", True),
    ("FINDINGS: No acute fracture | L4-5: Large central extrusion compressing the cauda equina | L5-S1: Normal",
     "cauda_equina_compression", "present", True),
    ("FINDINGS: No fracture.<br>L2 lesion suspicious for metastasis.", "neoplasm", "possible", True),
    # angle brackets that are no HTML tag keep their words
    ("FINDINGS: At L4-5 the canal is narrowed to <a third of normal with compression of the cauda equina (AP >5 mm).",
     "cauda_equina_compression", "present", True),
    ("FINDINGS: T9 metastasis with loss of height <a quarter and compression of the cord; T10 >50% involved.",
     "cord_abnormality", "present", True),
    # an aside set off by commas ends no clause; a comparison's 'with' neither; a hedge the radiologist cannot settle
    ("FINDINGS: Cauda equina compression, however, is absent.", "cauda_equina_compression", "absent", False),
    # ... but it still ends a forward denial ('No X, however, Y'), and a contrast ends a backward one without commas
    ("IMPRESSION: No acute fracture, however, a lytic lesion at L2 is suspicious for metastasis.", "neoplasm",
     "present", True),
    ("FINDINGS: No discitis, however, psoas abscess on the left.", "infection", "present", True),
    ("FINDINGS: No fracture but this study shows a large L4-5 extrusion compressing the cauda equina.",
     "cauda_equina_compression", "present", True),
    ("FINDINGS: No epidural collection, but they do show marked endplate oedema in keeping with discitis at L3-4.",
     "infection", "present", True),
    ("FINDINGS: Acute L1 burst fracture however the conus is not compressed.", "fracture", "present", True),
    ("IMPRESSION: Not consistent with degenerative change, highly suspicious for discitis at L3-4.", "infection",
     "possible", True),
    ("FINDINGS: There is no, however, cauda equina compression.", "cauda_equina_compression", "absent", False),
    ("FINDINGS: Appearances are not consistent with fracture, infection or tumour.", "infection", "absent", False),
    ("FINDINGS: Not compatible with infection, neoplasm, or fracture.", "neoplasm", "absent", False),
    ("FINDINGS: Not consistent with cord compression, cauda equina compression or fracture, which is reassuring.",
     "cauda_equina_compression", "absent", False),
    ("FINDINGS: The findings are not in keeping with infection and tumour, and are likely degenerative.", "neoplasm",
     "absent", False),
    ("FINDINGS: Appearances are not consistent with discitis and osteomyelitis as there is no endplate erosion.",
     "infection", "absent", False),
    ("FINDINGS: Not consistent with degenerative change and cord compression at C5-6 is noted.", "cord_abnormality",
     "present", True),
    ("FINDINGS: Not in keeping with degenerative change and an epidural abscess at L4-5 is likely.", "infection",
     "possible", True),
    # a finding, then its probability ending the clause: possible, as 'likely discitis' (findings.md), still flagged
    ("FINDINGS: L3 lesion. A metastasis is probable.", "neoplasm", "possible", True),
    ("FINDINGS: Not consistent with benign disease, myeloma and metastasis are the main differentials.", "neoplasm",
     "present", True),
    ("FINDINGS: Cannot exclude because of artefact an epidural abscess at L3.", "infection", "possible", True),
    ("FINDINGS: Lesion felt not to represent metastasis.", "neoplasm", "absent", False),
    ("FINDINGS: Cauda equina compression to account for the symptoms is not seen.", "cauda_equina_compression",
     "absent", False),
    ("FINDINGS: Cannot exclude, because of motion artefact, an early discitis at L4-5.", "infection", "possible", True),
    ("FINDINGS: Without, however, any cauda equina compression.", "cauda_equina_compression", "absent", False),
    ("FINDINGS: No evidence of fracture, findings compatible with metastatic disease in L2 and L4.", "neoplasm",
     "present", True),
    ("FINDINGS: Cord compression, however, is not seen.", "cord_abnormality", "absent", False),
    # 'however' without commas ends a backward denial even right before its verb (it may open a clause that denies
    # another level: 'Cauda equina compression at L4/5 however is not seen at L3/4'): the safer reading
    ("FINDINGS: Compression of the cauda equina however is absent.", "cauda_equina_compression", "present", True),
    ("FINDINGS: No cord compression however there is a lytic lesion at T8.", "neoplasm", "present", True),
    # a lesion that replaces the marrow, its word split or joined
    ("FINDINGS: There is a marrow replacing lesion in L3.", "neoplasm", "present", True),
    ("FINDINGS: Disc bulge at L4-5. No marrow replacing lesion.", "neoplasm", "absent", False),
    # a report's 'Red flags:' line states findings
    ("IMPRESSION: Large L4/5 extrusion.\nRed flags: cauda equina compression at L4/5 - discussed with Dr Patel.",
     "cauda_equina_compression", "present", True),
    ("FINDINGS: Marrow replacing lesion in L2, likely an atypical haemangioma.", "neoplasm", None, False),
    # an acute fracture of the pars in a trauma study keeps its red flag (a stress fracture of it is a pars defect)
    ("FINDINGS: Acute fracture through the right L4 pars interarticularis, minimally displaced.", "fracture", "present",
     True),
    ("FINDINGS: Severe L4-5 stenosis however the cauda equina is compressed.", "cauda_equina_compression",
     "present", True),
    # a verb's 'not' after the structure denies its compression, however the verb is hedged
    ("FINDINGS: The cord appears not to be compressed.", "cord_abnormality", "absent", False),
    ("FINDINGS: The cauda equina does not appear compressed.", "cauda_equina_compression", "absent", False),
    ("FINDINGS: The cauda equina doesn't appear to be compressed.", "cauda_equina_compression", "absent", False),
    ("FINDINGS: The thecal sac seems not to be compressed.", "thecal_sac_compression", "absent", False),
    ("FINDINGS: Large extrusion. The cauda equina does appear compressed.", "cauda_equina_compression", "present",
     True),
    ("FINDINGS: The cord does not appear normal and is compressed at T9.", "cord_abnormality", "present", True),
    # a verb that shows the structure before the denial: the denial is the structure's
    ("FINDINGS: The spinal cord shows no abnormal signal intensity, no cord contusion or hematoma.", "cord_abnormality",
     "absent", False),
    ("FINDINGS: The conus demonstrates no abnormality.", "cord_abnormality", "absent", False),
    ("FINDINGS: The cord shows abnormal signal at T9, no syrinx.", "cord_abnormality", "present", True),
    ("FINDINGS: The cord shows possible abnormal signal at T9.", "cord_abnormality", "possible", True),
    # a structure's second predicate says its own finding, whatever the first one denied
    ("FINDINGS: The cord is not compressed but shows abnormal T2 signal at C5.", "cord_abnormality", "present", True),
    ("FINDINGS: The cord shows no compression but has abnormal signal.", "cord_abnormality", "present", True),
    ("FINDINGS: The cord is not compressed; it shows abnormal signal at C5.", "cord_abnormality", "present", True),
    ("FINDINGS: The cord is normal in calibre but shows abnormal signal at C5.", "cord_abnormality", "present", True),
    ("FINDINGS: The cord is not compressed and shows no abnormal signal.", "cord_abnormality", "absent", False),
    ("FINDINGS: The cord is normal in calibre and signal.", "cord_abnormality", "absent", False),
    # ... after a finding denied in it ('has no mass but'), and as the subject of a clause after another's denial
    ("FINDINGS: The cord has no mass but shows signal abnormality at T11.", "cord_abnormality", "present", True),
    ("FINDINGS: The cord has no syrinx but is compressed at T10 by a metastasis.", "cord_abnormality", "present", True),
    ("FINDINGS: The cord has no syrinx and is normal in signal.", "cord_abnormality", "absent", False),
    ("FINDINGS: No canal stenosis; the cord shows abnormal signal at T11.", "cord_abnormality", "present", True),
    ("FINDINGS: No stenosis, but the cord shows signal abnormality.", "cord_abnormality", "present", True),
    ("FINDINGS: No stenosis, however the conus shows abnormal T2 signal.", "cord_abnormality", "present", True),
    ("FINDINGS: Severe stenosis but the cauda equina is not compressed.", "cauda_equina_compression", "absent", False),
    ("FINDINGS: Mild stenosis; the cord is normal.", "cord_abnormality", "absent", False),
    ("FINDINGS: No spinal canal stenosis; however, the conus shows abnormal signal and is expanded.", "cord_abnormality",
     "present", True),
    ("FINDINGS: No cord compression, and the cord shows normal signal.", "cord_abnormality", "absent", False),
    ("FINDINGS: Large extrusion at L4-5 compressing the thecal sac, and the cauda equina.", "cauda_equina_compression",
     "present", True),
    ("FINDINGS: Cord compression was excluded on the prior study but is now present at T10.", "cord_abnormality",
     "present", True),
    ("FINDINGS: Cord compression was excluded on the prior study, now severe at T10.", "cord_abnormality",
     "present", True),
    ("FINDINGS: No stenosis, disc herniation, or cord compression present.", "cord_abnormality", "absent", False),
    ("FINDINGS: No compression of the thecal sac, and the cauda equina.", "cauda_equina_compression", "absent", False),
    ("FINDINGS: No significant compression of the thecal sac, and the cauda equina.", "cauda_equina_compression",
     "absent", False),
    ("FINDINGS: No evidence of compression of the thecal sac, and the cauda equina.", "cauda_equina_compression",
     "absent", False),
    ("FINDINGS: No fracture, metastasis, abscess present.", "infection", "absent", False),
    ("FINDINGS: Compression of the thecal sac, and the cauda equina.", "cauda_equina_compression", "present", True),
    ("FINDINGS: Cord compression (no). Disc bulge (yes).", "cord_abnormality", "absent", False),
    # a prepositional denial ('without', 'with no') is its noun's: the clause's verb or hedge ends it
    ("FINDINGS: T12 lesion without enhancement is suspicious for metastasis.", "neoplasm", "possible", True),
    ("FINDINGS: T12 lesion with no enhancement is suspicious for metastasis.", "neoplasm", "possible", True),
    ("FINDINGS: Faint STIR signal in T12 without definite enhancement may represent an early deposit.", "neoplasm",
     "possible", True),
    ("FINDINGS: L4-5 bulge without stenosis, cord compression or fracture.", "cord_abnormality", "absent", False),
    ("FINDINGS: Disc bulge with no cauda equina compression.", "cauda_equina_compression", "absent", False),
    # an adverb before the verb of 'cannot be excluded'
    ("FINDINGS: Modic 1 change at L4/5; however early discitis cannot be entirely excluded on non-contrast imaging.",
     "infection", "possible", True),
    # a verb's hedged denial before the relation; a signal change in words ('high T2 signal') as the second predicate
    ("FINDINGS: Large L4-5 disc bulge, the cauda equina does not appear to be compressed.",
     "cauda_equina_compression", "absent", False),
    ("FINDINGS: The cord does not appear abnormal.", "cord_abnormality", "absent", False),
    ("FINDINGS: The cord is normal in calibre but shows high T2 signal at T11.", "cord_abnormality", "present", True),
    ("FINDINGS: It is not possible to exclude cauda equina compression.", "cauda_equina_compression", "possible", True),
    # review round 3: a prepositional denial ends at 'shows'; 'it' is the last structure named before, not a past
    # study's, not a dummy subject; a contrast lifts a showing verb's denial only for a signal change
    ("FINDINGS: L4/5 extrusion without migration shows compression of the cauda equina.", "cauda_equina_compression",
     "present", True),
    ("FINDINGS: The cauda equina is not compressed at L2/3 but is compressed at L4/5 which was previously decompressed.",
     "cauda_equina_compression", "present", True),
    ("FINDINGS: The cauda equina does not appear compressed at L3/4. At L4/5 it is severely compressed.",
     "cauda_equina_compression", "present", True),
    ("FINDINGS: The cord and conus are normal; the cauda equina is crowded at L3/4. It is severely compressed at L4/5.",
     "cauda_equina_compression", "present", True),
    ("FINDINGS: The cauda equina is not compressed. It was compressed preoperatively.", "cauda_equina_compression",
     "absent", False),
    ("FINDINGS: Mild L4-5 bulge. The cord is normal. It is difficult to exclude compression at T10.", "cord_abnormality",
     "absent", False),
    ("FINDINGS: The cauda equina shows no compression, but there is moderate left foraminal stenosis at L4/5.",
     "cauda_equina_compression", "absent", False),
    ("FINDINGS: The cord shows no expansion or compression, although there is high T2 signal at T10.",
     "cord_abnormality", "present", True),
    ("FINDINGS: Normal cord signal, lost disc height at L5/S1.", "cord_abnormality", "absent", False),
    # a showing verb's denial the statement goes on to except; a structure's second predicate, also in the next
    # statement's 'it', and not an earlier study's
    ("FINDINGS: The cord shows no abnormal signal apart from focal oedema at T9.", "cord_abnormality", "present", True),
    ("FINDINGS: The cord shows no abnormal signal despite compression at T10.", "cord_abnormality", "present", True),
    ("FINDINGS: The cauda equina does not appear compressed at L3/4 but is severely compressed at L4/5.",
     "cauda_equina_compression", "present", True),
    ("FINDINGS: The cauda equina does not appear compressed at L3/4. It is severely compressed at L4/5.",
     "cauda_equina_compression", "present", True),
    ("FINDINGS: The cord did not appear compressed previously; it is now compressed at T10.", "cord_abnormality",
     "present", True),
    ("FINDINGS: The conus is normal; it was compressed on the previous study.", "cord_abnormality", "absent", False),
    ("FINDINGS: The conus has lost its normal signal.", "cord_abnormality", "present", True),
    ("FINDINGS: Normal marrow without any suspicious lesion seen and no fracture.", "neoplasm", "absent", False),
    # a denial's own pseudo phrase still wins after 'with' ('with no change ... and cord compression'); a contrast
    # without commas still ends a backward denial that names another level
    ("FINDINGS: T10 metastasis with no change in size and cord compression.", "cord_abnormality", "present", True),
    ("FINDINGS: Large L4/5 disc extrusion with no change since the previous study, compressing the cauda equina.",
     "cauda_equina_compression", "present", True),
    ("FINDINGS: Cauda equina compression at L4/5 however is not seen at L3/4.", "cauda_equina_compression",
     "present", True),
    # a relative clause of the denied noun is denied with it
    ("FINDINGS: Well-defined T2 bright lesion in L3 without features that could represent metastasis.", "neoplasm",
     "absent", False),
    # a loss beside a normal statement leaves it normal; the loss of the normal thing itself undoes it
    ("FINDINGS: Normal alignment. The conus is normal. Loss of disc height and signal at L4/5 and L5/S1.",
     "cord_abnormality", "absent", False),
    ("FINDINGS: Normal conus with mild loss of disc height at T12/L1.", "cord_abnormality", "absent", False),
    ("FINDINGS: The conus is normal. Loss of lordosis.", "cord_abnormality", "absent", False),
    # a title on a line of its own hides nothing after it; a meeting's outcome is read as an impression
    ("Spinal clinic\nFollow up\nMRI shows T10 metastasis with cord compression.", "cord_abnormality", "present", True),
    ("MRI WHOLE SPINE\nBackground\nProstate cancer, back pain.\nT10 metastasis with cord compression.",
     "cord_abnormality", "present", True),
    ("MRI LUMBAR SPINE\nBackground: back pain.\nL4/5: large central extrusion with severe cauda equina compression.",
     "cauda_equina_compression", "present", True),
    ("MDT outcome: T10 metastasis with cord compression - for urgent radiotherapy.", "cord_abnormality", "present",
     True),
    ("Spinal MDT\nDecision: L3-4 discitis with epidural abscess on MRI - IV antibiotics, no surgery.", "infection",
     "present", True),
    # a study asked for and had, with its result after the colon or on the next line
    ("HPI: Back pain. Urgent MRI to exclude cord compression: T10 metastasis with cord compression.",
     "cord_abnormality", "present", True),
    ("Progress note\nMRI whole spine, ordered by oncology\nT10 metastasis with epidural extension and cord compression.",
     "cord_abnormality", "present", True),
    ("HPI: Back pain. MRI (booked by GP, done 1/3): large L4/5 extrusion compressing the cauda equina.",
     "cauda_equina_compression", "present", True),
    # a deposit is a metastasis; crystals, calcium and blood products are not
    ("FINDINGS: Deposits in L2 and L4, in keeping with metastases.", "neoplasm", "present", True),
    ("FINDINGS: No new deposit since 2023.", "neoplasm", "absent", False),
    ("FINDINGS: Calcium pyrophosphate deposits at C1-2. Haemosiderin deposits in the cord.", "neoplasm", None, False),
    ("FINDINGS: Cement deposit in L1 following vertebroplasty. Residual Myodil deposits in the thecal sac.", "neoplasm",
     None, False),
    ("FINDINGS: Fatty marrow deposits in L3. Small deposits of calcium in the annulus at L4-5.", "neoplasm", None, False),
    ("FINDINGS: Multiple marrow deposits in the lumbar spine.", "neoplasm", "present", True),
    ("FINDINGS: Severe canal stenosis, but the cauda equina is not compressed.", "cauda_equina_compression",
     "absent", False),
    ("FINDINGS: Infective lesions at L2/3 with an epidural collection.", "infection", "present", True),
    # a denial its adverb hedges leaves the compression possible: still a red flag
    ("FINDINGS: Severe L4-5 canal stenosis; the cauda equina is not clearly compressed.", "cauda_equina_compression",
     "possible", True),
    ("FINDINGS: T9 deposit encasing but not clearly compressing the cord.", "cord_abnormality", "possible", True),
    # ... an adverb between the structure and its verb keeps the verb the structure's (it had fallen back to the
    # stenosis before it, and the compression was lost)
    ("FINDINGS: Severe L4-5 canal stenosis; the cauda equina is clearly compressed.", "cauda_equina_compression",
     "present", True),
    ("FINDINGS: Large L4-5 extrusion; the cauda equina is obviously compressed.", "cauda_equina_compression",
     "present", True),
    ("FINDINGS: Severe L4-5 canal stenosis; the cauda equina is apparently compressed.", "cauda_equina_compression",
     "possible", True),
    # ... any adverb of manner after 'not' leaves it possible ('not significantly' denies a degree)
    ("FINDINGS: Severe L3/4 stenosis. The cauda equina is not overtly compressed.", "cauda_equina_compression",
     "possible", True),
    ("FINDINGS: T9 metastasis with epidural extension. The cord is not unequivocally compressed.", "cord_abnormality",
     "possible", True),
    ("FINDINGS: Retropulsion at L1. The conus is not grossly compressed.", "cord_abnormality", "possible", True),
    # ... and the hedge is the compression's only: the fracture, tumour or infection before it stays stated
    ("FINDINGS: Acute L1 burst fracture, conus not clearly compressed.", "fracture", "present", True),
    ("FINDINGS: L3 metastasis, cauda equina not definitely compressed.", "neoplasm", "present", True),
    ("FINDINGS: L2/3 discitis, thecal sac not clearly compressed.", "infection", "present", True),
    # ... an aside or the structure's level between it and its verb
    ("FINDINGS: Severe L4/5 stenosis; the cauda equina is, in addition, compressed.", "cauda_equina_compression",
     "present", True),
    ("FINDINGS: Severe stenosis; the cauda equina at L4/5 is circumferentially and severely compressed.",
     "cauda_equina_compression", "present", True),
    ("FINDINGS: The conus, which is normal in signal, is compressed at L1.", "cord_abnormality", "present", True),
    ("FINDINGS: The cord, which is compressed at T9, is otherwise normal.", "cord_abnormality", "present", True),
    ("FINDINGS: Findings are not consistent with discitis.", "infection", "absent", False),
    ("FINDINGS: Lesion suspicious for, but not diagnostic of, metastatic disease at L2.", "neoplasm", "possible", True),
    ("FINDINGS: Appearances suggestive of, but not diagnostic for, discitis at L3-4.", "infection", "possible", True),
    ("FINDINGS: Cauda equina compression is unlikely but cannot be excluded.", "cauda_equina_compression",
     "possible", True),
    ("FINDINGS: Large L4-5 extrusion, not separated from the parent disc, compressing the cauda equina.",
     "cauda_equina_compression", "present", True),
    ("FINDINGS: Soft tissue mass - nature uncertain: causes cauda equina compression at L2.",
     "cauda_equina_compression", "present", True),
    ("FINDINGS: Cause unclear: epidural abscess compressing the cauda equina at L3.", "infection", "present", True),
    ("IMPRESSION:\nNo acute fracture, no\ncord compression.", "cord_abnormality", "absent", False),
    ("<div>FINDINGS: No\u00a0fracture.</div><div>L2 lesion suspicious for metastasis.</div>", "neoplasm", "possible", True),
    ("IMPRESSION: Large L4\u20135 extrusion with compression of the cauda\u00a0equina.",
     "cauda_equina_compression", "present", True),
    ("FINDINGS: L4-5 disc bulge. Contrast: rim-enhancing epidural collection consistent with abscess.", "infection",
     "present", True),
    # ... and what is asked before the findings stays a question
    ("EXAM: MRI lumbar spine for metastasis. FINDINGS: Normal marrow signal.", "neoplasm", None, False),
    ("MRI LUMBAR SPINE WO CONTRAST CLINICAL HISTORY: r/o epidural abscess FINDINGS: Normal.", "infection", None, False),
    ("EXAMINATION: MRI LUMBAR SPINE WITHOUT CONTRAST REASON FOR EXAM: LEG WEAKNESS. R/O CORD COMPRESSION. "
     "FINDINGS: NORMAL.", "cord_abnormality", None, False),
    ("Clinical history: back pain, r/o metastasis Findings: normal marrow signal.", "neoplasm", None, False),
    ("Indication - r/o metastasis. Findings: L4-5 disc bulge.", "neoplasm", None, False),
    ("Request: MRI lumbar spine - ?discitis. Fever.\nFINDINGS: Normal disc signal.", "infection", None, False),
    # the CSF denied round the roots is their crowding: the denial is the fluid's, not the compression's
    ("FINDINGS: L4/5: severe stenosis with no CSF visible between the crowded cauda equina roots.",
     "cauda_equina_compression", "present", True),
    ("FINDINGS: L4/5: severe stenosis with no CSF signal around the cauda equina.", "cauda_equina_compression",
     "present", True),
    ("FINDINGS: No CSF flow artefact, cord compression or cauda equina compression.", "cauda_equina_compression",
     "absent", False),
    ("FINDINGS: L4-5: normal CSF around the cauda equina.", "cauda_equina_compression", "absent", False),
    # a clause after a comma with a subject of its own: its denial does not reach the fracture before it
    ("FINDINGS: L1 compression fracture, the cord is not compressed.", "fracture", "present", True),
    ("FINDINGS: L2 metastasis, the posterior wall is not breached.", "neoplasm", "present", True),
    # a predicate denied before its noun ('shows no signal abnormality'); a second predicate after an aside or 'but'
    ("FINDINGS: The conus medullaris ends at L1 and shows no signal abnormality.", "cord_abnormality", "absent", False),
    ("FINDINGS: The cord shows no evidence of abnormal signal.", "cord_abnormality", "absent", False),
    ("FINDINGS: The cord shows abnormal signal at T10.", "cord_abnormality", "present", True),
    ("FINDINGS: The cord, not compressed, shows signal abnormality at T10.", "cord_abnormality", "present", True),
    # ... but a denied predicate the statement goes on from still leaves the cord's finding stated (review 2026-12-02)
    ("FINDINGS: The cord shows no signal abnormality, with severe compression at T11.", "cord_abnormality", "present",
     True),
    ("FINDINGS: The cord shows no signal abnormality and is mildly compressed at T11.", "cord_abnormality", "present",
     True),
    ("FINDINGS: The cord shows no signal abnormality or expansion, and is flattened at T12.", "cord_abnormality",
     "present", True),
    ("FINDINGS: The conus shows no signal abnormality, with tethering at L3.", "cord_abnormality", "present", True),
    ("FINDINGS: The cord shows no signal abnormality beyond the known syrinx.", "cord_abnormality", "present", True),
    ("FINDINGS: The cord shows no signal abnormality or expansion.", "cord_abnormality", "absent", False),
    ("FINDINGS: The cord is not compressed but shows signal abnormality at T10.", "cord_abnormality", "present", True),
    ("FINDINGS: The conus, which is normal in signal, is compressed at L1.", "cord_abnormality", "present", True),
    ("FINDINGS: The cord shows no signal abnormality, with no compression.", "cord_abnormality", "absent", False),
    ("FINDINGS: The cord shows no signal abnormality and the conus is normal.", "cord_abnormality", "absent", False),
    # a denial inside an aside set off by commas is the aside's own, both ways
    ("ADDENDUM: a 9 mm focus in the T12 vertebral body, not commented on in the original report, is suspicious for "
     "metastasis.", "neoplasm", "possible", True),
    ("FINDINGS: L1 fracture, not new, with cord compression.", "cord_abnormality", "present", True),
    ("FINDINGS: No fracture, no cord compression, or listhesis.", "cord_abnormality", "absent", False),
    ("FINDINGS: No focal lesion, not even on the post-contrast images, to suggest metastasis.", "neoplasm", "absent",
     False),
    ("FINDINGS: Negative for discitis, not even subtle, or epidural abscess.", "infection", "absent", False),
    ("FINDINGS: Modic type 1 changes at L5 and S1, with mild enhancement, without endplate erosion, fluid signal within "
     "the disc or paraspinal abscess.", "infection", "absent", False),
    # a terse 'Prob' / 'poss' hedges the words after it
    ("FINDINGS: L4-5 poss L5 root contact.", "nerve_root_contact", "possible", False),
    # a cord infarct is a cord abnormality, whatever organ its cause is named by
    ("FINDINGS: Cord infarct, presumably related to the recent aortic surgery.", "cord_abnormality", "present", True),
    ("FINDINGS: No cord infarct.", "cord_abnormality", "absent", False),
    # a tethered conus is a cord abnormality, both ways
    ("FINDINGS: Conus tethered at L3.", "cord_abnormality", "present", True),
    ("FINDINGS: The conus is not tethered.", "cord_abnormality", "absent", False),
    # a forward denial stops before a structure's own clause after a comma
    ("FINDINGS: No fracture, the cord is compressed at T11 by a metastasis.", "cord_abnormality", "present", True),
    ("FINDINGS: No fracture, the cord is compressed at T11 by a metastasis.", "neoplasm", "present", True),
    ("FINDINGS: No fracture, cord compression or listhesis.", "cord_abnormality", "absent", False),
    # ... but a list of findings denied together stays denied, a structure's finding among them (review 2026-12-02)
    ("FINDINGS: Fracture, cord compression or listhesis is not seen.", "fracture", "absent", False),
    ("FINDINGS: Metastatic disease, cord compression and epidural extension are not seen.", "neoplasm", "absent", False),
    ("IMPRESSION: Discitis, cauda equina compression and abscess are absent.", "infection", "absent", False),
    ("FINDINGS: Fracture, conus compression or retropulsion not seen.", "fracture", "absent", False),
    ("FINDINGS: L1 burst fracture, the cord and cauda equina are not compressed.", "fracture", "present", True),
    ("IMPRESSION:\nQuery: early discitis at L2/3. Suggest contrast study.", "infection", "possible", True),
    ("FINDINGS: L4-5 bulge.\nQuery: fracture L1 vs Schmorl node.", "fracture", "possible", True),
    ("Query: ?cord compression\nFINDINGS: Normal.", "cord_abnormality", None, False),
    ("Question: ?metastases\nFINDINGS: L4-5 disc bulge.", "neoplasm", None, False),
    # a bone tumour by its own name, benign or malignant, is a tumour
    ("FINDINGS: Osteoid osteoma in the right L3 pedicle.", "neoplasm", "present", True),
    ("FINDINGS: L3 osteoblastoma with a soft tissue component.", "neoplasm", "present", True),
    ("FINDINGS: No osteoid osteoma.", "neoplasm", "absent", False),
    # a vertebra's collapse written after its lesion, with or without it
    ("FINDINGS: Metastatic deposit in T9 with collapse.", "fracture", "present", True),
    ("FINDINGS: Metastasis at L3 causing collapse.", "fracture", "present", True),
    ("FINDINGS: Myeloma deposit in L1 with partial collapse.", "fracture", "present", True),
    ("FINDINGS: Deposit in T9 with near-complete collapse.", "fracture", "present", True),
    ("FINDINGS: Consolidation with partial collapse of the left lower lobe. L4-5 bulge.", "fracture", None, False),
    ("FINDINGS: Metastasis L2 with 30% collapse.", "neoplasm", "present", True),
    ("FINDINGS: L4 metastasis causing collapse.", "neoplasm", "present", True),
    ("FINDINGS: Degenerate L5/S1 disc with near-complete collapse.", "fracture", None, False),
    ("FINDINGS: Lesion in L1 with partial collapse of the adjacent lung.", "fracture", None, False),
    ("FINDINGS: Pleural deposit with partial collapse of the adjacent lung.", "neoplasm", "present", True),
    ("FINDINGS: Haemangioma at L3 without collapse.", "fracture", "absent", False),
    ("FINDINGS: Consolidation with collapse of the left lower lobe. L4-5 disc bulge.", "fracture", None, False),
    ("FINDINGS: Cord compression, which was suspected clinically, is not seen.", "cord_abnormality", "absent", False),
]


# every vertebra of a list of deposits is a red flag at its own level: T1 / T2 are vertebrae in a list, not the
# sequences, and a range inside the list gives its bodies
@pytest.mark.parametrize("report, levels", [
    ("Widespread sclerotic deposits at T2, T5 and T7-T9.", {"T2", "T5", "T7", "T8", "T9"}),
    ("IMPRESSION: Osseous metastases including C7, T2, T5, T7-T9, L2, L4 and the sacrum.",
     {"C7", "T2", "T5", "T7", "T8", "T9", "L2", "L4"}),
    ("Metastatic deposits at T7-T9 and L2, hyperintense on T2 and STIR.", {"T7", "T8", "T9", "L2"}),
])
def test_listed_deposits_are_each_a_red_flag(analyze, report, levels):
    result = analyze(report, symptoms="back pain, prostate cancer", age=74)
    found = {f.level: f for f in result.findings if f.type == "neoplasm"}
    assert set(found) == levels, sorted(found, key=str)
    assert all(f.certainty == "present" and f.assessment.category == "red_flag" for f in found.values())


# a lesion that refers back to a tumour named before it is that tumour at its own level ('further lesions at ...',
# 'the C4 lesion', 'the largest is in T7'), never surer than the tumour; not without one, nor where its statement says
# what else it is
@pytest.mark.parametrize("report, expected", [
    ("Multiple foci in keeping with osseous metastases. The largest is in the T7 vertebral body. Further lesions at T11, "
     "L2 and the sacrum. The previously noted C4 lesion is stable.",
     {None: "present", "T7": "present", "T11": "present", "L2": "present", "C4": "present"}),
    ("Appearances suspicious for metastases at T7. Further lesions at T11 and L2.",
     {"T7": "possible", "T11": "possible", "L2": "possible"}),
    ("Metastasis at T7. No further lesions.", {"T7": "present", None: "absent"}),
    # look-alikes: no tumour before, a benign lesion, a disc's 'largest', a lesion its statement names
    ("Further lesions at T11 and L2.", {}),
    ("No suspicious lesion. The L2 lesion is a haemangioma.", {None: "absent"}),
    ("Osseous metastasis at T7. A further lesion at L2 is a typical haemangioma.", {"T7": "present"}),
    ("Osseous metastasis at T7. Disc bulges at L3-4 and L4-5, the largest at L4-5.", {"T7": "present"}),
    ("Metastasis at T7. Degenerative endplate lesions at L4 and L5.", {"T7": "present"}),
    ("Metastases at T12 and L2. A partially imaged lesion in the T8 vertebral body is suspicious for metastasis.",
     {"T12": "present", "L2": "present", "T8": "possible"}),
    ("Modic type 1 changes at L4/5. Metastasis at T9. Further lesions at L4 and L5 endplates.", {"T9": "present"}),
    ("Sclerotic metastases. Other lesions at L4 and L5 are degenerative.", {None: "present"}),
    ("Metastasis L2. Perineural cyst at S2. Further lesions at S1 and S3.", {"L2": "present"}),
    ("Metastatic disease. The L4 lesions are haemangiomas.", {None: "present"}),
    ("Metastatic deposits in L2 with marrow oedema. Further lesions at T11 and T12.",
     {"L2": "present", "T11": "present", "T12": "present"}),
    # a tumour named earlier in its own statement is its antecedent; one named after says what it is
    ("Focal deposits in L1 and L3, and a larger lesion in the right sacral ala.",
     {"L1": "present", "L3": "present", "S1": "present"}),
    ("Metastatic deposits at T8 and L1, and a lesion in L4 which is a typical haemangioma.", {"T8": "present", "L1": "present"}),
    # the look of a tumour is a possible one
    ("A lytic-appearing area in the posterior L3 body.", {"L3": "possible"}),
    ("New L1 lesion with epidural extension compressing the thecal sac.", {"L1": "possible"}),
    ("Metastasis in T10 with cord compression. Lesions also seen at L2 and L4.",
     {"T10": "present", "L2": "present", "L4": "present"}),
    ("Haemangioma at L2. Lesions also seen at L4.", {}),
    # a tumour that has gone was one: new lesions after it are stated as they are; a lesion at the levels its statement
    # gave the tumour places nothing new
    ("Complete disappearance of the L1 deposit. New lesions in L3 and L4 and a larger lesion in the right sacral ala.",
     {"L1": "absent", "L3": "present", "L4": "present", "S1": "present"}),
    ("Interval disappearance of the sacral metastasis. New lesions at T11 and L3 suggest progression.",
     {None: "absent", "T11": "present", "L3": "present"}),
    ("Metastatic deposits in T10 and L2, and a further lesion in the left iliac bone.", {"T10": "present", "L2": "present"}),
    ("L2/3 discitis. Vertebral lesion with epidural extension consistent with abscess.", {}),
    ("L4/5 discitis. Phlegmonous lesion with epidural extension at L4/5.", {}),
])
def test_lesions_that_refer_back(analyze, report, expected):
    found = {f.level: f.certainty for f in analyze(report).findings if f.type == "neoplasm"}
    assert found == expected


# what has gone is absent, its own object only; what is new or goes on after it is stated; a red flag's 'near complete'
# disappearance leaves some; an acute fracture is never merged into an old one at another level
@pytest.mark.parametrize("report, ftype, level, certainty", [
    ("Interval disappearance of the L2 metastasis and new L4 metastasis with epidural extension.", "neoplasm", "L4", "present"),
    ("Interval disappearance of the L2 metastasis and new L4 metastasis with epidural extension.", "neoplasm", "L2", "absent"),
    ("Interval disappearance of the epidural abscess and development of cord compression at T10.", "cord_abnormality", "T10",
     "present"),
    ("Interval disappearance of the L4 lesion, the L2 metastasis is unchanged.", "neoplasm", "L2", "present"),
    ("Complete disappearance of marrow oedema at L2 and L3 metastases.", "neoplasm", "L3", "present"),
    ("Interval resolution of the L4/5 epidural collection and new L2/3 discitis with endplate erosion.", "infection", "L2-L3",
     "present"),
    ("Partial resolution of the L3/4 epidural abscess which still compresses the thecal sac.", "infection", "L3-L4", "present"),
    ("Near complete disappearance of the epidural tumour at T10, no cord compression.", "neoplasm", "T10", "present"),
    ("Interval resolution of the L2/3 epidural abscess.", "infection", "L2-L3", "absent"),
    ("Chronic T12 compression fracture. Acute fracture with oedema and retropulsion. Old L3 fracture.", "fracture", None,
     "present"),
    ("Healed T12 fracture. Acute fracture. Healed L2 fracture.", "fracture", None, "present"),
    ("Complete resorption of the epidural haematoma, cauda equina remains compressed at L3/4.", "cauda_equina_compression",
     "L3-L4", "present"),
    ("Interval disappearance of the contrast enhancement, L4 epidural abscess 2 cm remains.", "infection", "L4", "present"),
    ("Epidural abscess at L3/4 compressing the cauda equina otherwise normal.", "cauda_equina_compression", "L3-L4",
     "present"),
    ("Large L4/5 disc extrusion compressing the cauda equina, otherwise unremarkable.", "cauda_equina_compression", "L4-L5",
     "present"),
    ("No fracture and residual L1 wedging.", "fracture", "L1", "absent"),
    ("Acute L1 fracture. Suspected fracture of L4 transverse process. Fracture is subtle.", "fracture", "L4", "possible"),
])
def test_what_has_gone_and_what_is_new(analyze, report, ftype, level, certainty):
    found = {f.certainty for f in analyze("FINDINGS: " + report).findings if f.type == ftype and f.level == level}
    assert found == {certainty}


@pytest.mark.parametrize("report, ftype, certainty, flag", FINDINGS, ids=[r[:50] for r, *_ in FINDINGS])
@pytest.mark.parametrize("symptoms", [None, "low back pain, no red flags, bowel and bladder intact, afebrile"])
def test_red_flag_findings(analyze, report, ftype, certainty, flag, symptoms):
    result = analyze(report, symptoms=symptoms, age=60)
    found = {f.certainty for f in result.findings if f.type == ftype}
    assert (max(found, key=["absent", "possible", "present"].index) if found else None) == certainty, found
    flagged = any(f.assessment and f.assessment.category == "red_flag" for f in result.findings if f.type == ftype)
    assert flagged == flag
    assert result.summary.headline.startswith("RED FLAG") == flag, result.summary.headline


def test_enough_safety_cases():
    assert len(CASES) + 2 * len(FINDINGS) >= 150


@pytest.mark.parametrize("report, acuity, pathologic, detail", [
    ("Compression deformity of T12 without marrow edema, likely chronic.", "chronic", None, None),
    ("Compression fracture of L1 with marrow edema.", "acute", None, None),
    ("T12 compression fracture; no evidence of pathological fracture.", None, False, None),
    ("T12 chronic wedge deformity. Appearances are not suspicious for a pathological fracture.", "chronic", False, None),
    ("T12 wedge fracture, suspicious for a pathological fracture.", None, None, "a pathological cause is not excluded"),
    ("Pathological fracture of L3.", None, True, None),
    ("Osteoporotic compression fracture of L1.", None, False, None),
    ("Acute T12 fracture. A pathologic fracture could not be completely excluded.", "acute", None,
     "a pathological cause is not excluded"),
    # the next statement tells this fracture's age and cause, not when it names another vertebra
    ("L1 compression fracture. The fracture is acute with marrow oedema.", "acute", None, None),
    ("T12 wedge fracture. The fracture is acute, with oedema extending to the T11 inferior endplate.", "acute", None, None),
    ("L1 fracture; likely chronic.", "chronic", None, None),
    # acute wherever its own words say so; not denied
    ("Acute-on-chronic L2 compression fracture.", "acute", None, None),
    ("Acute L1 and chronic T12 fractures.", "acute", None, None),
    ("Subacute to chronic T12 compression fracture.", "acute", None, None),
    ("Non-acute L4 compression fracture.", None, None, None),
    ("T8 wedge fracture. It is old and healed.", "chronic", None, None),
    ("The previously noted mild T8 compression fracture is unchanged.\nNew 30% loss of height of T12, consistent with "
     "an acute pathological fracture.", None, None, None),
])
def test_fracture_age_and_cause(analyze, report, acuity, pathologic, detail):
    f = [f for f in analyze(report).findings if f.type == "fracture"][0]  # (the first named)
    assert (f.acuity, f.pathologic, f.detail) == (acuity, pathologic, detail)
