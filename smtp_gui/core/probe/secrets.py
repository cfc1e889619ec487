"""Secrets a server may echo back, masked in everything it says before anyone shows it.

Some servers (and debug builds) quote the client's answer in their error: ``535 5.7.8
Authentication failed for AGFsaWNlAHB3`` (the PLAIN blob), or even the password they decoded
from it. The probe knows every secret it holds or sends: the password or token, and its
Base64 forms (the PLAIN blob, RFC 4616 2; LOGIN's answer to ``Password:``; the XOAUTH2
blob; each masked line as sent). Every reply line, partial line and decoded 334 challenge
passes ``mask()`` in core, so the CLI text, ``--json``, the GUI transcript and Copy
transcript all get the masked text. The unmasked line is kept apart, as for sent secrets,
for ``--reveal`` and the reveal box.
"""

from __future__ import annotations

import re

from smtp_gui.core.probe.model import MASK
from smtp_gui.core.probe.reply import visible
from smtp_gui.core.text.base64text import encode_base64


class SecretMask:
    """The secrets of one probe; ``mask(text)`` puts MASK in place of each occurrence."""

    def __init__(self, user: str | None = None, password: str | None = None) -> None:
        self._forms: set[str] = set()
        self._pattern: re.Pattern[str] | None = None
        if password:
            user = user or ""
            # The forms the AUTH mechanisms send (sasl_encode): LOGIN sends the password on
            # its own, PLAIN "\0user\0password" (RFC 4616 2), XOAUTH2 its user=/auth= blob.
            self.add(password)
            self.add(encode_base64(password))
            self.add(encode_base64(f"\0{user}\0{password}"))
            self.add(encode_base64(f"user={user}\x01auth=Bearer {password}\x01\x01"))

    def add(self, secret: str) -> None:
        """Mask ``secret`` too (also without its Base64 padding, and as read from the wire,
        where control characters have become visible marks)."""
        secret = secret.strip()
        if not secret or secret == MASK:
            return
        for form in (secret, secret.rstrip("="), visible(secret)):
            if form:
                self._forms.add(form)
        # Longest first, so that a blob is masked whole, not around the password inside it.
        forms = sorted(self._forms, key=len, reverse=True)
        self._pattern = re.compile("|".join(re.escape(form) for form in forms))

    def add_sent(self, line: str, masked: str) -> None:
        """A line sent with ``masked`` shown in its place: its secret part is a secret."""
        prefix = masked.removesuffix(MASK)
        self.add(line.removeprefix(prefix) if line.startswith(prefix) else line)

    def mask(self, text: str) -> str:
        if self._pattern is None or not text:
            return text
        return self._pattern.sub(MASK, text)

    def __bool__(self) -> bool:
        return self._pattern is not None
