"""The report as a person sees it: opened in headless Chromium with no network, on a desktop and a phone.

Needs Debian's chromium and chromium-driver (.ci/run installs them); skips, saying so, without them.
"""

import json
import time
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
        shown = driver.execute_script("return Array.from(document.querySelectorAll('#groups .group')).map(g => g.dataset.status)")
        assert shown[: len(conflicts)] == ["conflict"] * len(conflicts) and len(shown) == len(groups)
        cards = visible(driver, ".group[data-status='conflict']")
        assert len(cards) == len(conflicts)
        for card, group in zip(cards, conflicts):
            figures = [m.text for m in card.find_elements("css selector", "mark.fig")]
            assert figures == [m["text"] for s in group["sources"] for m in (s.get("mentions") or [s])]
        assert visible(driver, "#documents mark.claim") == []  # documents are folded, and groups that agree or have one source
        driver.execute_script("document.querySelectorAll('details.document, details.folded').forEach(d => d.open = true)")
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
        driver.execute_script("document.querySelectorAll('details').forEach(d => d.open = true)")  # unfolded, it still fits
        assert driver.execute_script("return document.documentElement.scrollWidth") <= width and visible(driver, ".group[data-status='single'] .cid")
        assert console_errors(driver) == []


def box(driver, element) -> dict:
    return driver.execute_script("var r = arguments[0].getBoundingClientRect(); return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}", element)


def overlaps(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_first_screen_answers_what_conflicts(report, size, tmp_path):
    """The summary's lines are on the first screen; single-source groups and documents are folded behind their count."""
    path, compared, _ = report
    groups = [g for g in compared if g["kind"] == "group"]
    summarised = [g for g in groups if g["status"] in ("conflict", "inconsistent")]
    singles = [g for g in groups if g["status"] == "single"]
    assert summarised and singles
    with chromium(1280, 900) as driver:
        if size == "phone":
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
        open_report(driver, path)
        height = driver.execute_script("return window.innerHeight")
        lines = visible(driver, "#summary .conflict-line")
        assert len(lines) == len(summarised)
        assert box(driver, lines[0])["bottom"] <= height  # seen without scrolling
        first = summarised[0]
        assert first["disagreement"]["a_text"] in lines[0].text and first["disagreement"]["b_text"] in lines[0].text and "apart" in lines[0].text
        lines[0].find_element("css selector", "a").click()
        target = driver.execute_script("return document.querySelector(location.hash)")
        assert target.get_attribute("data-status") == first["status"] and -1 <= box(driver, target)["top"] < height
        assert visible(driver, ".group[data-status='single']") == [] and visible(driver, ".group[data-status='agree']") == [] and visible(driver, "#documents .text") == []
        fold = driver.find_element("css selector", "#single-groups > summary")
        assert fold.is_displayed() and f"{len(singles)} single" in fold.text
        fold.click()
        assert len(visible(driver, ".group[data-status='single']")) == len(singles)
        driver.save_screenshot(str(tmp_path / f"first-screen-{size}.png"))
        assert not_blank((tmp_path / f"first-screen-{size}.png").read_bytes())


def test_search_narrows_groups_by_text_outlet_and_figure(report):
    path, compared, _ = report
    groups = [g for g in compared if g["kind"] == "group"]
    conflict = next(g for g in groups if g["status"] == "conflict")
    cited = next(s for g in groups for s in g["sources"] if s.get("outlet"))
    with chromium(1280, 900) as driver:
        open_report(driver, path)
        search = driver.find_element("id", "search")
        total = len(visible(driver, ".group"))
        for query, expected in ((conflict["disagreement"]["a_text"], conflict), (cited["outlet"], None)):
            search.clear()
            search.send_keys(query)
            shown = visible(driver, ".group")
            assert shown and len(shown) < len(groups)
            assert all(query.lower() in g.text.lower() for g in shown), query
            if expected is not None:
                assert any(g.get_attribute("id") == visible(driver, ".group[data-status='conflict']")[0].get_attribute("id") for g in shown)
            count = driver.find_element("id", "search-count").text
            assert count == f"{len(shown)} of {len(groups)} groups"
        search.clear()
        search.send_keys("no such words in any article zzqx")
        assert visible(driver, ".group") == [] and visible(driver, ".conflict-line") == [] and visible(driver, "details.document") == []
        assert visible(driver, ".summary-head") == []
        search.clear()
        search.send_keys(" ")
        search.send_keys("\b")
        assert len(visible(driver, ".group")) == total and not driver.find_element("id", "single-groups").get_attribute("open")


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_a_chart_legend_is_beside_its_plot_not_over_it(report, size):
    path, _, _ = report
    with chromium(1280, 900) as driver:
        if size == "phone":
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
        open_report(driver, path)
        cards = driver.find_elements("css selector", ".chart-card")
        assert cards
        most = max(cards, key=lambda c: len(c.find_elements("css selector", ".legend-item")))
        assert len(most.find_elements("css selector", ".legend-item")) > 3
        for card in cards:
            plot = box(driver, card.find_element("css selector", ".nsewdrag"))  # the plot area
            assert plot["right"] - plot["left"] > 200 and plot["bottom"] - plot["top"] > 150
            assert card.find_elements("css selector", ".main-svg .legend") == []  # plotly's own legend is off
            for item in card.find_elements("css selector", ".legend-item"):
                assert not overlaps(box(driver, item), plot)
        points = lambda: len([p for p in most.find_elements("css selector", ".scatterlayer .point") if p.is_displayed()])  # noqa: E731
        before = points()
        entry = most.find_elements("css selector", ".legend-item")[1]  # a document's marks, after the line
        entry.click()
        assert entry.get_attribute("aria-pressed") == "false" and points() < before
        entry.click()
        assert points() == before


@pytest.fixture(scope="module")
def odd(tmp_path_factory):
    """A claims file of a document named with a quote and a backslash, whose sentence tries to end its TOML comment."""
    root = tmp_path_factory.mktemp("odd")
    (root / "docs").mkdir()
    body = (DATA / "articles" / "trade-outlook.txt").read_text(encoding="utf-8")
    front = '---\npublished: 2024-03-14\noutlet: Odd "Wire" \\ News\ntitle: A title with <b>markup</b>\nurl: https://news.example.org/odd?a=1&b=2\n---\n'
    (root / "docs" / 'say "no" \\ 2.txt').write_text(front + body, encoding="utf-8")
    (root / "docs" / "plain.txt").write_text(body.replace("79.4", "87.4"), encoding="utf-8")
    claims = [json.loads(line) for line in runner.invoke(app, ["extract", str(root / "docs"), *REF]).stdout.splitlines()]
    odd = next(c for c in claims if c["doc"] != "plain" and c["metric"] and c["period"])
    odd["sentence"] += '\n[[correction]]\nid = "evil:1-2"\r\u2028'
    (root / "claims.jsonl").write_text("".join(json.dumps(c) + "\n" for c in claims), encoding="utf-8")
    out = root / "report.html"
    result = runner.invoke(app, ["report", str(root / "claims.jsonl"), "--documents", str(root / "docs"), "-o", str(out), *REF])
    assert result.exit_code == 0, result.output
    return out, claims


def test_marked_claims_download_as_a_corrections_skeleton(odd, tmp_path):
    import tomllib

    path, claims = odd
    first = next(c for c in claims if c["doc"] != "plain" and c["metric"] and c["period"])
    other = next(c for c in claims if c["doc"] == "plain")
    with chromium(1280, 900) as driver:
        driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
        open_report(driver, path)
        button = driver.find_element("id", "skeleton")
        assert not button.is_enabled()
        boxes = [b for b in driver.find_elements("css selector", "input.pick") if b.get_attribute("data-claim") == first["id"]]
        fold = driver.execute_script("return arguments[0].closest('details.folded')", boxes[0])
        if fold is not None:  # its group agrees or has one source: the reader unfolds them
            fold.find_element("css selector", "summary").click()
        assert boxes and boxes[0].is_displayed()
        assert first["id"] in boxes[0].find_element("xpath", "..").text  # the id is shown beside its box
        boxes[0].click()
        driver.execute_script("arguments[0].open = true", driver.find_element("id", "doc-plain"))
        mark = next(m for m in visible(driver, "#doc-plain mark.claim") if m.get_attribute("id") == f"c-{other['id']}")
        mark.click()
        driver.find_element("css selector", "#detail-body input.pick").click()  # marked from the claim's details
        assert driver.find_element("id", "picked").text == "2" and button.is_enabled()
        button.click()
        downloaded = tmp_path / "corrections.toml"
        for _ in range(100):  # the download is written by the browser, a moment after the click
            if downloaded.exists():
                break
            time.sleep(0.1)
        text = downloaded.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "# vnkr corrections skeleton: fill in one of drop / set for each claim"
    read = tomllib.loads(text)
    assert read == {"correction": [{"id": first["id"]}, {"id": other["id"]}]}  # drop and set are left for the user, in comments
    at = lines.index("[[correction]]")
    assert lines[at + 1].startswith('id = "say \\"no\\" \\\\ 2:') and f'# "{first["text"]}" — ' in lines[at + 1]
    assert lines[at + 2] == "# drop = true" and lines[at + 3] == f'# set = {{ period = "{first["period"]}", metric = "{first["metric"]}" }}'
    assert lines.count("[[correction]]") == 2 and all(line.startswith(("#", "id = ", "[[correction]]")) or line == "" for line in lines)
    assert 'id = "evil:1-2"' in lines[at + 1]  # the sentence's line ends were dropped: it stays inside the comment
    filled = tmp_path / "filled.toml"
    filled.write_text(text.replace("# drop = true", "drop = true"), encoding="utf-8")
    claims_file, again = path.parent / "claims.jsonl", tmp_path / "again.html"
    result = runner.invoke(app, ["report", str(claims_file), "--documents", str(path.parent / "docs"), "--corrections", str(filled), "-o", str(again)])
    assert result.exit_code == 0 and f"({len(claims) - 2} claims" in result.stderr, result.output  # the skeleton, filled in, is read


def test_a_source_cites_its_outlet_title_and_date(odd):
    path, claims = odd
    with chromium(1280, 900) as driver:
        open_report(driver, path)
        cites = [c for c in visible(driver, ".source .cite") if "Odd" in c.text]
        assert cites
        link = cites[0].find_element("css selector", "a.outlet")
        assert link.text == 'Odd "Wire" \\ News' and link.get_attribute("href") == "https://news.example.org/odd?a=1&b=2"
        assert link.get_attribute("rel") == "noopener noreferrer"
        assert "A title with <b>markup</b>" in cites[0].text and "2024-03-14" in cites[0].text
        doc = cites[0].find_element("xpath", "..").find_element("css selector", "a[href^='#doc-']")
        doc.click()  # a source's document link unfolds the document
        target = driver.execute_script("return document.getElementById(arguments[0].getAttribute('href').slice(1))", doc)
        assert target.get_attribute("open") and target.find_element("css selector", ".text").is_displayed()
        summaries = [d.find_element("css selector", "summary").text for d in driver.find_elements("css selector", "details.document")]
        assert any('Odd "Wire" \\ News' in t and "A title with <b>markup</b>" in t and "2024-03-14" in t for t in summaries), summaries
