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
        (variant(dated=False, day="2025-03-05", target=None, target_country=None), False),  # undated: actor and place are not enough
        (variant(dated=False, day="2025-03-05", place=None, lat=None, lon=None), True),  # undated: actor and target are
    ],
)
def test_same_incident(other, same):
    assert same_incident(BASE, other) is same
    assert same_incident(other, BASE) is same  # symmetric: the order of reports does not matter


def test_undated_reports_need_actor_and_target_not_only_a_place():
    a = EventFacts("CONSULT", "2016-03-15", False, actor=5, actor_country="USA", actor_person=True, place=4398678)
    assert not same_incident(a, EventFacts("CONSULT", "2016-03-16", False, actor=5, actor_country="USA", actor_person=True, place=4398678))
    assert same_incident(EventFacts("SUPPORT", "2016-07-12", False, actor=5, actor_person=True, target=6, target_person=True),
                         EventFacts("SUPPORT", "2016-07-13", False, actor=5, actor_person=True, target=6, target_person=True))


def test_two_people_of_one_country_are_two_actors():
    comey = EventFacts("ACCUSE", "2016-07-05", True, actor=10, actor_country="USA", actor_person=True, target=11, target_country="USA")
    ryan = EventFacts("ACCUSE", "2016-07-05", True, actor=12, actor_country="USA", actor_person=True, target=11, target_country="USA")
    assert not same_incident(comey, ryan)


def test_said_acts_between_the_same_two_parties_recur_so_they_need_the_same_days():
    clinton = dict(actor=5, actor_country="USA", actor_person=True, target=6, target_country="USA", target_person=True)
    a = EventFacts("ACCUSE", "2016-04-08", False, **clinton)
    assert same_incident(a, EventFacts("ACCUSE", "2016-04-09", False, **clinton))  # the next day's report of it
    assert not same_incident(a, EventFacts("ACCUSE", "2016-04-11", False, **clinton))  # three days on: another attack
    assert not same_incident(a, EventFacts("ACCUSE", "2016-04-08", False, actor=5, actor_country="USA", actor_person=True))
    # a material event told three days later by publication is still the one event
    strike = dict(actor=1, actor_country="RUS", target=2, target_country="UKR")
    assert same_incident(EventFacts("ASSAULT", "2025-03-04", False, **strike), EventFacts("ASSAULT", "2025-03-07", False, **strike))
