"""The romance-cue lexicon and where its cues occur in a story, with their weights.

``CUES`` lists romantic and sexual words and phrases (kissing, lips, embraces, "I love you",
held hands, blushing, a proposal, boyfriend/wife/married, endearments, sex words ...), each
group with a weight.
:func:`weighted_cues` finds them sentence by sentence and lightens a kiss on the cheek, hand,
temple or forehead (``LIGHT_KISS``), any cue in a sentence or quotation that speaks of family
(``FAMILY``), a status word (``her husband``) in a sentence that does not name two people
(``STATUS_ALONE``), a body held in a sentence of rough play (``SCUFFLE``), and any cue in or
just after a paragraph where someone is hurt against their will (``HARMED``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ficlens.content.relationships.story import Story
from ficlens.model import Span

LIGHT_KISS = 0.4
"""Share of a kiss's weight when it lands on a cheek, hand, forehead or hair."""

FAMILY = 0.5
"""Share of a cue's weight when its sentence speaks of family (a mother's kiss, a son's hug)."""

STATUS_ALONE = 0.4
"""Share of a status word's weight ("her husband") when its sentence does not name two people."""

SCUFFLE = 0.3
"""Share of a body cue's weight (a waist, an embrace) in a sentence of rough play: friends who
wrestle (``threw his arms around his waist and lunged at him``) are not lovers for it."""

HARMED = 0.3
"""Share of a cue's weight in a paragraph of serious violence against someone's will, or the
paragraph after it (:func:`ficlens.content.signals.harm_passages`): a torturer straddling a
victim's thighs."""

STATUS_WORDS = r"(?:boy|girl)friends?|husbands?|wife|wives|fianc[ée]e?|married|marry|wedding"
"""Words that state a relationship (``her husband``) rather than show it."""

CUES: tuple[tuple[float, str], ...] = (
    (3.0, r"(?<!ass-)(?<!arse-)(?<!ass )(?<!arse )kiss(?:ed|es|ing)?(?![- ](?:ass|arse)\b)"
     r"(?! up to\b)|snog(?:s|ged|ging)?|made love|make love|making love"),
    (3.0, r"i love you|i'm in love|in love with|fell in love|love of (?:my|his|her) life|"
     r"confess(?:ed|es|ing)? (?:(?:his|her|my|their|your|our) )?(?:love|feelings)|"
     r"(?:love )?confessions? of (?:love|(?:his|her|my|their|your) feelings)|love confessions?"),
    (3.0, r"marry (?:me|you)"),
    (2.0, STATUS_WORDS),
    (3.0, r"honeymoon|lovers?|had sex|have sex|having sex|sex with|dating|went on a date"),
    (2.0, r"marriage|soul ?mates?|engaged to|proposed to|in a relationship|made out"),
    (3.0, r"orgasm(?:ed|s)?|climax(?:ed)?|cock(?! (?:his|her|their|my|your|its) )|his erection|"
     r"thrust(?:s|ed|ing)? into"),
    (2.5, r"lips (?:met|on|against|brushed|pressed)|mouth (?:on|against)|"
     r"crush(?:es|ed|ing)? (?:his|her|their|my|your|our) (?:lips|mouths?)|tongues? (?:in|into|"
     r"against|along|over|across|inside|traced|slid|swept|met|tangled|explored|brushed|flicked)"),
    (2.0, r"loved? (?:him|her|me|you|them)|loves (?:him|her|me|you|them)|crush(?:es)? on|"
     r"(?:wom[ae]n|man|men|girl|boy|one|person) (?:she|he|i|they) (?:had )?(?:loved|loves)"
     r"(?! (?:like|as) (?:a|an|his|her|my|their) )|"
     r"(?:a|his|her|my|your|their|our|first|secret|little|big|biggest|huge|massive|schoolboy|"
     r"schoolgirl|childhood|stupid) crush(?:es)?(?! (?:of|up|the|it|them|him|her)\b)"),
    (2.5, r"flirt(?:s|ed|ing)?|moan(?:s|ed|ing)?(?! myrtle| about| internally)"
     r"(?![^.!?]{0,30}\b(?:pain|agony|hurt|fright|fear|terror|despair|dismay|frustration|"
     r"horror|misery|grief))|kissable|naked|undress(?:ed|ing)?"),
    (2.0, r"pecks?|pecked|chaste|intimate(?:ly)?|pin(?:ing|ed) for|romance|mistletoe"),
    (1.0, r"(?<!attention was )(?<!attention is )(?<!eye was )attracted to|relationship|sexy|"
     r"valentine'?s?"),
    (1.5, r"held (?:his|her|my|their) hand|holding hands|hand in hand|(?:laced|linked|"
     r"intertwined|entwined) (?:their|our) fingers|cuddl(?:e|ed|es|ing)|snuggl(?:e|ed|ing)"),
    (1.5, r"nuzzl(?:e|ed|es|ing)|caress(?:ed|es|ing)?|darling|sweetheart|romantic|date"),
    # endearments: a lover called "love", "baby" or "honey" (not honey in the tea) by name
    (1.5, r"babe|sweetie|(?<=, )(?:love|baby|honey)(?=[.!?]|,[\"”’])|(?<=[\"“‘])honey(?=, )"),
    (1.5, r"cupp?(?:ed|ing|s)? (?:his|her|my) (?:face|cheek|jaw)|butterflies|attraction"),
    (1.0, r"embrac(?:e|ed|es|ing)|in (?:his|her|my|their|each other['’]s) arms|"
     r"blush(?:ed|es|ing)?"),
    (1.0, r"heart (?:raced|pounded|fluttered|skipped)|breath hitched|desire[sd]?|aroused"),
    (1.5, r"(?:his|her|my) waist|hips|thighs?|gorgeous|adorable|flustered|breathless"),
    (1.0, r"affection(?:ate|ately)?|jealous(?:y)?(?! of\b)|loving"),  # "jealous of X": a rival
)  # fmt: skip
_CUE = re.compile(
    r"\b(?=[a-z])(?:"
    + "|".join(rf"(?P<w{n}>(?:{words})\b)" for n, (_, words) in enumerate(CUES))
    + ")",
    re.I,
)
_STATUS = frozenset(f"w{n}" for n, (_, words) in enumerate(CUES) if words == STATUS_WORDS)
"""The cue group of ``STATUS_WORDS``: a proposal (``marry me``) comes first and is not one."""
_CUE_WEIGHTS = {f"w{n}": weight for n, (weight, _) in enumerate(CUES)}
_LIGHT_PLACES = r"cheek|forehead|brow|temple|hand|knuckles?|hair|head"
"""Where a kiss is light: family's or a friend's, never only a lover's."""
_LIGHT = re.compile(rf"\W+(?:\w+\W+){{0,4}}?(?:{_LIGHT_PLACES})\b", re.I)
_BODY = re.compile(
    r"(?:his|her|my) waist|hips|thighs?|embrac\w*|in (?:his|her|my|their|each other['’]s) arms",
    re.I,
)
"""The cues of a body held, which a scuffle holds too."""
_SCUFFLE = re.compile(
    r"\b(?:lung(?:e|ed|es|ing)|tackl(?:e|ed|es|ing)|wrestl(?:e|ed|es|ing)|grappl(?:e|ed|ing)|"
    r"chuck(?:ed|ing|s)?|hurl(?:ed|ing|s)?|flung|shov(?:e|ed|es|ing)|headlock|noogie|"
    r"punch(?:ed|es|ing)?|kick(?:ed|ing|s)?)\b",
    re.I,
)
"""Rough play or a fight in the cue's sentence."""
_FAMILY = re.compile(
    r"\b(?:mother|father|mum|mom|dad|mummy|daddy|son|daughter|brother|sister|aunt|uncle|"
    r"godfather|godson|goddaughter|grandmother|grandfather|grandson|granddaughter|gran|"
    r"nephew|niece|cousin|parents?|children|child|baby)\b",
    re.I,
)


LOVERS_KISS = re.compile(
    r"\bsnog(?:s|ged|ging)?\b|\b(?:made|make|making) out\b|\bfrench[- ]kiss|"
    r"\b(?:lips|mouths) (?:met|meet|crashed|collided|locked|pressed together)\b|"
    r"\bkiss(?:ed|es|ing)? (?:him|her|them|me|you|each other) (?:back|deeply|hard|hungrily|"
    r"passionately|fiercely|desperately|senseless|breathless|on the (?:lips|mouth))\b|"
    r"\bkiss(?:ed|es|ing)? (?:his|her|my|your|their) (?:lips|mouth)\b|"
    r"\b(?:they|we) kiss(?:ed)?\b(?! (?:him|her|me|you|his|my|your|their|goodbye|goodnight)\b)|"
    r"\bkissed each other\b(?! on the (?:cheek|forehead))|"
    r"\b(?:their|our|the|this|that) (?:first )?kiss\b|"
    r"\b(?:deep|passionate|hungry|heated|desperate|searing|sloppy|open-mouthed) kiss|"
    # a kiss, then a mouth in the sentence: `she kissed him again, ... her mouth`
    rf"\bkiss\w*\b(?:(?!{_LIGHT_PLACES})[^.!?]){{0,60}}?"
    r"\b(?:mouths?|tongues?|lips)\b|"
    # lips to lips: `set her lips against Nell's cold mouth`
    r"\blips\W+(?:\w+\W+){0,3}?(?:to|against|on) (?:his|her|my|your|their|\w+['’]s?) "
    r"(?:\w+ )?(?:lips|mouth|ones)\b|"
    r"\btast(?:e|ed|ing)\b[^.!?]{0,30}\b(?:lips|mouth)\b",
    re.I,
)
"""A kiss only lovers give: on the mouth, returned, deep, theirs. A mother's kiss is none.

Between relatives it counts as romance where other cues need sexual content on the page
(:func:`~ficlens.content.relationships.pairs.discount_kin`)."""


def weighted_cues(
    story: Story, harmed: frozenset[int] = frozenset()
) -> Iterator[tuple[int, float]]:
    """Every romantic cue of the story, in text order: its offset and its weight.

    ``harmed`` are the indices of the paragraphs where someone is hurt against their will. A cue
    word written as a character's name (a pet called ``Darling``) is no cue.
    """
    text = story.text
    for sentence, paragraph in zip(story.sentences, story.paragraph_of, strict=True):
        scale = harm_share(paragraph, harmed)
        for match in _CUE.finditer(text, sentence.start, sentence.end):
            if match.group() in story.owners:
                continue
            weight = _CUE_WEIGHTS[match.lastgroup or ""] * scale
            if match.group().lower().startswith("kiss") and _LIGHT.match(text, match.end()):
                weight *= LIGHT_KISS
            if _family(text, _family_scope(story, sentence, match.start()), match.start()):
                weight *= FAMILY
            if match.lastgroup in _STATUS and not _names_two(story, match.start()):
                weight *= STATUS_ALONE
            if _BODY.fullmatch(match.group()) and (
                _SCUFFLE.search(text, sentence.start, sentence.end)
            ):
                weight *= SCUFFLE
            yield match.start(), weight


def _family(text: str, scope: tuple[int, int], cue: int) -> bool:
    """Whether a family word other than the cue itself (a lover called ``baby``) is in scope."""
    return any(found.start() != cue for found in _FAMILY.finditer(text, *scope))


def harm_share(paragraph: int, harmed: frozenset[int]) -> float:
    """The share of its weight a romance cue keeps in paragraph number ``paragraph``.

    It is ``HARMED`` in or just after a paragraph of ``harmed``, else all of it.
    """
    return HARMED if paragraph in harmed or paragraph - 1 in harmed else 1.0


def _family_scope(story: Story, sentence: Span, offset: int) -> tuple[int, int]:
    """Where family words lighten the cue at ``offset``: its sentence, or its whole quotation.

    ``"I love you, Harry. You don't have to marry one of us to be my brother."`` is a
    brother's love, though the brother is named a sentence later.
    """
    quote = story.quote_at(offset)
    if quote is None:
        return sentence.start, sentence.end
    return min(sentence.start, quote.span.start), max(sentence.end, quote.span.end)


def _names_two(story: Story, offset: int) -> bool:
    """Whether the sentence holding ``offset`` names two characters or more."""
    index = story.sentence_at(offset)
    return index is not None and len({ident for _, ident in story.named[index]}) >= 2
