import pytest

from newsgraph.errors import BinaryInput
from newsgraph.ingest.decode import decode_bytes, looks_binary

TEXT = "Kyiv’s mayor said the café on Khreshchatyk reopened — «finally», he added. Ärger in München."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_unicode_encodings_round_trip(encoding):
    assert decode_bytes(TEXT.encode(encoding), "a") == TEXT


def test_latin1_article_is_decoded():
    text = "Le ministre a déclaré que la réforme était « nécessaire » pour l'économie française et européenne."
    assert decode_bytes(text.encode("latin-1"), "a") == text


def test_cp1252_curly_quotes_are_decoded():
    text = "The minister said: \u201cWe will not resign,\u201d and left the room in a hurry before the vote."
    assert decode_bytes(text.encode("cp1252"), "a") == text


@pytest.mark.parametrize("data", [b"\x00\x01\x02binary\x00", bytes(range(0, 32)) * 20])
def test_binary_is_refused_with_the_article_id(data):
    assert looks_binary(data)
    with pytest.raises(BinaryInput) as err:
        decode_bytes(data, "photo.jpg")
    assert "photo.jpg" in str(err.value)


def test_one_stray_nul_in_text_is_not_binary():
    from newsgraph.ingest.decode import looks_binary

    text = "The minister said\x00 the budget would rise by 5 percent next year, officials in London said."
    assert not looks_binary(text.encode())
    assert decode_bytes(text.encode(), "stray") == text  # kept as read; normalize repairs it for the NLP
    assert looks_binary(b"\x00\x01\x02\x03" * 100)
