"""Stage 9, statements: in a clinical note, which sentences state imaging results.

A radiology report is imaging from end to end (its HISTORY aside). A clinical note, a consult or
a teaching narrative is mostly history, examination, assessment, plan or operative steps written
in the same words ("left L5 radiculopathy", "laminectomy at L4-5", "rule out stenosis"); only
its imaging statements are findings (annotation.md: "MRI of the lumbar spine showed ...", a
RADIOLOGIC DATA section, a quoted report). A text is read as a note when it has a clinical-note
section (HPI, PHYSICAL EXAMINATION, PLAN, OPERATIVE ..., lexicons/sections.json). Then every
sentence gets a role:

    imaging     an imaging section, or a sentence naming a study and its result ('MRI ... showed'),
                and the sentences that go on describing it in the same paragraph
    history     complaint, history, review of systems        (symptoms are read here)
    exam        physical or neurological examination         (symptoms and signs are read here)
    assessment  the physician's impression or diagnosis
    plan, procedure, family, other, course, narrative        (the rest)

The role is written as each finding and symptom span's ``section``; extract.py keeps a note's
findings from imaging statements only, and clinical.py reads its symptoms from the rest.
"""

import re
from bisect import bisect_right

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicon import load_sections, load_statement_patterns, load_symptom_patterns
from ..model import is_note_categories
from .extensions import (
    SECTION_STARTS_KEY,
    SECTIONS_KEY,
    STATEMENT_HEADS_KEY,
    STATEMENTS_KEY,
    finding_only_spans,
    finding_spans,
    info,
)
from .sections import SectionMark, section_at, sections_of
from .tokens import doc_text, sent_chars, sent_of

_ROLE = {"imaging": "imaging", "findings": "imaging", "history": "history", "note_history": "history",
         "physical_exam": "exam", "impression": "assessment", "note_assessment": "assessment", "plan": "plan", "recommendation": "plan",
         "procedure": "procedure",
         "family": "family", "other": "other", "course": "course", "technique": "other", "comparison": "other",
         "other_region": "other_region",
         # a note's discussion is its physician's assessment; a teaching file's is of the disease in general
         # (its findings are not read: extract.NON_FINDING_SECTIONS)
         "discussion": "assessment"}
# the words of each test are data (lexicons/statements.json: what each is for, beside it)
_P = load_statement_patterns()
_STUDY, _RESULT, _PASSIVE, _NOT_YET, _ASKED, _PAST_RESULT = (_P[n] for n in (
    "study", "result", "passive", "not_yet", "asked", "past_result"))
_PERSON, _CARE, _ADDITIVE, _NARRATIVE, _BLANK, _NOT_IMAGING, _CONTRAST = (_P[n] for n in (
    "person", "care", "additive", "narrative", "blank", "not_imaging", "contrast"))
_IT_SHOWED, _ABOVE, _PREOP_DIAGNOSIS, _OPERATIVE, _SPINE_LEVEL, _RELATIVE, _HAS_OF_SPINE, _CASE_OPENING = (_P[n] for n in (
    "it_showed", "above", "preop_diagnosis", "operative", "spine_level", "relative", "has_of_spine", "case_opening"))
_QUOTING, _LEVEL_AFTER_STUDY, _NOTE_TITLE = _P["quoting"], _P["level_after_study"], _P["note_title"]
_TO_COME, _NORMAL_WORD = _P["to_come"], _P["normal_word"]  # a dash line's study to come, or its result given already
_REPORT_HEADING, _POSSESSIVE, _LETTER_STORY = _P["report_heading"], _P["possessive"], _P["letter_story"]
_TOPIC_HEADING, _REPORTED, _REQUESTED, _SCREEN_HEADING, _REVIEWED, _DESCRIBES_IMAGE = (_P[n] for n in (
    "topic_heading", "reported", "requested", "screen_heading", "reviewed", "describes_image"))
# a study still to come ('Her MRI is booked for next week:'), not one someone asked for and has had ('MRI L/S 14/11
# (ordered by Dr Huang), report: "..."', 'MRI (GP requested, 1/52 ago), report in referral letter: "..."')
_BOOKED = re.compile(r"\b(?:booked|to exclude|awaited|(?:requested|ordered|arranged|planned)\s+for)\b", re.I)
_HEADING_ONLY = re.compile(r"\s*(?:[A-Za-z/& ]{1,25}:)?\s*")  # nothing before a study but a heading ('Ix:')
_DASH_END = re.compile(r"\s[-\u2013\u2014]\s*$")  # 'Ix: MRI LS 2/52 ago -' (the result on the lines below)
_INTRO_END = re.compile(r"(?::|\s[-\u2013\u2014])$")  # a statement that hands over to the lines below it
_FORM_MARK = re.compile(r"\[\s*[xX\u2713\u2714]?\s*\]|[\u2610\u2611\u2612]|\b(?:Y|N|yes|no)\s*$", re.M)  # a form's boxes
_QUOTE_REACH = 3000  # characters: a quotation mark left open is not a report quoted to the end of the note
_QUOTES = {'"', "'"}  # (typographic quotes are plain ones by now: inputs.restore_line_breaks)
# a statement that hands over to the study's report: what follows its colon is the report's words
_REPORTED_AS = re.compile(r"\b(?:reported|reads?|stated?|says|said)\s+(?:as\s+)?(?:follows|below|thus)\b|"
                          r"\b(?:report|conclusion|impression)\s+(?:reads?|says|states?|stated)\b", re.I)
_ASIDE = re.compile(r"\([^()]*\)|,\s*(?:which|that|who)\b[^,]*,")
_ORDERED_BY = _P["ordered_by"]  # ('The lumbar MRI that you arranged describes ...': who asked for the study)
_PERSON_SUBJECT, _EXPLAINED_PERSON = _P["person_subject"], _P["explained_person"]
# where a statement's next clause starts ('...; he is in retention', '... and she describes ...', '..., he fell')
_CLAUSE_BREAK = re.compile(r"[,;]|\s[-\u2013]\s|\b(?:and|but|while|whereas)\b", re.I)
_QUOTE_OPENS = re.compile(r"\s*(?:as\b\s*)?(?::\s*)?[\"“'‘]|\s*(?:as\b\s*)?:")  # a quoting verb's colon or quotation
# mark ('... was reported as: "..."')
# an assessment and plan that opens by summing up its patient: that sentence is the assessment, not the plan
_PATIENT_SUMMARY = re.compile(r"\s*(?:[A-Z][A-Za-z /&]{2,30}:\s*)?(?:the patient|this patient|she|he|mr\.? \w+|mrs\.? \w+|ms\.? \w+)"
                              r"\s+is\s+an?\s+(?:\d{1,3}[- ]year[- ]old\s+)?(?:woman|man|female|male|lady|gentleman|patient)\b",
                              re.I)
_FIELD_LINE = re.compile(r"\n[ \t]*[A-Z][A-Za-z /&()-]{2,40}:")  # a line opening with a label of its own
_ITEM_LINE = re.compile(r"\s*(?:[-•*>]|\d{1,2}[.)])\s")  # a line that opens a list's next item
_LINE_HEADING = re.compile(r"[A-Z][A-Za-z /&()-]{2,40}:")
_ANATOMY_HEADING = re.compile(r"\b(?:cord|conus|discs?|canal|foram\w*|facets?|alignment|marrow|vertebr\w*|bod(?:y|ies)|"
                              r"thecal|sac|roots?|nerves?|recess\w*|spine|spinal|lumbar|cervical|thoracic|sacr\w*|"
                              r"levels?|findings?|impression|paraspinal|soft tissues?|ligament\w*|joints?|endplates?|"
                              r"cauda|equina|osseous|bones?|signal|other)\b|\b[CTLS]\d", re.I)


@Language.factory("spinelens_statements")
def make_statements(nlp: Language, name: str) -> "StatementReader":
    return StatementReader()


# fields of one line ('Consent: obtained for injection.', 'Disposition: home.'): the note's next line is read again
_ONE_LINE = {r["literal"].strip().lower().rstrip(":") for r in load_sections()
             if (r.get("metadata") or {}).get("one_line")}


def _one_line_field(text: str, sec: SectionMark) -> bool:
    return " ".join(text[sec.start:sec.title_end].lower().rstrip(": \t").split()) in _ONE_LINE


def _field_end(text: str, sec: SectionMark, story_only: bool = False) -> int:
    """Where a section written as one field ends ('FH: father had a lumbar fusion.', 'Plan: Right L4/5
    microdiscectomy (listed)' in a letter's heading): a family history at the next line with a label of its
    own ('Social: ...') or at a blank line; a plan at a blank line before the letter's story of the patient
    ('I reviewed this 54-year-old gentleman ...'). A header on a line of its own heads the lines below. An
    operation's field ('Procedure: L4/5 laminectomy, 24/04/2024') ends only at the letter's story
    (``story_only``): a procedure's steps go on past its imaging ('EPIDUROGRAM: ... It showed ...')."""
    line_end = text.find("\n", sec.title_end, sec.end)
    if line_end < 0 or not text[sec.title_end:line_end].strip():
        return sec.end
    if _one_line_field(text, sec):
        return line_end + 1
    blank = _BLANK.search(text, line_end, sec.end)
    ends = [sec.end]
    short = len(text[sec.title_end:line_end].split()) <= 10  # a field, not an assessment and plan written as prose
    if blank is not None and (sec.category == "family" or short and _LETTER_STORY.match(
            text, blank.end(), min(sec.end, blank.end() + 200))):
        ends.append(blank.end())
    if sec.category != "family" and not story_only:
        # a paragraph of the plan's section that opens on a study with its result is the note going on, not the
        # plan ('Plan: catheterised. Urgent MRI discussed. <blank> 03:40 MRI L-spine (prelim verbal report): Large
        # central disc extrusion at L4/5 ...'): its result is read as any imaging statement of the note is
        for gap in _BLANK.finditer(text, line_end, sec.end):
            nl = text.find("\n", gap.end(), sec.end)
            opening = text[gap.end():nl if nl >= 0 else sec.end]
            if (study := _STUDY.search(opening[:60])) is not None and not _NOT_YET.search(opening) \
                    and StatementReader._states_result(opening[study.start():]) and _REPORTED.search(opening):
                ends.append(gap.end())
                break
    if sec.category == "family":
        # ... at the next labelled line that is not a relative's ('Mother: breast cancer' goes on the history)
        for label in _FIELD_LINE.finditer(text, line_end, sec.end):
            if not _RELATIVE.match(label.group().lstrip()):
                ends.append(label.start() + 1)
                break
    return min(ends)


def is_note(doc: Doc, marks: list[SectionMark]) -> bool:
    """A clinical note: a clinical-note section, or prose about a person (three sentences outside a
    history section that speak of the patient, 'he', 'I' ...: radiology findings never do); or, in a
    text with no FINDINGS or IMPRESSION header, one that opens on a patient beside one that names a study with
    its result in words (a teaching case: 'A 71-year-old woman with renal cell carcinoma presented ... MRI
    demonstrated ...'); or a text about a person that states no finding at all."""
    if is_note_categories(m.category for m in marks):
        return True
    text = doc_text(doc)
    if _NOTE_TITLE.match(text[:text.find("\n") if "\n" in text[:200] else 200]):
        return True  # 'ED triage', 'GP REFERRAL - MSK TRIAGE': a note by its title
    personal = 0
    opening = study_result = False
    headed = any(m.category in ("findings", "impression") for m in marks)
    for start_char, end_char in sent_chars(doc):
        if personal >= 3 or opening and study_result and not headed:
            return True
        sec = section_at(doc, start_char)
        if sec is not None and sec.category in ("history", "technique", "comparison"):
            continue
        words = text[start_char:end_char]
        if _NARRATIVE.search(words):
            personal += 1
            opening = opening or bool(_CASE_OPENING.search(words))
        elif not study_result and (m := _STUDY.search(words)) is not None:
            shown = _RESULT.search(words, m.end())
            study_result = shown is not None and any(c.isalpha() for c in shown.group(0))  # 'MRI showed', not 'MRI :'
    if personal >= 3 or opening and study_result and not headed:
        return True
    # a text about a person that states no finding at all, not even a denied one ('Saw Mrs Jones today. She has had
    # right sciatica for 3 months ...'): nothing of a report's is there to lose, and its symptoms are the note's
    return personal >= 1 and not headed and not finding_only_spans(doc)


def _opening_history(doc: Doc) -> int | None:
    """A text with no headers whose first statement names a complaint, and a study after it ('LBP 2/12, no red
    flags ... MRI: mild DDD', 'Low back pain with bilateral sciatica. MRI lumbar spine. There is ...', 'ED reg:
    29M, B/L sciatica + urinary retention ... Urgent MRI: ...'): the words before the study are its history, as
    under a HISTORY header; where the study's statement starts (or the study's name, in the first statement).
    A radiologist's terse note opens on its findings, and its 'osteoporotic' or 'previous surgery' are not
    complaints ('L2 osteoporotic compression fracture ...')."""
    first_end = next(sent_chars(doc), (0, 0))[1]
    if not any(sp.label_ in _COMPLAINTS and sp.start_char < first_end for sp in finding_spans(doc)):
        return None
    text = doc_text(doc)
    study = _STUDY.search(text)
    if study is None or study.start() == 0 or _NOT_YET.search(text, study.end(), study.end() + 60) \
            or _FOLLOWS.match(text, study.end()):
        return None  # ('... MRI whole spine recommended', 'CT to follow': the study is the plan, not a result)
    if any(first_end <= sp.start_char < study.start() for sp in finding_only_spans(doc)):
        return None  # a finding stated before the study: the text reports its findings first
    starts = [a for a, _ in sent_chars(doc) if a <= study.start()]
    return starts[-1] if starts and starts[-1] > 0 else study.start()


# a study named as a plan ('MRI whole spine recommended / booked', 'CT lumbar spine to follow', 'follow-up MRI')
_FOLLOWS = re.compile(r"[^.;\n]{0,40}?\b(?:recommended|advised|suggested|booked|requested|planned|to follow|pending|"
                      r"in \d+ (?:weeks|months))\b", re.I)


# what a patient complains of (a note's opening), not a risk a radiologist names in passing
_COMPLAINTS = {"SYM_back_pain", "SYM_radicular_pain", "SYM_sensory_deficit", "SYM_motor_weakness",
               "SYM_neurogenic_claudication", "SYM_cauda_equina_symptoms", "SYM_progressive_deficit"}
# what a patient tells of: a complaint, a fever, weight lost (not a risk a radiologist names in passing, 'osteopenia')
_TOLD = _COMPLAINTS | {"SYM_infection_risk", "SYM_weight_loss"}


# the symptoms a note's imaging statement may still tell of the patient: the red flags, stated present or possible (not a
# complaint an old study was asked about: 'MRI 2022 for sciatica: "..."')
_TOLD_ANYWHERE = {"SYM_cauda_equina_symptoms", "SYM_progressive_deficit", "SYM_motor_weakness", "SYM_cancer_history",
                  "SYM_infection_risk", "SYM_weight_loss"}
_POSSESSED = load_symptom_patterns()["possessed"]


def _stated(span: Span) -> bool:
    """Stated present or possible: not denied, nor a condition ('if retention develops')."""
    ext = span._
    return not (getattr(ext, "is_negated", False) or getattr(ext, "is_hypothetical", False)
                or info(span).forced_certainty == "absent")


class StatementReader:
    def __call__(self, doc: Doc) -> Doc:
        marks = sections_of(doc)
        if not marks and (cut := _opening_history(doc)) is not None:
            # a scribbled note or a report with no headers that opens on its patient: a history, then the study
            doc.user_data[SECTIONS_KEY] = marks = [SectionMark("history", 0, 0, cut),
                                                   SectionMark("findings", cut, cut, len(doc_text(doc)))]
            doc.user_data.pop(SECTION_STARTS_KEY, None)
            for span in finding_spans(doc):
                if span.start_char < cut:
                    info(span).section = "history"  # (the attributes stage read no section there)
        if not is_note(doc, marks):
            doc.user_data[STATEMENTS_KEY] = None  # a report: sections say it all
            self._unsectioned_red_flags(doc)
            return doc
        text = doc_text(doc)
        roles: list[tuple[int, int, str]] = []  # (start char, end char, role) per sentence
        previous = ""
        previous_words = ""
        last_end = words_end = 0
        above = False
        operating: object = False  # the procedure section whose operative steps have begun
        closed: object = None  # an imaging section that a heading of another topic has ended
        head: tuple[int, int] | None = None  # the last sentence that named a study with its result
        heads: dict[int, tuple[int, int]] = {}
        field_ends: dict[int, int] = {}  # a one-line field's section ('FH: ...', 'Plan: ...'): where it ends
        # where each finding (not a symptom) starts: a labelled line that states one goes on the study's description
        finding_starts = sorted(s.start_char for s in finding_spans(doc) if not s.label_.startswith("SYM_"))
        quoted: object = None  # an IMPRESSION that is the quoted report's, not the note's
        quote_end = 0  # where the quotation of a study's report that an imaging statement opened closes
        introduced = False  # the statements read since a line that names a study and ends on a colon are its own
        by_review = False  # ... or since 'I have reviewed his MRI.': then only statements of a finding and no symptom
        person_cut: int | None = None  # where a statement of the study's findings goes on to tell of the patient
        # (what a patient tells: a risk a radiologist also names, 'Diffuse osteopenia.', goes on the study's account)
        symptom_starts = sorted(s.start_char for s in finding_spans(doc) if s.label_ in _TOLD)
        for s0, s1 in sent_chars(doc):
            symptom_aside = False
            role = self._section_role(doc, text, s0)
            words = _NOT_IMAGING.sub(" ", text[s0:s1])
            sec = section_at(doc, s0)
            # a quotation that opens its paragraph right after a study's introduction ('..., which was reported as
            # follows:' then a blank line and '"There is a moderate-sized ..."'): the blank line does not end it
            blank = bool(_BLANK.search(text[words_end:s0])) and not (introduced and text[s0:s0 + 1] in _QUOTES
                                                                     and text[:words_end].endswith(":"))
            if introduced and blank and not (sec is not None and s0 == sec.start
                                             and _REPORT_HEADING.match(text, s0)):
                introduced = False  # a blank line ends the quoted study, unless its report's next part follows
            if sec is not None and sec.category == "impression" and (sec is quoted or introduced and s0 == sec.start):
                quoted = sec  # 'Outside MRI L-spine (report brought by pt):\nIMPRESSION:\n1. ...': the report's own
                role = "imaging"
            # ('Procedure: L4/5 laminectomy, 24/04/2024' in a letter's heading ends at the letter's story as a plan does)
            if role in ("family", "plan", "procedure") and sec is not None:
                if sec.start not in field_ends:
                    field_ends[sec.start] = _field_end(text, sec, story_only=role == "procedure")
                if s0 >= field_ends[sec.start]:
                    role = "narrative"  # the letter goes on after its 'Plan: ...' line, the note after 'FH: ...'
                elif role == "plan" and _PATIENT_SUMMARY.match(words):
                    role = "assessment"  # 'ASSESSMENT AND PLAN: The patient is a woman with a history of ... leg pain.'
            if sec is not operating and role == "procedure" and _OPERATIVE.search(words):
                operating = sec  # 'The patient was brought to the operating room': the steps begin
            if role == "imaging" and sec is not None and s0 > sec.start \
                    and (self._new_heading(text, s0) or (_TOPIC_HEADING.match(text, s0) or _SCREEN_HEADING.match(text, s0))
                         and self._opens_its_line(text, s0)) \
                    and not _STUDY.search(words[:60]) and not _REPORT_HEADING.match(text, s0) \
                    and (not self._states_finding(finding_starts, s0, s1) or _TOPIC_HEADING.match(text, s0)):
                closed = sec  # 'Previous imaging: MRI ... showed ...' then 'Screening:', 'Fever: no.': a new topic
            if role == "imaging" and sec is not None and sec is closed:
                role = "other"  # (its own study and result below still make a sentence imaging)
            if role == "imaging" and sec is not None and s0 > sec.title_end \
                    and self._symptom_alone(words, finding_starts, symptom_starts, s0, s1):
                role = "narrative"  # 'MRI L-spine: mild L4/5 bulge. Urinary retention since last night.': the patient's
            elif role == "imaging" and sec is not None and s0 > sec.title_end and sec.category != "findings" \
                    and _PERSON_SUBJECT.search(text, s0, s1):
                person_cut = self._person_clause(text[s0:s1], finding_starts, s0, s1)  # ('... L4/5 disc bulge, he has
                # urinary retention.' under 'MRI L-spine (report brought in):': the clause after the findings is his)
            from_section = role == "imaging"
            base_role = role
            if role != "imaging" and (role not in ("family", "plan") or role == "plan" and sec is not None
                                      and _one_line_field(text, sec)):
                # (a one-line care field may still state a study's result: 'Disposition: admitted; MRI shows ...')
                if _STUDY.search(words) and self._states_result(words):
                    role = "imaging"  # also during an operation: 'the intraoperative x-ray showed', 'the epidurogram showed'
                elif role == "procedure" and sec is operating:
                    pass  # an operation's steps and what the surgeon saw are not imaging ('the sac was pinched')
                elif introduced and not blank and not self._new_heading(text, s0) \
                        and (symptom_aside := self._symptom_alone(words, finding_starts, symptom_starts, s0, s1)):
                    pass  # the patient's own statement inside the study's account ('"Clinical: IVDU, raised CRP.'): his,
                    # and the account goes on after it ('L2/3 discitis with epidural collection."')
                elif introduced and not blank and not self._new_heading(text, s0) \
                        and not (self._opens_its_line(text, s0) and _ITEM_LINE.match(text, s0)) \
                        and (not _PERSON.search(_CONTRAST.sub(" ", self._before_finding(text[s0:s1], finding_starts, s0, s1)))
                             or (person_cut := self._person_clause(text[s0:s1], finding_starts, s0, s1)) is not None) \
                        and not self._symptom_alone(words, finding_starts, symptom_starts, s0, s1) \
                        and not (by_review and not self._states_finding(finding_starts, s0, s1)):
                    # (a report's own words may 'recommend' or have a diagnosis 'considered'; the patient's story ends
                    # it: 'Pt reports new saddle anaesthesia', and so does a statement of a symptom alone, 'No saddle
                    # numbness, no sphincter issues.'; after a review sentence, any statement of no finding does: 'I have
                    # reviewed the MRI. Saddle anaesthesia and urinary retention since today.')
                    role = "imaging"  # '- MRI whole spine (day 2):\n  Diffuse ... marrow signal ...': the study quoted
                    # under its colon, to a blank line, a heading or the list's next item
                elif _IT_SHOWED.search(words) and _STUDY.search(previous_words) and not _NOT_YET.search(words) \
                        and not _BLANK.search(text[last_end:s0]):
                    role = "imaging"
                elif previous == "imaging" and not _BLANK.search(text[last_end:s0]) and words.strip() \
                        and self._continues(_CONTRAST.sub(" ", words)) and section_at(doc, s0) is section_at(doc, last_end - 1) \
                        and not self._new_heading(text, s0) and not self._symptom_alone(words, finding_starts,
                                                                                         symptom_starts, s0, s1):
                    # (not a statement of a symptom alone: 'MRI: severe stenosis L3/4. Claudication distance 100 m.')
                    role = "imaging"  # the study's description goes on: 'There is also ...'
                    if head is not None:
                        heads[s0] = head
            if role in ("narrative", "other") and (s0 < quote_end or introduced and text[s0:s1].lstrip()[:1] == '"') \
                    and not self._symptom_alone(words, finding_starts, symptom_starts, s0, s1):
                # (a quotation that opens right after the study's introduction is the report's, to its close; not a
                # statement of a symptom alone, where a quotation mark was left open: 'MRI: "L4/5 bulge. Urinary
                # retention since last night.')
                role = "imaging"  # inside the quotation of the study's report, whatever its words ('Grade I', 'the patient')
            if role == "imaging" and s0 not in heads:
                if from_section and head is not None and previous == "imaging" and not _STUDY.search(words) \
                        and not _BLANK.search(text[last_end:s0]) and sec is section_at(doc, last_end - 1):
                    heads[s0] = head  # in an IMAGING section too, a study's description goes on
                else:
                    head = (s0, s1)
            if person_cut is not None and role == "imaging" and 0 < person_cut < len(text[s0:s1].rstrip()):
                # 'Large L4/5 extrusion compressing the cauda equina; he is in retention.': the study's findings, then
                # the patient's clause, each read by its own reader
                roles.append((s0, s0 + person_cut, "imaging"))
                roles.append((s0 + person_cut, s1, base_role if base_role != "imaging" else "narrative"))
            else:
                roles.append((s0, s1, role))
            person_cut = None
            if role == "imaging" and s0 >= quote_end and (seg := text[s0:s1]).count('"') % 2:
                # a quotation of the report opens here ('..., attending read:\n"Status post ...'): it goes on to its close
                opened = s0 + seg.rfind('"')
                close = text.find('"', opened + 1)
                # (an opening mark, before a word: not the close of a quotation whose opening was not read as imaging)
                quote_end = close if text[opened + 1:opened + 2].isalnum() and 0 < close - opened < _QUOTE_REACH else 0
            if words.strip():
                # ('MRI L-spine 12/03/2024:' and the FINDINGS under it)
                # ('I have reviewed his MRI scan of 14/02 myself.': no result of its own, so no imaging statement either)
                reviewing = role != "imaging" and bool(_REVIEWED.search(words)) and not _NOT_YET.search(words)
                introduced = role == "imaging" and (bool(_INTRO_END.search(text[s0:s1].rstrip())) and bool(_STUDY.search(words))
                                                    and not _REQUESTED.search(words) or introduced) or reviewing or symptom_aside \
                    or text[s0:s1].rstrip().endswith(":") and bool(_STUDY.search(words)) and bool(_REPORTED_AS.search(words))
                # ('She paid for a private MRI of the lumbar spine (Spire), which was reported as follows:')
                by_review = reviewing or by_review and introduced
            above = above or role == "imaging" and bool(_ABOVE.search(words))
            if words.strip():
                previous, previous_words, last_end = role, words, s1
                # (where its words end: a statement's span holds the line breaks after it, a blank line among them)
                words_end = s0 + len(text[s0:s1].rstrip())
        if above:
            roles = [(a, b, "imaging" if self._preoperative(doc, text, a) else r) for a, b, r in roles]
        doc.user_data[STATEMENTS_KEY] = roles
        doc.user_data[STATEMENT_HEADS_KEY] = heads
        starts = [r[0] for r in roles]
        for span in finding_spans(doc):
            k = bisect_right(starts, span.start_char) - 1
            role = roles[k][2] if k >= 0 else "narrative"
            if role == "imaging" and span.label_ in _TOLD_ANYWHERE and _stated(span) \
                    and not _POSSESSED.search(text, max(0, span.start_char - 60), span.start_char):
                # a symptom the note tells, even on a line read as the study's ('Ix: MRI LS 2/52 ago -\nL4/5 bulge.\n
                # Saddle numbness and urinary retention since yesterday, ?CES'): a red flag told is never lost to the
                # study's reader ('Possibly some new weakness of R foot' too; a denial there stays unread, one after a
                # possessive is read by its own rules, clinical.py: 'no cause for his lack of saddle anaesthesia')
                role = "narrative"
            info(span).section = role
        return doc

    @classmethod
    def _unsectioned_red_flags(cls, doc: Doc) -> None:
        """A red flag told in a statement of its own, outside any section, in a text read as a report ('Hx: LBP 3/12.
        MRI LS 2/52 ago: L4/5 bulge. New urinary retention and saddle numbness since last night.'): the patient's, as a
        history's (a report's findings do not tell symptoms alone; one in a statement with a finding stays unread)."""
        spans = finding_spans(doc)
        if not any(sp.label_ in _TOLD_ANYWHERE and info(sp).section is None for sp in spans):
            return
        text = doc_text(doc)
        finding_starts = sorted(sp.start_char for sp in spans if not sp.label_.startswith("SYM_"))
        symptom_starts = sorted(sp.start_char for sp in spans if sp.label_.startswith("SYM_"))
        for sp in spans:
            if sp.label_ in _TOLD_ANYWHERE and info(sp).section is None and _stated(sp):
                sent = sent_of(doc, sp.start)
                s0, s1 = sent.start_char, sent.end_char
                if cls._symptom_alone(text[s0:s1], finding_starts, symptom_starts, s0, s1) \
                        and not _FORM_MARK.search(text, s0, s1):
                    info(sp).section = "history"  # (not a form's line: 'Saddle anaesthesia  [ ]  [x]' answers N)

    @staticmethod
    def _states_finding(starts: list[int], s0: int, s1: int) -> bool:
        """A finding starts in the statement ('Paravertebral: left psoas abscess', 'Pars: bilateral L5 defects')."""
        k = bisect_right(starts, s0 - 1)
        return k < len(starts) and starts[k] < s1

    @staticmethod
    def _before_finding(words: str, starts: list[int], s0: int, s1: int) -> str:
        """The statement's words but a person named after its first finding as what the finding explains ('T8
        metastasis with cord compression, explaining her leg weakness'); not one the statement goes on to tell of
        ('Mild L4/5 bulge and she describes saddle numbness')."""
        k = bisect_right(starts, s0 - 1)
        if k >= len(starts) or starts[k] >= s1:
            return words
        head, rest = words[:starts[k] - s0], words[starts[k] - s0:]
        return head + _EXPLAINED_PERSON.sub(" ", rest)

    @staticmethod
    def _person_clause(words: str, starts: list[int], s0: int, s1: int) -> int | None:
        """Where the clause that tells of the patient starts, in a statement that opens on findings ('Large L4/5
        extrusion compressing the cauda equina; he is in retention', 'Mild L4/5 bulge and she describes saddle
        numbness'): at the comma, semicolon, dash or 'and'/'but' before its person word. None if the statement opens
        on the person or states no finding."""
        k = bisect_right(starts, s0 - 1)
        if k >= len(starts) or starts[k] >= s1:
            return None
        first = starts[k] - s0
        if _PERSON.search(_CONTRAST.sub(" ", words[:first])):
            return None  # the statement opens on the person: 'He has a left L5-S1 disc herniation on clinical grounds'
        rest = _EXPLAINED_PERSON.sub(lambda m: " " * len(m.group(0)), words[first:])
        person = _PERSON_SUBJECT.search(_CONTRAST.sub(lambda m: " " * len(m.group(0)), rest))
        if person is None:
            return len(words)  # only a possessive inside the findings ('compressing his cauda equina'): all the study's
        at = first + person.start()
        breaks = [m.start() for m in _CLAUSE_BREAK.finditer(words, first, at)]
        return breaks[-1] if breaks else at

    @classmethod
    def _symptom_alone(cls, words: str, finding_starts: list[int], symptom_starts: list[int], s0: int, s1: int) -> bool:
        """The statement names a symptom and no finding, in no words of an image ('Urinary retention episode last
        night.'; not 'Dye spread into each joint space is visualized.'): the patient's, not the study's."""
        return cls._states_finding(symptom_starts, s0, s1) and not cls._states_finding(finding_starts, s0, s1) \
            and not _DESCRIBES_IMAGE.search(words)

    @staticmethod
    def _new_heading(text: str, s0: int) -> bool:
        """A line that opens with a heading of its own ('CONSENT: Risks ... infection'): a new topic, even
        where the heading is not a section SpineLens knows."""
        m = _LINE_HEADING.match(text, s0) if not text[text.rfind("\n", 0, s0) + 1:s0].strip() else None
        # ... but not a structure's or a level's label ('Cord: compressed at T11', 'Disc: large extrusion')
        return m is not None and not _ANATOMY_HEADING.search(m.group())

    @staticmethod
    def _opens_its_line(text: str, s0: int) -> bool:
        return not text[text.rfind("\n", 0, s0) + 1:s0].strip()

    @staticmethod
    def _continues(words: str) -> bool:
        """A sentence may go on describing the study before it: not about care, and not about the
        person unless it says it adds to what came before ('In addition, she developed ...')."""
        if _CARE.search(words):
            return False
        if not _PERSON.search(words):
            return True
        if _HAS_OF_SPINE.search(words) and not _RELATIVE.search(words):
            return True  # 'She does have degenerative disk disease of her lumbar spine' after the MRI's result
        # an added finding of the spine, at its level: 'In addition, she developed a profound stenosis at
        # L4-L5', not 'In addition, she had an abscess of her arm' nor a relative's illness
        return bool(_ADDITIVE.search(words)) and bool(_SPINE_LEVEL.search(words)) and not _RELATIVE.search(words)

    @staticmethod
    def _states_result(words: str) -> bool:
        """A study named with its result, not a study to come ('we will obtain an MRI'); a dash that ends its line
        hands over to the result as a colon does ('Ix: MRI LS 2/52 ago -' and the lines below)."""
        if _DASH_END.search(words) and StatementReader._dash_hands_over(words):
            words = _DASH_END.sub(":", words)
        m = _STUDY.search(words)
        rest = words[m.end():] if m else words
        result = _RESULT.search(rest)
        if result is not None and _QUOTING.match(result.group(0)):
            between = _ORDERED_BY.sub(" ", rest[:result.start()])
            # 'The MRI done through our direct-access service yesterday reported: "..."' quotes the study: a
            # colon or quotation mark after the verb, and only a possessive between ('After the MRI scan, Mr
            # Jones reports new saddle numbness', 'After the MRI he reported: "..."': the person reports)
            quoted = _QUOTE_OPENS.match(rest, result.end()) is not None
            if quoted:
                # (a bracket or a relative clause set off by commas is an aside about the study: 'His MRI (Sunshine
                # Coast Radiology, 13/08/2024), which you kindly arranged, reports "..."')
                between = _ASIDE.sub(" ", _POSSESSIVE.sub(" ", between))
            # (a relative clause whose subject is the study may name more of it first: 'He brought an MRI report from a
            # private provider which describes ...'; a person is 'who')
            of_study = between.split()[-1:] in (["which"], ["that"])
            if _PERSON.search(between) or len(between.split()) > 5 and not quoted and not of_study:
                result = None
        if result is None and m is not None and _LEVEL_AFTER_STUDY.match(rest) and not _NARRATIVE.search(words):
            return True  # 'MRI L4/5 massive central extrusion ...'
        if result is None:
            # the passive: 'a laterolisthesis at L4-5, demonstrated on the x-rays', 'visible on the MRI'
            return bool(_PASSIVE.search(words)) and not _NOT_YET.search(words)
        # a plan near the study ('we will obtain an MRI'), not one elsewhere in a long sentence ('a rod
        # was placed should it be felt necessary in view of the MRI findings of ...')
        before = words[max(0, m.start() - 30):m.end() + result.start()] if m else words
        if _NOT_YET.search(before) or result.group(0) == ":" and _BOOKED.search(before) \
                and not rest[result.end():].strip():
            return False  # (and a colon that ends a study still to come: 'Her MRI is booked for next week:'; not 'MRI to
            # exclude CES: large L4/5 extrusion ...', whose result follows)
        return not _ASKED.search(before) or bool(_PAST_RESULT.search(result.group(0).split()[0]))

    @staticmethod
    def _dash_hands_over(words: str) -> bool:
        """A dash ending a line that opens on a study done, with no result of its own, hands over to the lines below
        ('Ix: MRI LS 2/52 ago -'); not a study to come ('MRI organised -', 'MRI tomorrow -'), one with its result
        ('CT LS in ED normal -') or one named inside the patient's story ('LBP 3/12 after MRI -')."""
        m = _STUDY.search(words)
        if m is None or not _HEADING_ONLY.fullmatch(words[:m.start()]):
            return False
        rest = _DASH_END.sub("", words[m.end():])
        return not (_RESULT.search(rest) or _NORMAL_WORD.search(rest) or _NOT_YET.search(words) or _BOOKED.search(words)
                    or _TO_COME.search(words))

    @staticmethod
    def _preoperative(doc: Doc, text: str, char: int) -> bool:
        sec = section_at(doc, char)
        return sec is not None and bool(_PREOP_DIAGNOSIS.match(text[sec.start:sec.title_end]))

    @staticmethod
    def _section_role(doc: Doc, text: str, char: int) -> str:
        sec = section_at(doc, char)
        if sec is None:
            return "narrative"
        if sec.category == "exam":
            # 'EXAM: MRI of the lumbar spine' titles a study; 'EXAM: BP 120/80 ...' is the examination
            title_line = text[sec.start:text.find("\n", sec.start) if "\n" in text[sec.start:] else len(text)]
            if _STUDY.search(title_line):
                return "imaging"
            # 'PROCEDURE: L4-5 laminectomy' in a note is an operation, not an examination
            return "procedure" if text[sec.start:sec.title_end].lower().startswith("proc") else "exam"
        return _ROLE.get(sec.category, "other")
