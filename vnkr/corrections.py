"""A reviewer's corrections: what a person who read the sentence says vnkr misread, kept in a file
and applied on every run, so that nobody has to read around the same mistake twice.

A corrections file is TOML (one `[[correction]]` table each) or JSONL (one object a line) with the
same keys. A correction names claims by the `id` `vnkr extract` prints and does one thing:

- `id` with `drop = true`: the claim is not a claim (a margin taken for a stock, a list number);
- `id` with `set = {...}`: the claim's fields a reader may fix (`Fix`: time, metric, topic, frame,
  figure, unit, qualifier, base, direction, source), checked as the claim record is (a metric the
  rules know, a topic of the vocabulary, an ISO period, a finite number; an unknown key is an error);
- `same = [A, B]`: the two claims state one fact, so compare puts them in one group;
- `different = [A, B]`: the two claims never state one fact, so compare never groups them.

`note` is free text. The file is read whole and checked before a claim is touched: a bad file is
one error naming the file and the line (a TOML correction's `[[correction]]` line and key path),
never a partial set of corrections.

`drop` and `set` change claim records (`apply`), wherever claims pass: extract, compare, report.
`same` and `different` change how claims are grouped, not what a claim says, and act in compare
(`Links`). A claim a correction changed carries `corrected: true`. A correction whose claim is not
among those read (the extraction changed, or the file is of other documents) is a warning naming
the claim and the correction, never an error: the other corrections still apply.
"""

from __future__ import annotations

import difflib
import math
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictStr,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from vnkr.models import Modality, Qualifier, Topic
from vnkr.normalize.intervals import bounds


def _matching(pattern: str, what: str) -> AfterValidator:
    """A string of `pattern`, else an error saying what is expected."""
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if not compiled.fullmatch(value):
            raise ValueError(f"{value[:60]!r} is not {what}")
        return value

    return AfterValidator(check)


ClaimId = Annotated[StrictStr, _matching(r"\S.*:\d+-\d+", "a claim id as vnkr extract prints it (DOC:START-END)")]
ActorId = Annotated[StrictStr, _matching(r"[A-Z][A-Z0-9_]*", "an actor id (KR, VN, CN ...: upper case, as the rules' actor table)")]
ScopeId = Annotated[StrictStr, _matching(r"[a-z0-9_]+", "a scope id (lower case: semiconductors, samsung, bac_ninh ...)")]
Text = Annotated[StrictStr, StringConstraints(min_length=1)]
NUMBERS = ("value", "low", "high")
TIMES = ("period", "date")
# what makes two claims one fact in compare, which `same` gives a claim from its representative: not
# the label or unit (they say what the value is; a claim with no unit takes the other's), and not
# `date` (a DATE claim's date is its figure)
GROUPING = ("topic", "metric", "modality", "subject", "counterpart", "scope", "period")
TABLE = re.compile(r"^[ \t]*\[\[[ \t]*correction[ \t]*\]\]", re.MULTILINE)


class CorrectionsError(ValueError):
    """A corrections file that cannot be used: one line naming the file and where in it."""


class Fix(BaseModel):
    """The fields a reviewer may set: what vnkr reads from the sentence. Not the span, the text, the
    document's metadata or the label (a claim of another label is another claim: drop it)."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True)

    period: str | None = None
    date: str | None = None
    metric: Text | None = None
    topic: Topic | None = None
    modality: Modality | None = None
    subject: ActorId | None = None
    counterpart: ActorId | None = None
    scope: ScopeId | None = None
    value: float | int | None = None
    low: float | int | None = None
    high: float | int | None = None
    unit: Text | None = None
    qualifier: Qualifier | None = None
    base: Literal["ratio", "change"] | None = None
    direction: Literal["up", "down"] | None = None
    source: Text | None = None

    @field_validator(*NUMBERS, mode="before")
    @classmethod
    def _number(cls, value: Any) -> Any:
        """A number as TOML or JSON writes one: not a string, not true/false, not inf or nan."""
        if value is None:
            return value
        if isinstance(value, bool) or not isinstance(value, int | float) or not _finite(value):
            raise ValueError("expected a finite number")
        return int(value) if isinstance(value, float) and value.is_integer() else value  # whole numbers as the record writes them

    @field_validator(*TIMES)
    @classmethod
    def _time(cls, value: str | None) -> str | None:
        span = bounds(value) if value is not None else None
        if value is not None and (span is None or span[0] > span[1]):
            raise ValueError(f"{value!r} is not an ISO date or interval (YYYY, YYYY-MM, YYYY-MM-DD, A/B)")
        return value

    @field_validator("metric")
    @classmethod
    def _metric(cls, value: str | None, info: ValidationInfo) -> str | None:
        known = (info.context or {}).get("metrics")
        if value is None or not known or value in known:
            return value
        close = difflib.get_close_matches(value, sorted(known), n=3)
        raise ValueError(f"unknown metric {value!r}" + (f" (did you mean {' or '.join(close)}?)" if close else "") + "; a metric of the rules, or of a --rules file")

    @model_validator(mode="after")
    def _something(self) -> Fix:
        if not self.model_fields_set:
            raise ValueError("nothing to set")
        if self.value is not None and (self.low is not None or self.high is not None):
            raise ValueError("value is a single figure, low and high a range: set one or the other")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"low {self.low} is above high {self.high}")
        return self


def _finite(value: float) -> bool:
    try:
        return math.isfinite(value)
    except OverflowError:  # an int of hundreds of digits
        return False


class Correction(BaseModel):
    """One correction: `drop` or `set` of one claim, or `same` or `different` of two."""

    model_config = ConfigDict(extra="forbid")

    id: ClaimId | None = None
    drop: Literal[True] | None = None
    fix: Fix | None = Field(default=None, alias="set")
    same: tuple[ClaimId, ClaimId] | None = None
    different: tuple[ClaimId, ClaimId] | None = None
    note: StrictStr | None = None
    _where: str = PrivateAttr(default="")  # 'line 3' (JSONL) or 'line 7 ([[correction]] #2)' (TOML), for messages

    @field_validator("same", "different", mode="before")
    @classmethod
    def _pair(cls, value: Any) -> Any:
        if value is not None and not (isinstance(value, list | tuple) and len(value) == 2):
            raise ValueError('expected two claim ids, ["DOC:START-END", "DOC:START-END"]')
        return value

    @field_validator("drop", mode="before")
    @classmethod
    def _only_true(cls, value: Any) -> Any:
        if value is not None and value is not True:
            raise ValueError("only drop = true drops a claim (leave the correction out to keep it)")
        return value

    @model_validator(mode="after")
    def _one_thing(self) -> Correction:
        given = [name for name, value in (("drop", self.drop), ("set", self.fix), ("same", self.same), ("different", self.different)) if value is not None]
        if not given:
            raise ValueError("nothing to do: give one of drop, set, same, different (or remove this correction)")
        if len(given) > 1:
            raise ValueError(f"exactly one of drop, set, same, different (got {', '.join(given)})")
        pair = self.same or self.different
        if pair is None and self.id is None:
            raise ValueError(f"{given[0]} needs the id of the claim it corrects")
        if pair is not None and self.id is not None:
            raise ValueError(f"id is not used with {given[0]}: its two ids are the claims")
        if pair is not None and pair[0] == pair[1]:
            raise ValueError(f"{given[0]}: the same claim twice")
        return self

    @property
    def ids(self) -> tuple[str, ...]:
        return self.same or self.different or (self.id,)


class _TomlFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    correction: list[dict[str, Any]] = []


@dataclass(frozen=True)
class Vocabulary:
    """What a correction's values are checked against: the metrics the rules know, and the topic of
    each metric the rules give only one topic (a metric set without a topic takes it)."""

    metrics: frozenset[str] = frozenset()
    topic_of: dict[str, str] = field(default_factory=dict)


def vocabulary(rules: str | None = None) -> Vocabulary:
    """The metrics and their topics of the shipped rules of every language and the user's `rules`."""
    from vnkr.components.topics import known_metrics, override_metric
    from vnkr.languages import LANGUAGES
    from vnkr.rules import load_rules

    metrics: set[str] = set()
    topics: dict[str, set[str]] = {}
    for lang in LANGUAGES:
        found = load_rules(Path(rules) if rules else None, lang)
        metrics |= known_metrics(found)
        pairs = [(m, cue.topic) for cue in found.cue for m in cue.metrics.values()]
        pairs += [(m.metric, m.topic) for m in found.count_metric if m.metric]
        pairs += [(override_metric(rule, cue), rule.topic or cue.topic) for rule in found.metric_override for cue in found.cue if rule.topic in (None, cue.topic)]
        for metric, topic in pairs:
            topics.setdefault(metric, set()).add(Topic(topic).value)
    return Vocabulary(frozenset(metrics), {m: next(iter(t)) for m, t in topics.items() if len(t) == 1})


@dataclass(frozen=True)
class Links:
    """`same` and `different` pairs of claim ids, as compare honours them.

    `same` is transitive: the pairs make components, each with a representative, its first member
    in file order that has a metric (else its first) among the claims read. `join` gives every
    other member the representative's grouping fields (`GROUPING`: topic, metric, modality, frame
    and period; a period so taken was read from no text, `period_from` "correction"), so compare
    files them under one key, and `regroup` then merges the time clusters that still hold members
    apart (two figures with no period are as of their documents' years). `different` acts after
    `same`: a cluster holding both claims of a pair loses the second (with the members of its
    `same` component) to a cluster of its own. A claim whose fields `join` changed, or that
    `different` moved out, is marked `corrected`. The file was checked that no pair is declared
    both (directly or through `same`)."""

    same: tuple[tuple[str, str], ...] = ()
    different: tuple[tuple[str, str], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.same or self.different)

    def components(self) -> dict[str, list[str]]:
        """Each id of a `same` pair → the ids of its component, in file order."""
        out: dict[str, list[str]] = {}
        for a, b in self.same:
            merged = list(dict.fromkeys([*out.get(a, [a]), *out.get(b, [b])]))
            for member in merged:
                out[member] = merged
        return out

    def join(self, claims: list[dict]) -> list[dict]:
        """The claims, each `same` member a copy with its representative's grouping fields and the
        component's unit. A component whose claims measure different things is left as it is (apply warned)."""
        if not self.same:
            return claims
        changes: dict[str, dict] = {}
        for members in _present(self.components(), claims):
            unit = shared_unit(members)
            if unit is False:
                continue
            first = next((c for c in members if c.get("metric")), members[0])  # one compare can group, if any
            for claim in members:
                change = {**{k: first.get(k) for k in GROUPING}, "unit": unit}
                if claim.get("period") != first.get("period"):
                    change["period_from"] = "correction" if first.get("period") else None
                changes[claim_id(claim)] = change
        out = []
        for claim in claims:
            change = changes.get(claim_id(claim))
            differs = change is not None and any(claim.get(k) != v for k, v in change.items())
            out.append({**claim, **change, "corrected": True} if differs else claim)
        return out

    def regroup(self, clusters: list[list[dict]]) -> list[list[dict]]:
        """The clusters of one key with `same` components merged and `different` pairs parted."""
        if not self:
            return clusters
        components = self.components()
        parent = list(range(len(clusters)))

        def find(i: int) -> int:
            while parent[i] != i:
                i = parent[i]
            return i

        first_in: dict[str, int] = {}  # a component (its first id) → the first cluster holding a member
        for index, cluster in enumerate(clusters):
            for claim in cluster:
                root = components.get(claim_id(claim), [None])[0]
                if root is not None:
                    a, b = find(first_in.setdefault(root, index)), find(index)
                    parent[max(a, b)] = min(a, b)
        merged: dict[int, list[dict]] = {}
        for index, cluster in enumerate(clusters):
            merged.setdefault(find(index), []).extend(cluster)
        return [part for cluster in merged.values() for part in self._part(cluster, components) if part]

    def _part(self, cluster: list[dict], components: dict[str, list[str]]) -> list[list[dict]]:
        parts, index = [cluster], 0
        while index < len(parts):
            ids = {claim_id(c) for c in parts[index]}
            pair = next(((a, b) for a, b in self.different if a in ids and b in ids), None)
            if pair is None:
                index += 1
                continue
            moved = set(components.get(pair[1], [pair[1]]))
            parts.append([{**c, "corrected": True} for c in parts[index] if claim_id(c) in moved])
            parts[index] = [c for c in parts[index] if claim_id(c) not in moved]
        return parts


def _present(components: dict[str, list[str]], claims: list[dict]) -> list[list[dict]]:
    """Of each `same` component, its claims among `claims` in component order, when two or more are."""
    by_id = {claim_id(c): c for c in claims if claim_id(c) in components}
    unique = {id(members): members for members in components.values()}.values()
    found = [[by_id[m] for m in members if m in by_id] for members in unique]
    return [members for members in found if len(members) > 1]


def shared_unit(claims: list[dict]) -> str | None | Literal[False]:
    """The one unit claims declared the same fact have (a claim with none takes the others'), or
    False when they measure different things: a date and a figure, or two units."""
    units = {c.get("unit") for c in claims} - {None}
    if len({c["label"] == "DATE" for c in claims}) > 1 or len(units) > 1:
        return False
    return next(iter(units), None)


def claim_id(claim: dict) -> str:
    return claim.get("id") or f"{claim['doc']}:{claim['start']}-{claim['end']}"


@dataclass
class Corrections:
    """A checked corrections file."""

    path: str
    items: list[Correction]
    vocabulary: Vocabulary = field(default_factory=Vocabulary)

    def __post_init__(self) -> None:
        self.edits = {c.id: c for c in self.items if c.id is not None}
        self.links = Links(tuple(c.same for c in self.items if c.same), tuple(c.different for c in self.items if c.different))

    def fix(self, claim: dict) -> tuple[dict | None, str | None]:
        """The claim as its correction leaves it (None when dropped), and a warning when the
        correction cannot apply to it (a date set on a figure); that claim is then left as it is.

        A value set makes a single figure (low and high cleared), low or high a range (value
        cleared); a period set was read from no text (`period_from` "correction"); a metric set
        without a topic takes the topic the rules give it, when they give it one."""
        correction = self.edits.get(claim_id(claim))
        if correction is None:
            return claim, None
        if correction.drop:
            return None, None
        fields = correction.fix.model_dump(mode="json", exclude_unset=True)
        fixed = {**claim, **fields, "corrected": True}
        if "value" in fields and not {"low", "high"} & fields.keys():
            fixed["low"] = fixed["high"] = None
        if {"low", "high"} & fields.keys() and "value" not in fields:
            fixed["value"] = None
        if "period" in fields:
            fixed["period_from"] = "correction" if fields["period"] else None
        if "metric" in fields and "topic" not in fields and fields["metric"] in self.vocabulary.topic_of:
            fixed["topic"] = self.vocabulary.topic_of[fields["metric"]]
        problem = _misfit(claim, fields, fixed)
        if problem:
            return claim, f"{self.path}: {correction._where}: {claim_id(claim)}: {problem}; correction not applied"
        return fixed, None

    def missing(self, seen: set[str]) -> list[str]:
        """A warning for each correction naming a claim not among those read."""
        out = []
        for correction in self.items:
            absent = [i for i in correction.ids if i not in seen]
            if absent:
                kind = "drop" if correction.drop else "set" if correction.fix else "same" if correction.same else "different"
                out.append(f"{self.path}: {correction._where}: no claim {' or '.join(absent)} among the claims read; this {kind} correction is not applied")
        return out

    def unjoinable(self, claims: list[dict]) -> list[str]:
        """A warning for each `same` component whose claims measure different things (a date and a figure, two units)."""
        out = []
        for members in _present(self.links.components(), claims):
            if shared_unit(members) is False:
                said = ", ".join(f"{claim_id(c)} ({c['label']} {c.get('unit')})" for c in members)
                where = next(c._where for c in self.items if c.same and claim_id(members[0]) in c.same)
                out.append(f"{self.path}: {where}: {said} measure different things; these same corrections are not applied (set the unit first)")
        return out


def _misfit(claim: dict, fields: dict, fixed: dict) -> str | None:
    """Why these fields cannot be the claim's: a DATE's figure is its date, any other's its number."""
    if claim["label"] == "DATE" and {"value", "low", "high"} & fields.keys():
        return "a DATE claim has a date, not a value (set date)"
    if claim["label"] != "DATE" and "date" in fields:
        return f"a {claim['label']} claim has a value, not a date (set value)"
    low, high = fixed.get("low"), fixed.get("high")
    if (low is None) != (high is None) and fixed.get("value") is None:
        return "a range needs both low and high"
    if low is not None and high is not None and low > high:
        return f"low {low} would be above high {high}"
    return None


def apply(claims: Iterable[dict], corrections: Corrections) -> tuple[list[dict], list[str]]:
    """The claims with their corrections' drops and sets applied, and the warnings: corrections whose
    claims were not read, sets that do not fit their claim, `same` pairs that cannot be one fact.
    `same` and `different` change no claim here: pass `corrections.links` to compare."""
    out: list[dict] = []
    warnings: list[str] = []
    seen: set[str] = set()
    for claim in claims:
        fixed, warning = corrections.fix(claim)
        seen.add(claim_id(claim))
        if warning:
            warnings.append(warning)
        if fixed is not None:
            out.append(fixed)
    return out, [*warnings, *corrections.missing(seen), *corrections.unjoinable(out)]


# --- reading ---------------------------------------------------------------------------------
def read_corrections(path: Path | str, rules: str | None = None) -> Corrections:
    """A corrections file, TOML or JSONL (by its suffix, else by its first character), checked whole
    against the vocabulary of the shipped rules and the user's `rules`; CorrectionsError when bad."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise CorrectionsError(f"{name}: no such corrections file") from None
    except OSError as error:
        raise CorrectionsError(f"{name}: cannot read ({error.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise CorrectionsError(f"{name}:{line}: not UTF-8") from None
    suffix = Path(name).suffix.lower()
    jsonl = suffix in (".jsonl", ".ndjson", ".json") or (suffix != ".toml" and text.lstrip().startswith("{"))
    words = vocabulary(rules)
    context = {"metrics": words.metrics}
    items = _read_jsonl(name, text, context) if jsonl else _read_toml(name, text, context)
    _check_together(name, items)
    return Corrections(name, items, words)


def _read_jsonl(name: str, text: str, context: dict) -> list[Correction]:
    from vnkr.jsonl import LineError, parse, surrogate_reason

    items = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = parse(line)
        except LineError as error:
            raise CorrectionsError(f"{name}:{number}: {error}") from None
        if not isinstance(data, dict):
            raise CorrectionsError(f"{name}:{number}: expected a JSON object, got {type(data).__name__}")
        reason = surrogate_reason(line, data)
        if reason:
            raise CorrectionsError(f"{name}:{number}: holds {reason}")
        items.append(_correction(data, context, f"{name}:{number}", f"line {number}"))
    return items


def _read_toml(name: str, text: str, context: dict) -> list[Correction]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CorrectionsError(f"{name}: not valid TOML: {error}") from None
    try:
        tables = _TomlFile.model_validate(data).correction
    except ValidationError as error:
        raise CorrectionsError(f"{name}: {_reason(error, 'top level')} (a corrections file holds [[correction]] tables)") from None
    lines = [text.count("\n", 0, match.start()) + 1 for match in TABLE.finditer(text)]
    items = []
    for number, table in enumerate(tables, start=1):
        line = f":{lines[number - 1]}" if len(lines) == len(tables) else ""  # an inline array of tables has no header lines
        items.append(_correction(table, context, f"{name}{line}: [[correction]] #{number}", f"line {lines[number - 1]}" if line else f"[[correction]] #{number}"))
    return items


def _correction(data: dict, context: dict, where: str, short: str) -> Correction:
    try:
        correction = Correction.model_validate(data, context=context)
    except ValidationError as error:
        raise CorrectionsError(f"{where}: {_reason(error)}") from None
    correction._where = short
    return correction


def _reason(error: ValidationError, default: str = "") -> str:
    """A validation error as 'set.metric: unknown metric ...': the first error's key path and why."""
    first = error.errors()[0]
    parts = [str(part) for part in first["loc"] if not (isinstance(part, str) and "[" in part)]  # no union-member names
    loc = ".".join(part if part.isprintable() else repr(part) for part in parts)  # a key may hold a line break
    reason = "unknown key" if first["type"] == "extra_forbidden" else first["msg"].removeprefix("Value error, ")
    more = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
    return f"{loc or default}{': ' if loc or default else ''}{reason[:1].lower()}{reason[1:]}{more}"


def _check_together(name: str, items: list[Correction]) -> None:
    """Corrections that contradict each other: two drops or sets of one claim, a dropped claim in a
    pair, or two claims declared `different` that `same` pairs (directly or through others) join."""
    edited: dict[str, Correction] = {}
    for correction in items:
        if correction.id is not None:
            if correction.id in edited:
                raise CorrectionsError(f"{name}: {correction._where}: a second correction of {correction.id} ({edited[correction.id]._where} is the first); put its fields in one set")
            edited[correction.id] = correction
    dropped = {i for i, c in edited.items() if c.drop}
    components = Links(tuple(c.same for c in items if c.same)).components()
    for correction in items:
        pair = correction.same or correction.different
        if pair and dropped & set(pair):
            raise CorrectionsError(f"{name}: {correction._where}: {sorted(dropped & set(pair))[0]} is dropped by another correction")
        if correction.different and correction.different[1] in components.get(correction.different[0], []):
            raise CorrectionsError(f"{name}: {correction._where}: {' and '.join(correction.different)} are declared different here and the same by `same` corrections")
