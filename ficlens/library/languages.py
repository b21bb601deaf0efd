"""Language codes for the library: a site's language name becomes the code FicLens uses.

The library stores, filters and exports a work's language as a code (``en``): the one the
analysis found, else the one its source declares. AO3 declares languages by their own names
(``English``, ``Español``, ``Deutsch``), FanFiction.Net by English names (``Spanish``,
``German``); a work imported without the spaCy stages has only that declared name, and an EPUB
or OPDS entry needs a code (``dc:language``). The table covers the languages of most fan
fiction on both sites; a name it does not know is kept as written.
"""

from __future__ import annotations

import re

_CODES = {
    "en": ("english",),
    "es": ("español", "spanish"),
    "fr": ("français", "french"),
    "de": ("deutsch", "german"),
    "it": ("italiano", "italian"),
    "pt": ("português", "portuguese"),
    "pt-br": ("português brasileiro",),
    "pt-pt": ("português europeu",),
    "nl": ("nederlands", "dutch"),
    "ru": ("русский", "russian"),
    "pl": ("polski", "polish"),
    "cs": ("čeština", "czech"),
    "sv": ("svenska", "swedish"),
    "da": ("dansk", "danish"),
    "no": ("norsk", "norwegian"),
    "fi": ("suomi", "finnish"),
    "hu": ("magyar", "hungarian"),
    "tr": ("türkçe", "turkish"),
    "el": ("ελληνικά", "greek"),
    "uk": ("українська", "ukrainian"),
    "ro": ("română", "romanian"),
    "ca": ("català", "catalan"),
    "id": ("bahasa indonesia", "indonesian"),
    "vi": ("tiếng việt", "vietnamese"),
    "tl": ("filipino", "tagalog"),
    "ar": ("العربية", "arabic"),
    "he": ("עברית", "hebrew"),
    "ja": ("日本語", "japanese"),
    "ko": ("한국어", "korean"),
    "zh": ("中文", "中文-普通话 國語", "chinese"),
    "th": ("ไทย", "thai"),
}
_BY_NAME = {name: code for code, names in _CODES.items() for name in names}
_CODE = re.compile(r"[a-z]{2,3}(?:-[a-z]{2,4})?")


def language_code(language: str | None) -> str | None:
    """The code of a language given by name or code; an unknown name is kept as written.

    Example:
        >>> [language_code(n) for n in ("English", "Español", "en", "pt-BR", "Klingon", None)]
        ['en', 'es', 'en', 'pt-br', 'Klingon', None]
    """
    if not language or not language.strip():
        return None
    key = " ".join(language.split()).casefold()
    if key in _BY_NAME:
        return _BY_NAME[key]
    return key if _CODE.fullmatch(key) else language.strip()
