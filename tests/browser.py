"""Headless Chromium through selenium and the system chromedriver: nothing is downloaded.

Debian's `chromium` and `chromium-driver` packages (.ci/run installs them); a test that needs
a browser skips, saying so, when they are not found. The browser gets no network: every
request outside the file goes to a closed local port, so a report that fetched a script from a
CDN would log a console error.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
FLAGS = (
    "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>", "--host-resolver-rules=MAP * ~NOTFOUND",  # no network
)  # fmt: skip


def find_browser() -> tuple[str, str] | None:
    """(browser, chromedriver) paths, or None."""
    browser = next((found for name in BROWSERS if (found := shutil.which(name))), None)
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


@contextmanager
def chromium(width: int = 1280, height: int = 900) -> Iterator[object]:
    """A selenium WebDriver on headless Chromium with a fresh profile, logging the console."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    found = find_browser()
    if found is None:
        raise RuntimeError("no chromium and chromedriver on PATH (apt-get install chromium chromium-driver)")
    browser, driver_path = found
    os.environ.setdefault("SE_OFFLINE", "true")  # selenium-manager, should it run, downloads nothing
    with tempfile.TemporaryDirectory(prefix="vnkr-chromium-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = browser
        for flag in FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={profile}")
        options.add_argument(f"--window-size={width},{height}")
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
        try:
            yield driver
        finally:
            driver.quit()


def open_report(driver, path: Path, timeout: float = 60) -> None:
    """Load the file and wait until its script says every chart is drawn."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(path.resolve().as_uri())
    try:
        WebDriverWait(driver, timeout).until(lambda d: d.execute_script("return document.body.dataset.ready === '1'"))
    except TimeoutException:
        raise AssertionError(f"{path}: not drawn within {timeout} s; console: {console_errors(driver)}") from None


def console_errors(driver) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def full_screenshot(driver, path: Path, width: int) -> None:
    """The whole page at `width`, as a PNG."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, min(height + 100, 16000))
    driver.save_screenshot(str(path))
