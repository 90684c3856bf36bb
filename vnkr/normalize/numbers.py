"""Text → number: digits, number words, scale words and their short forms."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from vnkr.rules import NumberFormat, RuleSet

DIGITS = re.compile(r"^(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)$")  # and ".001", a decimal with no leading zero
DECIMAL_POINT = re.compile(r"^\d+\.(?:\d{1,2}|\d{4,})$")  # "12.5" is a decimal in any language: never a group of three
ENGLISH_GROUPS = re.compile(r"^\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?$")  # "10,012,735": two commas are no decimal mark in any language
ORDINAL_DIGITS = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
ATTACHED_SCALE = re.compile(r"^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)([a-z]+)$")


def parse_digits(text: str) -> float | None:
    """'10,000' → 10000.0, '85.87' → 85.87, '.001' → 0.001; anything else → None."""
    if not DIGITS.match(text):
        return None
    return float(text.replace(",", ""))


def digits_reader(fmt: NumberFormat):
    """parse_digits for a language's separators: Vietnamese '81,3' → 81.3, '415.000' → 415000.0;
    a point before one, two or four and more digits ('12.5') is a decimal point there too, and
    commas between three or more groups ('10,012,735') are thousands, as English writes them."""
    if (fmt.decimal, fmt.group) == (".", ","):
        return parse_digits
    decimal, group = re.escape(fmt.decimal), re.escape(fmt.group)
    own = re.compile(rf"^(?:\d{{1,3}}(?:{group}\d{{3}})+|\d+)(?:{decimal}\d+)?$")

    def parse(text: str) -> float | None:
        if own.match(text):
            return float(text.replace(fmt.group, "").replace(fmt.decimal, "."))
        if DECIMAL_POINT.match(text):
            return float(text)
        if fmt.decimal == "," and ENGLISH_GROUPS.match(text):
            return float(text.replace(",", ""))
        return None

    return parse

SPACED_HEAD = re.compile(r"^[1-9]\d{0,2}$")  # the first group of "143 000": no leading zero, as a count is written
SPACED_GROUP = re.compile(r"^\d{3}$")


def join_spaced_groups(parts: list[str], fmt: NumberFormat) -> str | None:
    """Thousands written with spaces ('143 000', '1 500 000', '1 500,5' in Vietnamese), given as
    their groups: the number in the language's own grouping ('143,000', '143.000'), or None when
    the parts are no such number: a head of one to three digits, then groups of exactly three; the
    last group may carry the decimals."""
    if len(parts) < 2 or not SPACED_HEAD.match(parts[0]):
        return None
    *groups, last = parts[1:]
    whole, _, decimals = last.partition(fmt.decimal)
    if not all(SPACED_GROUP.match(g) for g in [*groups, whole]) or (decimals and not decimals.isdigit()):
        return None
    return fmt.group.join([parts[0], *groups, whole]) + (fmt.decimal + decimals if decimals else "")


@dataclass(frozen=True)
class NumberVocabulary:
    """The number words of the rules, by kind."""

    units: dict[str, float] = field(default_factory=dict)
    articles: dict[str, float] = field(default_factory=dict)
    scales: dict[str, float] = field(default_factory=dict)
    attached_scales: dict[str, float] = field(default_factory=dict)
    ordinals: dict[str, float] = field(default_factory=dict)
    multipliers: dict[str, float] = field(default_factory=dict)
    multiplier_after: dict[str, set[str]] = field(default_factory=dict)  # "đôi" only after "gấp"
    before_scale: set[str] = field(default_factory=set)  # unit words that are numbers only before a scale: "một triệu"
    glued: dict[str, float] = field(default_factory=dict)  # numerals written glued to scales: Korean "오" of "오백억"
    fmt: NumberFormat = field(default_factory=NumberFormat)
    digits: Callable[[str], float | None] = parse_digits  # text → value, with the language's separators

    @classmethod
    def from_rules(cls, rules: RuleSet) -> NumberVocabulary:
        vocab = cls(fmt=rules.number_format, digits=digits_reader(rules.number_format))
        for rule in rules.number_word:
            words = {w.lower(): v for w, v in rule.words.items()}
            if rule.kind == "scale":
                (vocab.attached_scales if rule.attached else vocab.scales).update(words)
            elif rule.kind == "unit" and not rule.glued:
                vocab.units.update(words)
                if rule.before_scale:
                    vocab.before_scale.update(words)
            elif rule.kind == "unit":
                vocab.glued.update(words)  # a numeral only inside a word of numerals and scales: alone "이" is a particle
            elif rule.kind == "article":
                vocab.articles.update(words)
            elif rule.kind == "ordinal":
                vocab.ordinals.update(words)
            else:
                vocab.multipliers.update(words)
                if rule.after:
                    vocab.multiplier_after.update({w: {a.lower() for a in rule.after} for w in words})
        return vocab

    def glued_words(self, word: str) -> list[str] | None:
        """A word of glued numerals and scales as its number words: '오백억' → ['5', '백', '억'], '천억' →
        ['천', '억']; None when it is not one (it needs a scale, and the numerals only before a scale)."""
        if not self.glued or len(word) < 2 or word[-1] not in self.scales:
            return None
        words = []
        for char in word:
            if char in self.glued and (not words or words[-1] in self.scales):
                words.append(f"{self.glued[char]:g}")
            elif char in self.scales:
                words.append(char)
            else:
                return None
        return words

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
    A small scale (below the language's small_scale_below) multiplies only the number right
    before it, so that Korean sub-units add up inside a group of four digits: '1천5백억' is
    (1000 + 500) × 10⁸, '794억3천만' is 794 × 10⁸ + 3000 × 10⁴. Returns None when a word is not
    part of a number.
    """
    total = 0.0  # the groups closed by a large scale
    group = 0.0  # the parts of the open group closed by a small scale: "1천5백" → 1500
    current = 0.0  # the number being read
    seen = False
    last_scale, last_added, last_large = None, 0.0, None
    for raw in words:
        word = raw.lower()
        if word in ("-", "–", "and"):
            continue
        digits = vocab.digits(word)
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
            if last_scale is not None and current == 0 and group == 0 and scale > last_scale and last_added:
                total += last_added * (scale - 1)  # a scale of a scale: "nghìn tỷ" = 10¹²
                last_added *= scale
                last_scale = scale
                continue
            if scale < vocab.fmt.small_scale_below:
                group += (current or 1) * scale
            else:
                last_added = ((group + current) or 1) * scale
                total += last_added
                group = 0.0
                last_large = scale
            current = 0.0
            last_scale = scale
            seen = True
            continue
        else:
            return None
        last_scale = None
        seen = True
    if not seen:
        return None
    if group and not current and last_large and vocab.fmt.small_scale_below > 1000:
        # Korean groups of four digits: sub-units left open after a large scale count in the next
        # lower one, as news writes "12억 3천" for 12억 3천만 (1.23 billion, not 1,200,003,000)
        group *= last_large / vocab.fmt.small_scale_below  # 억 (10⁸) → 만 (10⁴), 조 → 억, 만 → 1
    return float(f"{total + group + current:.12g}")  # 4.1 × 1e9 is 4100000000, not 4099999999.9999995


def parse_number(text: str, vocab: NumberVocabulary) -> float | None:
    """'five million' → 5e6, '1.5bn' → 1.5e9, 'twenty-one' → 21, '10,000' → 1e4."""
    words = re.findall(r"[\d.,]+[a-z]*|[^\W\d_]+|-", text.lower())
    words = [w.rstrip(".,") for w in words]
    return words_value([w for w in words if w], vocab)


FOREIGN_GROUPS = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+)(?![\d.,])")


def foreign_grouped_count(text: str, fmt: NumberFormat) -> int | None:
    """A count written with English thousands in a language whose decimal mark is the comma: '33,000
    người' is 33,000 people (a count has no thousandths), not 33. None for any other text."""
    if fmt.decimal != ",":
        return None
    found = FOREIGN_GROUPS.findall(text)
    return int(found[0].replace(",", "")) if len(found) == 1 else None
