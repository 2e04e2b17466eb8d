"""Building regular expressions from word lists.

A list of words joined as ``a|b|c`` makes the regex engine try every word at
every position it reaches; the same words factored into a trie
(``a(?:fter|n(?:d)?)?``) test one character per step, several times faster on
long lists, and match the same strings: at each point the longer continuation
is tried first, as an alternation sorted longest first does.
"""
from __future__ import annotations

import re
from typing import Iterable

__all__ = ["alternation"]


def alternation(words: Iterable[str]) -> str:
    """A regex (no capturing groups) matching exactly one of ``words``, longest first."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return _emit(trie)


def _emit(node: dict) -> str:
    branches = [re.escape(char) + _emit(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    # a word ends here and longer ones go on: try them first, as longest-first does
    return ("(?:" + body + ")" if len(branches) == 1 and len(body) > 1 else body) + "?"
