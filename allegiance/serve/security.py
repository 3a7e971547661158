"""Who may read and write through the API.

A store holds analysts' work, so the server binds to loopback unless a token
guards it: off loopback every write needs `Authorization: Bearer <token>`, and
reads too with `private_reads`. Tokens are compared in constant time and never
logged or echoed; they travel in a header only, never in a URL that access logs keep.
"""

from __future__ import annotations

import hmac
import ipaddress
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from allegiance.errors import AllegianceError

MIN_TOKEN_LENGTH = 16
#: Request bodies (reviews) are small; anything larger is refused before it is read whole.
MAX_BODY_BYTES = 64 * 1024

bearer = HTTPBearer(auto_error=False, description="The token given to `allegiance serve`.")


class AccessError(AllegianceError):
    """`serve` was asked to expose a store in a way that is not safe."""

    code: str = "E410"


def is_loopback(host: str) -> bool:
    """Whether `host` is reachable from this machine only (127.0.0.0/8, ::1, localhost)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None, private_reads: bool = False) -> None:
    """Refuse settings that would expose the store: raise AccessError saying what to do."""
    if private_reads and not token:
        raise AccessError("--private-reads needs a token: give --token or set "
                          "ALLEGIANCE_TOKEN")
    if is_loopback(host):
        return
    if not token:
        raise AccessError(f"binding to {host} exposes the store beyond this machine: give "
                          "--token or set ALLEGIANCE_TOKEN (writes will then need it)")
    if len(token) < MIN_TOKEN_LENGTH:
        raise AccessError(f"the token is shorter than {MIN_TOKEN_LENGTH} characters; make "
                          "one with: python -c \"import secrets; print(secrets.token_urlsafe())\"")


@dataclass(frozen=True)
class Access:
    """The app's access rules: the token (if any) and whether reads need it too."""

    token: str | None = None
    private_reads: bool = False

    def allowed(self, credentials: HTTPAuthorizationCredentials | None) -> bool:
        if self.token is None:
            return True
        if credentials is None or credentials.scheme.lower() != "bearer":
            return False
        return hmac.compare_digest(credentials.credentials.encode("utf-8"),
                                   self.token.encode("utf-8"))


def _deny(reason: str) -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, detail=reason,
                         headers={"WWW-Authenticate": "Bearer"})


Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def require_write(request: Request, credentials: Credentials) -> None:
    """Writes need the token whenever one is set."""
    access: Access = request.app.state.access
    if not access.allowed(credentials):
        raise _deny("this server needs a token for changes: send "
                    "'Authorization: Bearer <token>'" if credentials is None
                    else "the token is not valid")


def require_read(request: Request, credentials: Credentials) -> None:
    """Reads need the token only on a server started with private reads."""
    access: Access = request.app.state.access
    if access.private_reads and not access.allowed(credentials):
        raise _deny("this server's reads are private: send 'Authorization: Bearer <token>'"
                    if credentials is None else "the token is not valid")


class BodyLimit:
    """ASGI middleware: answer 413 to a request body over `limit` bytes, declared or sent."""

    def __init__(self, app, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _too_large(send, self.limit)
            return
        seen = 0

        async def limited_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _BodyTooLarge
            return message

        try:
            await self.app(scope, limited_receive, send)
        except _BodyTooLarge:
            await _too_large(send, self.limit)


class _BodyTooLarge(Exception):
    pass


async def _too_large(send, limit: int) -> None:
    body = (b'{"detail":"the request body is larger than %d bytes"}' % limit)
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
