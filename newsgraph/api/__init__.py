"""The HTTP API and web UI over a knowledge base.

    >>> app = create_app("newsgraph.db")                  # doctest: +SKIP
    >>> uvicorn.run(app, host="127.0.0.1", port=8000)     # doctest: +SKIP

``newsgraph serve`` does exactly that. JSON routes live under ``/api``
(``routes.py``), pages at the top level (``newsgraph/web/views.py``); both call
the handlers in ``handlers.py``, which call ``newsgraph.store.queries``.
"""
from __future__ import annotations

from .app import CSP, create_app

__all__ = ["create_app", "CSP"]
