"""`vnkr_periods`: the time each figure is about, and which time expressions are events of their own.

A date is the period of a figure in its clause ('US$500 million in 1992', 'Last year, trade
reached ...'); a date after 'from', 'since' or 'compared to' is a baseline. Neither is a claim
of its own. Every other date, unless it is when something was said ('said on Wednesday'),
joins the claims as a DATE candidate; `vnkr_topics` keeps those that date a known event.
"""

from __future__ import annotations

import datetime
import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from vnkr.components.base import Component, named
from vnkr.components.facts import (
    BASELINES,
    CLAIMS,
    DATES,
    RESULT_WORDS,
    by_sentence,
    lower_words,
    meta,
    result_of,
    rules_for,
)
from vnkr.normalize.dates import parse_date
from vnkr.rules import RuleSet

NO_PERIOD = {"DATE", "DURATION"}  # a duration's time is its own; a date is a time
NO_SCENE = NO_PERIOD | {"ORDINAL"}  # a rank said without a time is one of today ("is now the largest investor")
LINK_GAP = 5  # words between two figures of one statement
ARTICLES = {"the", "a", "an"}
DAY_PROBE = datetime.date(2000, 6, 15)  # a reference date to tell the precision of a date that has none to resolve against
SINCE_REACH = 12  # words (syllables in Vietnamese) between "kể từ" and the date of the event it runs from: "kể từ sau khi gia nhập DAC vào năm 2010"
TO_DATE_REACH = 4  # words between a to-date word and its date: "tính đến *hết tháng* 5-2016"
HEADLINE_CHARS = 200  # a first line longer than this is no headline
HEADLINE_LABELS = {"MONEY", "CARDINAL", "PERCENT"}  # the amounts a headline repeats
NEWS_DAYS = 31  # how long before its publication a page tells the day of its news ('31일(현지시간) ... 승인했다')
BRACKETED = 12  # words in brackets a baseline word may stand after: '전년 같은 달(23만2031명) 대비'


def _says(words: list[str], phrases: list[tuple[str, ...]]) -> bool:
    """Whether one of the phrases (as lower-case words) stands in `words`; a phrase is compared only where its
    first word stands (this runs for every sentence, over every phrase)."""
    if not words:
        return False
    present = set(words)
    for phrase in phrases:
        if not phrase:
            return True
        if phrase[0] not in present:
            continue
        first, size, wanted = phrase[0], len(phrase), list(phrase)
        if any(word == first and words[i : i + size] == wanted for i, word in enumerate(words)):
            return True
    return False


def _change(claim: Span) -> bool:
    """A multiple or a growth ('175 times', '70배', 'up 20%'): it runs from a start to a time, never of its start."""
    facts = claim._.vnkr
    return facts.label == "MULTIPLIER" or (facts.metric or "").endswith(("_growth", "_change"))


def _converted(doc: Doc, start: int) -> bool:
    """A figure in brackets right after another is the same figure converted: 'KRW 180.4 billion (USD 151 million)'."""
    return start > 0 and doc[start - 1].text == "("


TITLE_MARKS = {"‘": "’", "“": "”", "「": "」", "『": "』", "《": "》", "〈": "〉"}
MONTH_RUN = re.compile(r"^\d{4}-\d{2}/\d{4}-\d{2}$")  # "2025-01/2025-09": a statistic's reporting window, not a run of years
TITLE_REACH = 8  # words a name in quotation marks runs to on either side of its year


def in_a_title(doc: Doc, date: Span) -> bool:
    """Whether a date stands inside typographic quotation marks or title brackets, a few words from each:
    the name of a report or an event ('‘2019 재외동포현황’', '「2025 재외동포현황」'), not the time of a figure."""
    for token in reversed(doc[max(0, date.start - TITLE_REACH) : date.start]):
        if token.text in TITLE_MARKS.values():
            return False
        if token.text in TITLE_MARKS:
            closing = TITLE_MARKS[token.text]
            return any(t.text == closing for t in doc[date.end : date.end + TITLE_REACH])
    return False


class PeriodReader(Component):
    def __init__(self, rules: RuleSet):
        periods = rules.periods
        self.prepositions = {w.lower() for w in periods.prepositions}
        self.baseline = {w.lower() for w in periods.baseline}
        self.baseline_after = {w.lower() for w in periods.baseline_after}
        self.span_start, self.start_reach = {w.lower() for w in periods.span_start}, periods.start_reach
        self.start_event = {w.lower() for w in periods.start_event}
        self.range_openers = {w.lower() for w in periods.range_openers}
        self.until_after = {w.lower() for w in periods.until_after}
        self.until = {w.lower() for w in periods.until}
        self.respectively = [tuple(w.lower().split()) for w in periods.respectively]
        self.when = [tuple(w.lower().split()) for w in periods.when]
        self.own_time = [tuple(w.lower().split()) for w in periods.own_time]
        self.now = [tuple(w.lower().split()) for w in periods.now]
        self.now_metrics = set(periods.now_metrics)
        self.to_date = [tuple(w.lower().split()) for w in periods.to_date]
        self.flow_counts = set(periods.flow_counts)
        self.since = [tuple(w.lower().split()) for w in periods.since]
        self.news_metrics = set(periods.news_metrics)
        self.headline_repeats = periods.headline_repeats
        self.clause_breaks = {w.lower() for w in periods.clause_breaks}
        self.opening = {w.lower() for w in periods.opening}
        self.clause_openers = {w.lower() for w in periods.clause_openers}
        self.max_gap = periods.max_gap
        self.change_words = {w.lower() for w in periods.change_words}
        self.reporting = {w.lower() for w in rules.reporting.words}
        cal = rules.calendar
        self.relative_words = set(cal.shifts) | set(cal.days) | set(cal.weekdays)
        self.anaphoric = {rule.id for rule in rules.date_pattern if rule.anaphoric}
        self.calendar = rules.calendar

    def opening_date(self, doc: Doc, sent: Span, dates: list[Span], before: int | None = None) -> Span | None:
        """The last date before token `before` that opens its sentence or clause, set off by a comma: 'Last
        year, ...', 'As of the end of April, ...', '... show that in 2018, Vietnam welcomed ...', 'In 1994, ...;
        by 1997, ...'. With no `before`, the first such date of the sentence."""
        found = None
        for date in dates:
            if before is not None and date.end > before:
                break
            after = doc[date.end] if date.end < sent.end else None
            if after is None or after.text != ",":
                continue
            i, words = date.start - 1, 0
            while i >= sent.start and (doc[i].is_space or doc[i].lower_ in self.opening) and words <= 3:
                words += not doc[i].is_space
                i -= 1
            if words <= 3 and (i < sent.start or doc[i].lower_ in self.clause_openers):
                if before is None:
                    return date
                found = date
        return found

    def compared_after(self, doc: Doc, date: Span, end: int, reach: int = 3) -> bool:
        """Whether a baseline word follows the date within `reach` words (before token `end`), words in
        brackets not counted: Korean '전년 *대비*', '작년*보다*', '전년 같은 달(23만2031명) *대비*'."""
        if not self.baseline_after:
            return False
        seen, depth = 0, 0
        for token in doc[date.end : min(end, date.end + reach + BRACKETED)]:  # a bracket is a figure's few words, not a paragraph
            if token.text in {"(", "["}:
                depth += 1
            elif token.text in {")", "]"}:
                depth = max(0, depth - 1)
            elif not depth:
                if token.lower_ in self.baseline_after:
                    return True
                seen += 1
                if seen >= reach:
                    return False
        return False

    def following_date(self, doc: Doc, claim: Span, dates: list[Span], starts: list[int]) -> tuple[Span, str] | None:
        """The date after a figure in its clause, with how it is introduced: 'US$500 million in 1992' → 'in',
        'visited Vietnam last year' → '' (a relative date needs no preposition), 'up 20% from 2023' → 'baseline'."""
        for date in dates:
            if date.start < claim.end:
                continue
            gap = [t for t in doc[claim.end : date.start] if not t.is_space]
            while gap and gap[-1].lower_ in ARTICLES:
                gap.pop()  # "in the first half of 2024"
            if len(gap) > self.max_gap or any(t.is_punct and t.text not in "-–()" for t in gap):
                return None
            if any(claim.end <= s < date.start and not _converted(doc, s) for s in starts):
                return None
            if self.opens_range(doc, date) and gap and gap[-1].lower_ in self.range_openers:
                return date, gap[-1].lower_  # "from January to September": the figure's span of time
            if {t.lower_ for t in gap} & self.baseline:
                return date, "baseline"
            if self.compared_after(doc, date, len(doc)):
                return None  # "210만명으로 전년 대비": the time compared with, the figure's own is before it
            if date.end + 1 < len(doc) and doc[date.end].text == "(" and date.end + 1 in starts:
                return None  # the date of the figure in its brackets: "580억달러로 전년(530억달러)과 비교해"
            if gap and gap[-1].lower_ in self.prepositions:
                return date, gap[-1].lower_
            if doc[date.start].lower_ in self.prepositions:
                return date, doc[date.start].lower_  # a date that holds its own preposition: Vietnamese "năm 2022"
            if doc[date.start].lower_ in self.relative_words or date.label_ in self.anaphoric:
                return date, ""  # "visited Vietnam last year", "fourth place a year later"
            return None
        return None

    def preceding_date(self, doc: Doc, claim: Span, dates: list[Span], starts: list[int]) -> Span | None:
        """'in Q3 2023 it was 800 million dollars': the nearest date before, in the same clause."""
        for date in reversed(dates):
            if date.end > claim.start:
                continue
            if claim.start == date.end + 1 and doc[date.end].text == "(":
                return date  # the figure of that time, in brackets: "전년(535억달러) 대비", "the year before ($53.5 billion)"
            if self.compared_after(doc, date, claim.start, reach=6 if _change(claim) else 3):
                continue  # "작년 동기 대비 5.3% 늘었다", "1992년 수교 이래 70배": the year compared with
            if self.after_baseline_word(doc, date):
                return None  # "soared 164 times since 1992 to $80.7 billion": 1992 is what it is compared with
            between = doc[date.end : claim.start]
            if any(date.end <= s < claim.start for s in starts) or any(t.lower_ in self.clause_breaks for t in between):
                return None
            return date if len(between) <= self.max_gap + 2 else None
        return None

    def assign(self, doc: Doc, sent: Span, claims: list[Span], dates: list[Span], now_year: int | None) -> set[int]:
        """Give each figure the date of its clause; returns the starts of the dates so used (periods and baselines)."""
        used: set[int] = set()
        starts = sorted(c.start for c in claims)
        for claim in claims:
            facts = claim._.vnkr
            if facts.label in NO_PERIOD:
                continue
            chosen, introduced = None, ""
            following = self.following_date(doc, claim, dates, starts)
            if following is not None:
                date, introduced = following
                used.add(date.start)
                chosen = None if introduced == "baseline" else date
                if introduced == "baseline":
                    doc.user_data.setdefault(BASELINES, set()).add(date.start)
            if chosen is None and introduced != "baseline":
                chosen = self.preceding_date(doc, claim, dates, starts)
            if chosen is None:
                chosen = self.opening_date(doc, sent, dates, before=claim.start)
            if chosen is not None:
                facts.period = chosen._.vnkr.date
                facts.period_from = self.origin(doc, chosen, "clause")
                used.add(chosen.start)
                if self.after_baseline_word(doc, claim, reach=3):
                    doc.user_data.setdefault(BASELINES, set()).add(chosen.start)  # "compared with $21.2 billion in 2016"
                by = introduced == "by" or (chosen.end < len(doc) and doc[chosen.end].lower_ in self.until_after)
                if by and now_year and facts.period and int(facts.period[:4]) > now_year:
                    facts.modality = "target"  # "by 2030" in a 2025 article: a goal, not a figure
        return used

    def opens_range(self, doc: Doc, date: Span) -> bool:
        """Whether a range opener ('from') right before a date opens it: the date is a span ('from January to
        September'), so the word is its start, not a baseline's."""
        facts = date._.vnkr
        return bool(date.start and doc[date.start - 1].lower_ in self.range_openers and facts is not None and facts.label == "DATE" and "/" in (facts.date or ""))

    def after_baseline_word(self, doc: Doc, span: Span, reach: int = 1) -> bool:
        """'since 1992', 'from 2023', Vietnamese 'so với cùng kỳ năm 2025', 'compared with $21.2 billion': a
        date or figure a figure is compared with, when a baseline word stands within `reach` words before
        it (not across punctuation)."""
        if self.opens_range(doc, span):
            return False
        for token in reversed(doc[max(0, span.start - reach) : span.start]):
            if token.lower_ in self.baseline:
                # "từ tháng 1-3/2019" (from January to March): the word right before a run of time opens it
                return not (token.i == span.start - 1 and span._.vnkr is not None and "/" in (span._.vnkr.date or ""))
            if token.is_punct:
                return False
        return False

    def opened_by_start(self, doc: Doc, date: Span) -> bool:
        """Whether a span-start word ('since') opens the date's clause within `start_reach` words before it, the
        date being an event's in that clause ('since the scheme began *in* 2004')."""
        if not date.start or doc[date.start - 1].lower_ not in self.start_event:
            return False
        for token in reversed(doc[max(0, date.start - self.start_reach) : date.start - 1]):
            if token.lower_ in self.span_start:
                return True
            if token.is_punct:
                return False
        return False

    def deadline(self, doc: Doc, date: Span) -> bool:
        """'by 2030', '2030년까지': the time of a goal, not of the sentence's other figures."""
        before = doc[date.start - 1].lower_ if date.start > 0 else ""
        after = doc[date.end].lower_ if date.end < len(doc) else ""
        return before in self.until or after in self.until_after

    def origin(self, doc: Doc, date: Span, where: str) -> str:
        """Where a period was read: `where`, or `published` when the date is relative to the document's
        own date ('last year', 'this year')."""
        return "published" if doc[date.start].lower_ in self.relative_words else where

    def reported_on(self, doc: Doc, date: Span) -> bool:
        """'his office said on Wednesday': the date of a statement, not of an event."""
        return any(t.lower_ in self.reporting for t in doc[max(0, date.start - 2) : date.start])

    def linked(self, doc: Doc, first: Span, second: Span) -> bool:
        """Two figures of one statement: a change and its result ('tumbled 21.6 per cent on-year to $12.73
        billion', 'doubling bilateral trade to US$150 billion') or a figure and its change ('US$81.5 billion
        in 2024, up 7.3% from 2023')."""
        words = [t for t in doc[first.end : second.start] if not t.is_space]
        if not words or len(words) > LINK_GAP or any(t.lower_ in self.clause_breaks and t.text != "," for t in words):
            return False  # "to $100 billion next year and to $150 billion by 2030" are two statements
        if result_of(doc, first, second):
            return True
        commas = [i for i, t in enumerate(words) if t.text == ","]
        return bool(commas) and commas[-1] + 1 < len(words) and words[commas[-1] + 1].lower_ in self.change_words and first._.vnkr.period is not None

    @staticmethod
    def tells_unresolved_time(doc: Doc, claim: Span, reach: int = 3) -> bool:
        """Whether a time the document's date cannot resolve ('last year' with no published date) stands right
        after a figure, in its phrase: the figure has a time of its own, only not one that can be told."""
        for date in doc.spans[DATES] if DATES in doc.spans else []:
            if date._.vnkr is not None and date._.vnkr.date is None and 0 <= date.start - claim.end <= reach:
                if not any(t.is_punct for t in doc[claim.end : date.start]):
                    return True
        return False

    def share_periods(self, doc: Doc, claims: list[Span]) -> None:
        """A figure whose clause gives no time takes the time of the figure it is linked to."""
        ordered = [c for c in sorted(claims, key=lambda c: c.start) if c._.vnkr.label not in NO_PERIOD]
        for first, second in zip(ordered, ordered[1:]):
            if not self.linked(doc, first, second):
                continue
            a, b = first._.vnkr, second._.vnkr
            if self.tells_unresolved_time(doc, first) or self.tells_unresolved_time(doc, second):
                continue  # "$4.9 billion in 2009 grew to $14.1 billion last year" with no published date: not 2009
            if a.period is None and b.period is not None:
                a.period, a.period_from = b.period, "sentence"
            elif b.period is None and a.period is not None:
                b.period, b.period_from = a.period, "sentence"

    def __call__(self, doc: Doc) -> Doc:
        claims = list(doc.spans[CLAIMS]) if CLAIMS in doc.spans else []
        dates = list(doc.spans[DATES]) if DATES in doc.spans else []
        doc.user_data[BASELINES] = set()
        if not dates:
            return doc
        now = meta(doc).published or meta(doc).reference  # a goal lies after the article was written
        out = list(claims)
        for sent, numeric, times in by_sentence(doc, claims, dates):
            used = self.assign(doc, sent, numeric, times, now.year if now else None)
            self.share_periods(doc, numeric)
            out.extend(d for d in times if d.start not in used and not self.reported_on(doc, d))
        out.sort(key=lambda s: s.start)
        doc.spans[CLAIMS] = out
        return doc


class SentencePeriods(PeriodReader):
    """`vnkr_sentence_periods`, after `vnkr_topics`: a figure whose own clause gives no time takes the one
    time its sentence states for figures ('Korea posted a surplus of $34.25 billion in 2022, with exports
    totaling $60.98 billion'; '..., 65 countries ... during the first nine months of this year'). It runs
    after the topics so that the date of an event ('ties established in 1992') is known and never taken;
    a date a figure is compared with ('since 1992') or when something was said is never taken either,
    and a sentence that states two different times gives none. A sentence that states no time at all
    goes on with the one time the sentence before it stated, for figures of the same topic (period_from
    `context`); a day ('on Monday') dates an event or a statement, and is no period of other figures."""

    def times_of(self, doc: Doc, times: list[Span], events: set[int], baselines: set[int]) -> set[tuple[str, str]]:
        """The (period, where) pairs a sentence offers: its dates that are neither an event, a baseline,
        a deadline nor a day; a period None for a time it states that cannot be resolved ('last year' in a
        document with no date), which tells of a time all the same."""
        found = set()
        for date in times:
            if date.start in events or date.start in baselines or date._.vnkr is None:
                continue
            if self.after_baseline_word(doc, date, reach=4) or self.since_event(doc, date) or (self.deadline(doc, date) and not self.already_past(doc, date)):
                continue
            if self.opened_by_start(doc, date):
                continue  # "since the scheme began in 2004": where a cumulative count starts, not its period
            if self.compared_after(doc, date, len(doc), reach=6):
                continue  # "1992년 수교 때와 비교해": the year compared with
            if self.a_day(date) and not self.counted_to(doc, date):
                continue  # a day is when something happened or was said ('on Monday'), not a statistic's period
            if in_a_title(doc, date):
                continue  # "‘2019 재외동포현황’ 자료를 공개했다": the year of a report's name, not of the figures after it
            found.add((date._.vnkr.date, self.origin(doc, date, "sentence")))
        return found

    def since_event(self, doc: Doc, date: Span) -> bool:
        """'lớn nhất kể từ sau khi gia nhập DAC vào năm 2010': the date of an event a record or a count runs
        from, a `since` phrase before it within SINCE_REACH words of its clause, is no period of the figures."""
        window = doc[max(0, date.start - SINCE_REACH) : date.start]
        cut = max((t.i + 1 for t in window if t.is_punct), default=window.start)
        return bool(self.since) and _says([t.lower_ for t in doc[cut : date.start]], self.since)

    def counted_to(self, doc: Doc, date: Span) -> bool:
        """Whether a date ends a count from the year's start ('tính đến 20/6/2024', 'tính tới tháng 11'): a
        to-date word stands within TO_DATE_REACH words before it."""
        return bool(self.to_date) and _says([t.lower_ for t in doc[max(0, date.start - TO_DATE_REACH) : date.start]], self.to_date)

    def year_to_date(self, figures: list[Span], upto: set[str]) -> None:
        """'Tính đến hết tháng 5-2016, ... 398 dự án', 'tính tới tháng 11, kim ngạch đạt 247,3 tỷ USD': a flow
        counted up to a month is of the year until then (2016-01/2016-05); a level counted then (a stock, the
        residents, the projects or countries there are: 'gần 5.600 dự án') is of that month; of counts, only
        those of `flow_counts` (arrivals) are flows."""
        counted = [c for c in figures if c._.vnkr.period in upto]
        if any(c._.vnkr.metric in self.now_metrics and not c._.vnkr.metric.endswith("_rank") for c in counted):
            return  # "Tính đến tháng 5/2025, Hàn Quốc là nhà đầu tư lớn nhất với tổng vốn 94 tỷ USD, chiếm 23,5%": all of a stock
        for claim in counted:
            facts = claim._.vnkr
            if facts.label != "CARDINAL" or facts.metric in self.flow_counts:
                year, month = facts.period[:4], facts.period[5:7]
                facts.period = f"{year}-01" if month == "01" else f"{year}-01/{year}-{month}"

    def a_day(self, date: Span) -> bool:
        """Whether a date names a day ('on Monday', '9월 24일'), resolved or not: with no published date a yearless
        day stays unresolved, and is still no time that ends the scene told before."""
        value = date._.vnkr.date
        if value is None:
            value = parse_date(date.text, DAY_PROBE, self.calendar)
        return bool(value) and len(value) == len("2024-07-01")

    def __call__(self, doc: Doc) -> Doc:
        claims = list(doc.spans[CLAIMS]) if CLAIMS in doc.spans else []
        dates = list(doc.spans[DATES]) if DATES in doc.spans else []
        events = {c.start for c in claims if c._.vnkr.label == "DATE"}
        baselines = doc.user_data.get(BASELINES, set())
        scene, scene_end, topics = None, 0, set()  # the one time the last sentence that stated a time stated, where it ended, what about
        scene_upto: set[str] = set()  # the scene's time when it ends a count from the year's start
        timeless: list[Span] = []  # figures of sentences that state no time
        for sent, numeric, times in by_sentence(doc, claims, dates):
            figures = [c for c in numeric if c._.vnkr.label not in NO_PERIOD]
            self.from_event(figures, [d for d in times if d.start in events])
            offered = self.times_of(doc, times, events, baselines)
            if not offered:
                timeless.extend(figures)
            bare = [c for c in figures if c._.vnkr.period is None]
            if self.in_order(sent, figures, times, offered):
                pass
            elif bare and len({period for period, _ in offered}) == 1 and next(iter(offered))[0] is not None:
                period = next(iter(offered))[0]
                where = "published" if any(w == "published" for _, w in offered) else "sentence"
                for claim in bare:
                    claim._.vnkr.period, claim._.vnkr.period_from = period, where
            stated = {period for period, _ in offered}
            upto = {d._.vnkr.date for d in times if d._.vnkr is not None and d._.vnkr.date and len(d._.vnkr.date) >= 7 and "/" not in d._.vnkr.date and self.counted_to(doc, d)}
            self.year_to_date(figures, upto)
            self.held_now(doc, sent, figures)
            if any(d.start in events for d in times):
                self.at_event(doc, bare, [d for d in times if d.start in events])
                scene = None  # "ties set up in 1992, when trade was only $500 million": the time of an event, not the scene's
                continue
            if stated:
                scene = stated.pop() if len(stated) == 1 else None
                scene_upto = upto
                # a run of months told with no figure ("Sau 9 tháng năm 2025, hai thị trường ... đóng góp gần một nửa")
                # is the window of the statistics after it, of any topic; a year or "this year" told with none dates an
                # event ("marking its 10th anniversary this year"); a time told with figures goes on for their topics
                topics = {c._.vnkr.topic for c in figures} or (None if scene and MONTH_RUN.match(scene) else set())
            elif scene is not None and self.continues(doc, scene_end, sent):
                for claim in figures:  # "지난해 수출은 278억달러였다. 전년 대비 24.2% 증가했다."
                    if claim._.vnkr.period is None and claim._.vnkr.label not in NO_SCENE and claim._.vnkr.topic not in (None, "other") and (topics is None or claim._.vnkr.topic in topics) and not self.baseline_level(doc, claim):
                        claim._.vnkr.period, claim._.vnkr.period_from = scene, "context"
                if any(c._.vnkr.period_from == "context" for c in figures):
                    for claim in figures:  # "Hàn Quốc là thị trường lớn thứ hai, đạt trên 3,23 triệu lượt": ranked by that count
                        if claim._.vnkr.period is None and claim._.vnkr.label == "ORDINAL" and claim._.vnkr.topic not in (None, "other"):
                            claim._.vnkr.period, claim._.vnkr.period_from = scene, "context"
                self.year_to_date(figures, scene_upto)
            else:
                continue
            scene_end = sent.end - 1  # its last word: a line break after it starts a new paragraph
            while scene_end > sent.start and doc[scene_end].is_space:
                scene_end -= 1
        if self.headline_repeats:
            self.headline_from_body(doc, claims)
        self.news_of_the_day(doc, timeless, dates)
        return doc

    @staticmethod
    def headline_from_body(doc: Doc, claims: list[Span]) -> None:
        """'한국기업, 베트남 667억 달러 투자' over '지난해 말까지 한국의 누적 투자 규모가 667억 달러': an amount of the
        headline (the body's first line) that states no time is the body's amount of the same value and unit, of its
        time (period_from `context`) and, when both are of one topic, of its metric."""
        end = doc.text.find("\n")
        if meta(doc).offset or end < 0 or end > HEADLINE_CHARS:
            return
        body = [c for c in claims if c.start_char > end and c._.vnkr.period is not None and c._.vnkr.value is not None]
        for claim in claims:
            facts = claim._.vnkr
            if claim.end_char > end or facts.period is not None or facts.value is None or facts.label not in HEADLINE_LABELS:
                continue
            same = next((b._.vnkr for b in body if b._.vnkr.value == facts.value and b._.vnkr.unit == facts.unit and b._.vnkr.label == facts.label), None)
            if same is not None:
                facts.period, facts.period_from = same.period, "context"
                if same.topic == facts.topic and same.metric:
                    facts.metric = same.metric

    def news_of_the_day(self, doc: Doc, figures: list[Span], dates: list[Span]) -> None:
        """'하이퐁시는 7억5천만 달러 규모의 추가 투자를 허가했다', '전체 투자규모는 32억 달러로 늘어난다': a figure of a
        `news_metrics` metric in a sentence that states no time, and that no time before it reaches, is what the news
        of the day reports: of the month of the day the news tells ('31일(현지시간) 베트남 정부가 ... 승인했다', the first
        day the text names in the month before it was published; period_from `context`), else of the month the page
        was published (none when it has no date)."""
        published = meta(doc).published
        if not self.news_metrics or published is None:
            return
        period, where = published.isoformat()[:7], "published"
        for date in dates:
            value = date._.vnkr.date if date._.vnkr is not None else None
            if value and self.a_day(date) and (published - datetime.timedelta(days=NEWS_DAYS)).isoformat() <= value <= published.isoformat():
                period, where = value[:7], "context" if value[:7] != period else "published"
                break
        for claim in figures:
            facts = claim._.vnkr
            if facts.period is None and facts.metric in self.news_metrics:
                facts.period, facts.period_from = period, where

    def from_event(self, figures: list[Span], events: list[Span]) -> None:
        """'1992년 수교 이래 교역은 70배 커졌다', 'trade has grown 175 times since ties were set up in 1992': the
        date of an event in a multiple's or a growth's sentence is where it starts, not its period."""
        started = {e._.vnkr.date for e in events if e._.vnkr is not None}
        for claim in figures:
            if _change(claim) and claim._.vnkr.period in started and claim._.vnkr.period_from in ("clause", "sentence"):
                claim._.vnkr.period, claim._.vnkr.period_from = None, None

    def held_now(self, doc: Doc, sent: Span, figures: list[Span]) -> None:
        """'현재 베트남에는 1만개 이상의 한국 기업이 진출해 있다', 'hiện nay Hàn Quốc là nhà đầu tư lớn nhất': a level (a
        stock, a rank) that a 'now' word of its sentence dates, with no time of its own, is of the month the
        document was published (none when it has no date)."""
        published = meta(doc).published
        if not self.now or published is None or not _says(lower_words(doc, sent.start, sent.end), self.now):
            return
        for claim in figures:
            facts = claim._.vnkr
            if facts.period is None and facts.metric in self.now_metrics:
                facts.period, facts.period_from = published.isoformat()[:7], "published"

    def at_event(self, doc: Doc, bare: list[Span], events: list[Span]) -> None:
        """'established ties in 1992, when bilateral trade was only $500 million', '1992년 수교 당시 교역액은
        5억 달러': a figure with no time of its own, with a 'when' word between it and an event's date, is of
        that date."""
        for claim in bare:
            if claim._.vnkr.period is not None:
                continue
            for event in events:
                a, b = (event.end, claim.start) if event.end <= claim.start else (claim.end, event.start)
                words = lower_words(doc, a, b)
                if _change(claim) or (claim.end <= event.start and self.baseline & set(words)):
                    continue  # '130 times larger than it was when ties were set up in 1992': the time compared with
                if event._.vnkr and event._.vnkr.date and _says(words, self.when):
                    claim._.vnkr.period, claim._.vnkr.period_from = event._.vnkr.date, "sentence"
                    break

    @staticmethod
    def already_past(doc: Doc, date: Span) -> bool:
        """Whether a time ended before the document was published: '1988년부터 지난해말까지 677억 달러' tells
        a sum as of then (its figures' time), where '2030년까지' is a goal's deadline."""
        published = meta(doc).published
        value = date._.vnkr.date if date._.vnkr is not None else None
        if not published or not value:
            return False
        end = value.split("/")[-1]
        return end < published.isoformat()[: len(end)]

    def in_order(self, sent: Span, figures: list[Span], times: list[Span], offered: set[tuple[str, str]]) -> bool:
        """'in 2015 and 2016, its shipments rose 24.2 percent and 17.5 percent, respectively': as many times as
        figures, and a word that says so, give the times to the figures in order (over what their clauses
        read: the nearest of the times is not each figure's)."""
        words = lower_words(sent.doc, sent.start, sent.end)
        if not _says(words, self.respectively):
            return False
        periods = {period for period, _ in offered}
        ordered = [d._.vnkr.date for d in times if d._.vnkr is not None and d._.vnkr.date in periods]
        ordered = [p for i, p in enumerate(ordered) if p not in ordered[:i]]
        bare = [c for c in figures if c._.vnkr.period is None or c._.vnkr.period in periods and c._.vnkr.period_from == "clause"]
        if len(ordered) < 2 or len(ordered) != len(bare):
            return False
        for claim, period in zip(bare, ordered):
            claim._.vnkr.period, claim._.vnkr.period_from = period, "sentence"
        return True

    def baseline_level(self, doc: Doc, claim: Span) -> bool:
        """A level a change is measured from ('rose 9.1% from the previous level of $53.5 billion', 'so với
        mức 53,5 tỷ USD'): a baseline word among the five words before it, not one before a name ('imports
        from Vietnam reached $26 billion')."""
        window = doc[max(0, claim.start - 5) : claim.start]
        if window and window[-1].lower_ in RESULT_WORDS:
            return False  # "soared 164 times since 1992 *to* $80.7 billion": what it came to
        return any(t.lower_ in self.baseline and not (window[i + 1] if i + 1 < len(window) else claim[0]).is_title for i, t in enumerate(window))

    def continues(self, doc: Doc, scene_end: int, sent: Span) -> bool:
        """Whether a sentence that states no date goes on telling the time told before it, in its paragraph
        or the paragraphs after ('In the first half of 2016, ...' ¶ 'The RoK held 35.37% of the total.'):
        not when it, or a sentence since, has a time of its own that is no date ('currently', '현재', 'in
        recent years')."""
        return not _says(lower_words(doc, scene_end, sent.end), self.own_time)


@Language.factory("vnkr_sentence_periods", default_config={"rules": None})
def make_sentence_periods(nlp: Language, name: str, *, rules: str | None) -> SentencePeriods:
    return named(SentencePeriods(rules_for(rules, nlp.lang)), name)


@Language.factory("vnkr_periods", default_config={"rules": None})
def make_periods(nlp: Language, name: str, *, rules: str | None) -> PeriodReader:
    return named(PeriodReader(rules_for(rules, nlp.lang)), name)
