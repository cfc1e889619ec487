"""Loading the openspf YAML suites (rfc7208-tests.yml, rfc4408-tests.yml) into loopback servers.

Each scenario's ``zonedata`` is served by its own ``SuiteDNSServer`` exactly as the suite's
reference driver (pyspf's testspf.py) serves it:

- an ``SPF`` entry is also served as ``TXT`` unless the name has an explicit ``TXT`` entry
  (``TXT: NONE`` means "no TXT records, and do not copy the SPF ones");
- ``TIMEOUT`` makes queries for that exact name time out for every type it has no records
  of (not for names below it, which ``LoopbackDNSServer.behave`` would also drop);
- YAML text stands for raw bytes: ``\\xEF`` is the byte 0xEF (Latin-1), other text UTF-8;
- an empty string list (``SPF: []``) becomes one empty string, since DNS (and dnspython)
  cannot carry a TXT record without strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dns.message
import dns.name
import dns.rdata
import dns.rdataclass
import dns.rdatatype
import yaml

from tests.dnsserver import Behaviour, LoopbackDNSServer


@dataclass(frozen=True)
class SuiteCase:
    file: str
    scenario: int
    id: str
    host: str
    mailfrom: str
    helo: str
    results: tuple[str, ...]
    explanation: str | None
    spec: str


class SuiteDNSServer(LoopbackDNSServer):
    """A LoopbackDNSServer whose TIMEOUT names drop only the types they have no data for."""

    def __init__(self) -> None:
        super().__init__()
        self.timeouts: dict[dns.name.Name, set[int]] = {}

    def answer(self, wire: bytes, transport: str) -> tuple[Behaviour, bytes | None]:
        try:
            question = dns.message.from_wire(wire).question
        except Exception:
            question = []
        if question:
            present = self.timeouts.get(question[0].name)
            if present is not None and question[0].rdtype not in present:
                return Behaviour(drop=True), None
        return super().answer(wire, transport)


def to_bytes(text: str) -> bytes:
    """YAML escapes like \\xEF stand for single bytes; anything wider is UTF-8."""
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        return text.encode("utf-8")


def load_zonedata(server: SuiteDNSServer, zonedata: dict[str, list[Any]]) -> None:
    for name, entries in zonedata.items():
        has_txt = any(isinstance(e, dict) and "TXT" in e for e in entries)
        present: set[str] = set()
        timeout = False
        server.ensure_name(name)
        for entry in entries:
            if entry == "TIMEOUT":
                timeout = True
                continue
            for rdtype, value in entry.items():
                if value == "NONE":
                    continue
                if rdtype in ("SPF", "TXT"):
                    strings = [value] if isinstance(value, str) else list(value)
                    data = [to_bytes(s) for s in strings] or [b""]
                    server.add_txt(name, data, rdtype=rdtype)
                    present.add(rdtype)
                    if rdtype == "SPF" and not has_txt:
                        server.add_txt(name, data, rdtype="TXT")
                        present.add("TXT")
                elif rdtype == "MX":
                    preference, host = value
                    target = host if host.endswith(".") else f"{host}." if host else "."
                    server.add(name, "MX", f"{preference} {target}")
                    present.add("MX")
                else:
                    server.add(name, rdtype, str(value))
                    present.add(rdtype)
        if timeout:
            server.timeouts[dns.name.from_text(name)] = {
                dns.rdatatype.from_text(t) for t in present
            }


def load_suite(path: Path) -> tuple[list[dict[str, Any]], list[SuiteCase]]:
    """The scenarios (raw YAML documents) and every case, in file order."""
    with path.open("rb") as handle:
        scenarios = [doc for doc in yaml.safe_load_all(handle) if doc]
    cases: list[SuiteCase] = []
    for index, scenario in enumerate(scenarios):
        for case_id, data in scenario["tests"].items():
            result = data["result"]
            results = tuple(result) if isinstance(result, list) else (result,)
            cases.append(
                SuiteCase(
                    path.name,
                    index,
                    case_id,
                    str(data["host"]),
                    str(data.get("mailfrom") or ""),
                    str(data.get("helo") or ""),
                    results,
                    data.get("explanation"),
                    str(data.get("spec", "")),
                )
            )
    return scenarios, cases
