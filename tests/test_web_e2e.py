"""End to end in real headless Chromium: paste a report and symptoms, click Analyze, check the
red-flag banner, the highlights and the table. Saves a screenshot to .artifacts/web-e2e.png."""

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
selenium = pytest.importorskip("selenium")

from tests.conftest import ROOT, SAMPLES  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="Chromium and chromedriver are not installed "
                                "(.ci/run installs Debian's chromium and chromium-driver)")


@pytest.fixture(scope="module")
def server_url(nlp):
    import uvicorn

    from spinelens.server import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1280,1600", f"--user-data-dir={tmp_path_factory.mktemp('chrome')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


def test_paste_analyze_and_see_red_flags_highlights_and_table(server_url, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    report = (SAMPLES / "redflag-cauda-equina-large-l45-extrusion.txt").read_text()
    browser.get(server_url)
    # paste: set the textarea as a paste would, then tell the page
    browser.execute_script("const t = document.getElementById('report'); t.value = arguments[0];"
                           "t.dispatchEvent(new Event('input'));", report)
    browser.find_element(By.ID, "symptoms").send_keys("saddle numbness and urinary retention")
    browser.find_element(By.ID, "age").send_keys("48")
    browser.find_element(By.ID, "analyze").click()
    wait = WebDriverWait(browser, 30)
    banner = wait.until(ec.visibility_of_element_located((By.ID, "banner")))
    assert "Red flag" in banner.text and "cauda equina" in banner.text.lower()
    marks = browser.find_elements(By.CSS_SELECTOR, "#report-view mark")
    assert len(marks) >= 5
    assert browser.find_elements(By.CSS_SELECTOR, "#report-view mark.cat-red_flag")
    # the finding's detail shows on keyboard focus
    red = browser.find_element(By.CSS_SELECTOR, "#report-view mark.cat-red_flag")
    browser.execute_script("arguments[0].focus()", red)
    assert red.find_element(By.CSS_SELECTOR, ".tip").is_displayed()
    assert "L4-L5" in red.get_attribute("aria-label") or "L4-L5" in red.find_element(By.CSS_SELECTOR, ".tip").text
    rows = browser.find_elements(By.CSS_SELECTOR, "#findings tbody tr")
    assert any("L4-L5" in r.text for r in rows) and any("red flag" in r.text for r in rows)
    assert browser.find_element(By.ID, "headline").text
    incidental = browser.find_element(By.ID, "incidental").text
    assert "people aged 48 without back pain" in incidental
    browser.find_element(By.ID, "copy").click()
    WebDriverWait(browser, 10).until(lambda d: "copied" in d.find_element(By.ID, "status").text)
    shots = ROOT / ".artifacts"
    shots.mkdir(exist_ok=True)
    assert browser.save_screenshot(str(shots / "web-e2e.png"))
    assert Path(shots / "web-e2e.png").stat().st_size > 10_000


def test_report_text_is_shown_as_text_not_html(server_url, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(server_url)
    browser.execute_script("document.getElementById('report').value = arguments[0]",
                           "L4-5 bulge <img src=x onerror=\"document.title='pwned'\"> <b>bold</b>")
    browser.find_element(By.ID, "analyze").click()
    WebDriverWait(browser, 30).until(lambda d: d.find_element(By.ID, "headline").text)
    view = browser.find_element(By.ID, "report-view")
    assert "<b>bold</b>" in view.text
    assert not view.find_elements(By.TAG_NAME, "img") and browser.title != "pwned"
