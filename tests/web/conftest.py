from ..api.conftest import client, kb_path  # noqa: F401  (the same hand-made knowledge base)
