"""Incidents: one rule per case, and its negative."""
import pytest

from newsgraph.corpus import EventFacts, same_incident

KYIV = dict(place=703448, lat=50.45, lon=30.52)
BASE = EventFacts("ASSAULT", "2025-03-04", True, actor=1, actor_country="RUS", target=2, target_country="UKR", **KYIV)


def variant(**changes):
    return EventFacts(**{**BASE.__dict__, **changes})


@pytest.mark.parametrize(
    "other, same",
    [
        (variant(), True),
        (variant(actor=9), True),  # "Russia" and "Russian forces": two entities of one country
        (variant(actor=None, actor_country=None), True),  # one report does not say who: target and place agree
        (variant(day="2025-03-05"), True),  # dated a day apart
        (variant(place=None, lat=50.40, lon=30.60), True),  # a district of the city, 8 km off
        (variant(type="PROTEST"), False),
        (variant(actor=7, actor_country="BLR"), False),  # another attacker: two incidents on one city, one day
        (variant(day="2025-03-07"), False),  # three days apart, both dated
        (variant(day="2025-03-07", dated=False), True),  # dated by publication only: within the window
        (variant(place=698740, lat=46.48, lon=30.72), False),  # Odesa, not Kyiv
        (variant(negated=True), False),
        (variant(actor=None, actor_country=None, target=None, target_country=None), False),  # only the place agrees
    ],
)
def test_same_incident(other, same):
    assert same_incident(BASE, other) is same
    assert same_incident(other, BASE) is same  # symmetric: the order of reports does not matter
