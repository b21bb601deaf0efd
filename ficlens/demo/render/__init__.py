"""Renderers of a demo source: plain text, FanFiction.Net page, AO3 download, AO3 and FFF EPUB."""
