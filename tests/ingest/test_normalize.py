import string

from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.ingest.normalize import normalize


def test_quote_marks_become_ascii_without_moving_offsets():
    text = "„Wir schaffen das“, «nous verrons», ‹oui› and “this” ‘too’"
    n = normalize(text)
    assert len(n.text) == len(text)
    assert n.text == '"Wir schaffen das", "nous verrons", \'oui\' and "this" \'too\''
    assert n.to_original(1, 4) == (1, 4)


def test_spaced_hyphen_repaired_and_mapped_back():
    text = "Zelenskyy and other high -ranking officials met. They called it a Pro -quo."
    n = normalize(text)
    assert "high-ranking" in n.text and "Pro-quo" in n.text
    s = n.text.index("high-ranking")
    a, b = n.to_original(s, s + len("high-ranking"))
    assert text[a:b] == "high -ranking"
    assert [kind for kind, _ in n.repairs] == ["hyphen-spacing", "hyphen-spacing"]


def test_parenthetical_dash_is_left_alone():
    text = "The deal - if it happens - is worth 5 -3 in their favour."
    assert normalize(text).text == text


def test_mojibake_repaired_word_by_word():
    text = "He visited the CafÃ© de Flore and said â€œbonjourâ€\x9d to everyone."
    n = normalize(text)
    assert "Café" in n.text
    s = n.text.index("Café")
    a, b = n.to_original(s, s + 4)
    assert text[a:b] == "CafÃ©"
    assert any(kind == "encoding" for kind, _ in n.repairs)


def test_invisible_characters_dropped():
    text = "Ukr\u00adaine\u200b said"
    n = normalize(text)
    assert n.text == "Ukraine said"
    a, b = n.to_original(0, 7)
    assert text[a:b] == "Ukr\u00adaine"


def test_clean_text_needs_no_map():
    text = "A plain sentence.\nAnother one."
    n = normalize(text)
    assert n.text == text and n._starts is None and n.repairs == ()


_pieces = st.sampled_from(
    ["word", " ", "\n", "high -ranking", "“", "”", "„", "«", "»", "’", "CafÃ©", "Ã", "\u00ad", "\u200b", "-", " -", "- ", "é", "Kyiv", "\u00a0", "\r\n", "â€™"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_pieces, st.text(alphabet=string.ascii_letters + " -", max_size=5)), max_size=40))
def test_every_span_maps_into_the_original(parts):
    original = "".join(parts)
    n = normalize(original)
    size = len(n.text)
    for start in range(0, size + 1, max(1, size // 15)):
        for end in range(start, size + 1, max(1, size // 10)):
            a, b = n.to_original(start, end)
            assert 0 <= a <= b <= len(original)
    # every normalised word that is unchanged maps back to the same characters
    for word in {w for w in n.text.split() if w.isalpha()}:
        s = n.text.find(word)
        a, b = n.to_original(s, s + len(word))
        if original[a:b].isalpha():
            assert original[a:b] == word


# ------------------------------------------------------------------ hostile characters

import pytest as _pytest


@_pytest.mark.parametrize(
    "text, kind, nlp_sees",
    [
        ("Officials said \ud800 the attack", "unencodable", "Officials said \ufffd the attack"),
        ("broken pair \udc00\ud83d here", "unencodable", "broken pair \ufffd\ufffd here"),
        ("The minister said\x00 the budget", "control", "The minister said  the budget"),
        ("bell\x07 and backspace\x08", "control", "bell  and backspace "),
        ("\x1b[1;31mAlert\x1b[0m: the port closed", "control", "Alert: the port closed"),
        ("title\x1b]0;window\x07 text", "control", "title text"),
    ],
)
def test_hostile_characters_are_repaired_for_the_nlp_and_flagged(text, kind, nlp_sees):
    ntext = normalize(text)
    assert ntext.text == nlp_sees
    assert kind in {k for k, _ in ntext.repairs}
    ntext.text.encode("utf-8")  # what the NLP reads can always be encoded
    # spans of the NLP text still index the original
    word = nlp_sees.split()[-1]
    i = nlp_sees.rindex(word)
    a, b = ntext.to_original(i, i + len(word))
    assert text[a:b] == word
