"""End to end in real headless Chromium: paste a report and symptoms, click Analyze, check the
red-flag banner, the highlights and the table; the page loads with no failed request (favicon
included); at 420 px (a phone) neither the page nor the HTML export scrolls sideways. Saves
screenshots to .artifacts/web-e2e.png and .artifacts/web-e2e-420.png."""

import json
import shutil
import socket
import threading
import time
import urllib.request
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
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # failed requests and CSP violations
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


def console_errors(browser) -> list[str]:
    """The console's errors since the last call: a 404 (a missing favicon), a CSP violation, a script error."""
    return [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]


@pytest.fixture
def narrow(browser):
    """The browser as a 420 px wide screen, for one test."""
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 420, "height": 900, "deviceScaleFactor": 1, "mobile": False})
    yield browser
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def no_sideways_scroll(browser) -> tuple[int, int]:
    return tuple(browser.execute_script(
        "return [window.innerWidth, document.documentElement.scrollWidth]"))


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


def test_page_loads_with_no_failed_request_and_a_favicon(server_url, browser):
    browser.get(server_url)
    time.sleep(0.5)  # the favicon is fetched after the load event
    assert console_errors(browser) == []
    icon = browser.execute_script("return document.querySelector('link[rel=icon]').href")
    for url in (icon, server_url + "favicon.ico"):
        with urllib.request.urlopen(url, timeout=10) as r:
            assert r.status == 200 and r.headers["Content-Type"].startswith("image/svg+xml")


def test_findings_fit_a_420_px_screen(server_url, narrow):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser = narrow
    report = (SAMPLES / "us-structured-multilevel-stenosis-claudication.txt").read_text()
    browser.get(server_url)
    browser.execute_script("document.getElementById('report').value = arguments[0]", report)
    browser.find_element(By.ID, "symptoms").send_keys("bilateral leg pain walking, better sitting, 6 months")
    browser.find_element(By.ID, "analyze").click()
    WebDriverWait(browser, 30).until(lambda d: d.find_element(By.ID, "headline").text)
    width, scroll = no_sideways_scroll(browser)
    assert width == 420 and scroll <= 420, f"the page is {scroll} px wide at {width} px"
    cell = browser.find_element(By.CSS_SELECTOR, "#findings tbody td")
    assert cell.value_of_css_property("display") == "block"  # the rows stack as cards
    # positives in the table; what the report says is absent, collapsed below it
    certainties = [td.text for td in browser.find_elements(By.CSS_SELECTOR, "#findings td[data-label=Certainty]")]
    assert certainties and "absent" not in " ".join(certainties)
    absent = browser.find_element(By.ID, "absent")
    assert absent.is_displayed() and absent.get_attribute("open") is None
    assert not absent.find_element(By.TAG_NAME, "li").is_displayed()
    absent.find_element(By.TAG_NAME, "summary").click()
    assert absent.find_element(By.TAG_NAME, "li").is_displayed()
    assert no_sideways_scroll(browser)[1] <= 420
    assert console_errors(browser) == []
    shots = ROOT / ".artifacts"
    shots.mkdir(exist_ok=True)
    assert browser.save_screenshot(str(shots / "web-e2e-420.png"))


def test_html_export_fits_a_420_px_screen_positives_first(narrow, tmp_path):
    import spinelens
    from spinelens.formats.html import render_html

    browser = narrow
    text = (SAMPLES / "us-structured-l45-left-protrusion-radiculopathy.txt").read_text()
    result = spinelens.analyze(text, symptoms="left leg pain to the big toe for 8 weeks", age=45)
    page = tmp_path / "report.html"
    page.write_text(render_html(result, text), encoding="utf-8")
    browser.get(page.as_uri())
    width, scroll = no_sideways_scroll(browser)
    assert width == 420 and scroll <= 420, f"the export is {scroll} px wide at {width} px"
    rows = browser.execute_script(
        "return [...document.querySelectorAll('#findings td[data-label=Certainty]')].map(td => td.textContent)")
    assert rows and "absent" not in rows
    absent = json.loads(browser.execute_script(
        "const d = document.getElementById('absent'); return JSON.stringify([d.open, d.querySelectorAll('li').length])"))
    assert absent == [False, sum(f.certainty == "absent" for f in result.findings)]
