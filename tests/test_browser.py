"""A real browser on `kb serve`: Debian's chromium, headless, with JavaScript off and a phone's window, driven by
selenium through Debian's chromedriver (explicit paths: Selenium Manager downloads nothing). It loads the search
page, types a query, follows a result to its project page and takes a screenshot (kept where $KB_SCREENSHOTS
says, to be looked at)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = [
    pytest.mark.skipif(
        not (CHROMIUM and CHROMEDRIVER), reason="no chromium/chromedriver: apt-get install chromium chromium-driver"
    ),
]
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is in the test extra")
pytest.importorskip("datasette", reason="kb serve needs Datasette: pip install 'jixiao-kb[serve]'")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`kb serve` on a published copy of the seeds, on loopback; its base URL."""
    folder = tmp_path_factory.mktemp("browser")
    env = {**os.environ, "KB_DB": str(folder / "kb.sqlite3")}
    kb = [sys.executable, "-m", "kb"]
    subprocess.run([*kb, "publish", str(folder / "team.db")], env=env, check=True, capture_output=True)
    port = _free_port()
    process = subprocess.Popen(
        [*kb, "serve", str(folder / "team.db"), "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):  # up to 30 s on a loaded machine
            try:
                urllib.request.urlopen(url + "/-/search.json?q=x", timeout=1)
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"kb serve stopped: {process.stderr.read().decode()}")
                time.sleep(0.1)
        else:
            pytest.fail("kb serve did not answer within 30 s")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=412,900"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.implicitly_wait(10)
    yield driver
    driver.quit()


def _shot(driver, tmp_path: Path, name: str) -> Path:
    """A screenshot of the whole page, in $KB_SCREENSHOTS when set (to look at), else beside the test."""
    folder = Path(os.environ.get("KB_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    height = driver.find_element("tag name", "body").size["height"]
    driver.set_window_size(412, min(max(height + 150, 900), 4000))
    path = folder / f"{name}.png"
    assert driver.save_screenshot(str(path))
    driver.set_window_size(412, 900)
    return path


def test_search_then_a_project_without_javascript(server, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server + "/-/search")
    # the title once the page is there: on a loaded machine get() has returned before it (CI: title '')
    WebDriverWait(browser, 30).until(lambda b: b.title, f"no page at {server}/-/search within 30 s")
    assert "搜索" in browser.title
    box = browser.find_element(By.ID, "kb-q")
    box.send_keys("满意度")
    box.send_keys(Keys.ENTER)
    heading = browser.find_element(By.XPATH, "//h2[contains(., '指标')]")
    assert heading.is_displayed()
    hits = browser.find_elements(By.CSS_SELECTOR, ".kb-hits li")
    assert hits and all("满意度" in hit.text for hit in hits[:5])
    assert _shot(browser, tmp_path, "search").stat().st_size > 10_000
    link = browser.find_element(By.CSS_SELECTOR, ".kb-hits a[href*='/-/project/']")
    project = link.text
    link.click()
    assert browser.find_element(By.TAG_NAME, "h1").text == project
    goal = [t.text for t in browser.find_elements(By.CSS_SELECTOR, "table.kb-goal") if "一级指标" in t.text]
    assert goal and "满意度" in goal[0]  # the goal table holds the indicator the search found
    assert _shot(browser, tmp_path, "project").stat().st_size > 10_000
