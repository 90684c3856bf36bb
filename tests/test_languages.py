"""Vietnamese and Korean: one pipeline per language, the same record; constructs as data tables."""

from __future__ import annotations

import json
import unicodedata

import pytest
from conftest import REFERENCE, assert_case, load_cases
from hypothesis import given, settings
from hypothesis import strategies as st

from vnkr.corpus import Document, Reader
from vnkr.languages import detect
from vnkr.pipeline import build_nlp, extract_by_language, extract_text
from vnkr.rules import RulesError, shipped_rules

LANGS = ("vi", "ko")
EXAMPLE_SECTIONS = ("number_word", "currency", "percent", "count_unit", "duration_unit", "multiplier_suffix", "qualifier", "rank", "rank_pattern", "cue", "metric_override", "target", "magnitude")


def extract_in(lang: str, text: str):
    return extract_text(build_nlp(None, lang), text, Document(doc="t", path="-", text=text, published=REFERENCE, lang=lang))


def own_rules(lang: str, section: str):
    """The rules of a language's own files (their ids start with the language code)."""
    return [r for r in getattr(shipped_rules(lang), section) if r.id.startswith(f"{lang}-")]


CASES = [(lang, case) for lang in LANGS for case in load_cases(f"{lang}.jsonl")]


@pytest.mark.parametrize("lang,case", CASES, ids=[f"{lang}:{c['construct']}" for lang, c in CASES])
def test_construct(lang, case):
    claims = extract_in(lang, case["text"])
    assert all(c.lang == lang for c in claims)
    assert_case(claims, case)


EXAMPLES = [(lang, section, rule) for lang in LANGS for section in EXAMPLE_SECTIONS for rule in own_rules(lang, section)]


@pytest.mark.parametrize("lang,section,rule", EXAMPLES, ids=[f"{lang}:{section}:{rule.id}" for lang, section, rule in EXAMPLES])
def test_each_example_yields_a_claim(lang, section, rule):
    assert extract_in(lang, rule.example), f"{section} {rule.id}: {rule.example!r} yields no claim"


@pytest.mark.parametrize("lang,rule", [(lang, r) for lang in LANGS for r in own_rules(lang, "not_number")], ids=lambda v: getattr(v, "id", v))
def test_not_number_examples_yield_no_number(lang, rule):
    assert [c for c in extract_in(lang, rule.example) if c.label != "DATE"] == [], rule.id


@pytest.mark.parametrize("lang,rule", [(lang, r) for lang in LANGS for r in own_rules(lang, "cue")], ids=lambda v: getattr(v, "id", v))
def test_cue_examples_get_their_topic(lang, rule):
    topics = {c.topic for c in extract_in(lang, rule.example)}
    assert rule.topic.value in topics, f"{rule.id}: {rule.example!r} gives {topics}"


@pytest.mark.parametrize("lang,rule", [(lang, r) for lang in LANGS for r in own_rules(lang, "measure_unit")], ids=lambda v: getattr(v, "id", v))
def test_measure_unit_examples_give_their_unit(lang, rule):
    from vnkr.normalize.units import symbol

    units = {c.unit for c in extract_in(lang, rule.example) if c.label == "QUANTITY"}
    assert (rule.symbol or symbol(rule.unit)) in units, f"{rule.id}: {rule.example!r} gives {units}"


def frame_rules(lang: str):
    """A language's frame rules: they keep the English ids they replace, so they are read from its own file."""
    return [r for r in shipped_rules(lang).frame_rule if r.model_dump() != next((e.model_dump() for e in shipped_rules("en").frame_rule if e.id == r.id), None)]


@pytest.mark.parametrize("lang,rule", [(lang, r) for lang in LANGS for r in frame_rules(lang)], ids=lambda v: getattr(v, "id", v))
def test_frame_rule_examples_name_both_sides(lang, rule):
    sides = {(c.subject, c.counterpart) for c in extract_in(lang, rule.example) if c.label != "DATE"}
    assert sides & {("KR", "VN"), ("VN", "KR")}, f"{rule.id}: {rule.example!r} gives {sides}"


@pytest.mark.parametrize("lang,rule", [(lang, r) for lang in LANGS for r in shipped_rules(lang).actor if r.id.isupper()], ids=lambda v: getattr(v, "id", v))
def test_country_examples_name_their_country(lang, rule):
    from vnkr.normalize.actors import ActorFinder

    assert rule.id in {m.id for m in ActorFinder(list(shipped_rules(lang).actor)).find(rule.example)}


@pytest.mark.parametrize("lang,rule", [(lang, r) for lang in LANGS for r in own_rules(lang, "count_metric")], ids=lambda v: getattr(v, "id", v))
def test_count_metric_examples_get_their_metric(lang, rule):
    found = {(c.unit, c.topic, c.metric) for c in extract_in(lang, rule.example)}
    assert (rule.counts_as or rule.unit, rule.topic.value, rule.metric) in found, f"{rule.id}: {rule.example!r} gives {found}"


@pytest.mark.parametrize(
    "text,lang",
    [
        ("Bilateral trade reached $81.3 billion in 2024.", "en"),
        ("Kim ngạch thương mại song phương đạt 81,3 tỷ USD trong năm 2024.", "vi"),
        ("지난해 양국 교역액은 813억달러였다.", "ko"),
        ("Trade with Việt Nam grew in Hà Nội and Đà Nẵng last year, officials said on Monday in a long statement.", "en"),
        ("", "en"),
        ("12345 67890", "en"),
    ],
)
def test_detect(text, lang):
    assert detect(text) == lang


def test_language_from_front_matter_then_option_then_text(tmp_path):
    rules = shipped_rules()
    marked = tmp_path / "a.txt"
    marked.write_text("lang: ko\n---\nTrade rose.\n", encoding="utf-8")
    plain = tmp_path / "b.txt"
    plain.write_text("지난해 교역액은 813억달러였다.\n", encoding="utf-8")
    assert Reader(rules, REFERENCE).read(str(marked)).lang == "ko"
    assert Reader(rules, REFERENCE, lang="vi").read(str(marked)).lang == "ko"
    assert Reader(rules, REFERENCE).read(str(plain)).lang == "ko"
    assert Reader(rules, REFERENCE, lang="en").read(str(plain)).lang == "en"


def test_unknown_front_matter_language_warns_and_detects(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("lang: fr\n---\nKim ngạch đạt 81,3 tỷ USD.\n", encoding="utf-8")
    document = Reader(shipped_rules(), REFERENCE).read(str(path))
    assert document.lang == "vi"
    assert any("lang: fr" in w for w in document.warnings)


def test_mixed_documents_keep_their_order_and_language():
    texts = [("en", "Trade reached $81.3 billion."), ("ko", "교역액은 813억달러였다."), ("vi", "Kim ngạch đạt 81,3 tỷ USD."), ("en", "Over 10,000 Korean firms.")]
    documents = [Document(doc=f"d{i}", path="-", text=t, lang=lang) for i, (lang, t) in enumerate(texts)]
    results = list(extract_by_language(documents))
    assert [d.doc for d, _ in results] == ["d0", "d1", "d2", "d3"]
    assert [[c.lang for c in claims] for _, claims in results] == [["en"], ["ko"], ["vi"], ["en"]]
    assert [claims[0].value for _, claims in results] == [81.3e9, 81.3e9, 81.3e9, 10000]


def test_no_rules_for_an_unknown_language():
    with pytest.raises(RulesError, match="no rules for language 'fr'"):
        shipped_rules("fr")


# --- properties over Vietnamese and Korean text -----------------------------------------------
VI_WORDS = (
    "Năm|2024|kim ngạch|đạt|81,3|tỷ|USD|hơn|415.000|lượt|khách|gần|9,2%|lớn thứ ba|ngày|5/2|tháng 8/2025|năm ngoái|đến|doanh nghiệp|người|triệu|nghìn|,|.|\n|(|)|thứ|1.238.000|30|50%|quý I/2025"
).split("|")
KO_WORDS = (
    "지난해|교역액은|813억달러로|약|41만|명이|1조2000억|원|3만5천|이상|3위|세|번째로|큰|8월|10일|올해|1~7월|9.2%|↑|가장|많았다|여|~|,|.|\n|(|)|2025년|170배|상반기|넘어섰다|대비|까지"
).split("|")


def _check_offsets(text: str, lang: str):
    document = Document(doc="t", path="-", text=text, published=REFERENCE, lang=lang)
    claims = next(extract_by_language([document]))[1]
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text
        assert text[claim.sentence_start :][: len(claim.sentence)] == claim.sentence
        assert claim.lang == lang
    return claims


@settings(max_examples=120, deadline=None)
@given(st.sampled_from(LANGS), st.data())
def test_no_crash_and_exact_offsets(lang, data):
    words = data.draw(st.lists(st.sampled_from(VI_WORDS if lang == "vi" else KO_WORDS), max_size=40))
    separators = data.draw(st.lists(st.sampled_from([" ", "", "  ", "\u00a0"]), min_size=len(words), max_size=len(words)))
    _check_offsets("".join(w + s for w, s in zip(words, separators)), lang)


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(LANGS), st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs", "Mn"]), max_size=120))
def test_any_text_no_crash(lang, text):
    _check_offsets(text, lang)


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(LANGS), st.data())
def test_nfc_and_nfd_give_the_same_claims(lang, data):
    words = data.draw(st.lists(st.sampled_from(VI_WORDS if lang == "vi" else KO_WORDS), max_size=30))
    text = " ".join(words)

    def claims(form: str):
        return [(unicodedata.normalize("NFC", c.text), c.label, c.value, c.unit, c.qualifier, c.date, c.period, c.topic, c.metric) for c in _check_offsets(unicodedata.normalize(form, text), lang)]

    assert claims("NFC") == claims("NFD")


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        ("ko", "양국 교역 기사\n입력 2025.08.11 11:44  수정 2025.08.12 09:00\n본문은 2024년 1월 3일 이야기다", "2025-08-11"),
        ("ko", "양국 교역 기사\n2025년 08월 11일 오전 11:44\n본문", "2025-08-11"),
        ("vi", "Tiêu đề bài viết\nThứ năm, 4/9/2025, 10:00 (GMT+7)\nNội dung", "2025-09-04"),
        ("vi", "Tiêu đề bài viết\nCập nhật lúc 08:15 | 03/10/2024\nNội dung", "2024-10-03"),
        ("vi", "Tiêu đề bài viết\nngày 4 tháng 9 năm 2025\nNội dung", "2025-09-04"),
    ],
)
def test_published_headers(lang, text, expected):
    from vnkr.published import PublishedDetector

    found = PublishedDetector(shipped_rules(lang).calendar).detect(text, REFERENCE.replace(year=2026))
    assert found.date is not None and found.date.isoformat() == expected


def _three_languages(folder):
    texts = {
        "a_en.txt": "published: 2025-01-08\n---\nBilateral trade between Vietnam and South Korea reached $81.3 billion in 2024.\n",
        "b_vi.txt": "published: 2025-01-07\n---\nNăm 2024, kim ngạch thương mại song phương Việt Nam - Hàn Quốc đạt 81,3 tỷ USD.\n",
        "c_ko.txt": "published: 2025-01-06\n---\n2024년 한국과 베트남의 교역액은 813억달러였다.\n",
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")


def test_cli_extract_and_compare_across_languages(tmp_path):
    from typer.testing import CliRunner

    from vnkr.cli import app

    _three_languages(tmp_path)
    runner = CliRunner()
    extracted = runner.invoke(app, ["extract", str(tmp_path)])
    assert extracted.exit_code == 0, extracted.output
    claims = [json.loads(line) for line in extracted.stdout.splitlines()]
    money = [c for c in claims if c["label"] == "MONEY"]
    assert [(c["lang"], c["value"], c["metric"], c["period"]) for c in money] == [(lang, 81.3e9, "trade_value", "2024") for lang in ("en", "vi", "ko")]
    compared = runner.invoke(app, ["compare", str(tmp_path), "--format", "json"])
    assert compared.exit_code == 0, compared.output
    groups = [json.loads(line) for line in compared.stdout.splitlines()]
    trade = [g for g in groups if g["metric"] == "trade_value"]
    assert len(trade) == 1 and trade[0]["status"] == "agree"
    assert sorted(s["text"] for s in trade[0]["sources"]) == sorted(["$81.3 billion", "81,3 tỷ USD", "813억달러"])


def test_cli_lang_option(tmp_path):
    from typer.testing import CliRunner

    from vnkr.cli import app

    (tmp_path / "x.txt").write_text("Kim ngach dat 81,3 tỷ USD.\n", encoding="utf-8")  # one Vietnamese letter in six words: detected as English
    runner = CliRunner()
    detected = [json.loads(line) for line in runner.invoke(app, ["extract", str(tmp_path)]).stdout.splitlines()]
    forced = [json.loads(line) for line in runner.invoke(app, ["extract", "--lang", "vi", str(tmp_path)]).stdout.splitlines()]
    assert [c["lang"] for c in forced] == ["vi"] and forced[0]["value"] == 81.3e9
    assert all(c["lang"] == "en" for c in detected)
    bad = runner.invoke(app, ["extract", "--lang", "fr", str(tmp_path)])
    assert bad.exit_code == 2 and "--lang fr" in bad.output


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1000, max_value=999_999_999), st.sampled_from(["명", " 명", "톤", " 달러"]))
def test_korean_thousands_commas_round_trip(number, unit):
    text = f"모두 {number:,}{unit}이다."
    values = [c.value for c in extract_in("ko", text) if c.label != "DATE"]
    assert values == [number], f"{text!r} gives {values}"


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1, max_value=9999))
def test_korean_spaced_groups_round_trip(high, low):
    text = f"모두 {high}만 {low}명이다."
    values = [c.value for c in extract_in("ko", text) if c.label != "DATE"]
    assert values == [high * 10_000 + low], f"{text!r} gives {values}"


def test_a_partial_period_of_an_undated_page_is_no_crash():
    """'6 tháng đầu năm' on a page with no date names no year: the total's sentence has a time that
    cannot be placed, and its figures are still read (a component once failed on such a block)."""
    text = "6 tháng đầu năm, cả nước có 1.145 dự án mới với tổng vốn đăng ký là 7,5 tỷ USD."
    document = Document(doc="t", path="-", text=text, published=None, lang="vi")
    claims = extract_text(build_nlp(None, "vi"), text, document)
    assert any(c.text == "7,5 tỷ USD" and c.value == 7.5e9 for c in claims)


@pytest.mark.parametrize("lang", LANGS)
def test_an_actor_a_language_names_anew_keeps_its_country(lang):
    """A company named in Vietnamese or Korean stands for Korea as in English: without its country it
    became a subject of its own ('samsung')."""
    english = {a.id: a.country for a in shipped_rules("en").actor}
    for actor in shipped_rules(lang).actor:
        assert actor.country == english.get(actor.id, actor.country), actor.id


# A time a sentence tells that is no time of figures leaves the time told before going on: a day (unresolved
# in a document with no date of its own), or a year in a report's name in quotation marks.
SCENE_GOES_ON = [
    ("ko", "2018년 말 재외동포는 750만명이었다. 외교부는 9월 24일 자료를 공개했다.\n재외동포는 미국에 250만명이 거주한다.", "250만", "2018-12"),
    ("ko", "2018년 말 재외동포는 750만명이었다. 외교부는 ‘2019 재외동포현황’ 자료를 공개했다.\n재외동포는 미국에 250만명이 거주한다.", "250만", "2018-12"),
    ("vi", "Năm 2016, có 150.000 người Việt Nam sinh sống tại Hàn Quốc. Bộ Tư pháp công bố số liệu ngày 5/3.\nTrong đó, 50.000 người Việt Nam sinh sống tại Seoul.", "50.000", "2016"),
]


@pytest.mark.parametrize("lang,text,figure,period", SCENE_GOES_ON)
def test_a_day_or_a_titles_year_does_not_end_the_scene(lang, text, figure, period):
    claims = extract_text(build_nlp(None, lang), text, Document(doc="t", path="-", text=text, published=None, lang=lang))
    assert {c.text: c.period for c in claims}[figure] == period


# On a page with no date, a year a figure is compared with as "the same period" ("cùng kỳ năm 2015") tells that
# the text's own time is the year after: a run of months named later without its year is of that year.
SAME_PERIOD_BEFORE = [
    ("Vốn giải ngân 4 tháng đầu năm đạt 4,7 tỷ USD, tăng 12% so với cùng kỳ năm 2015. Trong 4 tháng đầu năm, Hàn Quốc rót 2,5 tỷ USD vào Việt Nam.", "2,5 tỷ USD", "2016-01/2016-04"),
    ("Xuất khẩu quý I tăng 8% so với cùng kỳ năm 2022. Trong quý I, xuất khẩu sang Hàn Quốc đạt 6 tỷ USD.", "6 tỷ USD", "2023-01/2023-03"),
]


@pytest.mark.parametrize("text,figure,period", SAME_PERIOD_BEFORE)
def test_the_same_period_of_a_year_dates_an_undated_page_a_year_later(text, figure, period):
    claims = extract_text(build_nlp(None, "vi"), text, Document(doc="t", path="-", text=text, published=None, lang="vi"))
    assert {c.text: c.period for c in claims}[figure] == period
