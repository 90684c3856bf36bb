"""Figures with no metric are compared too, by the measured thing their clause names ('salary',
'việc làm', '연봉'): they only ever agree, since the frame and time read for them are too often wrong
to call a conflict between them."""

from __future__ import annotations

import pytest
from conftest import REFERENCE

from vnkr.compare import compare, measured_thing
from vnkr.corpus import Document
from vnkr.pipeline import build_nlp, extract_text

# (language, sentence, the figure, what it measures); paraphrased
MEASURED = [
    ("en", "Under the new deal the coach's salary is about $50,000 a month.", "about $50,000", "salary"),
    ("en", "The new line will create 5,000 jobs in the province.", "5,000", "jobs"),
    ("en", "The plant will lift its output to 12 million units per month.", "12 million", "output"),
    ("vi", "Mức lương mới của huấn luyện viên là 50.000 USD mỗi tháng.", "50.000 USD", "salary"),
    ("vi", "Dự án sẽ tạo thêm việc làm cho 10.000 lao động.", "10.000", "jobs"),
    ("ko", "감독의 새 연봉은 60만 달러로 알려졌다.", "60만 달러", "salary"),
    ("ko", "공장은 일자리 1만개를 새로 만든다.", "1만", "jobs"),
    # a figure far from any such phrase measures nothing named
    ("en", "The coach, whose salary was never made public, has led the national team in 47 matches so far.", "47", None),
]


@pytest.mark.parametrize("lang,text,figure,expected", MEASURED)
def test_the_measured_thing_a_clause_names(lang, text, figure, expected):
    doc = Document(doc="t", path="-", text=text, published=REFERENCE, lang=lang)
    claims = [c.model_dump() for c in extract_text(build_nlp(None, lang), text, doc)]
    claim = next(c for c in claims if c["text"] == figure)
    assert claim["metric"] is None
    assert measured_thing(claim) == expected


def salary(doc, value, sentence, figure, lang="en", published="2019-11-07"):
    start = sentence.index(figure)
    return {"doc": doc, "start": start, "end": start + len(figure), "sentence_start": 0, "sentence": sentence, "text": figure,
            "label": "MONEY", "value": value, "qualifier": "exact", "unit": "USD", "topic": "other", "metric": None,
            "modality": "reported", "period": None, "published": published, "subject": None, "counterpart": None, "lang": lang}  # fmt: skip


def test_figures_that_measure_one_thing_agree_and_never_conflict():
    claims = [
        salary("a", 20000, "He is receiving a salary of $20,000 a month.", "$20,000"),
        salary("b", 20000, "박 감독은 현재 매달 세후 2만달러를 받고 있다.", "2만달러", lang="ko"),
        salary("c", 240000, "현재 연봉 24만달러인 박 감독의 재계약 연봉은 공개되지 않았다.", "24만달러", lang="ko"),
    ]
    groups = compare(claims).groups
    assert sorted((g.status, g.measure, len(g.sources)) for g in groups) == [("agree", "salary", 2), ("single", "salary", 1)]
    agreeing = next(g for g in groups if g.status == "agree")
    assert {s.doc for s in agreeing.sources} == {"a", "b"}
    assert "no metric; each clause names salary" in agreeing.why
