"""The report's "Before you read" box: rating, warnings, pairings, tags, summary, evidence."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ficlens.content.corpus import AO3_RATINGS
from ficlens.content.passages import SHOWN, shown
from ficlens.content.summary import summary_text
from ficlens.content.warnings import may_apply
from ficlens.model import Content, ContentWarning, Relationship, Span

_QUOTE = SHOWN
"""A passage is shown whole: its window already holds its hit (:func:`.passages.around`)."""
_SHOWN_TAGS = 12


def one_line(text: str, limit: int) -> str:
    r"""``text`` on one line, cut with ``…`` to at most ``limit`` characters.

    Example:
        >>> one_line("Rain on\n the bridge", 10)
        'Rain on t…'
    """
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _passage(text: str, span: Span) -> str:
    """A passage in quotation marks, on one line, cut at ``_QUOTE`` characters.

    A passage that is itself dialogue keeps its own marks rather than gaining a second pair; the
    unmatched mark of a quotation that began or goes on outside the passage is dropped.

    Example:
        >>> _passage('He ran. “Stop!” she said.', Span(8, 25)), _passage("He ran.", Span(0, 7))
        ('“Stop!” she said.', '“He ran.”')
        >>> _passage("“Look. Sit there, drinking.”", Span(7, 28))
        '“Sit there, drinking.”'
        >>> _passage("He ran and she cried.", Span(11, 21))
        '“…she cried.”'
    """
    flat = shown(text, span)
    if flat.endswith("”") and flat.count("“") < flat.count("”"):
        flat = flat[:-1]
    elif flat.startswith("“") and flat.count("“") > flat.count("”"):
        flat = flat[1:]
    elif flat.count('"') % 2 == 1:
        flat = flat[:-1] if flat.endswith('"') else flat.removeprefix('"')
    flat = one_line(flat, _QUOTE)
    return flat if flat[:1] in '"“' else f"“{flat}”"


def _why_not_likeliest(chosen: str, likeliest: str) -> str:
    """Why the rating is not the most probable one (:func:`ficlens.content.rating.decide`).

    A stricter one: an under-rating costs more. A milder one: a mistake costs its distance on
    the scale, so with the odds spread over the ratings below it (Explicit 0.47, Mature 0.35,
    Teen 0.13) the middle of them is the safer guess.
    """
    if AO3_RATINGS.index(chosen) > AO3_RATINGS.index(likeliest):
        return "the rating errs on the stricter side"
    return "under even odds, so the rating takes the middle of the likely ones"


def _rating_lines(content: Content, text: str) -> list[RenderableType]:
    rating = content.rating
    if rating is None:
        return []
    if rating.ao3 is None:
        why = rating.reasons[0].text if rating.reasons else "unknown"
        return [Text.assemble(("Rating  ", "bold cyan"), (why, "yellow"))]
    line = Text.assemble(
        ("Rating  ", "bold cyan"),
        (rating.ao3, "bold"),
        f" (AO3) · {rating.ffn} (FanFiction.Net) · confidence {rating.confidence:.2f}",
    )
    lines: list[RenderableType] = [line]
    likeliest = max(rating.probabilities, key=lambda item: item[1], default=None)
    if likeliest is not None and likeliest[0] != rating.ao3:
        lines.append(
            Text(
                f"  most probable: {likeliest[0]} ({likeliest[1]:.2f}); "
                + _why_not_likeliest(rating.ao3, likeliest[0]),
                style="dim",
            )
        )
    if rating.declared:
        where = "the site" if rating.declared_from == "metadata" else "the author's note"
        agrees = "agrees" if rating.declared == rating.ao3 else "the text's most probable rating"
        flag = {
            "under": ("  ⚠ declared milder than the text reads", "bold red"),
            "over": ("  declared stronger than the text reads", "yellow"),
        }.get(rating.disagreement or "", (f"  {agrees}", "green"))
        lines.append(Text.assemble(f"  declared by {where}: {rating.declared}", flag))
    for reason in rating.reasons[:4]:
        lines.append(Text(f"  · {reason.text}", style="dim"))
        if reason.evidence:
            lines.append(Text(f"      {_passage(text, reason.evidence[0])}", style="italic"))
    return lines


def _warnings(content: Content, text: str) -> Table | None:
    if not content.warnings:
        return None
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for warning in content.warnings:  # an archive warning's confidence is a calibrated chance
        scheme = f"AO3, chance {warning.confidence:.2f}" if warning.scheme == "ao3" else "content"
        shown = _passage(text, warning.evidence[0]) if warning.evidence else _no_passage(warning)
        style = "red" if warning.scheme == "ao3" and warning.evidence else ""
        table.add_row(Text(f"{warning.name} ({scheme})", style=style), Text(shown, style="dim"))
    return table


UNSURE_NONE = 0.5
"""Below this chance that no archive warning applies, "No Archive Warnings Apply" says that no
warning reached its threshold rather than that none is needed."""


def _no_passage(warning: ContentWarning) -> str:
    """What a warning without passages shows.

    "No Archive Warnings Apply" needs none, unless a warning that did not fire is notably
    likely (``possible``: named with its chance) or its own chance is low: several warnings
    each likely, none sure enough to be given.
    """
    if warning.possible:
        named = may_apply(warning.possible)
        return f"none reached its threshold; may apply: {named}. Read with care"
    if warning.scheme == "ao3" and warning.confidence < UNSURE_NONE:
        return "none reached its threshold, but one may apply: read with care"
    return "no passage needed"


def _pairing(relationship: Relationship) -> str:
    """The tag, marked main, and inferred when no romance passage joins a romantic pair."""
    marks = ["main"] if relationship.main else []
    if relationship.kind == "romantic" and relationship.basis == "together":
        marks.append("inferred")
    return relationship.tag + (f" ({', '.join(marks)})" if marks else "")


def before_you_read(content: Content, text: str) -> RenderableType:
    """The box: rating with reasons, warnings with a passage each, pairings, tags, summary."""
    parts: list[RenderableType] = [*_rating_lines(content, text)]
    warnings = _warnings(content, text)
    if warnings is not None:
        parts += [Text("Warnings", style="bold cyan"), warnings]
    if content.relationships:
        shown = ", ".join(_pairing(r) for r in content.relationships[:6])
        parts.append(Text.assemble(("Relationships  ", "bold cyan"), shown))
    if content.categories:
        parts.append(Text.assemble(("Categories  ", "bold cyan"), ", ".join(content.categories)))
    if content.tags:
        names = ", ".join(tag.name for tag in content.tags[:_SHOWN_TAGS])
        parts.append(Text.assemble(("Tags  ", "bold cyan"), names))
    if content.summary:
        summary = summary_text(span.of(text) for span in content.summary)
        parts.append(Text.assemble(("Summary  ", "bold cyan"), (summary, "italic")))
    return Panel(Group(*parts), title=Text("Before you read", style="bold"), expand=True)
