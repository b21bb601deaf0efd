"""The one ratio every score table is made of."""

from __future__ import annotations


def share(part: float, whole: float) -> float:
    """``part / whole``, or 0 when there is no whole (nothing predicted, no gold quotation).

    Example:
        >>> share(3, 4), share(0, 0)
        (0.75, 0.0)
    """
    return part / whole if whole else 0.0
