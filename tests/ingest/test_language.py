"""Language detection, and what the pipeline does with a language it cannot read."""
from __future__ import annotations

import pytest

from newsgraph.errors import ConfigError, UnsupportedLanguage
from newsgraph.ingest.language import guess_language, language_code
from newsgraph.records import Article
from newsgraph.settings import Settings


@pytest.mark.parametrize("text, expected", [
    ("The harbour board met on Monday and said that the dredging of the channel would start in the spring.", "en"),
    ("Der Hafenrat hat am Montag beschlossen, die Fahrrinne im Frühjahr ausbaggern zu lassen, sagte der Vorsitzende.", "de"),
    ("Le conseil du port a décidé lundi de draguer le chenal au printemps, a déclaré son président.", "fr"),
    ("Совет порта в понедельник решил углубить канал весной, заявил его председатель.", "ru"),
    ("El consejo del puerto decidió el lunes dragar el canal en primavera, dijo su presidente.", "es"),
])
def test_guess_language(text, expected):
    assert guess_language(text) == expected


def test_short_text_gets_the_default():
    assert guess_language("Hafen Montag", default="en") == "en"


@pytest.mark.parametrize("value, code", [("en-US", "en"), ("DE", "de"), ("pt_BR", "pt"), ("", None), (None, None)])
def test_language_code(value, code):
    assert language_code(value) == code


def test_model_for():
    settings = Settings().replace(language_models="de=de_core_news_sm, fr=fr_core_news_md")
    assert settings.model_for("en") == settings.model
    assert settings.model_for("de") == "de_core_news_sm"
    assert settings.model_for("fr") == "fr_core_news_md"
    assert settings.model_for("es") is None
    assert Settings().replace(language_models={"de": "de_core_news_sm"}).model_for("de") == "de_core_news_sm"
    with pytest.raises(ConfigError):
        Settings().replace(language_models="de_core_news_sm")


def test_non_english_article_is_skipped_with_a_reason(pipeline):
    german = Article("hafen", "Der Hafenrat hat am Montag beschlossen, die Fahrrinne im Frühjahr ausbaggern zu lassen, sagte der Vorsitzende.")
    given = Article("given", "The harbour board met on Monday.", language="fr-FR")
    english = Article("english", "The harbour board met on Monday and said the channel would be dredged.")
    results = list(pipeline.pipe([german, given, english]))
    assert [type(r).__name__ for r in results] == ["UnsupportedLanguage", "UnsupportedLanguage", "Record"]
    assert isinstance(results[0], UnsupportedLanguage) and "'de'" in str(results[0]) and "language_models" in str(results[0])
    assert results[2].article.language == "en"


def test_configured_language_is_processed(pipeline):
    # any installed pipeline can be named for a language; the English one stands in here
    from newsgraph.pipeline import process_batch

    settings = pipeline.settings.replace(language_models=f"fr={pipeline.settings.model}")
    article = Article("fr", "Le conseil du port a décidé lundi de draguer le chenal au printemps.", language="fr")
    (record,) = process_batch(pipeline.nlp, [article], settings)
    assert record.article.language == "fr" and record.quality.flags == ()


@pytest.mark.parametrize(
    "prefix",
    ["1234567890" * 300, "| 2024 | 3.4 | 5.6 | " * 150, "<div class='x'></div>" * 120, "\ud800" * 50 + "-- " * 400],
)
def test_prose_after_digits_markup_or_junk_is_still_english(prefix):
    prose = "The government said on Tuesday that the new law would come into force in March, officials told reporters in Paris."
    assert guess_language(prefix + " " + prose) == "en"


def test_unspaced_scripts_still_reach_the_detector():
    assert guess_language("北京市政府周二表示，新的交通法规将于三月起正式实施，官员们对记者说。" * 3) == "zh"
