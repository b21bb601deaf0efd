"""Guards for writes: CSRF tokens, the admin token, the upload size limit, safe binding.

- CSRF: a random secret made when the app is built signs (HMAC-SHA256) a random nonce; the
  form carries ``nonce.signature`` and a POST without a valid one is refused (403).
- Admin token: when the app was built with ``admin_token``, a write must also carry it, as
  ``Authorization: Bearer TOKEN``, an ``admin_token`` form field or an ``admin_token`` cookie.
- Binding: :func:`check_bind` refuses a non-loopback address without an admin token.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets

from fastapi import Request

from ficlens.errors import FicLensError

MIB = 1024 * 1024
MAX_UPLOAD_BYTES = 50 * MIB
"""Largest upload request accepted (all files of one form together); larger is a 413."""
ADMIN_COOKIE = "admin_token"


class UnsafeBindError(FicLensError):
    """Serving on a non-loopback address without an admin token."""


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine.

    Example:
        >>> [is_loopback(h) for h in ("127.0.0.1", "::1", "localhost", "0.0.0.0")]
        [True, True, True, False]
    """
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, admin_token: str | None) -> None:
    """Refuse to serve on a non-loopback address unless writes need an admin token.

    Raises:
        UnsafeBindError: ``host`` is not a loopback address and ``admin_token`` is empty.
    """
    if not is_loopback(host) and not admin_token:
        raise UnsafeBindError(
            f"refusing to serve on {host} without an admin token: other machines could "
            "upload to the library. Pass --admin-token TOKEN, or bind 127.0.0.1."
        )


class Guard:
    """The CSRF secret and the admin token of one app."""

    def __init__(self, admin_token: str | None = None) -> None:
        self._secret = secrets.token_bytes(32)
        self.admin_token = admin_token or None

    def _sign(self, nonce: str) -> str:
        return hmac.new(self._secret, nonce.encode(), hashlib.sha256).hexdigest()

    def csrf_token(self) -> str:
        """A fresh token for a form: ``nonce.signature``."""
        nonce = secrets.token_urlsafe(16)
        return f"{nonce}.{self._sign(nonce)}"

    def csrf_ok(self, token: object) -> bool:
        """Whether ``token`` was made by :meth:`csrf_token` of this app (this process)."""
        if not isinstance(token, str) or token.count(".") != 1:
            return False
        nonce, signature = token.split(".")
        return hmac.compare_digest(self._sign(nonce), signature)

    def admin_ok(self, request: Request, form_value: object = None) -> bool:
        """Whether a write may go ahead: no admin token set, or the request carries it."""
        if self.admin_token is None:
            return True
        header = request.headers.get("authorization", "")
        candidates = [
            header[7:].strip() if header.lower().startswith("bearer ") else None,
            form_value if isinstance(form_value, str) else None,
            request.cookies.get(ADMIN_COOKIE),
        ]
        expected = self.admin_token.encode()
        return any(c and hmac.compare_digest(c.encode(), expected) for c in candidates)


def guard_of(request: Request) -> Guard:
    """The app's guard."""
    guard: Guard = request.app.state.guard
    return guard
