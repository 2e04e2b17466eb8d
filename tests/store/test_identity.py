import pytest

from newsgraph.lexicons import titles
from newsgraph.store import identity


@pytest.mark.parametrize("a,b", [("Zelenskyy", "Zelensky"), ("Zelenskiy", "Zelensky"), ("Müller", "Muller"), ("O'Neill", "ONeil")])
def test_skeleton_tolerates_spelling(a, b):
    assert identity.skeleton(a) == identity.skeleton(b)


@pytest.mark.parametrize("a,b", [("Miller", "Millar"), ("Putin", "Peskov")])
def test_skeleton_keeps_different_names_apart(a, b):
    assert identity.skeleton(a) != identity.skeleton(b)


def test_person_parts_drop_honorifics():
    assert identity.person_parts("Mr. John Miller") == ("john", "miler")
    assert identity.person_parts("Miller") == (None, "miler")


def test_title_words_keep_offices_only():
    words = identity.title_words(["US defense minister", "the Pentagon boss"], titles())
    assert {"defense", "minister"} <= words and "boss" not in words and "us" not in words


def test_choose_prefers_compatible_and_rejects_conflicts():
    us = identity.Candidate(1, "john", "USA", frozenset({"senator"}), 5)
    uk = identity.Candidate(2, "sarah", "GBR", frozenset({"minister"}), 1)
    assert identity.choose("john", None, set(), [us, uk]) is us
    assert identity.choose(None, "GBR", set(), [us, uk]) is uk
    assert identity.choose(None, None, {"minister"}, [us, uk]) is uk
    assert identity.choose("peter", None, set(), [us, uk]) is None
    assert identity.choose(None, "FRA", set(), [us, uk]) is None
