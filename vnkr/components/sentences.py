"""`vnkr_sentences`: sentence boundaries for news text with headlines, bullets and no final periods."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from vnkr.components.facts import rules_for

ENDERS = {".", "!", "?", "…", "...", "。"}
CLOSERS = {'"', "'", "”", "’", ")", "]", "»"}
OPENERS = "\"'“‘(-–•*["


class SentenceSplitter:
    """A line break always ends a sentence; '.', '!' or '?' does when a capital, digit or quote follows."""

    def __init__(self, abbreviations: set[str]):
        self.abbreviations = abbreviations

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        doc[0].is_sent_start = True
        after_break = pending = found = False
        for token in doc:
            text = token.text
            if token.is_space:
                after_break = after_break or "\n" in text
                continue
            if pending and not after_break and text in CLOSERS:
                continue
            if token.i and (after_break or (pending and (token.is_title or token.is_upper or token.is_digit or text[0] in OPENERS))):
                token.is_sent_start = found = True
            after_break = pending = False
            if text in ENDERS:
                prev = doc[token.i - 1] if token.i else None
                pending = prev is None or bool(prev.whitespace_) or prev.lower_ not in self.abbreviations
        if not found and len(doc) > 1:
            doc[1].is_sent_start = False  # spaCy reads boundaries as set only past the first token
        return doc


@Language.factory("vnkr_sentences", default_config={"rules": None})
def make_sentences(nlp: Language, name: str, *, rules: str | None) -> SentenceSplitter:
    return SentenceSplitter({a.lower() for a in rules_for(rules).sentences.abbreviations})
