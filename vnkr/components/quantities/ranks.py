"""Ranks: 'No. 1 investor', '10 largest economies', 'third-largest', 'the largest investor', the rules'
token patterns ('lớn thứ ba', '3위') and idioms ('topped the list of')."""

from __future__ import annotations

import numpy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from vnkr.components.dates import REGION_ATTRS, RegionMatcher, expand_macros
from vnkr.components.facts import Facts
from vnkr.components.quantities.lexicon import HYPHENS, Lexicon
from vnkr.rules import RulesError, RuleSet

RANK_WINDOW = 4  # tokens a rank pattern may reach from one of its literal words


def _literal_words(token: dict) -> set[str]:
    """The words a token pattern names literally (LOWER or LOWER IN a list; not a "@macro")."""
    lower = token.get("LOWER")
    if isinstance(lower, str) and not lower.startswith("@"):
        return {lower}
    if isinstance(lower, dict) and isinstance(lower.get("IN"), list):
        return set(lower["IN"])
    return set()


class Ranks:
    """Finds ranks by the rules' phrases and patterns, and reads the rank a number or a superlative states."""

    def __init__(self, nlp: Language, rules: RuleSet, lex: Lexicon):
        self.lex = lex
        numbers = self.lex.numbers
        self.phrase_ranks = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.rank_phrase_values = {r.id: r.value for r in rules.rank_phrase}
        for rule in rules.rank_phrase:
            self.phrase_ranks.add(rule.id, [nlp.make_doc(p) for p in rule.phrases])
        self.rank_patterns = RegionMatcher(nlp.vocab)
        self.rank_pattern_rules = {r.id: r for r in rules.rank_pattern}
        macros = {"counting": list(numbers.fmt.counting_words), "rank_noun": sorted(self.lex.rank_nouns)}
        # the patterns run only near their own literal words ("thứ", "위", "가장"), as the date patterns do
        literal = {w for rule in rules.rank_pattern for pattern in rule.patterns for token in pattern for w in _literal_words(token)}
        self.rank_anchor_words = numpy.array(sorted(nlp.vocab.strings.add(w) for w in literal), dtype="uint64")
        for rule in rules.rank_pattern:
            try:
                self.rank_patterns.add(rule.id, [expand_macros(p, macros, rule.id) for p in rule.patterns])
            except (ValueError, KeyError) as error:
                raise RulesError(f"rank_pattern {rule.id!r}: not a valid token pattern: {str(error).splitlines()[0]}") from None

    def rank_phrases(self, doc: Doc) -> list[tuple[Span, Facts]]:
        """'takes the lead among ...', 'topped the list of ...': ranks said as idioms."""
        found = []
        for key, start, end in self.phrase_ranks(doc):
            rule_id = doc.vocab.strings[key]
            found.append((Span(doc, start, end), Facts(label="ORDINAL", value=self.rank_phrase_values[rule_id], unit="rank", rule=f"rank-phrase:{rule_id}")))
        return found

    def _rank_matches(self, doc: Doc):
        """The rank patterns' matches, run in windows around their literal words."""
        if not self.rank_pattern_rules:
            return
        attrs = doc.to_array(REGION_ATTRS)
        hits = numpy.flatnonzero(numpy.isin(attrs[:, 0], self.rank_anchor_words)).tolist()
        windows: list[list[int]] = []
        for i in hits:
            lo, hi = max(0, i - RANK_WINDOW), min(len(doc), i + RANK_WINDOW + 1)
            if windows and lo <= windows[-1][1]:
                windows[-1][1] = hi
            else:
                windows.append([lo, hi])
        yield from self.rank_patterns.matches(doc, windows, attrs)

    def pattern_ranks(self, doc: Doc) -> list[tuple[Span, Facts]]:
        """'lớn thứ ba', '3위', '세 번째': ranks by the rules' token patterns, the value read from the match."""
        found = []
        numbers = self.lex.numbers
        for key, start, end in self._rank_matches(doc):
            rule = self.rank_pattern_rules[doc.vocab.strings[key]]
            value = rule.value
            for token in doc[start:end] if value is None else ():
                number = numbers.digits(token.text)
                if number is None:
                    number = numbers.fmt.counting_words.get(token.lower_) or numbers.ordinals.get(token.lower_)
                if number is not None and float(number).is_integer() and number >= 1:
                    value = int(number)
                    break
            if value is None:
                continue
            first, last = (start + rule.span[0], start + rule.span[1]) if rule.span else (start, end)
            found.append((Span(doc, first, min(last, end)), Facts(label="ORDINAL", value=value, unit="rank", rule=f"rank-pattern:{rule.id}")))
        return found

    def rank_noun_follows(self, doc: Doc, end: int) -> bool:
        for token in doc[end : min(len(doc), end + self.lex.rank_gap + 1)]:
            if token.lower_ in self.lex.rank_nouns:
                return True
            if token.is_punct and token.text not in HYPHENS:
                return False
        return False

    def rank_blocked(self, doc: Doc, start: int) -> bool:
        window = tuple(t.lower_ for t in doc[max(0, start - 5) : start])
        for blocker in self.lex.rank_blockers:
            n = len(blocker)
            if any(window[k : k + n] == blocker for k in range(len(window) - n + 1)):
                return True
        return False

    # --- the readers for each anchor kind -----------------------------------------------
    def read_rank(self, doc: Doc, i: int) -> tuple[Span, Facts] | None:
        """'largest investor' → rank 1 when a rankable noun follows and no 'one of' precedes;
        'the top three investors' is a list, not a rank."""
        lower = doc[i].lower_
        if self.rank_blocked(doc, i) or not self.rank_noun_follows(doc, i + 1) or self.counted_before(doc, i):
            return None
        if i + 1 < len(doc) and (doc[i + 1].like_num and self.lex.numbers.ordinal_value(doc[i + 1].text) is None):
            return None
        if lower in self.lex.rank_needs_article and (i == 0 or doc[i - 1].lower_ != "the"):
            return None
        return Span(doc, i, i + 1), Facts(label="ORDINAL", value=1, unit="rank", rule="rank-superlative")

    def counted_before(self, doc: Doc, i: int) -> bool:
        """'eight-largest partner' (an ordinal's 'th' dropped): a counting word hyphened to the superlative."""
        return i >= 2 and doc[i - 1].lower_ in HYPHENS and doc[i - 2].lower_ in self.lex.numbers.units

    def counted_rank(self, doc: Doc, i: int) -> bool:
        """Whether token i is the counting word of a rank written 'eight-largest'."""
        return i + 2 < len(doc) and self.counted_before(doc, i + 2) and doc[i + 2].lower_ in self.lex.superlatives

    def read_ordinal(self, doc: Doc, i: int) -> tuple[Span, Facts] | None:
        """'third-largest', '2nd biggest', 'ranked third', 'eight-largest' as written for 'eighth-largest';
        a bare 'first' is not a claim."""
        value = self.lex.numbers.ordinal_value(doc[i].text)
        if value is None and self.counted_rank(doc, i):
            value = int(self.lex.numbers.units[doc[i].lower_])
        if value is None:
            return None
        j = i + 1
        if j < len(doc) and doc[j].lower_ in HYPHENS:
            j += 1
        if j < len(doc) and doc[j].lower_ in self.lex.superlatives:
            if self.rank_blocked(doc, i) or not self.rank_noun_follows(doc, j + 1):
                return None
            return Span(doc, i, j + 1), Facts(label="ORDINAL", value=value, unit="rank", rule="rank-ordinal")
        if (i and doc[i - 1].lower_ in self.lex.rank_verbs) or (i + 1 < len(doc) and doc[i + 1].lower_ in self.lex.rank_places):
            return Span(doc, i, i + 1), Facts(label="ORDINAL", value=value, unit="rank", rule="rank-ranked")
        return None

    def rank_by_number(self, doc: Doc, start: int, end: int, value: float) -> tuple[Span, Facts] | bool | None:
        """'No. 1 investor', '10 largest economies': a rank (or False: not a figure); None: no rank."""
        prev = doc[start - 1] if start else None
        nxt = doc[end].lower_ if end < len(doc) else ""
        if prev is not None and (prev.lower_ in self.lex.rank_prefixes or (prev.text == "." and start >= 2 and doc[start - 2].lower_ in self.lex.rank_prefixes)):
            if not self.rank_noun_follows(doc, end):
                return False  # "No. 12 Le Duan street"
            first = start - 1 if prev.text != "." else start - 2
            return Span(doc, first, end), Facts(label="ORDINAL", value=value, unit="rank", rule="rank-number")
        if nxt in self.lex.superlatives:
            if self.rank_blocked(doc, start) or not self.rank_noun_follows(doc, end + 1):
                return False
            return Span(doc, start, end + 1), Facts(label="ORDINAL", value=value, unit="rank", rule="rank-top-n")
        if prev is not None and prev.lower_ in self.lex.superlatives and prev.lower_ not in self.lex.qualifier_words:
            return False  # "the top three investors": the size of a list
        return None
