r"""Compile many words and phrases into one regular expression that runs in one pass.

A plain alternation (``Kakashi|Kakashi Hatake|Konoha|...``) makes the regex engine try every
alternative at every position; a trie shares prefixes (``Ka(?:kashi(?:\s+Hatake)?|...)``),
so each position costs a few comparisons whatever the number of forms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ficlens.fandoms.pack import normalize

PLURAL = "e?s"
"""What a form marked plural may end with: ``Muggle`` matches ``Muggles``, ``Horcrux``
``Horcruxes``."""


@dataclass(slots=True)
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    end: bool = False
    plural: bool = False


def _atom(char: str) -> str:
    if char == " ":
        return r"\s+"  # a phrase may break across lines
    return "['’]" if char == "'" else re.escape(char)


def _node_regex(node: _Node) -> str:
    branches = [_atom(char) + _node_regex(child) for char, child in sorted(node.children.items())]
    if node.plural:
        branches.append(PLURAL)
    if len(branches) == 1 and not node.end:
        return branches[0]
    group = "(?:" + "|".join(branches) + ")" if branches else ""
    return group + "?" if node.end and group else group


def trie_regex(forms: Iterable[tuple[str, bool]]) -> str:
    r"""A regex (no anchors, no flags) matching any of ``forms`` in lower case, longest first.

    Args:
        forms: ``(form, plural)`` pairs; a form is normalized (see
            :func:`~ficlens.fandoms.pack.normalize`) and lower-cased, its spaces match any
            run of whitespace, its apostrophes straight or curly ones, and a plural form may
            also end in ``s`` or ``es``.

    Example:
        >>> pattern = re.compile(trie_regex([("copy ninja", False), ("jutsu", True)]))
        >>> [m.group() for m in pattern.finditer("a copy\nninja's jutsus")]
        ['copy\nninja', 'jutsus']
    """
    root = _Node()
    for form, plural in forms:
        node = root
        for char in normalize(form).lower():
            node = node.children.setdefault(char, _Node())
        node.end = True
        node.plural = node.plural or plural
    return _node_regex(root)
