"""Offsets are sacred: after every normalisation, every span indexes the
original text exactly (checked through the whole pipeline)."""
import pytest

from .conftest import SAMPLES

NOISE = [
    ("plain", lambda t: t),
    ("curly and German quotes", lambda t: t.replace('"', "\u201c", 1).replace('"', "\u201d", 1).replace('"', "\u201e", 1).replace('"', "\u201c", 1)),
    ("guillemets", lambda t: t.replace('"', "\u00ab", 1).replace('"', "\u00bb", 1)),
    ("spaced hyphens", lambda t: t.replace("-", " -")),
    ("mojibake", lambda t: t.replace("'", "\u00e2\u20ac\u2122").replace("é", "\u00c3\u00a9")),
    ("soft hyphens", lambda t: t.replace("port", "po\u00adrt").replace("union", "uni\u00adon")),
    ("windows line ends", lambda t: t.replace("\n", "\r\n")),
    ("non-breaking spaces", lambda t: t.replace(" ", "\u00a0", 40)),
]


_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself", "they", "them", "their"})


@pytest.mark.parametrize("sample", ["harbour-strike.txt", "valley-floods.txt", "ministry-translated.txt"])
@pytest.mark.parametrize("name, noise", NOISE, ids=[n for n, _ in NOISE])
def test_entity_mentions_slice_the_original(pipeline, sample, name, noise):
    original = noise((SAMPLES / sample).read_text(encoding="utf-8"))
    record = pipeline(original)
    assert record.article.text == original
    assert record.entities
    for e in record.entities:
        for s, t in e.mentions:
            piece = original[s:t]
            assert piece and piece == piece.strip()
            # the original slice, normalised, reads as one of the entity's names
            forms = {f.replace("\u00a0", " ") for f in (e.name, *e.aliases)}
            read = piece.replace("\u00a0", " ").replace("\u00ad", "")
            # or what coreference joined to it: a pronoun or a description ("the company")
            joined = read.lower() in _PRONOUNS or read.split()[-1][:1].islower()
            assert read in forms or joined or name == "mojibake", (piece, forms)
    for flag in record.quality.flags:
        s, t = flag.span
        assert 0 <= s < t <= len(original)
