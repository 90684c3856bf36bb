"""NFC with a map back to the text as written: Vietnamese typed in decomposed form (NFD) reads
like composed text, and every offset still points into the document as the reader decodes it."""

from __future__ import annotations

import unicodedata
from bisect import bisect_left


def _joins_previous(char: str) -> bool:
    """Whether a character composes with the one before it: a combining mark, or a Hangul
    medial vowel or final consonant jamo (conjoining jamo compose into a syllable)."""
    code = ord(char)
    return unicodedata.combining(char) != 0 or 0x1160 <= code <= 0x11FF or 0xD7B0 <= code <= 0xD7FF


def nfc_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """(NFC text, offsets) where offsets[i] is where the normalised text's character i comes from
    in `text` (one entry more, for the end); offsets is None when the text is NFC already."""
    if unicodedata.is_normalized("NFC", text):
        return text, None
    pieces: list[str] = []
    offsets: list[int] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index < len(text) and _joins_previous(text[index]):
            continue
        cluster = unicodedata.normalize("NFC", text[start:index])
        pieces.append(cluster)
        offsets.extend([start] * len(cluster))
        start = index
    offsets.append(len(text))
    normalised = "".join(pieces)
    if normalised != unicodedata.normalize("NFC", text):  # a composition across clusters: no exact map, keep the text
        return text, None
    return normalised, offsets


def to_normalised(offsets: list[int], position: int) -> int:
    """The position in the normalised text of a position in the original (the first character from there on)."""
    return bisect_left(offsets, position)
