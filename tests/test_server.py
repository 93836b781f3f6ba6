"""The JSON API and the page, through FastAPI's TestClient."""

import json

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from spinelens.server import CSP, create_app  # noqa: E402
from tests.conftest import SAMPLES  # noqa: E402

REPORT = (SAMPLES / "us-structured-l45-left-protrusion-radiculopathy.txt").read_text()


@pytest.fixture(scope="module")
def client(nlp):
    return TestClient(create_app())


def test_health(client):
    r = client.get("/api/health")
    assert r.status_code == 200 and r.json()["status"] == "ok"


def test_analyze_returns_the_schema_result(client):
    r = client.post("/api/analyze", json={"text": REPORT, "symptoms": "left great toe numbness", "age": 52,
                                          "sex": "male", "id": "acc-7"})
    assert r.status_code == 200
    data = r.json()
    assert data["schema_version"] == "1" and data["id"] == "acc-7"
    assert any(f["type"] == "disc_protrusion" and f["assessment"]["category"] == "concordant" for f in data["findings"])
    jsonschema = pytest.importorskip("jsonschema")
    from tests.conftest import SHARED
    schema_path = SHARED / "spec" / "result.schema.json"
    if schema_path.is_file():
        jsonschema.validate(data, json.loads(schema_path.read_text()))


def test_body_over_1_mb_is_413(client):
    r = client.post("/api/analyze", content=json.dumps({"text": "x" * 1_100_000}),
                    headers={"Content-Type": "application/json"})
    assert r.status_code == 413 and "1 MB" in r.json()["detail"]


def test_wrong_content_type_is_415(client):
    r = client.post("/api/analyze", content="text=L4-5", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 415


@pytest.mark.parametrize("body, status", [
    ({"text": "L4-5 bulge", "age": 300}, 422), ({"text": "L4-5 bulge", "sex": "x"}, 422), ({}, 422),
    ({"text": "abc\u0000def"}, 400),
])
def test_bad_requests(client, body, status):
    assert client.post("/api/analyze", json=body).status_code == status


def test_page_is_self_contained_and_locked_down(client):
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-security-policy"] == CSP and "script-src 'self'" in CSP
    html = page.text
    assert "http://" not in html and "https://" not in html  # no CDN assets
    assert "<script>" not in html  # no inline script
    js = client.get("/static/app.js").text
    assert "innerHTML" not in js and "eval(" not in js  # report text is only ever set as textContent
    assert client.get("/static/../server.py").status_code == 404
    assert client.get("/openapi.json").json()["paths"]["/api/analyze"]


def test_report_text_is_not_logged(client, caplog):
    caplog.set_level("DEBUG")
    client.post("/api/analyze", json={"text": "Zebrafish L4-5 protrusion"})
    assert "Zebrafish" not in caplog.text


def test_serve_warns_when_not_on_loopback(monkeypatch, capsys):
    import uvicorn

    from spinelens import server

    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: None)
    server.serve("0.0.0.0", 9999)
    assert "warning" in capsys.readouterr().err
    server.serve("127.0.0.1", 9999)
    assert "warning" not in capsys.readouterr().err
