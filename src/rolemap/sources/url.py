"""One page or file fetched by URL on a user's behalf (the web app's "ingest a URL"), safely: only http(s),
only public addresses, checked again at every redirect, a size cap and a timeout.

Each hop resolves the host once, refuses the request unless every address is public (no loopback,
private, link-local, shared, multicast or reserved range: cloud metadata at 169.254.169.254 is link-local),
then connects to the checked address itself, with the original Host header and TLS server name, so a DNS
answer cannot change between the check and the connection (DNS rebinding)."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

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
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved)


@dataclass(frozen=True)
class UrlPolicy:
    """What a fetch may do. Tests inject `resolve` and `allowed` to reach a local server."""

    max_bytes: int = 10 * 2**20
    timeout: float = 15.0
    max_redirects: int = 5
    resolve: Resolver = resolve
    allowed: Callable[[str], bool] = is_public
    transport: httpx.BaseTransport | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content_type: str
    body: bytes


def check_url(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of an acceptable URL, or a clear InputError."""
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
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80)


def fetch_public(url: str, policy: UrlPolicy | None = None) -> Fetched:
    policy = policy or UrlPolicy()
    with httpx.Client(transport=policy.transport, timeout=policy.timeout, follow_redirects=False) as client:
        for _ in range(policy.max_redirects + 1):
            status, headers, body = _hop(client, url, policy)
            if 300 <= status < 400 and "location" in headers:
                url = urljoin(url, headers["location"])
                continue
            if status != 200:
                raise FetchError(f"{url}: HTTP {status}")
            return Fetched(url, headers.get("content-type", "").split(";")[0].strip().lower(), body)
    raise FetchError(f"{url}: more than {policy.max_redirects} redirects")


def _hop(client: httpx.Client, url: str, policy: UrlPolicy) -> tuple[int, httpx.Headers, bytes]:
    scheme, host, port = check_url(url)
    addresses = policy.resolve(host, port)
    refused = [a for a in addresses if not policy.allowed(a)]
    if refused or not addresses:
        raise InputError(
            f"{url[:100]}: {host} is not a public address ({refused[0] if refused else 'none'}); "
            "only public web pages can be fetched"
        )
    pinned = _with_host(url, addresses[0])
    request = client.build_request(
        "GET", pinned, headers={"Host": _host_header(host, port, scheme), "User-Agent": USER_AGENT}
    )
    if scheme == "https":
        request.extensions["sni_hostname"] = host
    try:
        response = client.send(request, stream=True)
    except httpx.TimeoutException:
        raise FetchError(f"{url}: timed out after {policy.timeout:.0f} s") from None
    except httpx.HTTPError as e:
        raise FetchError(f"{url}: could not connect ({type(e).__name__})") from None
    body = bytearray()
    try:
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > policy.max_bytes:
                raise FetchError(f"{url}: answer larger than {policy.max_bytes // 2**20} MB")
    except httpx.HTTPError as e:
        raise FetchError(f"{url}: the answer broke off ({type(e).__name__})") from None
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
    return host if port == default else f"{host}:{port}"
