"""Korean claims' meaning on pages with their own dates: the time of investment news, days and months told without a
year, and the frame of a third country's figure beside it (paraphrased cases, one row per construct)."""

from __future__ import annotations

from datetime import date

import pytest

from vnkr.corpus import Document
from vnkr.pipeline import build_nlp, extract_text


def extract_ko(text: str, published: date | None):
    return {c.text: c for c in extract_text(build_nlp(None, "ko"), text, Document(doc="t", path="-", text=text, published=published, lang="ko"))}


@pytest.mark.parametrize(
    "text,published,figure,expected",
    [
        # the day the news tells, named on the first of the next month, dates the investment news
        ("롯데, 베트남에 2조원 추가 투자. 외신은 30일(현지시간) 호찌민시가 롯데의 15억달러 추가 투자를 승인했다고 전했다.",
         date(2023, 7, 1), "15억달러", {"period": "2023-06", "period_from": "context", "metric": "investment_flow"}),
        ("롯데, 베트남에 2조원 추가 투자. 외신은 30일(현지시간) 호찌민시가 롯데의 15억달러 추가 투자를 승인했다고 전했다.",
         date(2023, 7, 1), "2조원", {"period": "2023-06", "period_from": "context"}),
        # with no day told, the month published
        ("하이퐁시는 현대차의 4억 달러 규모 추가 투자를 허가했다.", date(2022, 3, 10), "4억 달러", {"period": "2022-03", "period_from": "published"}),
        # a page with no date gives no time
        ("하이퐁시는 현대차의 4억 달러 규모 추가 투자를 허가했다.", None, "4억 달러", {"period": None, "period_from": None}),
        # a figure whose sentence states its time keeps it
        ("현대차는 2019년 베트남에 4억 달러를 투자했다.", date(2022, 3, 10), "4억 달러", {"period": "2019", "period_from": "clause"}),
        # "지난 2월" told in September is the February just past, not the next one
        ("지난 2월에도 삼성은 베트남에 5억달러를 추가 투자한 바 있다.", date(2021, 9, 1), "5억달러", {"period": "2021-02", "modality": "reported"}),
        # the total an investment grew to, its conversion in brackets between, is a stock
        ("이로써 삼성의 베트남 투자액은 40억달러(약 5조원)로 불어나게 됐다.", date(2024, 5, 2), "40억달러", {"metric": "investment_stock"}),
        ("이로써 삼성의 베트남 투자액은 40억달러(약 5조원)로 불어나게 됐다.", date(2024, 5, 2), "약 5조원", {"metric": "investment_stock"}),
        # a third country in brackets right beside its count is its own, not the country that opens the clause
        ("베트남은 올해 약 30만 명이 한국을 방문해 태국(33만여 명)에 이어 두 번째로 많은 방문객을 기록했다.", date(2025, 8, 8), "33만여", {"subject": "TH"}),
    ],
)
def test_dated_page(text, published, figure, expected):
    claims = extract_ko(text, published)
    assert figure in claims, sorted(claims)
    got = claims[figure].model_dump(mode="json")
    assert {k: got[k] for k in expected} == expected
