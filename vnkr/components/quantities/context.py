"""The words around a number that say what it is: a currency before it, a unit or 'per tonne' after it,
the noun it counts (after it, before it, or after a 'the number of' phrase), and the token shapes that make
a number part of a code, a name or a year rather than a figure."""

from __future__ import annotations

from spacy.tokens import Doc

from vnkr.components.facts import sentence_of
from vnkr.components.quantities.lexicon import HYPHENS, Lexicon, match_words, singular
from vnkr.rules import NotNumber

COMPARATIVES = {"more", "less", "fewer"}
SUBJECTS = "vnkr_subject_phrases"  # doc.user_data key: where "the number of"-style phrases stand


def is_year(token) -> bool:
    """'2019' in 'visitors to Vietnam in 2019 was 4.3 million' is a time, not a rival number."""
    return token.shape_ == "dddd" and 1900 <= int(token.text) <= 2100


def after_name(doc: Doc, start: int, sent_start: int) -> bool:
    """'Model 3 sedans', 'Boeing 787 jets': a number right after a capitalised word inside a
    sentence is part of a name, not a count; so is one after a name in camel case ('iPhone 11', 'iOS 17'),
    wherever it stands."""
    before = doc[start - 1] if start else None
    if before is not None and before.is_alpha and before.text[0].islower() and any(c.isupper() for c in before.text[1:]):
        return True
    return start - 1 > sent_start and doc[start - 1].is_title and doc[start - 1].is_alpha


def beside_digits(doc: Doc, i: int) -> bool:
    """Whether the token at i has a group of digits right before or after it: '1900 1234'."""
    return (i > 0 and doc[i - 1].is_digit) or (i + 1 < len(doc) and doc[i + 1].is_digit)


def digit_group(token) -> bool:
    """A bare group of digits next to a number makes both part of a code: '3822 4422'."""
    return token is not None and token.is_digit and not is_year(token)


def not_a_claim(rule: NotNumber, doc: Doc, start: int, end: int, value: float) -> bool:
    """Whether a not_number rule holds for the number phrase doc[start:end]."""
    if rule.next_words:
        j = end
        if rule.hyphenated:
            if j >= len(doc) or doc[j].lower_ not in HYPHENS or doc[j - 1].whitespace_:
                return False
            j += 1
        if j < len(doc) and doc[j].lower_ in rule.next_words:
            return True
    if rule.previous_words and start and doc[start - 1].lower_ in rule.previous_words:
        return rule.below is None or value < rule.below
    return False


def currency_before(lex: Lexicon, doc: Doc, start: int) -> tuple[int, str] | None:
    """The currency written before a number: one token ('$', 'HK$'), or two, glued or not ('HK $')."""
    if start == 0:
        return None
    if start >= 2:
        joined = doc[start - 2].lower_ + doc[start - 2].whitespace_ + doc[start - 1].lower_
        if joined in lex.currency_before:
            return start - 2, lex.currency_before[joined]
    prev = doc[start - 1].lower_
    if prev in lex.currency_before:
        return start - 1, lex.currency_before[prev]
    return None


def plural_noun(lex: Lexicon, doc: Doc, j: int, value: float) -> str | None:
    """'61 countries', 'two nuclear reactors', 'more than 400 booths': any plural noun right after a
    figure, past a few modifiers, is what it counts, in the singular; not a word that only ends
    like a plural ('perhaps'), not a duration ('three consecutive years'), and below the rules'
    small_count values not rhetoric ('two foundations')."""
    counting = lex.counting
    if value < counting.plural_min_value:
        return None
    sent_end = sentence_of(doc, j).end if j < len(doc) else j
    words = 0
    for token in doc[j:sent_end]:
        lower = token.lower_
        if lower in HYPHENS and token.i > j and not token.whitespace_ and not doc[token.i - 1].whitespace_:
            continue  # "14 first-team players": a compound modifier is one word
        words += 1
        if words > counting.plural_modifiers + 1 or not token.is_alpha or lower in lex.stop_after or lower in lex.not_plurals or lower in lex.durations:
            return None
        noun = None
        if token.text.islower() and len(lower) > 3 and lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
            noun = singular(lower, counting)
        elif lower in counting.irregular_plurals and token.text.islower():
            noun = counting.irregular_plurals[lower]
        elif token.text.islower() and (ending := next((e for e in counting.irregular_endings if lower.endswith(e[0]) and len(lower) > len(e[0]) + 2), None)):
            noun = lower[: len(lower) - len(ending[0])] + ending[1]
        if noun is not None:
            modifiers = {t.lower_ for t in doc[j : token.i]}
            small = (r for r in lex.small_counts if value < r.below)
            return None if any(lower in r.not_nouns or modifiers & set(r.not_modifiers) for r in small) else noun
    return None


def per_unit(lex: Lexicon, doc: Doc, i: int) -> tuple[int, str] | None:
    """'per tonne', 'a barrel', 'per capita' at token i: (tokens taken, the unit's symbol)."""
    if i + 1 >= len(doc) or doc[i].lower_ not in lex.per_words:
        return None
    if (measure := match_words(doc, i + 1, lex.measures)) is not None:
        return measure[0] + 1, measure[1]
    noun = doc[i + 1].lower_
    unit = lex.per_nouns.get(noun) or (lex.count_nouns.get(noun) if doc[i].lower_ == "per" else None)
    return (2, unit) if unit else None


def counted_noun(lex: Lexicon, doc: Doc, start: int, end: int) -> str | None:
    """The unit of what a count counts: the noun after it past a few modifiers, or just before it."""
    counting = lex.counting
    words = 0
    j = end
    sent = sentence_of(doc, start)
    sent_end = sent.end
    weak = None
    while j < sent_end and words < counting.max_modifiers:
        token = doc[j]
        lower = token.lower_
        if lower in lex.count_phrases.first and (phrase := match_words(doc, j, lex.count_phrases)):
            return phrase[1]
        if lower in lex.count_nouns:
            # the head of a compound is its last noun: "business experts" counts experts
            while j + 1 < sent_end and doc[j + 1].lower_ in lex.count_nouns:
                j += 1
            return lex.count_nouns[doc[j].lower_]
        if weak is None and lower in lex.weak_count_nouns:
            weak = lex.weak_count_nouns[lower]
        if lower in HYPHENS or token.is_space:
            j += 1
            continue
        if weak is not None and lower in {"and", "or"}:
            j += 1  # "30 Vietnamese and Korean companies"
            continue
        if token.is_punct or token.like_num or lower in lex.stop_after:
            break
        words += 1
        j += 1
    if weak is not None:
        return weak
    # before it: "mutual visits exceeding 5 million", "diaspora in South Korea (over 350,000)"
    follower = doc[end] if end < sent_end else None
    if follower is not None and not follower.is_punct and follower.lower_ not in lex.bare_followers:
        return None
    sent_start = sent.start
    j = start - 1
    seen = 0
    verb = False
    while j >= sent_start and seen < counting.max_before:
        token = doc[j]
        if token.lower_ in lex.count_verbs or (verb and token.text == ","):
            verb = True  # "students, numbering 85,957": what is counted stands before the verb
            j -= 1
            continue
        if token.lower_ == "than" and j - 1 >= sent_start and doc[j - 1].lower_ in COMPARATIVES:
            j -= 2  # "numbers more than 270,000": the qualifier is not what stops the search
            continue
        if (token.like_num and not is_year(token)) or token.lower_ in lex.stop_before or (token.is_punct and token.text not in "()"):
            break
        if token.lower_ in lex.count_nouns:
            return lex.count_nouns[token.lower_]
        if verb and token.lower_ in lex.weak_count_nouns:
            return lex.weak_count_nouns[token.lower_]  # "Vietnamese in South Korea number over 170,000"
        seen += 1
        j -= 1
    return subject_noun(lex, doc, sent.start, start)


def subject_noun(lex: Lexicon, doc: Doc, sent_start: int, start: int) -> str | None:
    """'The number of Vietnamese students at Korea's universities reached 37,426': the noun after a
    subject phrase shortly before, with no other figure between."""
    lowest = max(sent_start, start - lex.counting.max_subject)
    for phrase_start, phrase_end in reversed(doc.user_data.get(SUBJECTS, [])):
        if phrase_start >= start:
            continue
        if phrase_start < lowest or any(t.like_num and not is_year(t) for t in doc[phrase_end:start]):
            return None
        for token in doc[phrase_end : min(start, phrase_end + 4)]:
            if token.lower_ in lex.count_nouns:
                return lex.count_nouns[token.lower_]
        return None
    return None
