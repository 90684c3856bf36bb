"""The report as a person sees it: opened in headless Chromium with no network, on a desktop and a phone.

Needs Debian's chromium and chromium-driver (.ci/run installs them); skips, saying so, without them.
"""

import json
from datetime import date
from io import BytesIO

import pytest
from browser import chromium, console_errors, find_browser, full_screenshot, open_report
from conftest import DATA, SEEDS
from pages import build_page
from typer.testing import CliRunner

from vnkr.cli import app

pytestmark = pytest.mark.skipif(find_browser() is None, reason="no Chromium with chromedriver found (apt-get install chromium chromium-driver): browser test skipped")

runner = CliRunner()
REF = ["--reference-date", "2026-11-22"]
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The seeds, two of the test articles as saved pages, one as plain text, and the undated seed dated."""
    folder = tmp_path_factory.mktemp("corpus")
    for article, shape in (("trade-outlook", "wire"), ("investment-brief", "portal")):
        title, _, body = (DATA / "articles" / f"{article}.txt").read_text(encoding="utf-8").partition("\n")
        (folder / f"{article}.html").write_text(build_page(body, title, shape, date(2024, 6, 2), f"https://news.example.org/{article}"), encoding="utf-8")
    (folder / "people-exchange.txt").write_text((DATA / "articles" / "people-exchange.txt").read_text(encoding="utf-8"), encoding="utf-8")
    undated = next(SEEDS.glob("002_*.txt")).read_text(encoding="utf-8")  # dated, its residents figure meets 001's and conflicts
    (folder / "dated-seed.txt").write_text(f"---\npublished: 2025-08-09\n---\n{undated}", encoding="utf-8")
    return [str(SEEDS), str(folder)]


@pytest.fixture(scope="module")
def report(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = runner.invoke(app, ["report", *corpus, "-o", str(out), *REF])
    assert result.exit_code == 0, result.output
    compared = [json.loads(line) for line in runner.invoke(app, ["compare", *corpus, "--format", "json", *REF]).stdout.splitlines()]
    claims = [json.loads(line) for line in runner.invoke(app, ["extract", *corpus, *REF]).stdout.splitlines()]
    return out, compared, claims


def not_blank(png: bytes) -> bool:
    from PIL import Image

    image = Image.open(BytesIO(png)).convert("RGB")
    small = image.resize((200, max(1, 200 * image.height // image.width)))
    colors = small.getcolors(small.width * small.height)  # (count, colour) pairs
    inked = sum(count for count, colour in colors if min(colour) < 200)
    return len(colors) > 30 and inked > small.width * small.height * 0.03


def visible(driver, selector):
    return [e for e in driver.find_elements("css selector", selector) if e.is_displayed()]


def test_the_report_shows_conflicts_highlights_and_charts(report, tmp_path):
    path, compared, claims = report
    groups = [g for g in compared if g["kind"] == "group"]
    series = [s for s in compared if s["kind"] == "series"]
    conflicts = [g for g in groups if g["status"] == "conflict"]
    assert conflicts and series
    with chromium(1280, 900) as driver:
        open_report(driver, path)
        assert console_errors(driver) == []
        shown = driver.execute_script("return Array.from(document.querySelectorAll('.group')).map(g => g.dataset.status)")
        assert shown[: len(conflicts)] == ["conflict"] * len(conflicts) and len(shown) == len(groups)
        cards = visible(driver, ".group[data-status='conflict']")
        assert len(cards) == len(conflicts)
        for card, group in zip(cards, conflicts):
            figures = [m.text for m in card.find_elements("css selector", "mark.fig")]
            assert figures == [m["text"] for s in group["sources"] for m in (s.get("mentions") or [s])]
        assert visible(driver, "#documents mark.claim") == []  # documents are folded
        driver.execute_script("document.querySelectorAll('details.document').forEach(d => d.open = true)")
        marks = visible(driver, "#documents mark.claim")
        assert {m.text for m in marks} == {c["text"] for c in claims}
        assert driver.execute_script("return getComputedStyle(arguments[0]).backgroundColor", marks[0]) not in ("rgba(0, 0, 0, 0)", "transparent")
        charts = visible(driver, ".chart")
        assert len(charts) == len(series)
        for chart, one in zip(charts, series):
            keys = [k for k in ("topic", "metric", "modality", "unit", "subject", "counterpart", "scope") if k in one]
            drawn = [g for g in groups if all(g.get(k) == one[k] for k in keys) and g["time"]]
            sources = sum(1 for g in drawn for source in g["sources"] if source["value"] is not None)
            assert chart.find_elements("css selector", ".main-svg") and len(chart.find_elements("css selector", ".scatterlayer .point")) == sources
        marks[0].click()
        assert driver.find_element("id", "detail").is_displayed() and marks[0].text in driver.find_element("id", "detail-body").text
        driver.find_element("css selector", "#filter-box summary").click()
        driver.find_element("css selector", "input[data-filter='status'][value='conflict']").click()
        assert visible(driver, ".group[data-status='conflict']") == [] and visible(driver, ".group")
        driver.find_element("css selector", "input[data-filter='topic'][value='trade']").click()
        assert visible(driver, ".group[data-topic='trade']") == [] and visible(driver, ".chart-card[data-topic='trade']") == []
        assert all("dim" in m.get_attribute("class") for m in driver.find_elements("css selector", "mark.claim[data-topic='trade']"))
        full_screenshot(driver, tmp_path / "desktop.png", 1280)
        assert not_blank((tmp_path / "desktop.png").read_bytes())
        assert console_errors(driver) == []


SCRIPTED = "Exports grew 7% last year <!--<script>document.title='pwned'</script></script><script>window.pwned=1</script> the ministry said."
JS_URL = "javascript:document.title=1//x/y"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A report from input written to break out: a file named like markup whose sentence holds script, an archive
    line whose url is javascript:, and a claims file with NaN and Infinity values (lines that are errors) and a line naming a private file."""
    root = tmp_path_factory.mktemp("hostile")
    (root / "docs").mkdir()
    body = (DATA / "articles" / "trade-outlook.txt").read_text(encoding="utf-8")
    (root / "docs" / "x<!--<script>.txt").write_text(f"{body}\n\n{SCRIPTED}\n", encoding="utf-8")
    people = (DATA / "articles" / "people-exchange.txt").read_text(encoding="utf-8")
    (root / "archive.jsonl").write_text(json.dumps({"url": JS_URL, "maintext": people, "date_publish": "2024-06-01 08:00:00"}) + "\n", encoding="utf-8")
    secret = root / "private.txt"
    secret.write_text("The vault code is 4321.\n", encoding="utf-8")
    claims = [json.loads(line) for line in runner.invoke(app, ["extract", str(DATA / "articles" / "investment-brief.txt"), *REF]).stdout.splitlines()]
    claims[0]["value"], claims[1]["value"] = float("nan"), float("inf")
    claims.append({**claims[2], "doc": "private", "path": str(secret), "id": "private:0-3"})
    (root / "claims.jsonl").write_text("".join(json.dumps(c) + "\n" for c in claims), encoding="utf-8")
    out = root / "report.html"
    result = runner.invoke(app, ["report", str(root / "docs"), str(root / "archive.jsonl"), str(root / "claims.jsonl"), "-o", str(out), *REF])
    assert result.exit_code == 1, result.output  # the NaN and Infinity lines are one error each (claims_io), the others reported
    errors = [line.split(": ")[2] for line in result.stderr.splitlines() if line.startswith("vnkr: error:")]
    assert errors == [f"{root / 'claims.jsonl'}:1", f"{root / 'claims.jsonl'}:2"], result.output
    return out


def test_input_runs_no_script_in_the_report_and_the_page_still_works(hostile):
    from selenium.common.exceptions import NoAlertPresentException

    with chromium(1280, 900) as driver:
        open_report(driver, hostile)  # the charts are drawn: the page's own script ran to its end
        assert console_errors(driver) == []
        assert driver.title == "vnkr report" and driver.execute_script("return window.pwned") is None
        with pytest.raises(NoAlertPresentException):
            driver.switch_to.alert.accept()
        driver.execute_script("document.querySelectorAll('details').forEach(d => d.open = true)")
        documents = driver.find_elements("css selector", "details.document")
        assert len(documents) == 2 and "x<!--<script>" in documents[0].text + documents[1].text
        assert any(SCRIPTED in d.text for d in documents)  # the sentence shows as written
        hrefs = driver.execute_script("return Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))")
        assert all(h.startswith("#") or h.startswith("https://") or h.startswith("http://") for h in hrefs), hrefs
        shown = [e for e in driver.find_elements("xpath", f"//*[text()='{JS_URL}']") if e.is_displayed()]
        assert shown
        for element in shown:
            element.click()
        assert driver.title == "vnkr report" and driver.current_url.startswith("file:")
        marks = visible(driver, "#documents mark.claim")
        assert marks and visible(driver, ".group")
        marks[0].click()
        assert driver.find_element("id", "detail").is_displayed() and marks[0].text in driver.find_element("id", "detail-body").text
        assert "vault code" not in driver.page_source
        assert driver.title == "vnkr report" and console_errors(driver) == []


def test_the_report_fits_a_phone(report):
    path, _, _ = report
    with chromium(390, 844) as driver:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
        open_report(driver, path)
        width, scroll = driver.execute_script("return [document.documentElement.clientWidth, document.documentElement.scrollWidth]")
        assert width == PHONE["width"] and scroll <= width
        assert visible(driver, ".group[data-status='conflict']") and visible(driver, ".chart .main-svg")
        assert not_blank(driver.get_screenshot_as_png())
        assert console_errors(driver) == []
