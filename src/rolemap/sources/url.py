"""One page or file fetched by URL on a user's behalf (the web app's "ingest a URL"), safely: only http(s),
only public addresses, checked again at every redirect, a size cap and one deadline for the whole fetch.

Each hop resolves the host once (international names IDNA-encoded first), refuses the request unless every
address is public (no loopback, private, link-local, shared, multicast or reserved range: cloud metadata at
169.254.169.254 is link-local; an IPv6 address that wraps an IPv4 one, IPv4-mapped or 6to4, is judged by
the IPv4 address inside it, and Teredo is refused), then connects to the checked address itself, with the
original Host header and TLS server name, so a DNS answer cannot change between the check and the
connection (DNS rebinding). A redirect the server answers with that cannot be followed safely (a malformed
Location, another scheme, a private address) is a FetchError (502) naming it. The deadline bounds every
connect, read and write of the fetch together: a server that sends one byte a second cannot keep it alive
past `timeout`."""

from __future__ import annotations

import ipaddress
import re
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpcore
import httpx
import idna

from rolemap.errors import FetchError, InputError
from rolemap.sources.http import USER_AGENT

Resolver = Callable[[str, int], list[str]]
MAX_URL_CHARS = 2000


def resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FetchError(f"{host}: the name does not resolve") from None
    return sorted({str(info[4][0]) for info in infos})


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:
            ip = ip.ipv4_mapped
        elif ip.sixtofour is not None:  # 2002::/16 carries the IPv4 address its packets go to
            ip = ip.sixtofour
        elif ip.teredo is not None or ip.is_site_local:  # 2001::/32 tunnels to an IPv4 client behind NAT
            return False
    return ip.is_global and not (ip.is_multicast or ip.is_reserved)


@dataclass(frozen=True)
class UrlPolicy:
    """What a fetch may do. Tests inject `resolve` and `allowed` to reach a local server."""

    max_bytes: int = 10 * 2**20
    timeout: float = 15.0  # seconds for the whole fetch, redirects included
    max_redirects: int = 5
    resolve: Resolver = resolve
    allowed: Callable[[str], bool] = is_public
    transport: httpx.BaseTransport | None = field(default=None, repr=False)
    clock: Callable[[], float] = time.monotonic


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content_type: str
    body: bytes


_LABEL = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?")


def ascii_host(host: str) -> str:
    """The host as DNS and the Host header want it: 'Bücher.example' → 'xn--bcher-kva.example'; an
    address stays as it is. A ValueError for what is no host name ('xn--', 'a..b', '☃.net')."""
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    name = host.lower().removesuffix(".")
    labels = name.split(".")
    if name.isascii() and not any(label.startswith("xn--") for label in labels):
        if len(name) > 253 or not all(_LABEL.fullmatch(label) for label in labels):
            raise ValueError("not a valid host name")
        return name
    try:
        return idna.encode(name, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError) as e:
        raise ValueError(f"not a valid host name ({str(e)[:80]})") from None


def check_url(url: str) -> tuple[str, str, int]:
    """(scheme, ASCII host, port) of an acceptable URL, or a clear InputError."""
    if len(url) > MAX_URL_CHARS:
        raise InputError(f"url: longer than {MAX_URL_CHARS} characters")
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise InputError(f"{url[:100]!r}: not a URL") from None
    if parts.scheme not in ("http", "https"):
        raise InputError(f"{url[:100]!r}: only http:// and https:// URLs can be fetched")
    if not parts.hostname:
        raise InputError(f"{url[:100]!r}: the URL names no host")
    if parts.username or parts.password:
        raise InputError(f"{url[:100]!r}: URLs with a user name or password are refused")
    try:
        host = ascii_host(parts.hostname)
    except ValueError as e:
        raise InputError(f"{url[:100]!r}: {e}") from None
    return parts.scheme, host, port or (443 if parts.scheme == "https" else 80)


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def fetch_public(url: str, policy: UrlPolicy | None = None) -> Fetched:
    policy = policy or UrlPolicy()
    deadline = policy.clock() + policy.timeout
    transport = policy.transport or _deadline_transport(deadline, policy.clock)
    first = url
    client = httpx.Client(
        transport=transport, timeout=policy.timeout, follow_redirects=False, trust_env=False,
        event_hooks={"response": [_hold_location]},
    )  # fmt: skip
    with client:
        for hop in range(policy.max_redirects + 1):
            try:
                status, headers, body = _hop(client, url, policy, deadline)
            except InputError as e:
                if hop == 0:
                    raise
                raise FetchError(
                    f"{first[:100]}: redirected to {url[:100]!r}, which cannot be fetched ({e.message})"
                ) from None
            if 300 <= status < 400 and _LOCATION in headers:
                url = _redirect_target(first, url, headers[_LOCATION])
                continue
            if status != 200:
                raise FetchError(f"{url[:200]}: HTTP {status}")
            return Fetched(url, headers.get("content-type", "").split(";")[0].strip().lower(), body)
    raise FetchError(f"{first[:200]}: more than {policy.max_redirects} redirects")


_LOCATION = "x-rolemap-location"


def _hold_location(response: httpx.Response) -> None:
    """httpx parses a Location as soon as it arrives (for `next_request`), and a malformed one raises
    there, before this module can name it: the header is moved aside, to be judged here."""
    if "location" in response.headers:
        response.headers[_LOCATION] = response.headers["location"]
        del response.headers["location"]


def _redirect_target(first: str, url: str, location: str) -> str:
    """The URL a Location header sends to, or a FetchError in one line: "http:169.254.169.254/" and
    "https:x" (a scheme without "//") are malformed, never read as relative paths."""
    if not location.strip() or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in location):
        raise _bad_redirect(first, location, "an empty or malformed Location")
    if _SCHEME.match(location.strip()) and not re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", location.strip()):
        raise _bad_redirect(first, location, "a malformed Location: a scheme without '//'")
    try:
        return urljoin(url, location.strip())
    except ValueError:
        raise _bad_redirect(first, location, "a malformed Location") from None


def _bad_redirect(first: str, location: str, reason: str) -> FetchError:
    return FetchError(f"{first[:100]}: redirected to {location.strip()[:100]!r}: {reason}")


def _hop(
    client: httpx.Client, url: str, policy: UrlPolicy, deadline: float
) -> tuple[int, httpx.Headers, bytes]:
    scheme, host, port = check_url(url)
    addresses = policy.resolve(host, port)
    refused = [a for a in addresses if not policy.allowed(a)]
    if refused or not addresses:
        raise InputError(
            f"{url[:100]}: {host} is not a public address ({refused[0] if refused else 'none'}); "
            "only public web pages can be fetched"
        )
    timed_out = FetchError(f"{url[:200]}: timed out after {policy.timeout:g} s")
    left = deadline - policy.clock()
    if left <= 0:
        raise timed_out
    try:
        request = client.build_request(
            "GET",
            _with_host(url, addresses[0]),
            headers={"Host": _host_header(host, port, scheme), "User-Agent": USER_AGENT},
            timeout=left,
        )
        if scheme == "https":
            request.extensions["sni_hostname"] = host
        response = client.send(request, stream=True)
    except httpx.TimeoutException:
        raise timed_out from None
    except (httpx.HTTPError, httpx.InvalidURL, ValueError) as e:
        raise FetchError(f"{url[:200]}: could not connect ({type(e).__name__})") from None
    body = bytearray()
    try:
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > policy.max_bytes:
                raise FetchError(f"{url[:200]}: answer larger than {policy.max_bytes // 2**20} MB")
            if policy.clock() > deadline:
                raise timed_out
    except httpx.TimeoutException:
        raise timed_out from None
    except httpx.HTTPError as e:
        raise FetchError(f"{url[:200]}: the answer broke off ({type(e).__name__})") from None
    finally:
        response.close()
    return response.status_code, response.headers, bytes(body)


def _with_host(url: str, address: str) -> str:
    parts = urlsplit(url)
    netloc = f"[{address}]" if ":" in address else address
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))


def _host_header(host: str, port: int, scheme: str) -> str:
    default = 443 if scheme == "https" else 80
    shown = f"[{host}]" if ":" in host else host
    return shown if port == default else f"{shown}:{port}"


# ---- one deadline for every socket operation of a fetch ---------------------------------------------


def _deadline_transport(deadline: float, clock: Callable[[], float]) -> httpx.HTTPTransport:
    """httpx's own transport (no proxy from the environment: the connection is pinned), whose sockets
    time out at `deadline` whatever they are doing: a read's timeout is what is left of the fetch."""
    transport = httpx.HTTPTransport(trust_env=False)
    ssl_context = httpx.create_ssl_context(trust_env=False)
    # httpx builds its connection pool in __init__ and takes no network backend; this one is the same
    # pool with a backend that knows the deadline (tests/sources/test_url.py checks it against a server
    # that sends one byte a second).
    transport._pool = httpcore.ConnectionPool(
        ssl_context=ssl_context, network_backend=_DeadlineBackend(deadline, clock)
    )
    return transport


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self, deadline: float, clock: Callable[[], float]) -> None:
        self._inner = httpcore.SyncBackend()
        self._deadline, self._clock = deadline, clock

    def left(self, timeout: float | None) -> float:
        left = self._deadline - self._clock()
        if left <= 0:
            raise httpcore.ReadTimeout("the fetch's deadline passed")
        return left if timeout is None else min(timeout, left)

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_tcp(host, port, self.left(timeout), local_address, socket_options)
        return _DeadlineStream(stream, self)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("no Unix sockets here")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(min(seconds, self.left(None)))


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, backend: _DeadlineBackend) -> None:
        self._inner, self._backend = inner, backend

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._backend.left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._backend.left(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        tls = self._inner.start_tls(ssl_context, server_hostname, self._backend.left(timeout))
        return _DeadlineStream(tls, self._backend)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)
