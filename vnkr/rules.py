"""Rules as data: the TOML files under resources/<lang>, validated strictly and merged with a user's file.

English (resources/en) is the base of every language: a language's own files (resources/vi,
resources/ko) add to its sections and override rules of the same id, the way a user's file does.

Every section is a list of rules with an `id` and an `example`, or a small table of
vocabulary. Unknown keys are errors. A user's rules file (`--rules FILE`) has the same
sections: a rule whose id already exists replaces it, a new id is added, and the keys of a
vocabulary table are merged.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from vnkr.languages import LANGUAGES
from vnkr.models import Label, Qualifier, Topic

RESOURCES = Path(__file__).resolve().parent / "resources"  # beside this module: `import vnkr` run from a folder holding a checkout named vnkr finds that folder first
RESOURCE_FILES = ("numbers.toml", "ranges.toml", "units.toml", "qualifiers.toml", "ranks.toml", "dates.toml", "semantics.toml", "actors.toml", "frame.toml", "sources.toml")


class RulesError(ValueError):
    """A rules file that cannot be used; the message names the file, the key and what was expected."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # built on first validation: a run whose rules come from the cache never validates them


class Rule(Strict):
    id: str = Field(min_length=1)
    example: str = Field(min_length=1)


def _lower_all(values: list[str]) -> list[str]:
    return [v.lower() for v in values]


class NumberWord(Rule):
    kind: Literal["unit", "article", "scale", "ordinal", "multiplier"]
    words: dict[str, float]
    attached: bool = False  # scale written right after digits: "1.5bn"
    after: list[str] = []  # a multiplier word only after one of these, which joins its span: Vietnamese "*gấp* đôi"
    before_scale: bool = False  # a unit word that is a number only before a scale: Vietnamese "một triệu", not "hai nước"
    glued: bool = False  # numerals written glued to the scales in one word, as Korean does in words: "오백억" (5 × 100 × 10⁸)


class Magnitude(Rule):
    """A vague magnitude, one claim with two ends: 'tens of thousands' (10,000 to 100,000), Vietnamese
    'hàng chục nghìn', Korean '수만'. Its words multiply to the lower end; the upper end is `spread`
    times that."""

    words: dict[str, float]  # the words that multiply to the lower end: "tens" = 10, "thousands" = 1e3; "chục" = 10 after "hàng"
    markers: list[str] = []  # a word before the words that makes them vague: Vietnamese "hàng", Korean "수"
    glued: bool = False  # the marker and the words are written as one word: "수만", "수십억"
    joiner: str | None = None  # a word between the words and after them: "of" ("tens of thousands of workers")
    min_words: int = Field(default=1, ge=1, le=4)  # how many of `words` (or scales) make one
    spread: float = Field(default=10, gt=1)
    _lower = field_validator("words")(lambda v: {k.lower(): x for k, x in v.items()})


class NotNumber(Rule):
    applies_to: Literal["number", "multiplier", "count"] = "number"  # count: a figure that is no money, percentage or measure
    next_words: list[str] = []
    hyphenated: bool = False  # next_words count only right after a hyphen: "two-way"
    previous_words: list[str] = []
    below: float | None = None  # previous_words count only for values below this
    _lower = field_validator("next_words", "previous_words")(_lower_all)


class SmallCount(Rule):
    """A count of a plural noun the rules do not know, below `below` ("two nuclear reactors"), is a
    claim unless it is rhetoric or the pair the news is about ("built on two foundations", "two
    countries": `not_nouns`) or the rest of a list ("four other items": `not_modifiers`)."""

    below: float = Field(default=10, gt=0)
    not_nouns: list[str] = []  # plural nouns, as written
    not_modifiers: list[str] = []  # words between the number and its noun
    _lower = field_validator("not_nouns", "not_modifiers")(_lower_all)


class Currency(Rule):
    code: str = Field(pattern=r"^[A-Z]{3}$")
    before: list[str] = []
    after: list[str] = []
    # a word after the number that is also a unit of measure ("208 pounds"): that unit when one of
    # measure_cues stands in the sentence ("he weighed 208 pounds"), else the currency
    measure: str | None = None
    measure_cues: list[str] = []
    _lower = field_validator("before", "after", "measure_cues")(_lower_all)


class CurrencySubunit(Rule):
    """A hundredth of a currency written after the number: '118.5p' is £1.185, '18 sen' RM0.18."""

    code: str = Field(pattern=r"^[A-Z]{3}$")
    factor: float = Field(gt=0, lt=1)  # the subunit in the currency's units: 0.01
    after: list[str]
    cues: list[str] = []  # when given, one of them must stand in the sentence: '1080p' is a video's lines
    _lower = field_validator("after", "cues")(_lower_all)


class Percent(Rule):
    after: list[str]
    _lower = field_validator("after")(_lower_all)


class CountUnit(Rule):
    unit: str
    nouns: list[str]
    weak_nouns: list[str] = []  # counted only when no other noun follows: "300,000 Vietnamese live ..."
    _lower = field_validator("nouns", "weak_nouns")(_lower_all)


class MeasureUnit(Rule):
    """A unit of measure: the words news writes for it after a number, and the pint unit it is."""

    unit: str  # a pint unit expression: "megawatt", "metric_ton", "kilometer ** 2"
    symbol: str | None = None  # the claim's unit when the spec names it otherwise than pint ("degC", "bbl")
    words: list[str]  # after the number; several words allowed: "square kilometres"
    attached: list[str] = []  # written glued to the digits: "500MW", "1.2GW"
    cased: list[str] = []  # after the number, matched as written: "450 Nm" is torque where "3 nm" is a length
    _lower = field_validator("words")(_lower_all)

    @field_validator("unit")
    @classmethod
    def _known_to_pint(cls, value: str) -> str:
        from vnkr.normalize.units import UnitError, symbol

        try:
            symbol(value)
        except UnitError as error:
            raise ValueError(str(error)) from None
        return value


class Measures(Strict):
    """Prices and rates per unit: '$2,500 per tonne', 'USD 4,000 per capita'."""

    per: list[str] = []  # the words between an amount and its unit: "per", "a", "/"
    per_nouns: dict[str, str] = {}  # nouns that are units only after `per`: "capita" → "person"
    age_before: list[str] = []  # a number after one of these is an age in years: "aged 35"
    age_joiners: list[str] = []  # ... or after one of these after one of them: "the age *of* 21"
    age_decades: list[str] = []  # after a round number of tens, an age group: Korean "30대" (in their thirties)
    age_decades_next: list[str] = []  # ... only before one of these: "30대 남성", not "버스 30대" (thirty buses)
    age_apposed_max: int = Field(default=0, ge=0, le=150)  # "Maddon, 66, said": whole digits up to this, between commas after a name, are an age (0: never)
    fractions: dict[str, float] = {}  # "a third of", "two-thirds of", "half of": QUANTITY, unit `fraction`
    fraction_after: list[str] = []  # a fraction word is one only before these: "of"
    not_fraction_after: list[str] = []  # ... and not after these: "the first half of 2024", "the second quarter"
    # "one in three", "one out of three", Vietnamese "hai phần ba" (numerator first: "over"), Korean "3분의 1"
    # (denominator first: "under"): the words between two whole numbers that make a fraction
    fraction_joiners: dict[str, Literal["over", "under"]] = {}
    # "he will be 35", "she turned 60": an age after one of these phrases, when the number ends its clause or
    # one of age_after_next follows it ("He will be 35 by the end of the year")
    age_after: list[str] = []
    age_after_next: list[str] = []
    # "37m (121ft)": a number with a glued scale letter that is also a unit, before a conversion into one of
    # `units` in brackets, is in that unit, not a scale: {letter → (the claim's unit, the units of its dimension)}
    scale_or_unit: dict[str, tuple[str, list[str]]] = {}
    # a bare scaled amount this large counts nothing, it is money in the language's own currency: Korean
    # "총 투자금은 70조로 집계됐다" is 70 trillion won (a count of 10¹² things does not occur in the news)
    bare_money: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    bare_money_from: float = Field(default=1e12, gt=0)


class DurationUnit(Rule):
    unit: Literal["day", "month", "year"]
    factor: float = 1
    words: list[str] = []
    counted: dict[str, float] = {}  # words that are the number and the unit in one: Korean "나흘" is four days
    total_after: list[str] = []  # "2박3일": a number glued after this unit word, then one of these, is the whole duration


class MultiplierSuffix(Rule):
    words: list[str]
    requires_context: bool = False
    context_before: list[str] = []
    context_after: list[str] = []


class QualifierRule(Rule):
    qualifier: Qualifier
    cues: list[str]
    position: Literal["before", "after"] = "before"  # Korean writes "3만 명 이상": after the number, outside the span
    stems: list[str] = []  # after the number: a word beginning with one of these, whatever its ending ("넘어섰다", "넘기며")
    _lower = field_validator("cues")(_lower_all)


class RankRule(Rule):
    superlatives: list[str]
    nouns: list[str]
    max_gap: int = Field(default=4, ge=0, le=10)
    blocked_by: list[str] = []
    needs_article: list[str] = []
    copulas: list[str] = []
    places: list[str] = []
    possessives: list[str] = []  # a particle glued to the rank's holder: Korean "베트남의 최대 투자국"
    holder_after: list[str] = []  # words between a rank and its holder named after it: Vietnamese "lớn nhất tại Việt Nam"
    subject_particles: list[str] = []  # a particle glued to the ranked actor, a copula: Korean "베트남*은* ... 3위"
    # words beside an actor that say it is not the ranked one (the one compared with, a destination), before
    # it (Vietnamese "*sau* Trung Quốc", "*sang* Việt Nam") or after it and any brackets (Korean "중국(310만 명)*에 이어*")
    not_ranked_before: list[str] = []
    not_ranked_after: list[str] = []
    bare_holder: bool = False  # an actor right before the rank with no particle holds it: Korean "베트남 최대 송출국"
    # words before an actor that make it an object in the clause before a rank, never the ranked one: "Samsung has
    # invested $22 billion *in* Vietnam, becoming the largest investor" ranks Samsung
    object_before: list[str] = []


class RankNumber(Rule):
    prefixes: list[str]


class RankPhrase(Rule):
    value: int = Field(ge=1)
    phrases: list[str]
    _lower = field_validator("phrases")(_lower_all)


class RankPattern(Rule):
    """A rank said by a construction, as spaCy token patterns: 'lớn thứ ba', '3위', '세 번째로 큰'.
    The value is the number the match holds (digits or a number word), else `value`."""

    patterns: list[list[dict[str, Any]]] = Field(min_length=1)
    value: int | None = Field(default=None, ge=1)
    span: tuple[int, int] | None = None  # the tokens of the match that are the claim: "가장" of "가장 큰"
    bare: bool = False  # the rank names nothing it ranks ("3위", "세 번째"): it ranks what the rank before it ranked
    field_after: bool = False  # what it ranks follows it ("thứ hai về ODA"): no cue before it names that


class RankVerb(Rule):
    verbs: list[str]
    _lower = field_validator("verbs")(_lower_all)


class NumberFormat(Strict):
    """How a language writes numbers: '81,3' and '415.000' in Vietnamese, '1천200만' in Korean."""

    decimal: str = Field(default=".", min_length=1, max_length=1)
    group: str = Field(default=",", min_length=1, max_length=1)
    small_scale_below: float = 1000  # scales below this multiply within a group: "two hundred thousand", "1천200만"
    digits_after_scale: bool = False  # "27만2573": digits after a scale word add to it
    # ... across a space too when one of these follows the digits: "255만 7047명", "1조 2000억 원"
    spaced_after_scale: list[str] = []
    suffixes: list[str] = []  # written right after a number, part of it: "29만4천여"
    range_words: list[str] = []  # between the two numbers of a range: "đến", "~"
    range_bounds: bool = False  # a range's ends are a lower and an upper bound (at_least, at_most), as vi/ko gold reads them
    # a word before a range's first number that lets more words join the two: "between" 5% "and" 6%
    range_openers: dict[str, list[str]] = {}
    # a word before the first number that, after a change word, makes "X to Y" the old and the new
    # level, two figures: "rose from $5 billion to $7 billion", Vietnamese "tăng từ ... đến"
    change_openers: list[str] = []
    change_reach: int = Field(default=3, ge=0, le=10)  # words a change word may stand before the opener
    signs: dict[str, Literal["up", "down"]] = {}  # a sign glued to the digits is a change's direction: "-1.3%", "+0.8%"
    sign_words: dict[str, Literal["up", "down"]] = {}  # a sign written as a word: "minus 5 yards", "minus-130 degrees"
    # after a change word, these between two numbers lead to the new level: "increased by $43.6 billion to $419.2 billion"
    level_words: list[str] = []
    bare_scales: bool = True  # a scale word with no number before it is one ("a million", "millions"); not "만" alone
    # a bare amount scaled by one of these words, counting nothing, is money in the currency given: Korean headlines
    # write won without 원 ("LG디스플레이, 베트남에 8300억 더 투자", "113조")
    implied_currency: dict[str, str] = {}
    implied_money_words: list[str] = []  # ... when one of these (a measure of money) stands in its sentence, glued or not
    counting_words: dict[str, int] = {}  # number words read only inside a rank pattern: "ba" of "lớn thứ ba", "세" of "세 번째"


class TokenizerRules(Strict):
    """What a language's tokenizer adds to spaCy's rule-based one (regexes and words)."""

    infixes: list[str] = []  # regexes; zero-width ones split without a token: "472억" → "472" "억"
    suffixes: list[str] = []  # regexes of what ends a token: "46%↑" → "46%" "↑"
    particles: list[str] = []  # split off a known word they are glued to: "달러를" → "달러" "를"
    stems: list[str] = []  # known words besides the rules' vocabulary


class Counting(Strict):
    max_modifiers: int = Field(default=5, ge=0, le=20)
    max_before: int = Field(default=6, ge=0, le=20)
    max_subject: int = Field(default=20, ge=0, le=60)
    stop_after: list[str] = []
    stop_before: list[str] = []
    bare_followers: list[str] = []
    subject_phrases: list[str] = []
    count_verbs: list[str] = []
    ellipsis_after: list[str] = []
    coordinators: list[str] = []  # "55,000 and 97,000 students": a count joined to the next one counts its noun
    min_bare_value: float = 1000
    bare_decimals: bool = False  # a number written with decimals is a claim with nothing counted: "rose 8% to 3.65"
    # any plural noun a figure counts ("61 countries", "two nuclear reactors") is its unit, singular:
    plural_modifiers: int = Field(default=2, ge=0, le=5)  # words between the figure and the noun
    plural_min_value: float = 10  # below this a plural noun after a figure is not what it counts ("won 2-1 thanks to"); see SmallCount
    singular_endings: list[tuple[str, str]] = []  # plural ending → singular ending, the first that fits
    irregular_plurals: dict[str, str] = {}
    irregular_endings: list[tuple[str, str]] = []  # ... and endings of them: "fishermen" → "fisherman"
    not_plurals: list[str] = []  # words ending like plurals that are not counted nouns ("perhaps", "series")


class NotEvent(Strict):
    words: list[str] = []
    reach: int = Field(default=10, ge=0, le=40)
    # events an anniversary's date may date when named before it: a partnership upgraded on the anniversary
    occasions: list[str] = []


class ModalityRules(Strict):
    date_goal_metrics: list[str] = []
    baseline_fillers: list[str] = []  # words between a baseline word and its figure: Vietnamese "so *với mức* 6,5 tỷ USD"
    # a "clause" target cue (a verb at the end of its clause, Korean "채용할 계획이다") reaches back to the figures of its
    # clause: a punctuation mark or a word with one of these endings closes a clause before it ("...였으며", "...했고")
    clause_ends: list[str] = []
    # a figure right before one of these is where a change starts, not the goal: "월 960만대*에서* 1300만대로 늘어날 예정"
    origins: list[str] = []


class Periods(Strict):
    prepositions: list[str] = []
    baseline: list[str] = []
    baseline_after: list[str] = []  # a date right before one of these is a baseline: Korean "전년 대비", "작년보다"
    # a date in a clause one of these opens (within `start_reach` words) is where a span starts, no period of the
    # sentence's figures: "since the scheme began in 2004, Vietnam has sent 43,000 workers"
    span_start: list[str] = []
    start_reach: int = Field(default=6, ge=1, le=12)
    # ... when the clause tells an event whose date one of these introduces ("began *in* 2004"); a time right after
    # the word ("since the beginning of the year") is the span itself, read as a baseline or a period elsewhere
    start_event: list[str] = []
    # a baseline word right before a span of time opens that span, no baseline: "traveled to Vietnam *from* January
    # to September this year" (not "up 20% from 2023")
    range_openers: list[str] = []
    until_after: list[str] = []  # a date right before one of these is a deadline, like "by 2030": Korean "2030년까지"
    until: list[str] = []  # a date right after one of these is a deadline: "by 2030", "until 2025"
    when: list[str] = []  # a figure after an event's date and one of these is of that date: "ties in 1992, when trade was $500 million"
    respectively: list[str] = []  # "in 2015 and 2016, ... rose 24.2% and 17.5%, respectively": the times go to the figures in order
    own_time: list[str] = []  # "currently", "현재", "in recent years": a sentence with a time of its own that is no date goes on with no time told before
    # "현재", "hiện nay": a level counted now (a stock, a rank) with no time of its own is of the document's month
    now: list[str] = []
    now_metrics: list[str] = []  # the levels "now" dates: residents, investment_stock ... (not a flow, whose time is a span)
    # a company's figure of these with no time told anywhere near is news of the month published: "LG Display
    # tăng vốn thêm 1,4 tỷ USD" in a report of 2021-08 (a licence, an increase, the total it brings)
    company_news_metrics: list[str] = []
    to_date: list[str] = []  # a date after these ends a count from the year's start: "tính đến tháng 11" (a flow: January to November)
    since: list[str] = []  # the date of an event after these, in the clause, is where a record runs from: "kể từ khi gia nhập DAC vào năm 2010"
    flow_counts: list[str] = []  # the metrics of counts that are flows (arrivals), not levels (projects, firms), for `to_date`
    # news of these metrics that no time of its sentence or its context reaches is of the month the page was published:
    # Korean "하이퐁시는 7억5천만 달러 규모의 추가 투자를 허가했다", "전체 투자규모는 32억 달러로 늘어난다"
    news_metrics: list[str] = []
    # a figure of the headline (the body's first line) with no time is the body's figure of the same amount, of its time
    # and measure: "한국기업, 베트남 667억 달러 투자" over "지난해 말까지 ... 누적 투자 규모가 667억 달러"
    headline_repeats: bool = False
    clause_breaks: list[str] = []
    opening: list[str] = []
    clause_openers: list[str] = []
    change_words: list[str] = []  # ", up 7.3%": a change told right after a figure shares its time
    max_gap: int = Field(default=6, ge=0, le=30)


class Calendar(Strict):
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    shifts: dict[str, int] = {}
    units: dict[str, Literal["year", "month", "week"]] = {}
    days: dict[str, int] = {}
    parts: dict[str, Literal["early", "mid", "late", "end", "beginning"]] = {}
    quarters: dict[str, int] = {}
    halves: dict[str, int] = {}
    numbers: dict[str, int] = {}  # number words in dates: "the first five months"
    counts: dict[str, int] = {}  # number words that count the months before a month marker: Vietnamese "năm tháng đầu năm" (five)
    # words that say what a number of a date is: Korean "8월 10일" (after it), Vietnamese "ngày 5/2", "tháng 8" (before it)
    markers: dict[str, Literal["year", "month", "day", "quarter"]] = {}
    markers_after: bool = False
    half_words: dict[str, int] = {}  # one word (or two) for a half year: "상반기" = 1, "nửa cuối" = 2
    first: list[str] = []  # after "N months": the first N months ("7 tháng đầu năm")
    # a bare year after one of these and before a capitalised word is part of a name, no date: "the 2030 World Expo"
    name_articles: list[str] = []
    since_start: list[str] = []  # with a month "until" it: the months from the year's start ("올해 들어 11월까지")
    relative: dict[str, tuple[Literal["year", "month", "week"], int]] = {}  # one word, a unit and a shift: "지난해", "올해"
    stamp_words: list[str] = []  # words beside a header's date on a time-stamp line: "입력", "Cập nhật"
    anchor_shapes: list[str] = []  # token shapes the date patterns run near besides years: Vietnamese "5/2"
    anaphora: dict[str, int] = {}  # "a year later": +1 from the year the text named before
    anchors: list[str] = []  # more words the date patterns run near: Korean "전년" ("전년 같은 달")
    short_year_first: bool = False  # "24.03.15" is year, month, day (Korean), the year of two digits
    not_glued_after: list[str] = []  # a day glued right after one of these is a count: "3일" of "2박3일" (nights, days)
    year_range: tuple[int, int] = (1900, 2100)


class Tense(Strict):
    future: list[str] = []
    past: list[str] = []
    passive: list[str] = []


class DatePattern(Rule):
    pattern: list[dict[str, Any]]
    anaphoric: bool = False  # the year is the one the text named before, shifted by the calendar's `anaphora` words
    same_time: bool = False  # anaphoric: the whole time named before (its month, its months), shifted: "전년 같은 달"


class WordList(Strict):
    words: list[str] = []


class Sentences(Strict):
    abbreviations: list[str] = []


class Cue(Rule):
    topic: Topic
    phrases: list[str]
    metrics: dict[Label, str] = {}
    _lower = field_validator("phrases")(_lower_all)


class Measured(Rule):
    """What a figure with no metric measures, named by a phrase near it in its clause: compare joins the
    figures of different documents that measure one thing ('a monthly salary of $50,000', '50.000
    USD/tháng' lương). Its id is no metric of the spec: the claims keep a null metric."""

    phrases: list[str]
    labels: list[Label] = []  # the labels it measures; empty: any but DATE
    _lower = field_validator("phrases")(_lower_all)


class MetricOverride(Rule):
    topic: Topic | None = None  # None: whatever topic the claim's cue gave
    metric: str  # may hold "{topic}" or "{metric}" (the metric of the cue's level: "{metric}_change" = "export_value_change")
    labels: list[Label]
    phrases: list[str]
    max_distance: int | None = Field(default=None, ge=0)  # words from the claim; None: anywhere
    position: Literal["before", "either"] = "before"  # "so far", "to date" follow the figure
    not_for_a_year: bool = False  # not for a figure whose period is one whole year or a span inside one (a flow's time)
    direction: Literal["up", "down"] | None = None  # its phrases also say which way a change went
    unless: list[str] = []  # not when one of these stands in the claim's sentence: "cấp mới" (newly licensed) is no stock
    # not across a clause's end (punctuation but a list's, a word with one of modality.clause_ends): "현재까지 50억 달러가
    # 지출됐으며, 향후 30억 달러를 투자할" (the plan is no stock), but "지금까지 하노이, 박닌 등 4개 지역에 200억달러를"
    in_clause: bool = False
    _lower = field_validator("phrases", "unless")(_lower_all)


class ShareCue(Rule):
    """A percentage that is a part of a total, whatever its topic: words of a total near it ("18.1% *of total*
    registered capital", "12.85 percent *of* Vietnam's *total*", "*전체* 수출*의* 30%"). `first` is the word
    that must stand right next to the figure on that side (none: any), `totals` one of the words within `reach`."""

    position: Literal["before", "after"]
    first: list[str] = []
    totals: list[str]
    reach: int = Field(default=5, ge=1, le=12)
    _lower = field_validator("first", "totals")(_lower_all)


class DirectionRules(Strict):
    """How the change words of the `direction` metric overrides reach a figure (`vnkr_direction`)."""

    between: list[str] = []  # words that may stand between a change word and the figure: "rose *by* 12%"
    nouns: list[str] = []  # change words that may follow the figure: "a 12% *rise*", "12 percent *growth*"
    between_after: list[str] = []  # words between the figure and a change word after it: Korean "45.9%*나* 증가해"
    stems: bool = False  # the change words after a figure take endings: a word that starts with one is one (Korean "증가했다")
    not_after: list[str] = []  # a change word right after one of these says no change: "*making* up 25 percent"
    particles: list[str] = []  # the change words not_after blocks (empty: all): "made *up*", but "ended *down* 1%" fell
    by_words: list[str] = []  # before the figure, they let the change word stand an object away: "grow sales *by* 35%"
    max_object: int = Field(default=0, ge=0)  # the words of that object
    max_distance: int = Field(default=4, ge=0)
    # a change figure restated in another unit after one of these went the same way: "lost 190 points, *or* 0.6%"
    restate_words: list[str] = []
    _lower = field_validator("between", "nouns", "between_after", "not_after", "particles", "by_words", "restate_words")(_lower_all)


class CountMetric(Rule):
    unit: str
    topic: Topic
    metric: str | None = None
    min_value: float | None = None
    max_value: float | None = None
    requires: list[str] = []
    also_requires: list[str] = []  # one of these must stand near too: a nationality with "in Korea"
    excludes: list[str] = []
    fallback: bool = False  # taken only when no other rule's phrase is found, however near its own stands
    counts_as: str | None = None  # the unit what it counts is: Korean 건 (cases) of investment are projects ("신규 투자는 1,145건")
    _lower = field_validator("requires", "also_requires", "excludes")(_lower_all)


class TargetCue(Rule):
    scope: Literal["forward", "backward", "covering", "clause"]
    phrases: list[str]
    future_only: bool = False  # a goal only of a figure whose time is not wholly past when published ('bringing trade to $80 billion in 2023')
    reach: int = Field(default=2, ge=0, le=8)  # "backward": words between the figure and the cue ('10,000 guest workers are expected to')
    _lower = field_validator("phrases")(_lower_all)


class Actor(Rule):
    label: Literal["GPE", "PERSON", "ORG", "NOT_ACTOR"]  # NOT_ACTOR: a name that holds an actor's name but is none ("Thai Nguyen", "Vietnam News Agency")
    aliases: list[str]
    demonyms: list[str] = []  # "Korean", "Vietnamese": whose firms, nationals, investment
    country: str | None = None  # a company's home country: Samsung's investment is Korean investment, narrowed
    frames: bool = True  # false: a news agency, named as who reports a figure ("연합뉴스에 따르면"), is never a side of it


class Source(Rule):
    """A statistical body a figure may be attributed to (`vnkr_sources`): its id is the claim's `source`."""

    aliases: list[str] = Field(min_length=1)


class Attribution(Rule):
    """Words that make a body named beside them the source of its sentence's figures: `before` it
    ("*according to* KITA", "*theo* Tổng cục Hải quan"), across at most `gap` words ("according to *the* GSO"),
    or `after` it ("MOTIE *said*", "한국무역협회*에 따르면*"); with `closing`, one of these must also stand later
    in the sentence (Korean "산업통상자원부*는* ... *밝혔다*"). `names` lets a body not in the table count:
    after a `before` cue, a name that holds one of the source_names heads."""

    before: list[str] = []
    after: list[str] = []
    closing: list[str] = []
    gap: int = Field(default=0, ge=0, le=4)
    names: bool = False
    _lower = field_validator("before", "after", "closing")(_lower_all)


class SourceNames(Strict):
    """How the name of a body not in the table is read after an attribution cue (`names = true`):
    capitalised words, joined by `connectors`, one of them a `heads` word ("Korea Development *Institute*"),
    or with `lead`, a head and the words after it up to a punctuation mark ("*Sở* Du lịch Đà Nẵng,");
    or, in a language that glues a cue to the name (Korean), the word before it when it ends with a `suffixes` one."""

    heads: list[str] = []
    connectors: list[str] = []
    suffixes: list[str] = []
    # Vietnamese capitalises only a name's first syllables ("Bộ Ngoại giao Hàn Quốc"): the name starts with a
    # head and runs to the next comma, bracket or full stop, of at most max_words words
    lead: bool = False
    max_words: int = Field(default=10, ge=1, le=20)
    # a body named again by a common noun ("*the agency* said", "*the report* showed"): with an attribution cue,
    # the figures of its sentence come from the source of an earlier sentence of the same paragraph
    anaphors: list[str] = []


class RatioCue(Rule):
    """A percentage that is the new level as a share of an earlier one (`base` ratio): words right before it
    ("*bằng* 139,7%") or right after it ("139.7% *of the same period last year*", "139.7% *수준*")."""

    before: list[str] = []
    after: list[str] = []
    _lower = field_validator("before", "after")(_lower_all)


class FrameSettings(Strict):
    pair: list[str] = Field(default=[], max_length=2)
    possessives: list[str] = []
    prepositions: list[str] = []  # an actor after one of these is no clause's subject
    # a language that marks an actor's role after it (Korean "베트남*으로부터*", "베트남*에*") lists those
    # particles: an actor's marker is then the particle glued after it, or a word glued before it ("*대*베트남")
    particles: list[str] = []
    prefixes: list[str] = []  # glued before an actor's name, its marker: Korean "*대*베트남 수출" (exports to Vietnam)
    owner_before: list[str] = []  # a possessive before the actor: Vietnamese "xuất khẩu *của* Hàn Quốc"
    receivers: list[str] = []  # an actor before one of these verbs is what a figure went to: "Vietnam *attracted* $36.6 billion"
    # after an actor, these name the other side by its nationality: "with his *Vietnamese counterpart*" (not the figure's owner)
    counterpart_nouns: list[str] = []
    owned_nouns: list[str] = []  # an actor's people or firms with the possessive after them own a figure too: Korean "한국 *기업들*의 베트남 투자"
    # the topic or subject particles: an actor marked by one opens its clause, and owns a figure no actor is marked
    # to own, before an actor with no particle nearer the figure ("LG디스플레이*가* 베트남 공장에 8000억원을 투자했다")
    openers: list[str] = []
    beside: list[str] = []  # more words between a third country and its figure: Vietnamese "Trung Quốc *với* 3,1 triệu"
    # after a comma, these open a clause whose actors are not those of a figure before it: "exports hit
    # $683.8 billion, *with* shipments to Vietnam up 9%" (the total is not Vietnam's); a figure inside the
    # clause still has the actors before it ("Korea is the largest investor, with $87 billion")
    comma_clauses: list[str] = []
    reach: int = Field(default=160, ge=0, le=2000)


class FrameRule(Rule):
    kind: Literal["symmetric", "directional"]
    metrics: list[str] = []
    cues: list[str] = []  # ids of topic cues (`cue` rules)
    topics: list[Topic] = []
    subject_markers: list[str] = []  # a word right before an actor that makes it the figure's owner
    counterpart_markers: list[str] = []  # ... or its other side
    third_markers: list[str] = []  # symmetric: a word before an actor that names the other side ("trade with China")
    # directional: words right after an actor with no particle that make it the other side, when another actor
    # is named before it: Korean "한국 기업들의 베트남 투자" (investment in Vietnam), "베트남 투자국 2위"
    bare_targets: list[str] = []
    default: list[str] = Field(default=[], max_length=2)  # (subject, counterpart) when the text names neither
    # directional: actors (ids) whose country is the figure's subject wherever they stand in its clause, over an owner
    # named nearer: the lender of a loan ("Vietnam's Ministry of Finance and Korea Eximbank signed loans worth $162 million")
    lenders: list[str] = []
    _lower = field_validator("subject_markers", "counterpart_markers", "third_markers", "bare_targets")(_lower_all)


class FrameGroup(Rule):
    """A group of people whose name fixes one side of a figure's frame: overseas Koreans ('재외동포',
    'overseas Koreans') are Korean (`side` subject, `actor` KR) wherever they live, so the country named
    beside their count is where they live; marriage migrants ('결혼이민자') live in Korea (`side`
    counterpart, `actor` KR), so the country named is their nationality. With no `actor` the side is
    every country ('foreign tourists', 'khách quốc tế'): it stays null unless an actor is named nearer
    the figure than the group. A group with `carries` goes on for the figures of its topics in the rest
    of its paragraph and the sentence after it (a list of countries after its lead)."""

    phrases: list[str] = Field(min_length=1)
    side: Literal["subject", "counterpart"]
    actor: str | None = None
    topics: list[Topic] = Field(min_length=1)
    carries: bool = False
    count_metric: str | None = None  # the metric of a count of people of the group that has none
    _lower = field_validator("phrases")(_lower_all)


class ScopeCue(Rule):
    scope: str = Field(pattern=r"^[a-z0-9_]+$")
    phrases: list[str]
    reach: int = Field(default=10, ge=0, le=30)  # words between the phrase and the figure
    place: bool = False  # a province or city: it narrows a company's figure too ("Samsung's $8.3 billion in Bac Ninh"), never a date's
    _lower = field_validator("phrases")(_lower_all)


class RuleSet(Strict):
    """All of vnkr's vocabulary and cues."""

    number_word: list[NumberWord] = []
    magnitude: list[Magnitude] = []
    not_number: list[NotNumber] = []
    currency: list[Currency] = []
    currency_subunit: list[CurrencySubunit] = []
    percent: list[Percent] = []
    count_unit: list[CountUnit] = []
    small_count: list[SmallCount] = []
    duration_unit: list[DurationUnit] = []
    measure_unit: list[MeasureUnit] = []
    measures: Measures = Measures()
    multiplier_suffix: list[MultiplierSuffix] = []
    qualifier: list[QualifierRule] = []
    rank: list[RankRule] = []
    rank_number: list[RankNumber] = []
    rank_verb: list[RankVerb] = []
    rank_phrase: list[RankPhrase] = []
    rank_pattern: list[RankPattern] = []
    number_format: NumberFormat = NumberFormat()
    tokenizer: TokenizerRules = TokenizerRules()
    counting: Counting = Counting()
    periods: Periods = Periods()
    calendar: Calendar = Calendar()
    tense: Tense = Tense()
    date_pattern: list[DatePattern] = []
    trim: WordList = WordList()
    reporting: WordList = WordList()
    sentences: Sentences = Sentences()
    cue: list[Cue] = []
    measured: list[Measured] = []
    metric_override: list[MetricOverride] = []
    share_cue: list[ShareCue] = []
    count_metric: list[CountMetric] = []
    direction: DirectionRules = DirectionRules()
    target: list[TargetCue] = []
    terminators: WordList = WordList()
    cue_barriers: WordList = WordList()
    cue_after_breaks: WordList = WordList()  # a cue after a figure and one of these is the next figure's: "$61 billion and imports of ..."
    gatherings: WordList = WordList()  # words of a meeting near a count of people: those present, no population
    cue_windows: dict[Label, tuple[int, int]] = {}  # words before and after a claim a cue may stand, by label
    not_event: NotEvent = NotEvent()
    modality: ModalityRules = ModalityRules()
    actor: list[Actor] = []
    frame: FrameSettings = FrameSettings()
    frame_rule: list[FrameRule] = []
    frame_group: list[FrameGroup] = []
    scope: list[ScopeCue] = []
    source: list[Source] = []
    attribution: list[Attribution] = []
    source_names: SourceNames = SourceNames()
    base_ratio: list[RatioCue] = []

    def all_rules(self) -> list[Rule]:
        """Every rule that carries an id and an example, in file order."""
        out: list[Rule] = []
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, list):
                out.extend(value)
        return out


def _format_error(source: str, error: ValidationError) -> str:
    first = error.errors()[0]
    loc = ""
    for part in first["loc"]:
        loc += f"[{part}]" if isinstance(part, int) else (f".{part}" if loc else str(part))
    if first["type"] == "extra_forbidden":
        reason = "unknown key"
    else:
        reason = first["msg"].lower()
    more = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
    return f"{source}: {loc or 'top level'}: {reason}{more}"


def parse_rules(data: dict[str, Any], source: str) -> RuleSet:
    """Validate one file's tables; raises RulesError naming the key and what was expected."""
    try:
        rules = RuleSet.model_validate(data)
    except ValidationError as error:
        raise RulesError(_format_error(source, error)) from None
    seen: dict[tuple[str, str], int] = {}
    for name in RuleSet.model_fields:
        value = getattr(rules, name)
        if isinstance(value, list):
            for index, rule in enumerate(value):
                key = (name, rule.id)
                if key in seen:
                    raise RulesError(f"{source}: {name}[{index}].id: duplicate id {rule.id!r}")
                seen[key] = index
    return rules


def _load_toml(path: Path, missing: str) -> dict[str, Any]:
    """A rules file's TOML; any failure is one RulesError naming the file (`missing` says what its absence means)."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise RulesError(f"{path}: {missing}") from None
    except tomllib.TOMLDecodeError as error:
        raise RulesError(f"{path}: not valid TOML: {error}") from None
    except OSError as error:
        raise RulesError(f"{path}: cannot read: {error.strerror}") from None


def read_rules_file(path: Path) -> tuple[RuleSet, set[str]]:
    """A user's rules file and the names of the sections it sets."""
    data = _load_toml(Path(path), "no such rules file")
    return parse_rules(data, str(path)), set(data)


def merge(base: RuleSet, extra: RuleSet, extra_fields: set[str]) -> RuleSet:
    """Rules of `extra` replace the same ids of `base` and add new ones; tables merge by key."""
    update: dict[str, Any] = {}
    for name in extra_fields:
        mine, theirs = getattr(base, name), getattr(extra, name)
        if isinstance(mine, list):
            by_id = {rule.id: rule for rule in mine}
            by_id.update({rule.id: rule for rule in theirs})
            update[name] = list(by_id.values())
        elif isinstance(mine, dict):
            update[name] = {**mine, **theirs}
        else:
            fields = {}
            for field in theirs.model_fields_set:
                old, new = getattr(mine, field), getattr(theirs, field)
                if isinstance(old, dict):
                    fields[field] = {**old, **new}
                elif isinstance(old, list):
                    fields[field] = old + [w for w in new if w not in old]
                else:
                    fields[field] = new
            update[name] = mine.model_copy(update=fields)
    return base.model_copy(update=update)


def _merge_files(rules: RuleSet, lang: str) -> RuleSet:
    """A language's shipped files over `rules`; each must be there: without one, claims would be missed silently."""
    for name in RESOURCE_FILES:
        data = _load_toml(RESOURCES / lang / name, "missing; the shipped rules are incomplete (reinstall vnkr)")
        rules = merge(rules, parse_rules(data, f"vnkr/resources/{lang}/{name}"), set(data))
    return rules


@lru_cache(maxsize=len(LANGUAGES))
def shipped_rules(lang: str = "en") -> RuleSet:
    """The rules shipped inside the package for a language: English, then the language's own files."""
    if lang not in LANGUAGES:
        raise RulesError(f"no rules for language {lang!r} (known: {', '.join(LANGUAGES)})")

    def build() -> RuleSet:
        rules = _merge_files(RuleSet(), "en")
        return rules if lang == "en" else _merge_files(rules, lang)

    return _cached(f"rules-{lang}", _shipped_files(lang), build)


def load_rules(extra: Path | None = None, lang: str = "en") -> RuleSet:
    """The shipped rules of a language, plus a user's rules file when one is given."""
    if extra is None:
        return shipped_rules(lang)

    def build() -> RuleSet:
        user, sections = read_rules_file(extra)
        return merge(shipped_rules(lang), user, sections)

    return _cached(f"rules-{lang}-user", _shipped_files(lang) + [Path(extra)], build)


def _shipped_files(lang: str) -> list[Path]:
    return [RESOURCES / code / name for code in dict.fromkeys(("en", lang)) for name in RESOURCE_FILES]


def _cached(name: str, sources: list[Path], build: Callable[[], RuleSet]) -> RuleSet:
    """build()'s rules, kept on disk with what pint said of their units (vnkr.rules_cache), so that a
    run with the same rules files neither parses them nor imports pint."""
    from vnkr.normalize import units
    from vnkr.rules_cache import cached

    def entry() -> tuple[RuleSet, dict[str, str | None]]:
        rules = build()
        return rules, unit_table(rules)

    def valid(value: object) -> bool:
        return isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], RuleSet) and isinstance(value[1], dict)

    rules, table = cached(name, sources, entry, valid)
    units.KNOWN.update(table)
    return rules


def unit_table(rules: RuleSet) -> dict[str, str | None]:
    """What pint says of the rules' units and currency codes: a unit's symbol, or None (not a unit)."""
    from vnkr.normalize.units import UnitError, symbol

    table: dict[str, str | None] = {}
    for expression in [m.unit for m in rules.measure_unit] + [c.code for c in rules.currency]:
        try:
            table[expression] = symbol(expression)
        except UnitError:
            table[expression] = None
    return table
