"""The openspf RFC 7208 conformance suite through check_host() against loopback DNS servers.

Every case of ../shared/data/rfc7208-tests.yml runs as its own test (id = the suite's case
id); each scenario's zonedata is served by its own loopback server. rfc4408-tests.yml runs
as a second, informational suite: RFC 7208 changed a few answers, so its mismatches are
reported, not failed. Both skip cleanly without ../shared.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from smtp_gui.core.dns.resolver import Nameserver, ResolverConfig, build_resolver
from smtp_gui.core.spf.evaluate import Evaluation, evaluate
from tests.shared_data import SHARED_DATA, shared_data_path
from tests.spf_suite import SuiteCase, SuiteDNSServer, load_suite, load_zonedata

SUITE_TIMEOUT = 0.3  # seconds per query: TIMEOUT cases stay fast

# Cases that cannot pass, with the reason (strict xfail: they must keep failing). None now.
KNOWN_FAILURES: dict[str, str] = {}


def _params(name: str) -> list[Any]:
    path = SHARED_DATA / name
    if not path.exists():
        return [pytest.param(None, id="shared-data-missing")]
    _scenarios, cases = load_suite(path)
    return [
        pytest.param(
            case,
            id=case.id,
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[case.id])]
            if case.id in KNOWN_FAILURES
            else [],
        )
        for case in cases
    ]


class _Servers:
    """One started SuiteDNSServer per (file, scenario), created on first use."""

    def __init__(self) -> None:
        self._servers: dict[tuple[str, int], SuiteDNSServer] = {}
        self._scenarios: dict[str, list[dict[str, Any]]] = {}

    def resolver_for(self, case: SuiteCase) -> Any:
        key = (case.file, case.scenario)
        if key not in self._servers:
            if case.file not in self._scenarios:
                self._scenarios[case.file] = load_suite(shared_data_path(case.file))[0]
            server = SuiteDNSServer()
            load_zonedata(server, self._scenarios[case.file][case.scenario]["zonedata"])
            self._servers[key] = server.start()
        server = self._servers[key]
        config = ResolverConfig((Nameserver(server.host, server.port),), timeout=SUITE_TIMEOUT)
        return build_resolver(config)

    def stop(self) -> None:
        for server in self._servers.values():
            server.stop()


@pytest.fixture(scope="module")
def servers() -> Iterator[_Servers]:
    pool = _Servers()
    try:
        yield pool
    finally:
        pool.stop()


def run_case(case: SuiteCase, servers: _Servers) -> tuple[Evaluation, bool]:
    """Evaluate one case as pyspf's driver does; True when result and explanation agree."""
    evaluation = evaluate(servers.resolver_for(case), case.host, case.mailfrom, case.helo)
    ok = str(evaluation.result) in case.results
    if case.explanation is not None:
        # "DEFAULT": the implementation's own explanation, i.e. no exp= text was used
        wanted = None if case.explanation == "DEFAULT" else case.explanation
        ok = ok and evaluation.explanation == wanted
    return evaluation, ok


@pytest.mark.network
@pytest.mark.parametrize("case", _params("rfc7208-tests.yml"))
def test_rfc7208_suite(case: SuiteCase | None, servers: _Servers) -> None:
    if case is None:
        shared_data_path("rfc7208-tests.yml")
        return
    evaluation, ok = run_case(case, servers)
    assert ok, (
        f"{case.id} ({case.spec}): expected {'/'.join(case.results)}"
        f" explanation={case.explanation!r}; got {evaluation.result}"
        f" explanation={evaluation.explanation!r}: {evaluation.reason_text('en')}"
    )


@pytest.mark.network
def test_rfc4408_suite_informational(servers: _Servers, capsys: pytest.CaptureFixture[str]) -> None:
    path = shared_data_path("rfc4408-tests.yml")
    _scenarios, cases = load_suite(Path(path))
    mismatches = [case.id for case in cases if not run_case(case, servers)[1]]
    with capsys.disabled():
        print(
            f"\nrfc4408-tests.yml (informational): {len(cases) - len(mismatches)}/"
            f"{len(cases)} agree; differ: {', '.join(mismatches) or 'none'}"
        )
    assert len(cases) == 191
