"""The claim record of `../shared/spec/claims.md`, defined once, and the shapes built on it."""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field


class Label(str, Enum):
    MONEY = "MONEY"
    CARDINAL = "CARDINAL"
    PERCENT = "PERCENT"
    ORDINAL = "ORDINAL"
    DATE = "DATE"
    DURATION = "DURATION"
    MULTIPLIER = "MULTIPLIER"


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
    sentence: str
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
    modality: Modality = Modality.reported
    entities: list[Entity] = Field(default_factory=list)
    subject: str | None = Field(default=None, description="ORDINAL: the id of the ranked actor")
    holder: str | None = Field(default=None, description="ORDINAL: the id of whose ranking it is")
    rule: str | None = Field(default=None, description="the id of the rule that found the claim")

    def to_json(self) -> str:
        """One compact JSON line."""
        return self.model_dump_json()
