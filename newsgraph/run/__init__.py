"""Runners: the NLP in worker processes, one writer in the parent."""
from .local import IngestSummary, ingest, reprocess

__all__ = ["ingest", "reprocess", "IngestSummary"]
