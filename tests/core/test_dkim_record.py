"""The DKIM key-record parser: table cases, dkimpy's records from ../shared, and properties."""

from __future__ import annotations

import base64
import time
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from smtp_gui.core.checks.status import Status
from smtp_gui.core.records.dkim_record import DkimKey, parse_dkim_key
from tests.shared_data import shared_data_path

# Test keys generated once with the cryptography package (public halves only); the same
# keys are published in tests/zones/domains.test.zone.
RSA_2048 = (
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA0jjcGINwjeMR9x5LLA88o18Iu4F8953NK0F3XLdVke+3hRVRL"
    "TAXeu0iBGCwHxXRcFU3AYT0f40XIN3Ys50wCBPrhGgZoHswBmuOH8MMRk1Z+tMOz/du9qmNvFDDv0lAo0lSMGBbtZunoo"
    "XQBPxU4S+jbdiRfb3RDuOtea/7C7K1HuBieqJV99l34GYEfAE+J2xi5Gwm9zBSHxvgKILp9pdomXR7DyvxCosTO4wIxcS"
    "aA3mm706PGrQSSMJ6WLNawfd+5n+ki52MGCr71cgglcDXWmJGMa8e3f13YFyTwldJ2h8HrfO9eGTJACCniOY69y8xQTc4"
    "4zuJ3/N1DHzOhwIDAQAB"
)
RSA_1024 = (
    "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDpJu9W4qm0GjmH8D3DlW2s+SS7m1IgefJGK5MJzFSNDFBnvI4hKBNoe"
    "vgUqsXq0HIz+JbP6DyU0GRLJAEvUDsPUbzlWSMT5nkGVjDT7UL9rZ36sX08HrIzs9ApUFku3heOgt5cgCyC+lnm29KpsR"
    "AWjKm//0/B6n3Q2W7EF4zZhQIDAQAB"
)
RSA_512 = (
    "MFwwDQYJKoZIhvcNAQEBBQADSwAwSAJBAMJw+QSnyVCTn+x7WirA8SpSJV5PBuvU3oPfpuQgF9hbnbdwmj4nglT6+BZK1"
    "HgWnrSKtbVDCBKb5fEF5OY9UkECAwEAAQ=="
)
ED25519 = "ilKPTjK6f/UzFDvcWHHi40cOHCvxvSb/Utv7vQslC7Q="


def _keys(key: DkimKey) -> list[str]:
    return [p.note.key for p in key.problems]


def _severity(key: DkimKey, name: str) -> Status:
    return next(p.severity for p in key.problems if p.note.key == name)


@pytest.mark.parametrize(
    ("text", "kind", "bits", "form"),
    [
        (f"v=DKIM1; k=rsa; p={RSA_2048}", "rsa", 2048, "spki"),
        (f"v=DKIM1; p={RSA_2048}", "rsa", 2048, "spki"),
        (f"k=ed25519; p={ED25519}", "ed25519", 256, "raw"),
        (f"v=DKIM1; h=sha256; s=email; t=s; n=hello; p={RSA_2048}", "rsa", 2048, "spki"),
        (
            "v=DKIM1; p=" + " ".join(RSA_2048[i : i + 60] for i in range(0, len(RSA_2048), 60)),
            "rsa",
            2048,
            "spki",
        ),
    ],
)
def test_good_keys(text: str, kind: str, bits: int, form: str) -> None:
    key = parse_dkim_key(text)
    assert key.valid and _keys(key) == []
    assert (key.key_type, key.key_bits, key.key_form) == (kind, bits, form)
    assert key.describe().text("en").startswith(kind.upper())


@pytest.mark.parametrize(
    ("text", "problem", "severity"),
    [
        (f"v=DKIM1; k=rsa; p={RSA_1024}", "dkim.rsa_weak", Status.WARN),
        (f"v=DKIM1; k=rsa; p={RSA_512}", "dkim.rsa_too_short", Status.FAIL),
        ("v=DKIM1; k=rsa; p=", "dkim.revoked", Status.FAIL),
        (f"v=DKIM1; t=y; p={RSA_2048}", "dkim.testing", Status.WARN),
        (f"v=DKIM1; s=tlsrpt; p={RSA_2048}", "dkim.not_for_email", Status.WARN),
        (f"v=DKIM1; h=sha1; p={RSA_2048}", "dkim.sha1_only", Status.FAIL),
        (f"v=DKIM1; h=md5; p={RSA_2048}", "dkim.no_known_hash", Status.FAIL),
        (f"v=DKIM1; k=dsa; p={RSA_2048}", "dkim.unknown_key_type", Status.FAIL),
        (f"v=DKIM1; k=ed25519; p={RSA_2048}", "dkim.ed25519_length", Status.FAIL),
        (f"v=DKIM1; k=rsa; p={ED25519}", "dkim.bad_key", Status.FAIL),
        ("v=DKIM1; k=rsa; p=!!not-base64!!", "dkim.bad_base64", Status.FAIL),
        ("v=DKIM1; k=rsa", "dkim.p_missing", Status.FAIL),
        (f"k=rsa; v=DKIM1; p={RSA_2048}", "dkim.v_not_first", Status.FAIL),
        (f"v=DKIM2; p={RSA_2048}", "dkim.bad_version", Status.FAIL),
        (f"v=DKIM1; p={RSA_2048}; p={RSA_2048}", "dkim.duplicate", Status.FAIL),
        (f"v=DKIM1; junk; p={RSA_2048}", "dkim.syntax", Status.FAIL),
        (f"v=DKIM1; g=*; p={RSA_2048}", "dkim.g_removed", Status.INFO),
        (f"v=DKIM1; zz=1; p={RSA_2048}", "dkim.unknown_tag", Status.INFO),
    ],
)
def test_findings(text: str, problem: str, severity: Status) -> None:
    key = parse_dkim_key(text)
    assert problem in _keys(key)
    assert _severity(key, problem) is severity
    found = next(p for p in key.problems if p.note.key == problem)
    assert found.rfc.startswith(("RFC 6376", "RFC 8301", "RFC 8463"))
    assert found.note.text("zh")


def test_revoked_key_is_described() -> None:
    key = parse_dkim_key("v=DKIM1; p=")
    assert key.revoked and key.key_bits is None
    assert "Revoked" in key.describe().text("en")


def test_pkcs1_form_is_read_but_warned() -> None:
    der = base64.b64decode(RSA_2048)
    # The SubjectPublicKeyInfo wraps the RSAPublicKey in a BIT STRING after a 24-byte header.
    bare = base64.b64encode(der[24:]).decode()
    key = parse_dkim_key(f"v=DKIM1; p={bare}")
    assert key.key_bits == 2048 and key.key_form == "pkcs1"
    assert _severity(key, "dkim.pkcs1") is Status.WARN


def test_every_tag_is_explained() -> None:
    key = parse_dkim_key(f"v=DKIM1; k=rsa; h=sha256; s=email; t=y:s; n=note; p={RSA_2048}")
    labels = [d.label for d in key.details()]
    assert labels == ["v", "k", "h", "s", "t", "n", "p"]
    assert all(d.meaning and d.meaning.text("zh") for d in key.details())


# --- dkimpy's key records (../shared/data/dkim-key-record-tests.yaml) -----------------------
# Each record's expected outcome, read from its "expect" text: (valid, a finding it must have).
_DKIMPY_EXPECT: dict[str, tuple[bool, str | None]] = {
    "test.txt": (True, "dkim.rsa_weak"),  # 1024 bits: usable, below the recommended 2048
    "test2.txt": (True, "dkim.rsa_weak"),  # the same 1024-bit key, k= left to default
    "badversion.txt": (False, "dkim.bad_version"),
    "badk.txt": (False, "dkim.unknown_key_type"),
    "test_bad.txt": (False, "dkim.bad_key"),
    "test_tlsrpt.txt": (True, "dkim.not_for_email"),
    "ed25519test.dns": (True, None),
    "eximtest.dns": (True, None),
    "1024_testkey_wo_markers.pub.txt": (True, "dkim.rsa_weak"),
    "1024_testkey_wo_markers.pub.rsa.txt": (True, "dkim.pkcs1"),
    "2048_testkey_wo_markers.pub.txt": (True, None),
    "2048_testkey_wo_markers.pub.rsa.txt": (True, "dkim.pkcs1"),
    "2048_testkey_PKCS8.key.pub.txt": (True, None),
    "inline:rfc8463-brisbane": (True, None),
    "inline:test_dkim-512bit": (False, "dkim.rsa_too_short"),
    "inline:test_dkim-defective": (False, "dkim.bad_base64"),  # a dropped "c" breaks Base64
    "inline:gmail-20120113": (True, None),
}


def _dkimpy_cases() -> list[Any]:
    try:
        path = shared_data_path("dkim-key-record-tests.yaml")
    except pytest.skip.Exception as skipped:
        return [pytest.param(None, marks=pytest.mark.skip(reason=str(skipped)))]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [pytest.param(case, id=case["id"]) for case in data["key_records"]]


@pytest.mark.parametrize("case", _dkimpy_cases())
def test_dkimpy_key_records(case: dict[str, Any]) -> None:
    valid, finding = _DKIMPY_EXPECT[case["id"]]
    key = parse_dkim_key(case["record"])
    assert key.valid is valid, _keys(key)
    if finding is not None:
        assert finding in _keys(key)
    elif valid:
        assert not any(p.severity in (Status.WARN, Status.FAIL) for p in key.problems)


def test_dkimpy_files_are_the_yaml_records() -> None:
    """The verbatim key files hold the same records as the YAML; parse them from disk too."""
    folder = shared_data_path("dkim-dkimpy-testdata")
    data = yaml.safe_load(shared_data_path("dkim-key-record-tests.yaml").read_text("utf-8"))
    checked = 0
    for case in data["key_records"]:
        path = folder / case["id"]
        if case["id"].startswith("inline:") or not path.exists():
            continue
        text = path.read_text(encoding="utf-8").strip()
        assert text == case["record"]
        assert parse_dkim_key(text).valid is _DKIMPY_EXPECT[case["id"]][0]
        checked += 1
    assert checked == 13
    assert set(_DKIMPY_EXPECT) == {c["id"] for c in data["key_records"]}


# --- properties -------------------------------------------------------------------------
_TAGS = st.sampled_from(["v", "k", "p", "h", "s", "t", "n", "g", "x"])
_VALUES = st.one_of(
    st.sampled_from(
        [
            "DKIM1",
            "rsa",
            "ed25519",
            "sha256",
            "sha1:sha256",
            "email",
            "*",
            "y:s",
            "",
            RSA_1024,
            ED25519,
            RSA_512[:40],
        ]
    ),
    st.text(max_size=30),
    st.binary(max_size=300).map(lambda b: base64.b64encode(b).decode()),
)
_RECORDS = st.one_of(
    st.text(max_size=300),
    st.lists(st.tuples(_TAGS, _VALUES), max_size=10).map(
        lambda pairs: "; ".join(f"{k}={v}" for k, v in pairs)
    ),
)


@settings(deadline=None, max_examples=300)
@given(_RECORDS)
def test_parser_never_raises_and_is_fast(text: str) -> None:
    started = time.monotonic()
    key = parse_dkim_key(text)
    assert time.monotonic() - started < 0.5
    for item in key.problems:
        assert item.text("en") and item.text("zh")
    for detail in key.details():
        assert detail.meaning is None or detail.meaning.text("zh")


def test_a_record_too_long_for_dns_is_refused_unparsed() -> None:
    """Longer than any DNS message (RFC 1035 4.2.2): one finding, not "p= missing" too."""
    key = parse_dkim_key("v=DKIM1; n=" + "x" * 70_000 + "; p=" + RSA_2048)
    assert _keys(key) == ["dkim.too_long"]
    assert key.key_bits is None and not key.valid


def test_a_63_kb_record_is_parsed() -> None:
    key = parse_dkim_key("v=DKIM1; n=" + "x" * (63 * 1024) + "; p=" + RSA_2048)
    assert _keys(key) == [] and key.key_bits == 2048
