"""Builds the Language and streams documents to claims.

A document is cut into blocks at paragraph breaks, so that a 50 MB file is processed in
pieces no larger than `max_block` characters (and, read in chunks, never held whole);
every offset is mapped back into the document.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import groupby
from typing import Any

import spacy
from spacy.attrs import LIKE_NUM
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

import vnkr.components.actors  # noqa: F401  (registers the factories)
import vnkr.components.dates  # noqa: F401
import vnkr.components.direction  # noqa: F401
import vnkr.components.frame  # noqa: F401
import vnkr.components.modality  # noqa: F401
import vnkr.components.periods  # noqa: F401
import vnkr.components.qualifiers  # noqa: F401
import vnkr.components.quantities  # noqa: F401
import vnkr.components.sentences  # noqa: F401
import vnkr.components.sources  # noqa: F401
import vnkr.components.topics  # noqa: F401
from vnkr.components.facts import CLAIMS, TEXT, DocMeta, meta, rules_for, sentence_of
from vnkr.corpus import Document
from vnkr.languages import like_digits
from vnkr.models import Claim, Entity
from vnkr.normalize.unicode import nfc_with_offsets, to_normalised
from vnkr.rules import RuleSet
from vnkr.tokenizer import ChunkMemoTokenizer

# Unicode spaces read as a plain space, one character for one, so offsets do not move (a regex
# substitution: str.translate looks every character up in a dict, five times slower on a block)
SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
PIPES = ("vnkr_sentences", "vnkr_dates", "vnkr_quantities", "vnkr_qualifiers", "vnkr_direction", "vnkr_periods", "vnkr_topics", "vnkr_sentence_periods", "vnkr_modality", "vnkr_actors", "vnkr_frame", "vnkr_sources", "vnkr_base")
SOURCE_OFFSETS = "vnkr_source_offsets"  # doc.user_data key: a normalised block's offsets into the block as written
MAX_BLOCK = 100_000  # characters of one Doc; a longer document is cut at paragraph breaks
SENTENCE_WINDOW = 1_000  # characters of its sentence a claim carries at most (the spec's bound)
BATCH_SIZE = 32
DIGIT_COMMA = r"(?<![0-9]),|,(?![0-9]{3}(?![0-9]))"  # a comma, but not one that groups thousands


def build_nlp(rules: str | None = None, lang: str = "en") -> Language:
    """spacy.blank(lang) with vnkr's tokenizer additions and components; no model is loaded.
    Built once per rules file, language and process, however it is called (build_nlp(),
    build_nlp(None, "en")). Vietnamese and Korean use spaCy's rule-based tokenizer (their
    default one wants an external segmenter: pyvi, mecab-ko)."""
    return _build_nlp(rules, lang)


@lru_cache(maxsize=8)
def _build_nlp(rules: str | None, lang: str) -> Language:
    nlp = spacy.blank(lang, config={"nlp": {"tokenizer": {"@tokenizers": "vnkr.tokenizer.v1", "rules": rules}}})
    if lang != "en":
        nlp.vocab.lex_attr_getters[LIKE_NUM] = like_digits
    nlp.tokenizer = ChunkMemoTokenizer(nlp.tokenizer)  # last: the memo holds what the rules cut
    for name in PIPES:
        nlp.add_pipe(name, config={"rules": rules})
    return nlp


@spacy.registry.tokenizers("vnkr.tokenizer.v1")
def _tokenizer_factory(rules: str | None = None) -> Callable[[Language], Tokenizer]:
    """spaCy's rule-based tokenizer with the language's defaults and vnkr's additions, made once: its
    special cases are loaded once, with the searches they end up with (spaCy's own factory would
    compile the default searches and load the special cases, and each setter load them again)."""

    def create(nlp: Language) -> Tokenizer:
        return tokenizer(nlp, rules_for(rules, nlp.lang))

    return create


def tokenizer(nlp: Language, ruleset: RuleSet) -> Tokenizer:
    """The language's default tokenizer with the rules' suffixes, prefixes, infixes and special cases."""
    defaults = nlp.Defaults
    special = dict(defaults.tokenizer_exceptions)
    attached = sorted({w for r in ruleset.number_word if r.attached for w in r.words}, key=len, reverse=True)
    suffixes = list(defaults.suffixes)
    if attached:
        # "1.5bn" → "1.5" "bn", like spaCy's own "5km"
        # and an agency's sign-off glued to the last word: "USD)./." → "USD" ")" "." "/."
        suffixes += [r"(?<=[0-9])(?:" + "|".join(map(re.escape, attached)) + r")", r"(?<=[.)])/\.?"]
    if ruleset.tokenizer.particles:
        suffixes.insert(0, _particle_suffix(ruleset))
    glued = sorted({w for m in ruleset.measure_unit for w in m.attached}, key=len, reverse=True)
    if glued:
        suffixes.append(r"(?<=[0-9])(?:" + "|".join(map(re.escape, glued)) + r")")  # "500MW" → "500" "MW"
    suffixes += ruleset.tokenizer.suffixes
    for rule in ruleset.number_word:
        for word in rule.words:
            if word.endswith(".") and len(word) > 1:  # "bil." is one word, not "bil" and a full stop
                for form in {word, word.capitalize()}:
                    special[form] = [{"ORTH": form}]
    # a unit ending a sentence, "350 km/h.", "20,000 sq m.": the letter is a unit, not an abbreviation "h."
    for letter in {t for m in ruleset.measure_unit for w in m.words for t in re.split(r"[\s/]+", w) if len(t) == 1 and t.isalpha()}:
        special[letter + "."] = [{"ORTH": letter}, {"ORTH": "."}]
    prefixes = list(defaults.prefixes or [])
    codes = sorted({w.upper() for c in ruleset.currency for w in c.before if w.isalpha() or (w[0].isalpha() or w[-1].isalpha()) and " " not in w}, key=len, reverse=True)
    if codes:
        # "VND10 trillion" → "VND" "10" "trillion", "HK$3.7" → "HK$" "3.7", "$US113" → "$US" "113": before spaCy's
        # own prefixes, which would take the "$" alone
        prefixes.insert(0, r"(?:" + "|".join(map(re.escape, codes)) + r")(?=[0-9])")
    # "1992–2022" → "1992" "–" "2022"; "in 2016.In the first ..." (a missing space) → "2016" "." "In"
    # a comma between digits groups thousands ("2,345명"), though spaCy's Korean defaults split at any comma
    infixes = [DIGIT_COMMA if p == "," else p for p in defaults.infixes or []]
    infixes += [r"(?<=[0-9])[–—](?=[0-9])", r"(?<=[0-9A-Za-z)])\.(?=[A-Z][a-z])"] + ruleset.tokenizer.infixes
    return Tokenizer(
        nlp.vocab,
        rules=special,
        prefix_search=compile_prefix_regex(prefixes).search if prefixes else None,
        suffix_search=compile_suffix_regex(suffixes).search,
        infix_finditer=compile_infix_regex(infixes).finditer,
        token_match=defaults.token_match,
        url_match=_ascii_urls(defaults.url_match),
    )


def _ascii_urls(url_match):
    """spaCy's URL rule reads '유지했습니다.지난해' (two Korean sentences with no space after the stop) as an
    internationalised domain: a URL is taken only when it is ASCII or has a scheme or 'www.'."""
    if url_match is None:
        return None

    def match(text: str):
        return url_match(text) if text.isascii() or "://" in text or text.lower().startswith("www.") else None

    return match


def _known_words(ruleset: RuleSet) -> set[str]:
    """The words of a language's vocabulary that particles may be glued to: units, currencies, actors, measures ..."""
    words = {w for c in ruleset.currency for w in c.after} | {w for p in ruleset.percent for w in p.after}
    words |= {n for u in ruleset.count_unit for n in u.nouns + u.weak_nouns} | {w for d in ruleset.duration_unit for w in [*d.words, *d.counted]}
    words |= {w for r in ruleset.number_word for w in r.words} | {n for r in ruleset.rank for n in r.nouns + r.superlatives}
    words |= {a for actor in ruleset.actor for a in actor.aliases} | set(ruleset.calendar.units) | set(ruleset.tokenizer.stems)
    words |= {p for cue in ruleset.cue for p in cue.phrases} | {c for q in ruleset.qualifier for c in q.cues} | set(ruleset.calendar.relative)
    words |= set(ruleset.calendar.markers) | {w for m in ruleset.measure_unit for w in m.words} | {p for s in ruleset.scope for p in s.phrases}
    return {w.split()[-1] for w in words if w.strip()}


def _particle_suffix(ruleset: RuleSet) -> str:
    """'달러를' → '달러' '를': a particle at the end of a token, right after a known word."""
    particles = "|".join(sorted(map(re.escape, ruleset.tokenizer.particles), key=len, reverse=True))
    # Latin words only as names and acronyms the language's rules give ("KOICA는", "ODA를"), not all of English
    latin = {a.split()[-1] for actor in ruleset.actor for a in actor.aliases} | set(ruleset.tokenizer.stems)
    stems = [w for w in _known_words(ruleset) if not (w.isascii() and w.isalnum())] + sorted(w for w in latin if w.isascii() and w.isalnum())
    by_length: dict[int, list[str]] = {}
    for stem in sorted(stems):
        by_length.setdefault(len(stem), []).append(re.escape(stem))
    # one fixed-width lookbehind per stem length keeps the regex small
    return "|".join(f"(?<={'|'.join(group)})(?:{particles})$" for _, group in sorted(by_length.items()))


def _cut(window: str) -> int:
    """Where a block ends inside `window`: after a paragraph break, else a line break, else a sentence or a word."""
    cut = window.rfind("\n\n")
    if cut <= 0:
        cut = window.rfind("\n")
    if cut <= 0:
        cut = max(window.rfind(". "), window.rfind(" "))
    return cut + 1 if cut > 0 else len(window)


def blocks(chunks: Iterable[str], max_block: int = MAX_BLOCK) -> Iterator[tuple[int, str]]:
    """(offset, piece) pieces of at most max_block characters from a text given in chunks of any size,
    cut at paragraph breaks; only one block and one chunk are held at a time."""
    offset, buffer, given = 0, "", False
    for chunk in chunks:
        buffer += chunk
        while len(buffer) > max_block:
            end = _cut(buffer[:max_block])
            yield offset, buffer[:end]
            offset, buffer, given = offset + end, buffer[end:], True
    if buffer or not given:
        yield offset, buffer  # an empty document is still a document


def _number(value: float | None) -> int | float | None:
    """86.7e9 stays a float; 10000.0 is written 10000."""
    if value is not None and float(value).is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def sentence_window(text: str, sentence: tuple[int, int], span: tuple[int, int], width: int = SENTENCE_WINDOW) -> tuple[int, int]:
    """(start, end) in `text` of the sentence around a span, without its outer spaces; of a sentence
    longer than `width`, the `width` characters centred on the span, cut back to whole words when
    that keeps the span. So output grows with the number of claims, not claims × sentence length.
    A span that runs over a sentence's edge (a run cut between words) widens the sentence to hold it."""
    start, end = min(sentence[0], span[0]), max(sentence[1], span[1])
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start <= width:
        return start, end
    left = min(max(start, (span[0] + span[1] - width) // 2), end - width)
    right = left + width
    if left > start and not text[left - 1].isspace():  # in the middle of a word: from the next one
        space = text.find(" ", left, span[0])
        left = space + 1 if space >= 0 else left
    if right < end and not text[right].isspace():
        space = text.rfind(" ", span[1], right)
        right = space if space >= 0 else right
    return left, right


def _claims_of(doc: Doc, document: Document, offset: int, piece: str) -> Iterator[Claim]:
    """The claims of one block; texts are cut from the block as written, not as the pipeline read it
    (offsets of a text the pipeline read normalised are mapped back)."""
    published = document.published.isoformat() if document.published else None
    source = doc.user_data.get(SOURCE_OFFSETS)
    at = source.__getitem__ if source else int
    for span in doc.spans[CLAIMS]:
        facts = span._.vnkr
        span_start, span_end = at(span.start_char), at(span.end_char)
        start = offset + span_start
        end = offset + span_end
        sent = sentence_of(doc, span.start)
        left, right = sentence_window(piece, (at(sent.start_char), at(sent.end_char)), (span_start, span_end))
        yield Claim(
            id=f"{document.doc}:{start}-{end}",
            doc=document.doc,
            path=document.path,
            published=published,
            sentence=piece[left:right],
            sentence_start=offset + left,
            start=start,
            end=end,
            text=piece[span_start:span_end],
            label=facts.label,
            value=_number(facts.value),
            unit=facts.unit,
            date=facts.date,
            qualifier=facts.qualifier,
            topic=facts.topic,
            metric=facts.metric,
            period=facts.period,
            period_from=facts.period_from if facts.period else None,
            modality=facts.modality,
            entities=[Entity(**e) for e in facts.entities],
            subject=facts.subject,
            counterpart=facts.counterpart,
            scope=facts.scope,
            lang=document.lang,
            direction=facts.direction,
            low=_number(facts.low),
            high=_number(facts.high),
            base=facts.base,
            source=facts.source,
            rule=facts.rule,
            url=document.url,
            outlet=document.outlet,
            title=document.title,
        )


def _docs(nlp: Language, document: Document, max_block: int) -> Iterator[tuple[Doc, tuple[Document, int, str]]]:
    body_start = document.body_start
    for offset, piece in blocks(document.chunks(), max_block):
        text, source = nfc_with_offsets(piece)
        text = SPACES.sub(" ", text)
        doc = nlp.make_doc(text)
        doc.user_data[TEXT] = text  # Doc.text would join every token again
        skip = tuple((a - offset, b - offset) for a, b in document.skip if offset <= a < offset + len(piece))
        if source:
            doc.user_data[SOURCE_OFFSETS] = source
            skip = tuple((to_normalised(source, a), to_normalised(source, b)) for a, b in skip)
        doc._.vnkr_meta = DocMeta(published=document.published, skip=skip, reference=document.reference, owner=document, offset=offset)
        yield doc, (document, body_start + offset, piece)


def _report_failure(name: str, proc, docs: list[Doc], error: Exception) -> None:
    """spaCy's error handler: a block a component fails on is noted on its document, and skipped."""
    for doc in docs:
        owner = meta(doc).owner
        if owner is not None:
            owner.errors.append(f"{name} failed on the block at character {meta(doc).offset} ({type(error).__name__}: {error})")


def extract_documents(
    nlp: Language, documents: Iterable[Document], max_block: int = MAX_BLOCK, keep: Callable[[Claim], Any] | None = None
) -> Iterator[tuple[Document, list]]:
    """Each document with its claims, in input order; documents are streamed, never all held.
    `keep` says what is held of each claim until its document is done (Claim.to_json: its line,
    a tenth of the memory of a Claim object); by default the Claim.
    A block that a component fails on is noted in its document's `errors`; the rest goes on."""
    started: deque[Document] = deque()

    def feed() -> Iterator[tuple[Doc, tuple[Document, int, str]]]:
        for document in documents:
            started.append(document)
            yield from _docs(nlp, document, max_block)

    nlp.set_error_handler(_report_failure)
    current: Document | None = None
    claims: list = []
    for doc, (document, offset, piece) in nlp.pipe(feed(), as_tuples=True, batch_size=BATCH_SIZE):
        while started and started[0] is not document:  # every document before this one is done
            done = started.popleft()
            yield done, claims if done is current else []
            if done is current:
                claims = []
        current = document
        try:
            found = _claims_of(doc, document, offset, piece)
            claims.extend(map(keep, found) if keep else found)
        except Exception as error:  # noqa: BLE001 - one bad block must not stop the run
            document.errors.append(f"could not write the claims of the block at character {offset} ({type(error).__name__}: {error})")
    while started:
        done = started.popleft()
        yield done, claims if done is current else []
        if done is current:
            claims = []


def extract_by_language(
    documents: Iterable[Document], rules: str | None = None, max_block: int = MAX_BLOCK, keep: Callable[[Claim], Any] | None = None
) -> Iterator[tuple[Document, list]]:
    """extract_documents for documents of any language, each run through its language's pipeline;
    consecutive documents of one language share a stream."""
    for lang, run in groupby(documents, key=lambda document: document.lang):
        yield from extract_documents(build_nlp(rules, lang), run, max_block, keep)


def extract_text(nlp: Language, text: str, document: Document | None = None) -> list[Claim]:
    """The claims of one text: for tests and library use."""
    document = document or Document(doc="text", path="-", text=text)
    return next(extract_documents(nlp, [document]), (document, []))[1]
