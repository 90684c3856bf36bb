"""Numbers in scientific notation: '1.99×10−30 kilograms', '6.022 x 10^23 atoms', '6.02×10²³', '1.5e6'.

The notation is the same in every language, so it is a mechanism here, not a rule: found in the
doc's text (its tokens cut it in several ways), then read as any number by the figure reader, which
looks after it for what it measures."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from vnkr.components.facts import doc_text

SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
MINUSES = str.maketrans({"−": "-", "–": "-"})
# the mantissa, a times sign, 10 and its power (after ^, after a true minus sign '−', or in superscript
# digits: '4 x 10-15 minutes' is no power); or an e-exponent
NOTATION = re.compile(
    r"(?<![\w.,])(\d+(?:\.\d+)?)(?:\s?[×x]\s?10(?:\^\s?([−–+-]?\d{1,3})|(−\d{1,3})|([⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3}))|[eE]([−+-]?\d{1,3}))(?![\w.]\d)"
)


def notations(doc: Doc) -> list[tuple[int, int, float]]:
    """(first token, token after, value) of each number in scientific notation whose ends are token edges."""
    found = []
    for match in NOTATION.finditer(doc_text(doc)):
        power = next(p for p in match.groups()[1:] if p is not None)
        exponent = int(power.translate(SUPERSCRIPT).translate(MINUSES))
        span = doc.char_span(match.start(), match.end())
        if span is not None:
            found.append((span.start, span.end, float(f"{match.group(1)}e{exponent}")))
    return found
