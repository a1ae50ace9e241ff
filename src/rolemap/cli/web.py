"""`rolemap serve`: the web app and JSON API over a store, with uvicorn."""

from __future__ import annotations

import os
import secrets
from typing import Annotated, Any

import typer

from rolemap.cli.console import err
from rolemap.cli.options import DbOpt
from rolemap.errors import InputError

web_app = typer.Typer()
TOKEN_VAR = "ROLEMAP_TOKEN"
SHUTDOWN_GRACE_SECONDS = 5


@web_app.command("serve")
def serve_command(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Address to listen on. Beyond loopback needs --token.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port (0: any free one).")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(help=f"Secret that writes (ingest, tracker) must carry (default: ${TOKEN_VAR}).", show_default=False),
    ] = None,
    max_upload_mb: Annotated[int, typer.Option(min=1, max=1024, help="Largest upload or request body.")] = 20,
    workers: Annotated[
        int,
        typer.Option(min=1, max=64, help="Server processes sharing the port: one per core serves the most readers."),
    ] = 1,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            help="A name the server answers for besides the --host address, localhost, 127.0.0.1 and [::1] "
            "(repeat for more). Requests naming another Host are refused (421).",
            show_default=False,
        ),
    ] = None,
) -> None:  # fmt: skip
    """Serve the market pages, the postings with their evidence, the tracker and the JSON API (/api/…,
    described at /openapi.json). Reads are open; writes need the token when the server has one.

    Example: rolemap serve --port 8000, then open http://127.0.0.1:8000/
    """
    import uvicorn

    from rolemap.analytics.frame import load_frame
    from rolemap.store.db import open_store
    from rolemap.web.app import SERVE_ENV, WebSettings, create_app, serve_environment
    from rolemap.web.security import is_loopback

    token = token or os.environ.get(TOKEN_VAR) or None
    if not is_loopback(host) and not token:
        raise InputError(
            f"--host {host}: listening beyond this machine needs a token for writes; "
            f"pass --token SECRET or set ${TOKEN_VAR}"
        )
    if token is not None and len(token) < 16:
        raise InputError(
            "--token: use at least 16 characters (e.g. python -c 'import secrets; print(secrets.token_urlsafe())')"
        )
    port = listening_port(host, port)
    store = open_store(db)  # a new store is served too: its pages ingest by upload or URL
    settings = WebSettings(
        token=token, max_upload_bytes=max_upload_mb * 2**20, listen=host,
        allowed_hosts=tuple(allowed_host or ()), session_key=secrets.token_hex(32),
    )  # fmt: skip
    shown = f"[{host}]" if ":" in host else host
    err().print(
        f"rolemap serving {store.describe()} at http://{shown}:{port}/ with {workers} "
        f"process{'es' if workers > 1 else ''}  (Ctrl-C stops)",
        highlight=False,
    )
    options: dict[str, Any] = {
        "host": host, "port": port, "log_level": "warning", "server_header": False,
        # On SIGTERM running requests get this long; a running ingest stops at once (web/uploads.py).
        "timeout_graceful_shutdown": SHUTDOWN_GRACE_SECONDS,
    }  # fmt: skip
    if workers == 1:
        uvicorn.run(create_app(store, settings), **options)
        return
    load_frame(store)  # built (or checked) once here, so the workers start from the cached frame
    os.environ[SERVE_ENV] = serve_environment(store, settings)
    uvicorn.run("rolemap.web.app:app_from_environment", factory=True, workers=workers, **options)


def listening_port(host: str, port: int) -> int:
    """The port to announce: `port` when it can be bound, a free one for 0 (the banner said ':0'). A port
    in use is one line of error here, not the banner "serving at …" followed by uvicorn's bind error."""
    import errno
    import socket

    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds it
            probe.bind((host, port))
            return int(probe.getsockname()[1])
    except OSError as e:
        advice = (
            "pass another --port (0: any free one)"
            if e.errno == errno.EADDRINUSE
            else "--host must name an address of this machine"
        )
        raise InputError(
            f"--host {host} --port {port}: cannot listen there ({e.strerror or e}); {advice}"
        ) from None
