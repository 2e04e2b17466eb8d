"""Quotes: who said what, as direct, indirect and mixed quotes.

    reported clauses   a speech verb from the lexicon and its clausal
                       complement ("X said (that) ...", "..., X said",
                       "The plan, X said, ...", "X told Y ...", "according to
                       X, ...", "... was reported by X"): indirect; with a
                       quoted fragment inside: one mixed quote
    learned cues       cues learned from annotated news and credit lines
                       ("Name: claim"), in ``learned_quotes``
    quoted passages    quote marks paired per paragraph (``quote_marks``); a
                       passage not inside a reported clause is a direct quote,
                       cued by a speech verb after it ("...," he said; one
                       quote around it: '"...," he said, "..."'), before
                       it (X said: "..."), a headline credit ("...": X, "..." -- X),
                       a line ending in a colon before its paragraph ("Caddell
                       continued:"), a transcript line ('"PENCE: Well, ...'),
                       or by context: a passage continuing the previous
                       paragraph's open quote, or a sentence-initial passage
                       following another quote (a "floating" quote) continues
                       that speaker
    leftovers          short passages in mid-sentence without a cue are scare
                       quotes or titles, not quotes

Speakers are resolved by ``speakers.Speakers`` (names, pronouns, groups).
Everything works in doc coordinates; the pipeline maps the spans back.
"""
from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token

from .doc_cache import doc_text
from ..lexicons import SpeechVerb, cue_act, speech_verbs
from ..records import Entity, Quote, Span
from .cue_relations import trim as _trim
from .learned_quotes import colon_credits, colon_leads, learned
from .quote_marks import Passage, find_passages, paragraph_starts
from .quote_parts import Found as _Found
from .quote_parts import confidence as _confidence
from .quote_parts import entry as _entry
from .quote_parts import subject as _subject
from .speakers import Speaker, Speakers

__all__ = ["extract_quotes"]

_VERB_POS = frozenset({"VERB", "AUX"})
_STOPS = frozenset({".", "!", "?", ";"})
_DASHES = frozenset({":", "-", "--", "\u2014", "\u2013", "\u2015"})
#: a reported clause needs this many words of its own outside quote marks;
#: fewer, and it is a direct quote cued by the verb
_MIN_OWN_WORDS = 3
#: passages without a cue shorter than this (words) are scare quotes/titles
_MIN_FLOATING_WORDS = 4
_MIN_UNCUED_WORDS = 8
#: how far (tokens) a cue may sit after a closing / before an opening mark
_AFTER_WINDOW = 8
_AFTER_WINDOW_APPOSITION = 24
_BEFORE_WINDOW = 12
_BEFORE_WINDOW_NO_PUNCT = 3


def extract_quotes(doc: Doc, entities: list[Entity]) -> list[Quote]:
    text = doc_text(doc)
    passages = find_passages(text)
    quoted = [(p.open_at, (p.close_at + 1) if p.closed else p.end) for p in passages]
    speakers = Speakers(doc, entities, quoted)
    starts = paragraph_starts(text)
    breaks = frozenset(starts)  # a token holding the newline before one ends a paragraph
    verbs = speech_verbs()

    found: list[_Found] = []
    absorbed: set[int] = set()
    seen: set[Span] = set()
    reported = _reported(doc, verbs, speakers)
    taken = {f.cue_span[0] for f in reported}
    for cand in reported + learned(doc, speakers, taken, reported) + colon_credits(doc, text, speakers, entities):
        span, inside = _settle(text, cand.span, passages)
        if span is None or span in seen:
            continue
        seen.add(span)
        absorbed.update(inside)
        cand.span = span
        cand.kind = "mixed" if inside else "indirect"
        cand.paragraph = bisect.bisect_right(starts, span[0]) - 1
        found.append(cand)

    previous: _Found | None = None
    leads = colon_leads(text, passages, entities, doc)
    for n, passage in enumerate(passages):
        if n in absorbed:
            continue
        quote = _direct(doc, text, passage, verbs, speakers, found, previous, breaks, leads.get(passage.start))
        if quote is not None:
            after = n + 1
            if after < len(passages) and after not in absorbed and _interrupted(text, passage, passages[after], quote.cue_span):
                # '"My hope," he said, "is that ..."': one quote around its cue
                quote.span = (quote.span[0], passages[after].end)
                absorbed.add(after)
            found.append(quote)
            previous = quote
    found.sort(key=lambda f: f.span)
    return [_record(i, f) for i, f in enumerate(found, 1)]


def _record(n: int, f: _Found) -> Quote:
    sp = f.speaker
    return Quote(
        id=f"q{n}", kind=f.kind, span=f.span,
        speaker=sp.entity if sp else None, speaker_name=sp.name if sp else None,
        source_span=sp.source if sp else None,
        cue=f.cue, cue_span=f.cue_span, confidence=round(f.confidence, 3), act=f.act,
    )


# ------------------------------------------------------------ reported speech

def _reported(doc: Doc, verbs: dict[str, SpeechVerb], speakers: Speakers) -> list[_Found]:
    out: list[_Found] = []
    phrases = {v.lemma.split()[0]: v for v in verbs.values() if v.kind == "phrase"}
    for token in doc:
        lower = token.lower_
        if lower in phrases:
            found = _phrase_cue(doc, token, phrases[lower], speakers)
            if found is not None:
                out.append(found)
            continue
        if not (token.pos_ in _VERB_POS and token.tag_.startswith("VB")) and not _verb_by_syntax(token):
            continue
        entry = _entry(verbs, token)
        if entry is None or entry.kind == "phrase" or speakers.inside_quote(token.idx):
            continue
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children):
            passive = _passive_with_agent(doc, token, speakers, entry)
            if passive is not None:
                passive.act = cue_act(entry.lemma, "*", entry.kind)
                out.append(passive)
            continue  # "it is believed that ...": no source
        content = _complement(token)
        # a belief inside reported speech ("said he did not know which ...")
        # is part of what was said, not a quote of its own
        nested_ok = entry.kind != "cognition"
        relation = "ccomp"
        if content is None and entry.infinitive:
            content, nested_ok, relation = _infinitive(token), False, "xcomp"
        if content is None:
            continue
        subject = _subject(token, inversion=False, participle=relation == "ccomp")
        speaker = speakers.of(subject) if subject is not None else None
        conf = _confidence(speaker, entry)
        found = _Found("indirect", content, speaker, token.text, (token.idx, token.idx + len(token)), conf, 0)
        found.nested_ok = nested_ok
        found.act = cue_act(entry.lemma, relation, entry.kind)
        out.append(found)
    # an intention inside reported speech ("said he wanted to ...") is part of it
    spans = [f.span for f in out if f.nested_ok]
    return [f for f in out if f.nested_ok or not any(s[0] <= f.cue_span[0] < s[1] for s in spans)]


def _verb_by_syntax(token: Token) -> bool:
    """"Trump claims that ...": a verb the tagger took for a plural noun, known
    by its subject and clausal complement."""
    if token.tag_ != "NNS":
        return False
    deps = {c.dep_ for c in token.children}
    return "nsubj" in deps and "ccomp" in deps


def _passive_with_agent(doc: Doc, verb: Token, speakers: Speakers, entry: SpeechVerb) -> _Found | None:
    """"The plan was first reported by the Post": the agent is the source, the
    passive subject the content."""
    agents = [c for c in verb.children if c.dep_ == "agent"]
    subjects = [c for c in verb.children if c.dep_ == "nsubjpass" and c.i < verb.i]
    objs = [c for c in agents[0].children if c.dep_ == "pobj"] if agents else []
    if not subjects or not objs or subjects[0].lower_ in ("it", "this", "that"):
        return None
    content = _trim(doc, subjects[0].left_edge.i, subjects[0].right_edge.i + 1)
    if content is None:
        return None
    speaker = speakers.of(objs[0])
    return _Found("indirect", content, speaker, verb.text, (verb.idx, verb.idx + len(verb)), _confidence(speaker, entry) - 0.1, 0)


def _infinitive(verb: Token) -> Span | None:
    """"X vowed to stay", "X told aides to leave": object and infinitive."""
    comps = [c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i]
    if not comps:
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i < comps[0].i]
    start = (objects[0] if objects else comps[0]).left_edge.i
    return _trim(doc=verb.doc, start=start, end=comps[0].right_edge.i + 1)


def _complement(verb: Token) -> Span | None:
    """The reported clause of a speech verb, in doc chars, or None."""
    doc = verb.doc
    comps = [c for c in verb.children if c.dep_ == "ccomp"]
    if comps:
        comp = max(comps, key=lambda c: c.right_edge.i - c.left_edge.i)
        return _trim(doc, comp.left_edge.i, comp.right_edge.i + 1)
    # "X said at a meeting in which ... were involved that ...": a that-clause
    # the parser hung on a modifier of the verb
    for token in verb.subtree:
        if token.i > verb.i and token.dep_ == "ccomp" and any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children):
            if token.head.lemma_.lower() not in speech_verbs():
                return _trim(doc, token.left_edge.i, token.right_edge.i + 1)
            break
    for child in verb.rights:
        # "said after the convention he would not ...": the parser's advcl
        if child.dep_ == "advcl" and not any(c.dep_ == "mark" for c in child.children) and any(c.dep_ == "nsubj" for c in child.children):
            return _trim(doc, child.left_edge.i, child.right_edge.i + 1)
    trailing = _trailing(verb) or _medial(verb)
    if trailing is not None:
        return trailing
    head = verb.head
    if verb.dep_ in ("parataxis", "ccomp", "conj") and head.i < verb.i and head.pos_ in _VERB_POS:
        # "A happened, officials said": the clause before the comma
        start, end = head.left_edge.i, verb.left_edge.i
        if end - 1 > start and doc[end - 1].is_punct and any(c.dep_ == "nsubj" for c in verb.children):
            return _trim(doc, start, end)
    return None


def _trailing(verb: Token) -> Span | None:
    """"..., the officials said (on Monday).": the sentence before the comma
    that precedes the verb's own subject."""
    doc, sent = verb.doc, verb.sent
    subjects = [c for c in verb.lefts if c.dep_ == "nsubj"]
    if not subjects or sent.end - verb.i > 6:
        return None
    subject = subjects[-1]
    comma = subject.left_edge.i - 1
    if comma <= sent.start or doc[comma].text not in (",", "\u2014", "-", '"'):
        return None
    after = [t for t in doc[verb.i + 1 : sent.end] if not t.is_space]
    if any(t.text in _STOPS for t in after[:-1]):
        return None
    return _trim(doc, sent.start, comma)


def _medial(verb: Token) -> Span | None:
    """"The museum, Mr. Bush said, celebrated ...": an attribution set off by
    commas inside the sentence it reports; the content is the sentence."""
    doc, sent = verb.doc, verb.sent
    subjects = [c for c in verb.lefts if c.dep_ == "nsubj"]
    if not subjects:
        return None
    # the commas around "X said": the verb's own punctuation, or next to it
    before, after = subjects[-1].left_edge.i, verb.right_edge.i
    before -= doc[before].text != ","
    after += doc[after].text != ","
    if before <= sent.start or after >= sent.end - 2 or doc[before].text != "," or doc[after].text != ",":
        return None
    return _trim(doc, sent.start, sent.end)


def _phrase_cue(doc: Doc, token: Token, entry: SpeechVerb, speakers: Speakers) -> _Found | None:
    """"according to X": X is the source; the clause it is attached to is the content."""
    words = entry.lemma.split()
    last = token.i + len(words) - 1
    if last >= len(doc) or [t.lower_ for t in doc[token.i : last + 1]] != words:
        return None
    objs = [c for c in doc[last].children if c.dep_ == "pobj"] or [c for c in token.children if c.dep_ == "pobj"]
    if not objs or speakers.inside_quote(token.idx):
        return None
    clause = token.head
    while clause.pos_ not in _VERB_POS and clause.head.i != clause.i:
        clause = clause.head
    while clause.dep_ == "conj" and clause.head.i < clause.i and clause.head.pos_ in _VERB_POS and token.i > clause.i:
        clause = clause.head  # "X is in hospital but will face charges, according to Y": both
    own_start = token.left_edge.i
    own_end = max(token.right_edge.i, objs[0].right_edge.i) + 1
    c_start, c_end = clause.left_edge.i, clause.right_edge.i + 1
    while c_end - 1 >= own_end and (doc[c_end - 1].is_punct or doc[c_end - 1].is_space):
        c_end -= 1  # the full stop after "..., according to X."
    if own_start <= c_start:
        content = _trim(doc, own_end, c_end)
    elif own_end >= c_end:
        content = _trim(doc, c_start, own_start)
    else:
        content = _trim(doc, c_start, c_end)
    if content is None:
        return None
    speaker = speakers.of(objs[0])
    cue_span = (token.idx, doc[last].idx + len(doc[last]))
    return _Found("indirect", content, speaker, doc[token.i : last + 1].text, cue_span, _confidence(speaker, entry) - 0.05, 0)


def _settle(text: str, span: Span, passages: list[Passage]) -> tuple[Span | None, list[int]]:
    """A reported clause with the passages it holds; extended over a passage it
    cuts in two. None when the clause is (nearly) all quotation: then it is a
    direct quote and the passage path handles it."""
    start, end = span
    inside: list[int] = []
    quoted = 0
    for n, p in enumerate(passages):
        if p.end <= start or p.start >= end:
            continue
        if p.start < start - 1:
            return None, []  # the clause sits inside a quote
        if p.end > end:
            end = p.end + (1 if p.closed else 0)
        inside.append(n)
        quoted += len(text[p.start : p.end].split())
    # words of the clause's own before and between its passages; words after
    # the last one count only when the first is a fragment inside the clause
    # ('said that "a bomb" had gone off'), not a quoted sentence opening it
    # ('said "the harbour will reopen" to the crowd': direct)
    words = len(text[start:end].split())
    if inside:
        first = passages[inside[0]]
        if first.open_at <= start + 1 and len(text[first.start : first.end].split()) >= _MIN_FLOATING_WORDS:
            words = len(text[start : passages[inside[-1]].end].split())
    if inside and words - quoted < _MIN_OWN_WORDS:
        return None, []
    return (start, end), inside


# ------------------------------------------------------------ direct quotes

def _direct(doc: Doc, text: str, p: Passage, verbs, speakers: Speakers, found: list[_Found], previous: _Found | None,
            breaks: frozenset[int] = frozenset(), lead: tuple[Speaker, int] | None = None) -> _Found | None:
    span = (p.start, p.end)
    words = len(text[p.start : p.end].split())
    if lead is not None:  # '"PENCE: Well, look, ...': a transcript line in quote marks
        speaker, after = lead
        return _Found("direct", (after, p.end), speaker, ":", (after - 2, after - 1), 0.6, p.paragraph)
    if p.continues and previous is not None and previous.kind == "direct":
        return _Found("direct", span, previous.speaker, previous.cue, previous.cue_span, previous.confidence - 0.05, p.paragraph)
    cue = _cue_after(doc, text, p, verbs, breaks) if p.closed else None
    if cue is None:
        cue = _cue_before(doc, p, verbs, breaks)
    if cue is not None:
        verb, after = cue
        subject = _subject(verb, inversion=after) or _name_before(doc, verb, speakers)
        if subject is None and after:
            subject = _between(doc, p, verb, speakers)
        speaker = speakers.of(subject) if subject is not None else None
        entry = _entry(verbs, verb)
        found = _Found("direct", span, speaker, verb.text, (verb.idx, verb.idx + len(verb)), _confidence(speaker, entry), p.paragraph)
        found.act = cue_act(entry.lemma, "*", entry.kind)
        return found
    credit = _credit(doc, p) if p.closed else None
    if credit is not None:
        speaker = speakers.of(credit)
        return _Found("direct", span, speaker, None, None, 0.7 if speaker.entity or speaker.name else 0.4, p.paragraph)
    if not _starts_sentence(text, p.open_at) or words < _MIN_FLOATING_WORDS:
        return None  # a scare quote or a title
    colon = _colon_before(doc, text, p)
    if colon is not None:  # 'Caddell continued:\n\n"The health issue ...'
        subject = _subject(colon, inversion=False)
        speaker = speakers.of(subject) if subject is not None else None
        if speaker is not None and (speaker.entity or speaker.name):
            return _Found("direct", span, speaker, colon.text, (colon.idx, colon.idx + len(colon)), 0.65, p.paragraph)
    introduced = _introduced(doc, p, speakers, found)
    if introduced is not None:
        return _Found("direct", span, introduced, None, None, 0.6, p.paragraph)
    last = _last_before(found, p.open_at)
    if last is not None and last.speaker is not None and p.paragraph - last.paragraph <= 1:
        return _Found("direct", span, last.speaker, None, None, min(0.65, last.confidence - 0.2), p.paragraph)
    if words >= _MIN_UNCUED_WORDS:
        return _Found("direct", span, None, None, None, 0.3, p.paragraph)
    return None


def _introduced(doc: Doc, p: Passage, speakers: Speakers, found: list[_Found]) -> Speaker | None:
    """'The victim's sister, Kataraina Paterson, spoke outside the court.
    "Hearing the details ..."': a quote without a cue right after a sentence
    (with no quote of its own) whose subject is a named person or
    organisation is theirs."""
    i = _token_at(doc, p.open_at) - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 0:
        return None
    sent = doc[i].sent
    if any(f.span[0] < sent.end_char and sent.start_char < f.span[1] for f in found):
        return None
    subjects = [c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or speakers.inside_quote(subjects[0].idx):
        return None
    speaker = speakers.of(subjects[0])
    if speaker.entity is None or speakers.type_of(speaker.entity) not in ("PERSON", "ORG"):
        return None
    return speaker


def _name_before(doc: Doc, verb: Token, speakers: Speakers) -> Token | None:
    """'..., Secretary Anthony Foxx\n said': the name right before a cue the
    parser left without a subject (a line break between them)."""
    i = verb.i - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    return doc[i] if i >= 0 and i in speakers.by_token else None


def _colon_before(doc: Doc, text: str, p: Passage) -> Token | None:
    """The verb of a line that ends in a colon right before the quote's own
    paragraph ('Caddell continued:' / 'In a statement, the ministry said:')."""
    i = p.open_at - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    if i < 0 or text[i] != ":" or "\n" not in text[i : p.open_at]:
        return None
    k = _token_at(doc, i)
    if k < 0:
        return None
    root = doc[k].sent.root
    return root if root.pos_ in _VERB_POS and root.i < k else None


def _between(doc: Doc, p: Passage, verb: Token, speakers: Speakers) -> Token | None:
    """'"...," Flynn, a top Trump surrogate, said': the speaker written between
    the closing mark and a verb the parser left without a subject (it hung
    the name on the quote): the first name there, else the first pronoun."""
    i = _token_at(doc, p.close_at) + 1
    between = [t for t in doc[max(i, 0) : verb.i] if not t.is_punct and not t.is_space]
    named = next((t for t in between if t.i in speakers.by_token), None)
    if named is not None:
        return named
    return next((t for t in between if t.pos_ == "PRON" and t.lower_ in ("he", "she", "they")), None)


def _interrupted(text: str, a: Passage, b: Passage, cue: Span | None) -> bool:
    """Whether passage ``b`` resumes the sentence of ``a`` after the attribution
    that cues ``a`` ('"...," he said, "..."'); after a full stop it is a new
    quote (a follow-on quote, kept apart)."""
    if cue is None or not a.closed or a.paragraph != b.paragraph or not a.close_at < cue[0] < b.open_at:
        return False
    between = text[a.close_at + 1 : b.open_at].strip()
    return between.endswith(",") and len(between.split()) <= 12


def _token_at(doc: Doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None and len(span) else -1


def _ends_paragraph(token: Token, breaks: frozenset[int]) -> bool:
    """A token holding the line break that ends a paragraph (not a hard wrap)."""
    if "\n" not in token.text:
        return False
    return any(token.idx + k + 1 in breaks for k, ch in enumerate(token.text) if ch == "\n")


def _cue_after(doc: Doc, text: str, p: Passage, verbs, breaks: frozenset[int]) -> tuple[Token, bool] | None:
    """'"...," he said' / '"...," said X': a speech verb shortly after the close."""
    i = _token_at(doc, p.close_at) + 1
    if i <= 0 or i >= len(doc):
        return None
    # '"...," Jane Roe, the mayor of a town upriver, said': a quote ending on
    # a comma (or ? !) waits longer for its verb, across the speaker's apposition
    window = _AFTER_WINDOW_APPOSITION if text[p.close_at - 1] in ",?!" or doc[i].text == "," else _AFTER_WINDOW
    for token in doc[i : i + window]:
        if token.text in _STOPS or '"' in token.text or _ends_paragraph(token, breaks):
            break
        entry = _entry(verbs, token)
        if entry is not None and entry.cues_direct and token.pos_ in _VERB_POS and token.dep_ != "amod":  # not "the written ruling"
            return token, True
    return None


def _cue_before(doc: Doc, p: Passage, verbs, breaks: frozenset[int]) -> tuple[Token, bool] | None:
    """'X said: "..."' / 'X said "..."': a speech verb shortly before the open."""
    i = _token_at(doc, p.open_at)
    if i <= 0:
        return None
    prev = doc[i - 1]
    while prev.is_space and prev.i > 0 and "\n" not in prev.text:
        prev = doc[prev.i - 1]
    window = _BEFORE_WINDOW if prev.text in (":", ",") else _BEFORE_WINDOW_NO_PUNCT
    for j in range(i - 1, max(-1, i - 1 - window), -1):
        token = doc[j]
        if token.text in _STOPS or '"' in token.text or _ends_paragraph(token, breaks):
            break
        entry = _entry(verbs, token)
        if entry is not None and entry.cues_direct and token.pos_ in _VERB_POS and token.dep_ != "amod":  # not "the written ruling"
            return token, False
    return None


def _credit(doc: Doc, p: Passage) -> Token | None:
    """'"...": Trump' / '"..." -- Trump' at the end of a line: the name credited."""
    i = _token_at(doc, p.close_at) + 1
    if i <= 0 or i >= len(doc):
        return None
    if len(doc[i - 1].text) > 1 and doc[i - 1].text[-1] in _DASHES:
        i -= 1  # '..."― Pamela Padilla': the mark and the dash are one token
    elif doc[i].text == ",":
        i += 1
    if i >= len(doc) or (doc[i].text not in _DASHES and doc[i].text[-1:] not in _DASHES):
        return None
    names: list[Token] = []
    for token in doc[i + 1 : i + 7]:
        if "\n" in token.text:
            break
        if token.is_space:
            continue
        if token.text == "." and names and (token.i + 1 == len(doc) or "\n" in token.whitespace_ or "\n" in doc[token.i + 1].text):
            break  # '"..." -- Steve Quinlan.' at the end of its line
        if token.pos_ not in ("PROPN", "NOUN", "DET", "ADJ") or token.is_punct:
            return None
        names.append(token)
    heads = [t for t in names if t.pos_ in ("PROPN", "NOUN")]
    return heads[-1] if heads and len(names) <= 5 else None


def _starts_sentence(text: str, at: int) -> bool:
    i = at - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    return i < 0 or text[i] in '\n.!?:"'


def _last_before(found: list[_Found], at: int) -> _Found | None:
    best = None
    for f in found:
        if f.span[1] <= at and (best is None or f.span[1] > best.span[1]):
            best = f
    return best


