"""newsgraph: who said what, did what to whom, where, when and how many — from
news text, offline, with every record pointing back to its characters."""
from .errors import ArticleError, ConfigError, ModelNotFound, NewsgraphError
from .pipeline import Pipeline, extract, process_batch
from .records import Article, DateRef, Entity, Event, Figure, Flag, Location, Quality, Quote, Record
from .settings import Settings

__version__ = "0.1.0"

__all__ = [
    "extract",
    "Pipeline",
    "process_batch",
    "Settings",
    "Record",
    "Article",
    "Entity",
    "Quote",
    "Figure",
    "Event",
    "Location",
    "DateRef",
    "Flag",
    "Quality",
    "NewsgraphError",
    "ArticleError",
    "ConfigError",
    "ModelNotFound",
    "__version__",
]
