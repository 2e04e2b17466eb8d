"""Across articles: the decisions that tie records of different articles
together — the same story (wire copies, re-publications, updates), the same
statement (one quote reported by several outlets), the same incident (one
real-world event told by several articles) — as pure functions over
what the store keeps of each article. The store maintains the groups on
ingest (``store/linking.py``); nothing here touches a database.
"""
from .incidents import EventFacts, same_incident
from .statements import denies, normalise_quote, same_statement
from .stories import Fingerprint, fingerprint, resemblance

__all__ = ["EventFacts", "same_incident", "Fingerprint", "fingerprint", "resemblance", "same_statement", "denies", "normalise_quote"]
