"""The claim record of `../shared/spec/claims.md`, defined once, and the shapes built on it."""

from __future__ import annotations

from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Label(str, Enum):
    MONEY = "MONEY"
    CARDINAL = "CARDINAL"
    PERCENT = "PERCENT"
    ORDINAL = "ORDINAL"
    DATE = "DATE"
    DURATION = "DURATION"
    MULTIPLIER = "MULTIPLIER"
    QUANTITY = "QUANTITY"


class Qualifier(str, Enum):
    exact = "exact"
    approx = "approx"
    more_than = "more_than"
    at_least = "at_least"
    less_than = "less_than"
    at_most = "at_most"
    nearly = "nearly"


class Topic(str, Enum):
    trade = "trade"
    investment = "investment"
    business = "business"
    people = "people"
    tourism = "tourism"
    visits = "visits"
    diplomacy = "diplomacy"
    aid = "aid"
    other = "other"


class Modality(str, Enum):
    reported = "reported"
    target = "target"


class Entity(BaseModel):
    """An actor named in the claim's sentence, after alias folding."""

    model_config = ConfigDict(extra="forbid")

    text: str
    label: str = Field(description="GPE, PERSON or ORG")
    id: str


class Claim(BaseModel):
    """One numeric claim: one JSONL line of `vnkr extract`."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True)

    id: str = Field(description='"<doc>:<start>-<end>", stable across runs')
    doc: str = Field(description="the file's stem")
    path: str = Field(description="the path as the user gave it")
    published: str | None = Field(description="the document's own date, ISO YYYY-MM-DD")
    sentence: str = Field(description="the sentence that holds the claim (of a very long one, a bounded window around the span)")
    sentence_start: int = Field(ge=0, description="offset of `sentence` in the decoded document text")
    start: int = Field(ge=0, description="offset into the decoded document text")
    end: int = Field(ge=0, description="end offset, exclusive")
    text: str
    label: Label
    value: int | float | None = Field(description="the normalised number; whole numbers are written without .0")
    unit: str | None
    date: str | None = Field(description="DATE only: ISO 8601 date or interval")
    qualifier: Qualifier = Qualifier.exact
    topic: Topic = Topic.other
    metric: str | None = None
    period: str | None = None
    period_from: str | None = Field(
        default=None, description="where period was read: clause, sentence, context (an earlier sentence of the paragraph), published; correction: a reviewer's corrections file set it"
    )
    modality: Modality = Modality.reported
    entities: list[Entity] = Field(default_factory=list)
    subject: str | None = Field(default=None, description="the actor whose figure it is (exporter, investor, the ranked actor), an actor id")
    counterpart: str | None = Field(default=None, description="the other side: the market, the host, whose ranking it is; sorted with subject for symmetric figures")
    scope: str | None = Field(default=None, description="what narrows the figure below the whole relationship: a product, company, place, group of people")
    lang: str = Field(default="en", description="the document's language: en, vi or ko")
    direction: str | None = Field(default=None, description="up or down when the figure is a change")
    low: int | float | None = Field(default=None, description="a range's lower end ('$10-12 billion', 'tens of thousands'); its value is null")
    high: int | float | None = Field(default=None, description="a range's upper end")
    base: str | None = Field(default=None, description="ratio (the new level as a share of an earlier one) or change (the difference), for a figure stated against an earlier time")
    source: str | None = Field(default=None, description="who the text says the figure comes from: a source id of the rules (KITA, GSO ...) or the name as written")
    rule: str | None = Field(default=None, description="the id of the rule that found the claim")
    url: str | None = Field(default=None, description="the page's canonical URL or the archived article's URL, when known")
    outlet: str | None = Field(default=None, description="who published the document (front matter `outlet:`, an archive's source_domain, a page's site name), when known")
    title: str | None = Field(default=None, description="the document's headline (front matter `title:`, an archive's or a page's title), when known")
    corrected: bool = Field(
        default=False,
        exclude_if=lambda corrected: not corrected,
        description="true when a reviewer's corrections file (--corrections) changed the claim; not in claims.md, and written only when true",
    )

    @model_validator(mode="before")
    @classmethod
    def _holder_is_counterpart(cls, data: Any) -> Any:
        """JSONL written by vnkr 0.1 names a rank's counterpart `holder`, and has no `sentence_start`."""
        if isinstance(data, dict) and ("holder" in data or "sentence_start" not in data):
            data = dict(data)
            holder = data.pop("holder", None)
            if data.get("counterpart") is None:
                data["counterpart"] = holder
            data.setdefault("sentence_start", 0)
        return data

    def to_json(self) -> str:
        """One compact JSON line."""
        return self.model_dump_json()
