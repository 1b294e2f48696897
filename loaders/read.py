"""INTERIM minimal reader (plain .txt only); the reading issue replaces it, keeping these signatures."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path

from graph.ids import content_hash
from loaders.document import Document, Span


def read_file(path: Path) -> Iterator[Document]:
    """Yield the article(s) in one file (a .jsonl file holds many)."""
    raw = path.read_text(encoding="utf-8")
    text = unicodedata.normalize("NFC", raw)
    if len(text) != len(raw):  # interim: the real normaliser keeps offsets
        raise ValueError(f"{path}: NFD text not supported by the interim reader")
    sentences: list[Span] = []
    start = 0
    for i, ch in enumerate(text):
        if ch == "\n" or (ch == "." and i + 1 < len(text) and text[i + 1] == " "):
            if text[start : i + 1].strip():
                sentences.append(Span(start, i + 1))
            start = i + 1
    if text[start:].strip():
        sentences.append(Span(start, len(text)))
    yield Document(id="article:" + content_hash(raw)[:16], path=str(path), raw=raw, text=text,
                   body=[Span(0, len(text))], sentences=sentences)
