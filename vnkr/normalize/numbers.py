"""Text → number: digits, number words, scale words and their short forms."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vnkr.rules import RuleSet

DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
ORDINAL_DIGITS = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
ATTACHED_SCALE = re.compile(r"^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)([a-z]+)$")


def parse_digits(text: str) -> float | None:
    """'10,000' → 10000.0, '85.87' → 85.87; anything else → None."""
    if not DIGITS.match(text):
        return None
    return float(text.replace(",", ""))


@dataclass(frozen=True)
class NumberVocabulary:
    """The number words of the rules, by kind."""

    units: dict[str, float] = field(default_factory=dict)
    articles: dict[str, float] = field(default_factory=dict)
    scales: dict[str, float] = field(default_factory=dict)
    attached_scales: dict[str, float] = field(default_factory=dict)
    ordinals: dict[str, float] = field(default_factory=dict)
    multipliers: dict[str, float] = field(default_factory=dict)

    @classmethod
    def from_rules(cls, rules: RuleSet) -> NumberVocabulary:
        vocab = cls()
        for rule in rules.number_word:
            words = {w.lower(): v for w, v in rule.words.items()}
            if rule.kind == "scale":
                (vocab.attached_scales if rule.attached else vocab.scales).update(words)
            elif rule.kind == "unit":
                vocab.units.update(words)
            elif rule.kind == "article":
                vocab.articles.update(words)
            elif rule.kind == "ordinal":
                vocab.ordinals.update(words)
            else:
                vocab.multipliers.update(words)
        return vocab

    def is_number_word(self, word: str) -> bool:
        return word in self.units or word in self.scales

    def ordinal_value(self, word: str) -> float | None:
        """'third' → 3, '2nd' → 2."""
        word = word.lower()
        if word in self.ordinals:
            return self.ordinals[word]
        match = ORDINAL_DIGITS.match(word)
        return float(match.group(1)) if match else None


def words_value(words: list[str], vocab: NumberVocabulary) -> float | None:
    """The value of a number phrase split into words: ['five', 'million'] → 5e6.

    Hyphens are ignored ('twenty', '-', 'one' → 21); 'a'/'an' count as one before a scale.
    Returns None when a word is not part of a number.
    """
    total = 0.0
    current = 0.0
    seen = False
    for raw in words:
        word = raw.lower()
        if word in ("-", "–", "and"):
            continue
        digits = parse_digits(word)
        if digits is None and (match := ATTACHED_SCALE.match(word)):
            digits_part, suffix = match.groups()
            if suffix not in vocab.attached_scales:
                return None
            total += float(digits_part.replace(",", "")) * vocab.attached_scales[suffix]
            seen = True
            continue
        if digits is not None:
            current += digits
        elif word in vocab.units:
            current += vocab.units[word]
        elif word in vocab.articles:
            current += vocab.articles[word]
        elif word in vocab.scales or word in vocab.attached_scales:
            scale = vocab.scales.get(word) or vocab.attached_scales[word]
            if scale < 1000:
                current = (current or 1) * scale
            else:
                total += (current or 1) * scale
                current = 0.0
        else:
            return None
        seen = True
    if not seen:
        return None
    return float(f"{total + current:.12g}")  # 4.1 × 1e9 is 4100000000, not 4099999999.9999995


def parse_number(text: str, vocab: NumberVocabulary) -> float | None:
    """'five million' → 5e6, '1.5bn' → 1.5e9, 'twenty-one' → 21, '10,000' → 1e4."""
    words = re.findall(r"[\d.,]+[a-z]*|[^\W\d_]+|-", text.lower())
    words = [w.rstrip(".,") for w in words]
    return words_value([w for w in words if w], vocab)
