"""Every lexicon entry is loadable and does what its row says."""
import pytest

from newsgraph.lexicons import countries, institutions, key, read_tsv, titles


def test_key_normalises_the_way_news_writes():
    assert key("the U.S.") == "us"
    assert key("Russia’s") == "russia"
    assert key("  The  White House ") == "white house"


@pytest.mark.parametrize("row", read_tsv("countries.tsv"), ids=lambda r: r["alpha3"])
def test_every_country_row_resolves_its_names_and_demonyms(row):
    lex = countries()
    for alias in filter(None, row["aliases"].split("|")):
        assert lex.lookup(alias) == row["alpha3"], alias
    for demonym in filter(None, row["demonyms"].split("|")):
        assert lex.lookup(demonym) == row["alpha3"], demonym


def test_official_names_come_from_pycountry():
    assert countries().lookup("Kingdom of the Netherlands") == "NLD" or countries().lookup("Netherlands") == "NLD"
    assert countries().lookup("Bhutan") == "BTN"


@pytest.mark.parametrize("row", read_tsv("institutions.tsv"), ids=lambda r: r["name"])
def test_every_institution_row(row):
    inst = institutions()[key(row["name"])]
    assert inst.type == row["type"]
    assert inst.country == (None if row["country"] == "-" else row["country"])
    for alias in filter(lambda a: a != "-", row["aliases"].split("|")):
        assert institutions()[key(alias)].name == row["name"]


@pytest.mark.parametrize("row", read_tsv("titles.tsv"), ids=lambda r: r["word"])
def test_every_title_row(row):
    t = titles()[row["word"]]
    assert t.role in ("title", "generic", "domain")
    assert (t.domain or "-") == row["domain"]
