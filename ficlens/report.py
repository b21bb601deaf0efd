"""The human-readable report of an analysis, rendered with rich."""

from __future__ import annotations

from collections import Counter

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from ficlens.model import Analysis, Metadata, Work
from ficlens.report_content import before_you_read, one_line
from ficlens.stats import character_lines, count_words, counted, work_stats

_PREVIEW = 90
_LIST_FIELDS = (
    ("Rating", "rating"),
    ("Warnings", "warnings"),
    ("Categories", "categories"),
    ("Fandoms", "fandoms"),
    ("Relationships", "relationships"),
    ("Characters", "characters"),
    ("Tags", "freeforms"),
    ("Genres", "genres"),
    ("Language", "language"),
    ("Series", "series"),
    ("Status", "status"),
    ("Published", "published"),
    ("Updated", "updated"),
    ("Declared words", "words"),
    ("Source", "source_url"),
)


def _preview(text: str) -> str:
    return one_line(text, _PREVIEW)


def _declared(metadata: Metadata) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column()
    for label, name in _LIST_FIELDS:
        value = getattr(metadata, name)
        if value in (None, (), ""):
            continue
        shown = ", ".join(value) if isinstance(value, tuple) else str(value).replace("_", " ")
        table.add_row(label, shown)
    if metadata.summary:
        table.add_row("Summary", _preview(metadata.summary))
    return table


def _notes(work: Work) -> Tree:
    tree = Tree(Text(f"Notes ({len(work.notes)})", style="bold"))
    for note in work.notes:
        where = f"ch. {note.chapter}" if note.chapter else "work"
        labels = f" [{', '.join(note.labels)}]" if note.labels else ""
        line = Text.assemble(
            (f"{note.kind.replace('_', ' ')}", "magenta"),
            (f" ({where}){labels}: ", "dim"),
            _preview(note.span.of(work.text)),
        )
        tree.add(line)
    return tree


def _percent(share: float) -> str:
    """A share as a whole percentage; a sliver is ``<1%``, not ``0%``.

    Example:
        >>> _percent(0.514), _percent(0.003)
        ('51%', '<1%')
    """
    return f"{100 * share:.0f}%" if share >= 0.005 else "<1%"


def _told_from(work: Work, names: dict[str, str]) -> Text | None:
    """Whose side the story is told from: its scenes' focal characters, by share of words."""
    words: Counter[str] = Counter()
    for scene in work.scenes:
        if scene.focal in names:
            words[scene.focal] += sum(count_words(s.of(work.text)) for s in scene.segments)
    total = sum(words.values())
    if not total:
        return None
    persons = " and ".join(sorted({scene.pov for scene in work.scenes if scene.pov}))
    shown = ", ".join(f"{names[i]} ({_percent(n / total)})" for i, n in words.most_common(3))
    return Text.assemble(("Point of view  ", "bold cyan"), f"{persons} person: {shown}")


def _chapters(work: Work, names: dict[str, str]) -> Tree:
    """The chapters and their scenes, each scene with its person and whose side it is told from."""
    tree = Tree(Text(f"Chapters ({len(work.chapters)})", style="bold"))
    for chapter in work.chapters:
        words = sum(count_words(s.of(work.text)) for sc in chapter.scenes for s in sc.segments)
        name = chapter.title or (f"Chapter {chapter.number}" if chapter.number else "Untitled")
        kind = "" if chapter.kind == "chapter" else f" · {chapter.kind}"
        branch = tree.add(
            Text.assemble(
                (f"{chapter.index}. {name}", "bold green"),
                (f"{kind} · {words:,} words · {counted(len(chapter.scenes), 'scene')}", "dim"),
            )
        )
        for scene in chapter.scenes:
            scene_words = sum(count_words(s.of(work.text)) for s in scene.segments)
            heading = f" “{scene.heading}”" if scene.heading else ""
            kind = scene.kind.replace("_", " ")
            pov = f" · {scene.pov} person" if scene.pov else ""
            if scene.focal in names:
                pov += f", {names[scene.focal]}"
            branch.add(Text(f"scene {scene.index} · {kind}{heading} · {scene_words:,} words{pov}"))
    return tree


_MAX_LINES = 40


def _cast(analysis: Analysis) -> Table:
    lines = character_lines(analysis)
    table = Table(title="Cast", title_justify="left", expand=False, box=None, padding=(0, 1))
    for column in ("", "Name", "Also called", "Pronouns", "Mentions", "Lines", "Words"):
        table.add_column(column, style="dim" if not column else None, overflow="fold")
    for character in analysis.characters:
        count, words = lines.get(character.id, (0, 0))
        table.add_row(
            character.id,
            Text(character.name + (" ★" if character.canon else ""), style="bold"),
            ", ".join(character.aliases[:6]) + ("…" if len(character.aliases) > 6 else ""),
            character.gender or "?",
            str(character.mentions),
            str(count),
            str(words),
        )
    return table


def _dialogue(analysis: Analysis) -> Tree:
    text = analysis.work.text
    names = {c.id: c.name for c in analysis.characters}
    quotes = analysis.quotes
    attributed = sum(1 for q in quotes if q.speaker)
    tree = Tree(Text(f"Dialogue ({len(quotes)} lines, {attributed} attributed)", style="bold"))
    for quote in quotes[:_MAX_LINES]:
        speaker = names.get(quote.speaker or "", "?")
        to = f" → {names[quote.addressee]}" if quote.addressee in names else ""
        tree.add(
            Text.assemble(
                (f"{speaker}{to}", "cyan"),
                (f" ({quote.confidence:.2f}) ", "dim"),
                f"“{_preview(quote.span.of(text))}”",
            )
        )
    if len(quotes) > _MAX_LINES:
        tree.add(Text(f"… {len(quotes) - _MAX_LINES} more lines (--format json has all)", "dim"))
    return tree


def render_report(analysis: Analysis) -> RenderableType:
    """The report: title and declared metadata, notes, chapters and scenes with word counts."""
    work = analysis.work
    metadata = work.metadata
    stats = work_stats(work)
    title = metadata.title or work.source.path
    byline = f" by {', '.join(metadata.authors)}" if metadata.authors else ""
    summary = Text(
        f"{stats['words']:,} words of story · {stats['note_words']:,} words of notes · "
        f"{counted(stats['chapters'], 'chapter')} · {counted(stats['scenes'], 'scene')} · "
        f"~{stats['reading_minutes']} min read",
        style="dim",
    )
    source = work.source
    origin = Text(
        f"{source.path} · {source.format} ({source.flavour})"
        + (f" · {source.encoding}" if source.encoding else ""),
        style="dim",
    )
    parts: list[RenderableType] = [origin, summary, _declared(metadata)]
    parts += [Text(f"! {d}", style="yellow") for d in (*source.diagnostics, *analysis.diagnostics)]
    if analysis.fandoms:
        shown = ", ".join(
            f"{f.name}{' (declared)' if f.declared else ''}" for f in analysis.fandoms
        )
        parts.append(Text.assemble(("Fandoms detected  ", "bold cyan"), shown))
    if analysis.content is not None:
        parts.append(before_you_read(analysis.content, work.text))
    names = {c.id: c.name for c in analysis.characters}
    if (told := _told_from(work, names)) is not None:
        parts.append(told)
    parts += [_notes(work), _chapters(work, names)]
    if analysis.characters:
        parts.append(_cast(analysis))
    if analysis.quotes:
        parts.append(_dialogue(analysis))
    return Panel(Group(*parts), title=Text(title + byline, style="bold"), expand=True)
