"""SPF without an IP: the record's syntax, its lookup count through every include, warnings.

``analyze()`` follows include and redirect targets that are written literally (a target
with macros depends on the sender, so it is noted, not followed), detects include loops,
counts the DNS-querying terms (RFC 7208 4.6.4) a receiver could need at most, and looks up
the literal a/mx/exists targets to count void lookups and MX names. It always returns the
record and the per-term breakdown, also when the record is broken.
"""

from __future__ import annotations

from typing import Any

import dns.resolver

from smtp_gui.core.checks.status import Problem, Status
from smtp_gui.core.dns.lookup import Lookup
from smtp_gui.core.spf.analysis_result import Analysis, AnalysisNode, NodeBuilder
from smtp_gui.core.spf.lookups import (
    MAX_DNS_TERMS,
    MAX_NAMES,
    MAX_VOID_LOOKUPS,
    TIME_LIMIT,
    CheckHostError,
    SpfSession,
    dns_text,
    fetch_record,
    is_checkable_domain,
)
from smtp_gui.core.spf.macros import MacroString, to_domain
from smtp_gui.core.spf.prefetch import prefetch
from smtp_gui.core.spf.record import (
    MAX_RECORD_LENGTH,
    Mechanism,
    Modifier,
    Term,
    parse_term,
    published,
    tokenize,
)
from smtp_gui.core.text.errors import InputError
from smtp_gui.core.text.messages import Note

MAX_RECORDS_FOLLOWED = 40  # our cap on records fetched for one analysis
UDP_FRIENDLY_LENGTH = 450  # RFC 7208 3.4: keep answers within one 512-byte UDP packet

__all__ = ["Analysis", "AnalysisNode", "analyze"]


def _problem(key: str, severity: Status, rfc: str, **params: Any) -> Problem:
    return Problem(Note(key, params), severity, rfc)


def analyze(
    domain: str,
    resolver: dns.resolver.Resolver,
    *,
    time_limit: float = TIME_LIMIT,
    answers: dict[tuple[str, str], Lookup] | None = None,
) -> Analysis:
    """Static analysis of the SPF record of ``domain`` (no IP needed); ``answers`` as for
    ``check_host``."""
    session = SpfSession(resolver, time_limit=time_limit, enforce=False)
    if answers is not None:
        session.answers = answers
    prefetch(session, domain)  # the records of the include tree at once
    analyzer = _Analyzer(session)
    root = NodeBuilder(domain, 0, domain, "record")
    fetched: tuple[str, ...] = ()
    outcome = "ok"
    if not is_checkable_domain(domain):
        analyzer.add(
            root, _problem("spf.warn.bad_domain", Status.FAIL, "RFC 7208 4.3", domain=domain), None
        )
        outcome = "none"
    else:
        try:
            fetched, outcome = analyzer.record(domain, root, (domain.lower().rstrip("."),), True)
        except CheckHostError as stop:  # the time limit
            analyzer.add(root, Problem(stop.note, Status.WARN, "RFC 7208 4.6.4"), None)
    lookups, voids = root.total(), root.void_total()
    if lookups > MAX_DNS_TERMS:
        analyzer.add(
            root,
            _problem(
                "spf.warn.lookup_limit",
                Status.FAIL,
                "RFC 7208 4.6.4",
                count=lookups,
                limit=MAX_DNS_TERMS,
            ),
            "permerror",
        )
    if voids > MAX_VOID_LOOKUPS:
        analyzer.add(
            root,
            _problem(
                "spf.warn.void_limit",
                Status.FAIL,
                "RFC 7208 4.6.4",
                count=voids,
                limit=MAX_VOID_LOOKUPS,
            ),
            "permerror",
        )
    if analyzer.broken and outcome == "ok":
        outcome = "permerror"
    return Analysis(
        domain,
        outcome,
        published(root.record) if root.record is not None and len(fetched) == 1 else None,
        tuple(published(record) for record in fetched),
        root.queries[0] if root.queries else None,
        lookups,
        voids,
        tuple(child.freeze() for child in root.children),
        tuple(analyzer.problems),
    )


class _Analyzer:
    def __init__(self, session: SpfSession) -> None:
        self.session = session
        self.problems: list[Problem] = []
        self.broken = False  # a receiver would get permerror
        self.followed = 0

    def add(self, node: NodeBuilder, problem: Problem, breaks: str | None) -> None:
        node.problems.append(problem)
        self.problems.append(problem)
        if breaks == "permerror":
            self.broken = True

    def record(
        self, domain: str, owner: NodeBuilder, chain: tuple[str, ...], top: bool
    ) -> tuple[tuple[str, ...], str]:
        """Fetch and analyse one record; returns (records found, outcome)."""
        self.followed += 1
        fetch = fetch_record(self.session, domain)
        owner.queries.append(fetch.query)
        if fetch.could_not_check:
            key = "spf.warn.fetch_failed" if top else "spf.warn.nested_fetch_failed"
            self.add(
                owner,
                _problem(key, Status.WARN, "RFC 7208 4.4", domain=domain, outcome=fetch.outcome),
                None,
            )
            return (), "temperror"
        if not fetch.records:
            return (), "none"
        if len(fetch.records) > 1:
            owner.record = "\n".join(fetch.records)
            self.add(
                owner,
                _problem(
                    "spf.warn.multiple",
                    Status.FAIL,
                    "RFC 7208 4.5",
                    domain=domain,
                    count=len(fetch.records),
                ),
                "permerror",
            )
            return fetch.records, "permerror"
        text = owner.record = fetch.records[0]
        if len(text) > MAX_RECORD_LENGTH:
            self.add(
                owner,
                _problem("spf.warn.too_long", Status.FAIL, "", limit=MAX_RECORD_LENGTH),
                "permerror",
            )
            return fetch.records, "permerror"
        if top and len(text) > UDP_FRIENDLY_LENGTH:
            self.add(
                owner,
                _problem("spf.warn.long_record", Status.INFO, "RFC 7208 3.4", length=len(text)),
                None,
            )
        self._terms(text, domain, owner, chain, top)
        return fetch.records, "ok"

    def _terms(
        self, text: str, domain: str, owner: NodeBuilder, chain: tuple[str, ...], top: bool
    ) -> None:
        terms: list[tuple[Term, NodeBuilder]] = []
        for position, token in tokenize(text):
            try:
                term = parse_term(token, position)
            except InputError as error:
                node = NodeBuilder(token, position, domain, "error")
                owner.children.append(node)
                self.add(
                    node,
                    Problem(
                        Note(
                            "spf.warn.syntax",
                            {
                                "column": (error.position or position) + 1,
                                "domain": domain,
                                "error": error.text("en"),
                                "error_zh": error.text("zh"),
                            },
                        ),
                        Status.FAIL,
                    ),
                    "permerror",
                )  # the error text cites its section
                continue
            node = NodeBuilder(token, position, domain, term.name)
            owner.children.append(node)
            terms.append((term, node))
        self._modifiers(terms)
        mechanisms = [(t, n) for t, n in terms if isinstance(t, Mechanism)]
        has_all = any(t.name == "all" for t, _n in mechanisms)
        seen_all = False
        for term, node in terms:
            if isinstance(term, Mechanism):
                node.reachable = not seen_all
                self._mechanism(term, node, domain, chain)
                seen_all = seen_all or term.name == "all"
            elif term.name == "redirect":
                node.reachable = not has_all
                if has_all:
                    self.add(
                        node,
                        _problem("spf.warn.redirect_ignored", Status.INFO, "RFC 7208 6.1"),
                        None,
                    )
                else:
                    self._follow(term.value, node, domain, chain, "redirect")
            elif not term.known:
                self.add(
                    node,
                    _problem(
                        "spf.warn.unknown_modifier", Status.INFO, "RFC 7208 6", name=term.name
                    ),
                    None,
                )
        after_all = [n for t, n in mechanisms if not n.reachable]
        if after_all:
            self.add(
                after_all[0],
                _problem("spf.warn.after_all", Status.WARN, "RFC 7208 5.1", count=len(after_all)),
                None,
            )
        if top and not has_all and not any(t.name == "redirect" for t, _n in terms):
            self.add(owner, _problem("spf.warn.no_all", Status.WARN, "RFC 7208 4.7"), None)

    def _modifiers(self, terms: list[tuple[Term, NodeBuilder]]) -> None:
        seen: set[str] = set()
        for term, node in terms:
            if isinstance(term, Modifier) and term.known:
                if term.name in seen:
                    self.add(
                        node,
                        _problem("spf.warn.duplicate", Status.FAIL, "RFC 7208 6", name=term.name),
                        "permerror",
                    )
                seen.add(term.name)

    def _mechanism(
        self, term: Mechanism, node: NodeBuilder, domain: str, chain: tuple[str, ...]
    ) -> None:
        if term.name == "all":
            if term.qualifier == "+":
                self.add(node, _problem("spf.warn.plus_all", Status.FAIL, "RFC 7208 5.1"), None)
            elif term.qualifier == "?":
                self.add(node, _problem("spf.warn.neutral_all", Status.INFO, "RFC 7208 8.2"), None)
            return
        if term.name == "ptr":
            self.add(node, _problem("spf.warn.ptr", Status.WARN, "RFC 7208 5.5"), None)
        if not term.queries_dns or not node.reachable:
            return
        node.lookups = 1
        if term.name == "include":
            assert term.domain_spec is not None
            self._follow(term.domain_spec, node, domain, chain, "include")
        elif term.name in ("a", "mx", "exists"):
            self._probe(term, node, domain)

    def _literal_target(
        self, spec: MacroString | None, domain: str, node: NodeBuilder
    ) -> str | None:
        if spec is None:
            node.target = domain
            return domain
        if spec.has_macros:
            node.target = spec.text
            self.add(
                node,
                _problem("spf.warn.macro_target", Status.INFO, "RFC 7208 7", target=spec.text),
                None,
            )
            return None
        node.target = to_domain(spec.text)
        return node.target

    def _follow(
        self, spec: MacroString, node: NodeBuilder, domain: str, chain: tuple[str, ...], kind: str
    ) -> None:
        """Analyse an include or redirect target; loops and missing records are errors."""
        if kind == "redirect":
            node.lookups = 1
        target = self._literal_target(spec, domain, node)
        if target is None:
            return
        key = target.lower().rstrip(".")
        if key in chain:
            self.add(
                node,
                _problem(
                    "spf.warn.loop",
                    Status.FAIL,
                    "RFC 7208 4.6.4",
                    target=target,
                    chain=" → ".join([*chain, key]),
                ),
                "permerror",
            )
            return
        if self.followed >= MAX_RECORDS_FOLLOWED or len(chain) > MAX_DNS_TERMS:
            self.add(
                node,
                _problem("spf.warn.not_followed", Status.WARN, "RFC 7208 4.6.4", target=target),
                "permerror",
            )
            return
        outcome = "none"
        if is_checkable_domain(target):
            outcome = self.record(target, node, (*chain, key), False)[1]
        if outcome == "none":
            rfc = "RFC 7208 5.2" if kind == "include" else "RFC 7208 6.1"
            self.add(
                node,
                _problem(f"spf.warn.{kind}_none", Status.FAIL, rfc, target=target),
                "permerror",
            )

    def _probe(self, term: Mechanism, node: NodeBuilder, domain: str) -> None:
        """Look up a literal a/mx/exists target: void answers and MX names (RFC 7208 4.6.4)."""
        target = self._literal_target(term.domain_spec, domain, node)
        name = dns_text(target) if target else None
        if name is None:
            return
        kinds = {"a": ("A", "AAAA"), "mx": ("MX",), "exists": ("A",)}[term.name]
        answered = False
        for rdtype in kinds:
            found, query = self.session.query(name, rdtype)
            node.queries.append(query)
            if found.could_not_check:
                self.add(
                    node,
                    _problem(
                        "spf.warn.probe_failed",
                        Status.WARN,
                        "RFC 7208 5",
                        name=target,
                        rdtype=rdtype,
                        outcome=found.outcome,
                    ),
                    None,
                )
                return
            answered = answered or bool(found.records)
            if rdtype == "MX" and len(found.records) > MAX_NAMES:
                self.add(
                    node,
                    _problem(
                        "spf.warn.mx_limit",
                        Status.FAIL,
                        "RFC 7208 4.6.4",
                        count=len(found.records),
                        limit=MAX_NAMES,
                    ),
                    "permerror",
                )
        if not answered:
            node.void = 1
            self.add(
                node, _problem("spf.warn.void", Status.WARN, "RFC 7208 4.6.4", target=target), None
            )
