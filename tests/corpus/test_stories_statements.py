"""Cross-article decisions on hand-written, fictional articles."""
import pytest

from newsgraph.corpus import denies, fingerprint, resemblance, same_statement
from newsgraph.corpus.stories import SAME_STORY, Fingerprint
from newsgraph.lexicons import denial_cues, read_tsv

WIRE = (
    "EASTVALE (Newswire) - Three people were killed and twelve injured when a drone struck a fuel depot on the "
    "outskirts of Eastvale early on Tuesday, regional governor Mara Olsen said. Firefighters battled the blaze for "
    "six hours before bringing it under control, the emergency service said in a statement. Olsen said the attack "
    "was the third on the region this month and called for more air defence systems to protect civilian sites."
)
COPY = "Drone strike on Eastvale depot kills three\n\n" + WIRE.replace("(Newswire) - ", "- ")
UPDATE = WIRE + (
    " Later on Tuesday the death toll rose to four after a worker died in hospital, the health ministry said. "
    "Residents near the depot were told to keep their windows closed because of the smoke."
)
OTHER_NEWSROOM = (
    "A fuel depot near Eastvale was hit by a drone before dawn, leaving three dead, according to local officials. "
    "Witnesses described a loud explosion followed by a column of black smoke visible across the city. The regional "
    "administration asked for additional anti-aircraft equipment after what it called a deliberate strike."
)


def sim(a, b):
    return resemblance(fingerprint(a), fingerprint(b))


def test_a_wire_copy_with_a_new_headline_is_the_same_story():
    assert sim(WIRE, COPY) >= SAME_STORY


def test_an_update_with_a_new_paragraph_is_the_same_story():
    assert sim(WIRE, UPDATE) >= SAME_STORY


def test_another_newsrooms_report_of_the_same_event_is_another_story():
    assert sim(WIRE, OTHER_NEWSROOM) < 0.2


def test_same_story_articles_share_a_band_and_others_rarely_do():
    a, b, c = fingerprint(WIRE), fingerprint(COPY), fingerprint(OTHER_NEWSROOM)
    assert set(a.bands) & set(b.bands)
    assert not set(a.bands) & set(c.bands)


def test_fingerprints_are_stable_and_round_trip():
    f = fingerprint(WIRE)
    assert f == fingerprint(WIRE)
    assert Fingerprint.from_bytes(f.to_bytes()) == f
    assert fingerprint("Too short to group.") is None


@pytest.mark.parametrize(
    "a, b, same",
    [
        ('"We will not leave Eastvale, whatever they send against us," Olsen said.',
         "We will not leave Eastvale whatever they send against us", True),
        ("We will not leave Eastvale, whatever they send against us, and we will rebuild the depot by spring",
         "we will not leave Eastvale, whatever they send against us", True),  # a fragment of the full quote
        ("The depot will be rebuilt by spring with help from the capital", "The depot will never be rebuilt", False),
        ("No comment", "No comment", False),  # too short to tell one statement from everyone's
        ("Talks with the union will resume on Monday in the capital", "Talks with the union will resume on Friday in Eastvale", False),
    ],
)
def test_same_statement(a, b, same):
    assert same_statement(a, b) is same


def test_a_denial_carries_the_words_it_denies():
    claim = "troops crossed the border near Eastvale on Sunday"
    assert denies("denied", "that troops had crossed the border near Eastvale", claim)
    assert not denies("said", "that troops had crossed the border near Eastvale", claim)
    assert not denies("denied", "any plan to raise taxes next year", claim)
    # a thing rejected is no statement denied, however many words it shares
    assert not denies("rejected", "a takeover offer from Deutsche Boerse", "Deutsche Boerse has made a takeover offer for the exchange")
    assert not denies("denies", "he is the father", "the father of the child is the minister, the court heard")


@pytest.mark.parametrize("row", read_tsv("denial_cues.tsv"), ids=lambda r: r["cue"])
def test_every_denial_cue_row(row):
    assert denial_cues()[row["cue"]] == row["kind"]
    assert denies(row["cue"], "that the minister resigned after the vote last week", "the minister resigned after the vote last week")
