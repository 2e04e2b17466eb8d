"""The JSON API under ``/api`` (``routes.py``): the same handlers
(``newsgraph.service``) as the web pages. ``newsgraph.app.create_app``
mounts it beside the pages."""
from __future__ import annotations

from .routes import MAX_BATCH, router

__all__ = ["router", "MAX_BATCH"]
