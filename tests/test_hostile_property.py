"""Property tests: whatever text arrives, every article comes out as a record
or as its own error, and every span indexes the text as read."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from newsgraph.errors import ArticleError
from newsgraph.ingest import normalize
from newsgraph.records import Record

SENTENCES = [
    "Police said on Monday that three men were arrested in Leeds.",
    '"We will not leave," the mayor of Eastvale told reporters.',
    "The ministry said 1,200 troops had crossed the border near Kharkiv.",
    "Prices rose 3.5 percent in March, the statistics office said.",
]
# every code point, surrogates, controls and unassigned ones included
ANY_CHAR = st.characters(codec=None, categories=None)
HOSTILE_BITS = st.sampled_from(
    ["\x00", "\x1b[31m", "\x1b]0;t\x07", "\ud800", "\udfff", "\u202e", "\u2028", "\x85", "\ufeff", "\u00ad", '"' * 7, "«»„“",
     "<script>x</script>", "&#0;", "🔥" * 3, "Ã©", "\r\n", "x" * 300, "9" * 400, " -", "the the"]
)
PIECE = st.one_of(st.sampled_from(SENTENCES), HOSTILE_BITS, st.text(ANY_CHAR, max_size=40))
ARTICLE = st.lists(PIECE, min_size=1, max_size=12).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(ARTICLE)
def test_normalized_text_maps_back_inside_the_original(text):
    ntext = normalize(text)
    n = len(ntext.text)
    assert not any("\ud800" <= c <= "\udfff" for c in ntext.text)  # the NLP never sees what cannot be encoded
    ntext.text.encode("utf-8")
    for start, end in [(0, n), (0, n // 2), (n // 3, n), (n // 2, n // 2)]:
        a, b = ntext.to_original(start, end)
        assert 0 <= a <= b <= len(text)
    for _, (a, b) in ntext.repairs:
        assert 0 <= a <= b <= len(text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(ARTICLE, min_size=1, max_size=4))
def test_every_article_becomes_a_record_or_its_own_error(pipeline, texts):
    articles = []
    for n, text in enumerate(texts):
        try:
            articles.append(pipeline.article(text, id=f"a{n}"))
        except ArticleError as exc:  # refused at the door (empty, binary): named, not raised
            assert exc.article_id == f"a{n}"
    results = list(pipeline.pipe(articles))
    assert len(results) == len(articles)
    for article, result in zip(articles, results):
        assert isinstance(result, (Record, ArticleError))
        if isinstance(result, ArticleError):
            assert result.article_id == article.id
            continue
        assert result.article.text == article.text  # as read
        d = result.to_dict()
        for kind in ("entities", "quotes", "figures", "events", "locations", "dates"):
            for item in d[kind]:
                for span in [item.get("span")] + list(item.get("mentions") or []):
                    if span:
                        assert 0 <= span[0] <= span[1] <= len(article.text)
