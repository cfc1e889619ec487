"""Keys and signatures made by the tests themselves: RSA keys (a 512-bit one built by hand,
since ``cryptography`` no longer generates keys under 1024 bits), DKIM signatures and ARC sets
made with dkimpy, and the key records published on the loopback DNS server."""

from __future__ import annotations

import base64
import random
from dataclasses import dataclass
from functools import cache

import dkim
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.dnsserver import LoopbackDNSServer


@dataclass(frozen=True)
class Key:
    private_pem: bytes  # PKCS#1, as dkimpy signs with
    record: str  # the TXT record: v=DKIM1; k=rsa; p=...


def _probably_prime(n: int, rounds: int = 40) -> bool:
    if n < 2:
        return False
    for small in (2, 3, 5, 7, 11, 13, 17, 19, 23, 29):
        if n % small == 0:
            return n == small
    d, r = n - 1, 0
    while d % 2 == 0:
        d, r = d // 2, r + 1
    rng = random.Random(n)
    for _ in range(rounds):
        x = pow(rng.randrange(2, n - 2), d, n)
        if x in (1, n - 1):
            continue
        for _ in range(r - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def _prime(bits: int, rng: random.Random) -> int:
    while True:
        n = rng.getrandbits(bits) | (1 << (bits - 1)) | (1 << (bits - 2)) | 1
        if (n - 1) % 65537 and _probably_prime(n):
            return n


def _small_key(bits: int) -> rsa.RSAPrivateKey:
    """An RSA key of ``bits`` (under cryptography's 1024-bit floor for generating)."""
    rng = random.Random(bits)
    p, q = _prime(bits // 2, rng), _prime(bits // 2, rng)
    e, n = 65537, p * q
    d = pow(e, -1, (p - 1) * (q - 1))
    numbers = rsa.RSAPrivateNumbers(
        p, q, d, d % (p - 1), d % (q - 1), pow(q, -1, p), rsa.RSAPublicNumbers(e, n)
    )
    return numbers.private_key()


def make_key(bits: int = 1024) -> Key:
    """One key per size for the whole run (``make_key()`` and ``make_key(1024)`` are one)."""
    return _key(bits)


@cache
def _key(bits: int) -> Key:
    private = _small_key(bits) if bits < 1024 else rsa.generate_private_key(65537, bits)
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    der = private.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return Key(pem, "v=DKIM1; k=rsa; p=" + base64.b64encode(der).decode("ascii"))


def publish(server: LoopbackDNSServer, selector: str, domain: str, record: str) -> None:
    text = record.encode("ascii")
    server.add_txt(
        f"{selector}._domainkey.{domain}.", [text[i : i + 200] for i in range(0, len(text), 200)]
    )


def sign(
    message: bytes, selector: str, domain: str, key: Key, headers: tuple[str, ...] = ()
) -> bytes:
    include = [h.encode() for h in headers] or None
    field = dkim.sign(
        message, selector.encode(), domain.encode(), key.private_pem,
        include_headers=include, linesep=b"\n",
    )  # fmt: skip
    return field + message


def arc_seal(message: bytes, selector: str, domain: str, key: Key, srv_id: str) -> bytes:
    fields = dkim.arc_sign(
        message, selector.encode(), domain.encode(), key.private_pem, srv_id.encode(),
        linesep=b"\n",
    )  # fmt: skip
    return b"".join(fields) + message
