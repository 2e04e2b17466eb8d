"""What the JSON API (``newsgraph.api``) and the web pages (``newsgraph.web``)
share: the app's state and the request's read-only connection (``deps.py``),
parameter parsing and validation (``params.py``), the handlers that turn
parameters into query results (``handlers.py``) and streamed CSV/JSON
downloads (``download.py``). Neither the API nor the pages import each other;
``newsgraph.app.create_app`` mounts both."""
