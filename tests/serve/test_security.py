"""Access rules: loopback by default, a token for writes off it, private reads on request."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from allegiance.cli import app as cli_app
from allegiance.serve.security import AccessError, check_bind, is_loopback
from tests.serve.conftest import TOKEN, make_client

runner = CliRunner()
REVIEW = "/api/claims/1/review"


@pytest.mark.parametrize("host, loopback", [
    ("127.0.0.1", True), ("127.0.0.2", True), ("localhost", True), ("::1", True),
    ("[::1]", True), ("0.0.0.0", False), ("::", False), ("192.168.1.10", False),
    ("example.org", False),
])
def test_loopback_hosts(host, loopback):
    assert is_loopback(host) is loopback


def test_binding_beyond_loopback_needs_a_long_token():
    check_bind("127.0.0.1", None)
    check_bind("0.0.0.0", TOKEN)
    with pytest.raises(AccessError, match="--token"):
        check_bind("0.0.0.0", None)
    with pytest.raises(AccessError, match="shorter"):
        check_bind("0.0.0.0", "short")
    with pytest.raises(AccessError, match="private-reads"):
        check_bind("127.0.0.1", None, private_reads=True)


@pytest.fixture(scope="module")
def guarded(api_store):
    """Writes need the token; reads are open."""
    with make_client(api_store, token=TOKEN) as client:
        yield client


@pytest.fixture(scope="module")
def private(api_store):
    """Reads and writes need the token."""
    with make_client(api_store, token=TOKEN, private_reads=True) as client:
        yield client


def _auth(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def test_a_write_without_the_token_is_401(guarded):
    response = guarded.post(REVIEW, json={"action": "accept"})
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert "Authorization" in response.json()["detail"]
    assert guarded.get("/api/claims/1").json()["reviews"] == []


@pytest.mark.parametrize("header", [
    f"Bearer {TOKEN}x", f"Bearer {TOKEN[:-1]}", "Bearer ", f"Basic {TOKEN}", TOKEN,
])
def test_a_wrong_token_is_401(guarded, header):
    response = guarded.post(REVIEW, json={"action": "accept"}, headers={"Authorization": header})
    assert response.status_code == 401
    assert TOKEN not in response.text


def test_the_right_token_writes_and_reads_stay_open(guarded):
    assert guarded.get("/api/meta").status_code == 200
    response = guarded.post(REVIEW, json={"action": "accept", "note": "checked"},
                            headers=_auth(TOKEN))
    assert response.status_code == 200, response.text
    assert response.json()["reviews"][-1]["note"] == "checked"


def test_private_reads_need_the_token(private):
    for path in ("/api/meta", "/api/network?at=2014", "/api/search?q=Hezbollah",
                 "/api/export?format=json"):
        assert private.get(path).status_code == 401, path
        assert private.get(path, headers=_auth("wrong-token-wrong-token")).status_code == 401
        assert private.get(path, headers=_auth(TOKEN)).status_code == 200, path


def test_private_reads_without_a_token_are_refused(api_store):
    with pytest.raises(ValueError, match="token"):
        make_client(api_store, private_reads=True)


def test_the_openapi_schema_names_the_bearer_scheme(guarded):
    schemes = guarded.get("/openapi.json").json()["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())


# -- the serve command ----------------------------------------------------------------------

@pytest.fixture
def no_server(monkeypatch):
    """Record uvicorn.run's arguments instead of serving."""
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: calls.append((app, kwargs)))
    return calls


def test_serve_refuses_a_public_host_without_a_token(tmp_path, no_server, monkeypatch):
    monkeypatch.delenv("ALLEGIANCE_TOKEN", raising=False)
    result = runner.invoke(cli_app, ["--db", str(tmp_path / "s.sqlite"), "serve",
                                     "--host", "0.0.0.0"])
    assert result.exit_code != 0 and "--token" in result.output
    assert no_server == []


def test_serve_takes_the_token_from_the_environment_and_never_prints_it(
        tmp_path, no_server, monkeypatch):
    monkeypatch.setenv("ALLEGIANCE_TOKEN", TOKEN)
    result = runner.invoke(cli_app, ["--db", str(tmp_path / "s.sqlite"), "serve",
                                     "--host", "0.0.0.0", "--port", "9001",
                                     "--private-reads"])
    assert result.exit_code == 0, result.output
    assert TOKEN not in result.output
    (app, kwargs), = no_server
    assert kwargs["host"] == "0.0.0.0" and kwargs["port"] == 9001
    assert app.state.access.token == TOKEN and app.state.access.private_reads


def test_serve_on_an_empty_store_says_how_to_ingest(tmp_path, no_server, monkeypatch):
    monkeypatch.delenv("ALLEGIANCE_TOKEN", raising=False)
    result = runner.invoke(cli_app, ["--db", str(tmp_path / "empty.sqlite"), "serve"])
    assert result.exit_code == 0, result.output
    assert "allegiance ingest" in result.output
    (app, kwargs), = no_server
    assert kwargs["host"] == "127.0.0.1" and app.state.access.token is None
