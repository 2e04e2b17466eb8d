"""What made a record: newsgraph's version, and the extractor version stored
beside every article (so that ``newsgraph reprocess`` knows what is stale)."""
from __future__ import annotations

from .settings import Settings

__all__ = ["__version__", "extractor_version"]

__version__ = "0.1.0"


def extractor_version(settings: Settings) -> str:
    """What extracted a record: newsgraph's version and the spaCy pipeline."""
    return f"newsgraph-{__version__}+{settings.model}"
