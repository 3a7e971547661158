"""`allegiance serve`: the JSON API and the web page over one store."""

from __future__ import annotations

from typing import Annotated

import typer

from allegiance.cli.app import app, console, fail, load_kb, open_store_or_fail
from allegiance.errors import AllegianceError


@app.command("serve")
def serve_cli(
    host: Annotated[str, typer.Option(
        help="Address to bind. Anything but loopback needs a token.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8765,
    token: Annotated[str | None, typer.Option(
        envvar="ALLEGIANCE_TOKEN", show_default=False, show_envvar=True,
        help="Writes (reviews) then need 'Authorization: Bearer TOKEN'. Prefer the "
             "environment variable: a command line is visible to other users.")] = None,
    private_reads: Annotated[bool, typer.Option(
        "--private-reads", help="Reads need the token too.")] = False,
    log_level: Annotated[str, typer.Option(help="uvicorn's log level.")] = "info",
) -> None:
    """Serve the JSON API (OpenAPI at /docs) and the web page at http://HOST:PORT/.

    Example: [bold]allegiance --db demo.sqlite serve[/] then open http://127.0.0.1:8765/
    """
    import uvicorn

    from allegiance.analyse.views import meta_view
    from allegiance.serve import create_app
    from allegiance.serve.app import STATIC_DIR
    from allegiance.serve.security import check_bind

    try:
        check_bind(host, token, private_reads)
    except AllegianceError as exc:
        raise fail(exc.message) from exc
    kb = load_kb()
    store = open_store_or_fail()
    meta = meta_view(store)
    if meta["documents"] == 0:
        console.print("The store is empty: add reports with [bold]allegiance ingest PATH[/] "
                      "(for example [bold]allegiance ingest examples/reports[/]); the page "
                      "shows them on its next load.")
    else:
        console.print(f"{meta['documents']} documents, {meta['claims']} claims, "
                      f"{meta['first_date']} → {meta['last_date']}.")
    if not (STATIC_DIR / "index.html").is_file():
        console.print("The web page is not built (run [bold]make install[/]); the API works.")
    shown = f"[{host}]" if ":" in host else host
    access = ("writes need the token" + (", reads too" if private_reads else "")) if token \
        else "no token: open to this machine only"
    console.print(f"Serving http://{shown}:{port}/ (API docs at /docs; {access}).",
                  highlight=False)
    application = create_app(store, token=token, private_reads=private_reads, kb=kb)
    uvicorn.run(application, host=host, port=port, log_level=log_level)
