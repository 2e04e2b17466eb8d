import pytest

from newsgraph.export.tone import tone


def test_negative_news_has_negative_tone():
    t = tone("The attack killed three people and destroyed the hospital; survivors described terror and grief.")
    assert t.tone < 0 and t.negative > t.positive and t.words == 14


def test_positive_news_has_positive_tone():
    t = tone("The festival was a wonderful success, and visitors praised the friendly, happy atmosphere.")
    assert t.tone > 0 and t.positive > t.negative


def test_negation_flips_valence():
    assert tone("The talks were not good.").tone < 0 < tone("The talks were good.").tone


def test_self_group_density_and_gkg_field():
    t = tone("We said our position is clear, and we will not change it.")
    assert t.self_group == pytest.approx(100 * 3 / 12)
    fields = t.gkg().split(",")
    assert len(fields) == 7 and fields[4] == "" and fields[6] == "12"


def test_empty_text():
    assert tone("").words == 0 and tone("").tone == 0
