"""The web UI: server-rendered pages (``views.py``, ``templates/``), their CSS
and JS (``static/``), highlight segments (``highlight.py``) and SVG chart
geometry (``charts.py``). Served beside the JSON API by ``newsgraph.app.create_app``."""
