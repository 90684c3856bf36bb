"""Actor names matched after folding case and diacritics: 'Việt Nam' = 'Viet Nam', 'Tô Lâm' = 'To Lam'."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from vnkr.rules import Actor

COMBINING = re.compile(r"[\u0300-\u036f]")
# a name ends at a non-word character; a Hangul one may have a particle glued to it: "한국의", "베트남은"
END = r"(?:(?!\w)|(?<=[\uac00-\ud7a3]))"
GLUED_END = r"(?:(?!\w)|(?<=[\uac00-\ud7a3])|(?=[\uac00-\ud7a3]))"  # ... and a Latin one too: "KITA에 따르면"


def _build_table() -> dict[int, str]:
    table = {ord("đ"): "d", ord("Đ"): "D"}
    for code in list(range(0x00C0, 0x0250)) + list(range(0x1E00, 0x1F00)):
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0]
        if base != char and base.isascii():
            table[code] = base
    return table


FOLD_TABLE = _build_table()


def fold(text: str) -> tuple[str, list[int] | None]:
    """Lowercased text without diacritics, and a map from folded to original offsets
    (None when the two are the same length, so offsets carry over unchanged)."""
    if not COMBINING.search(text):
        folded = text.translate(FOLD_TABLE).lower()
        if len(folded) == len(text):
            return folded, None
    chars: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        for part in unicodedata.normalize("NFD", char.translate(FOLD_TABLE)):
            if unicodedata.combining(part):
                continue
            for lowered in part.lower():
                chars.append(lowered)
                offsets.append(index)
    offsets.append(len(text))
    return "".join(chars), offsets


@dataclass(frozen=True)
class Mention:
    start: int  # offsets in the text that was searched
    end: int
    text: str
    label: str
    id: str
    demonym: bool = False  # "Korean", "Vietnamese": a nationality, not the country named


class ActorFinder:
    """Finds the actors of the rules in a text; the longest alias wins. With `demonyms`, nationalities
    ("Korean firms") are mentions too, marked as such."""

    def __init__(self, actors: list[Actor], demonyms: bool = False, prefixes: tuple[str, ...] = (), glued: bool = False):
        self.by_alias: dict[str, Actor] = {}
        self.demonyms: set[str] = set()
        for actor in actors:
            for alias in actor.aliases:
                self.by_alias[fold(alias)[0]] = actor
            if demonyms:
                for word in actor.demonyms:
                    self.by_alias[fold(word)[0]] = actor
                    self.demonyms.add(fold(word)[0])
        names = sorted(self.by_alias, key=len, reverse=True)
        # a name starts at a non-word character, or right after a prefix glued to it (Korean "대베트남": toward Vietnam)
        start = "|".join([r"(?<!\w)"] + [f"(?<={re.escape(fold(p)[0])})" for p in prefixes])
        self.pattern = re.compile(f"(?:{start})(" + "|".join(re.escape(n) for n in names) + r")" + (GLUED_END if glued else END)) if names else None

    def find(self, text: str) -> list[Mention]:
        if self.pattern is None:
            return []
        folded, offsets = fold(text)
        mentions = []
        for match in self.pattern.finditer(folded):
            start, end = match.span()
            if offsets is not None:
                start, end = offsets[start], offsets[end - 1] + 1
            actor = self.by_alias[match.group(1)]
            if actor.label == "NOT_ACTOR":
                continue  # matched only so that no shorter name inside it is: "Thai Nguyen" is no Thai actor
            mentions.append(Mention(start, end, text[start:end], actor.label, actor.id, match.group(1) in self.demonyms))
        return mentions
