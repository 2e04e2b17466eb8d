"""The order of stages, Article -> Record, and the one batch function every
runner (CLI, library, later the store and the cluster) calls.

    Article.text --normalize--> NLP text --spaCy--> Doc
        --extractors (pure, doc coordinates)--> records --to_original--> Record

Extractors see only the normalised text; ``_to_original`` is the one place
where spans are mapped back, so every span in a ``Record`` indexes
``Article.text`` exactly.
"""
from __future__ import annotations

import dataclasses
import logging
from typing import Any, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .errors import ArticleError, UnsupportedLanguage
from .extract import extract_entities, extract_quotes
from .extract.confidence import with_confidence
from .extract.coref import resolve_coreference
from .extract.doc_cache import remember_text
from .extract.dates import extract_dates
from .extract.events import extract_events
from .extract.figures import extract_figures
from .extract.places import extract_places, with_place_countries
from .geo import Gazetteer, load_gazetteer
from .extract.quality import assess_quality, detect_noise
from .ingest import NormalizedText, make_article, normalize
from .ingest.language import guess_language, language_code
from .nlp import load_pipeline
from .records import Article, Record
from .settings import Settings

__all__ = ["Pipeline", "process_batch", "extract"]

log = logging.getLogger(__name__)

Result = Record | ArticleError


def build_record(article: Article, doc: Doc, ntext: NormalizedText, gazetteer: Gazetteer) -> Record:
    """All extractors over one parsed article, in the order their inputs need;
    then every span mapped to the original text. One line per stage."""
    remember_text(doc, ntext.text)  # spaCy rebuilds doc.text on every read
    entities = extract_entities(doc)
    dates = extract_dates(doc, article.published, ntext.text)
    figures, figure_flags = extract_figures(doc, dates, ntext.text)
    locations = extract_places(doc, entities, gazetteer)
    entities = with_place_countries(entities, locations)
    entities = resolve_coreference(doc, entities)  # pronouns and descriptions join their entity's mentions
    quotes = extract_quotes(doc, entities)
    events = extract_events(doc, entities, quotes, dates, figures, locations)
    # repairs made while normalising are already in original offsets
    noise = _remap(detect_noise(doc), ntext) if doc.lang_ == "en" else ()
    quality = assess_quality(ntext.repairs, noise + _remap(figure_flags, ntext), n_words=len(doc))
    record = Record(
        article=article,
        entities=_remap(entities, ntext),
        quotes=_remap(quotes, ntext),
        figures=_remap(figures, ntext),
        events=_remap(events, ntext),
        locations=_remap(locations, ntext),
        dates=_remap(dates, ntext),
        quality=quality,
    )
    return with_confidence(record)


def _remap(items, ntext: NormalizedText) -> tuple:
    if ntext.is_identity:  # the NLP read the original's offsets: nothing to map
        return tuple(items)
    return tuple(_to_original(item, ntext) for item in items)


def process_batch(
    nlp: Language, articles: Iterable[Article | ArticleError | None], settings: Settings, gazetteer: Gazetteer | None = None
) -> Iterator[Result]:
    """Records for ``articles`` in input order; an ``ArticleError`` (passed in,
    or raised while processing one article) is yielded in its place.

    Streams: articles are read ``settings.batch_size`` at a time and each
    batch's records are yielded before the next batch is read, so a pipe held
    open gets its records as they are done and memory stays flat. Nothing one
    article raises reaches the batch: a failure in any stage (language,
    normalisation, the parse, the extractors) becomes that article's error.
    A ``None`` among the articles (a reader's ``IDLE``: no more input is ready
    yet) sends the batch held so far out at once. Without a ``gazetteer``,
    the one ``settings.cache_dir`` holds is loaded here, once."""
    if gazetteer is None:
        gazetteer = load_gazetteer(settings.cache_dir or None)
    batch: list[Article | ArticleError] = []
    for item in articles:
        if item is None:
            if batch:
                yield from _process_one_batch(nlp, batch, settings, gazetteer)
                batch = []
            continue
        batch.append(item)
        if len(batch) >= settings.batch_size:
            yield from _process_one_batch(nlp, batch, settings, gazetteer)
            batch = []
    if batch:
        yield from _process_one_batch(nlp, batch, settings, gazetteer)


def _process_one_batch(nlp: Language, batch: list[Article | ArticleError], settings: Settings, gazetteer: Gazetteer) -> Iterator[Result]:
    prepared: list[tuple[Article, NormalizedText, Language | None] | ArticleError] = [
        item if isinstance(item, ArticleError) else _guarded(_prepare, item, settings) for item in batch
    ]
    english = [p for p in prepared if not isinstance(p, ArticleError) and p[2] is None]
    docs = iter(_parse_all(nlp, [p[1].text for p in english], [p[0].id for p in english], settings))
    for item in prepared:
        if isinstance(item, ArticleError):
            yield item
            continue
        article, ntext, other = item
        doc = next(docs) if other is None else _guarded(lambda a, t: other(t), article, ntext.text)
        if isinstance(doc, ArticleError):
            yield doc
            continue
        yield _guarded(lambda a, d: build_record(a, d, ntext, gazetteer), article, doc)


def _prepare(article: Article, settings: Settings) -> tuple[Article, NormalizedText, Language | None] | ArticleError:
    """The text the NLP reads, the article's language, and the pipeline for
    it (None: English, which goes through the batch)."""
    ntext = normalize(article.text)
    checked = _checked_language(article, ntext.text, settings)
    if isinstance(checked, ArticleError):
        return checked
    other = None if checked.language == "en" else load_pipeline(settings.model_for(checked.language))
    return checked, ntext, other


def _parse_all(nlp: Language, texts: list[str], ids: list[str], settings: Settings) -> list[Doc | ArticleError]:
    """Parse ``texts`` in one ``nlp.pipe``; if the batch fails, each text on
    its own, so that only the text that breaks the parser fails."""
    try:
        return list(nlp.pipe(texts, batch_size=settings.batch_size))
    except Exception:
        log.warning("the parser failed on a batch of %d; parsing its articles one by one", len(texts))
    out: list[Doc | ArticleError] = []
    for text, article_id in zip(texts, ids):
        try:
            out.append(nlp(text))
        except Exception as exc:
            log.exception("parsing failed for %s", article_id)
            out.append(ArticleError(article_id, f"parsing failed: {exc.__class__.__name__}: {exc}"))
    return out


def _guarded(stage, article: Article, *args):
    """``stage(article, *args)``, or the article's error when it raises."""
    try:
        return stage(article, *args)
    except ArticleError as exc:
        return exc
    except Exception as exc:  # one article's failure must not stop the batch
        log.exception("extraction failed for %s", article.id)
        return ArticleError(article.id, f"extraction failed: {exc.__class__.__name__}: {exc}")


def _checked_language(article: Article, text: str, settings: Settings) -> Article | ArticleError:
    """``article`` with its language set (given, else detected from ``text``,
    the normalised copy), or ``UnsupportedLanguage`` when no spaCy pipeline is
    configured for it."""
    language = language_code(article.language) or guess_language(text, settings.default_language)
    if language != "en" and settings.model_for(language) is None:
        return UnsupportedLanguage(
            article.id,
            f"the text is in {language!r}; newsgraph reads English, or a language given a spaCy pipeline "
            f"with the setting language_models (e.g. NEWSGRAPH_LANGUAGE_MODELS='{language}=<installed pipeline>')",
        )
    return article if article.language == language else dataclasses.replace(article, language=language)


class Pipeline:
    """Loads the spaCy pipeline once; turns articles into records.

    >>> pipeline = Pipeline()                       # doctest: +SKIP
    >>> record = pipeline("Kremlin spokesman Dmitry Peskov said ...")  # doctest: +SKIP
    >>> for record in pipeline.pipe(articles): ...  # doctest: +SKIP
    """

    def __init__(self, settings: Settings | None = None, **overrides: Any):
        settings = settings or Settings.load()
        self.settings = settings.replace(**overrides) if overrides else settings
        self.nlp = load_pipeline(self.settings.model)
        self._gazetteer: Gazetteer | None = None

    @property
    def gazetteer(self) -> Gazetteer:
        """The place index, loaded (from its cache) on first use."""
        if self._gazetteer is None:
            self._gazetteer = load_gazetteer(self.settings.cache_dir or None)
        return self._gazetteer

    def __call__(self, text: str | Article, *, published: str | None = None, **meta: Any) -> Record:
        article = text if isinstance(text, Article) else self.article(text, published=published, **meta)
        result = next(process_batch(self.nlp, [article], self.settings, self.gazetteer))
        if isinstance(result, ArticleError):
            raise result
        return result

    def article(self, text: str, *, published: str | None = None, id: str = "article", **meta: Any) -> Article:
        fields = {k: meta.pop(k) for k in ("title", "url", "source", "language") if k in meta}
        return make_article(id, text, self.settings, published=published, meta=meta, **fields)

    def pipe(self, articles: Iterable[Article | ArticleError | str | None]) -> Iterator[Result]:
        """Records for many articles, batched through spaCy (``None``: send the batch so far)."""

        def as_articles() -> Iterator[Article | ArticleError | None]:
            for n, item in enumerate(articles, 1):
                if isinstance(item, str):
                    try:
                        yield self.article(item, id=str(n))
                    except ArticleError as exc:
                        yield exc
                else:
                    yield item

        yield from process_batch(self.nlp, as_articles(), self.settings, self.gazetteer)


_default: Pipeline | None = None


def extract(text: str, *, published: str | None = None, **meta: Any) -> Record:
    """Extract one article with the default settings (the model loads once)."""
    global _default
    if _default is None:
        _default = Pipeline()
    return _default(text, published=published, **meta)


# ------------------------------------------------------------------ offsets

def _to_original(item: Any, ntext: NormalizedText) -> Any:
    """Map every span of a record from the NLP text to the original text."""
    if not dataclasses.is_dataclass(item):
        return item
    changes = {}
    for f in dataclasses.fields(item):
        value = getattr(item, f.name)
        if f.name == "span" or f.name.endswith("_span"):
            if value is not None:
                changes[f.name] = ntext.to_original(*value)
        elif f.name == "mentions":
            changes[f.name] = tuple(ntext.to_original(*m) for m in value)
        elif dataclasses.is_dataclass(value):
            changes[f.name] = _to_original(value, ntext)
    if "text" in {f.name for f in dataclasses.fields(item)} and "span" in changes:
        s = changes["span"]
        changes["text"] = ntext.original[s[0] : s[1]]
    return dataclasses.replace(item, **changes) if changes else item
