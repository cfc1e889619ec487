"""A real DNS server on 127.0.0.1 for tests: UDP and TCP on one ephemeral port.

It answers from records loaded from zone files (``tests/zones/*.zone``) or added in code,
and can misbehave on purpose, per name suffix:

- ``delay``: answer after that many seconds (each query is handled in its own thread, so
  fifty delayed queries are all in flight at once);
- ``drop``: never answer (the client times out);
- ``rcode``: answer SERVFAIL, REFUSED, ... instead of the data;
- ``garbage``: answer with bytes that are not a DNS message;
- ``wrong_question``: answer for another name;
- ``truncate``: over UDP, answer with TC set and no records, so the client retries over TCP;
- ``close_tcp``: over TCP, send half an answer and close the connection.

Names that are in no loaded record set get NXDOMAIN (or NODATA when a deeper name exists).
Every query is counted in ``queries`` so tests can prove that something sent none.
Nothing here ever sends a packet anywhere but the client that asked, on 127.0.0.1.
"""

from __future__ import annotations

import socket
import socketserver
import struct
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import dns.exception
import dns.flags
import dns.message
import dns.name
import dns.rcode
import dns.rdata
import dns.rdataclass
import dns.rdatatype
import dns.rdtypes.ANY.TXT
import dns.rrset
import dns.zone

ZONES_DIR = Path(__file__).parent / "zones"
_MAX_CNAME_CHAIN = 16


@dataclass(frozen=True)
class Behaviour:
    delay: float = 0.0
    drop: bool = False
    rcode: int | None = None
    garbage: bool = False
    wrong_question: bool = False
    truncate: bool = False
    close_tcp: bool = False


@dataclass(frozen=True)
class QueryRecord:
    name: str
    rdtype: str
    transport: str
    at: float = field(default_factory=time.monotonic)  # when it arrived (before any delay)


class LoopbackDNSServer:
    """Authoritative-only toy server; start() binds, stop() closes. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._records: dict[dns.name.Name, dict[int, list[dns.rdata.Rdata]]] = {}
        self._behaviours: dict[dns.name.Name, Behaviour] = {}
        self.queries: list[QueryRecord] = []
        self.host = "127.0.0.1"
        self.port = 0
        self._udp: socketserver.ThreadingUDPServer | None = None
        self._tcp: socketserver.ThreadingTCPServer | None = None
        self._threads: list[threading.Thread] = []

    # -- data -------------------------------------------------------------------------------
    def load_zone_file(self, path: Path) -> None:
        zone = dns.zone.from_file(str(path), relativize=False, check_origin=False)
        for name, node in zone.nodes.items():
            for rdataset in node.rdatasets:
                for rdata in rdataset:
                    self._add_rdata(name, rdata)

    def load_zone_dir(self, folder: Path = ZONES_DIR) -> None:
        for path in sorted(folder.glob("*.zone")):
            self.load_zone_file(path)

    def add(self, name: str, rdtype: str, *values: str) -> None:
        """Add records in presentation format: ``add("x.test", "MX", "10 mx.x.test.")``."""
        owner = dns.name.from_text(name)
        kind = dns.rdatatype.from_text(rdtype)
        for value in values:
            rdata = dns.rdata.from_text(
                dns.rdataclass.IN, kind, value, origin=dns.name.root, relativize=False
            )
            self._add_rdata(owner, rdata)

    def add_txt(self, name: str, strings: Iterable[str | bytes], rdtype: str = "TXT") -> None:
        """Add one TXT (or SPF) record made of several character-strings, raw bytes allowed."""
        parts = [s.encode("utf-8") if isinstance(s, str) else s for s in strings]
        kind = dns.rdatatype.from_text(rdtype)
        rdata = dns.rdtypes.ANY.TXT.TXT(dns.rdataclass.IN, kind, parts)
        self._add_rdata(dns.name.from_text(name), rdata)

    def ensure_name(self, name: str) -> None:
        """Make ``name`` exist with no records (so it answers NODATA, not NXDOMAIN)."""
        with self._lock:
            self._records.setdefault(dns.name.from_text(name), {})

    def behave(self, suffix: str, **kwargs: object) -> None:
        """Set how queries for ``suffix`` and every name below it are answered."""
        with self._lock:
            self._behaviours[dns.name.from_text(suffix)] = Behaviour(**kwargs)  # type: ignore[arg-type]

    def _add_rdata(self, owner: dns.name.Name, rdata: dns.rdata.Rdata) -> None:
        with self._lock:
            self._records.setdefault(owner, {}).setdefault(rdata.rdtype, []).append(rdata)

    def query_names(self) -> list[str]:
        with self._lock:
            return [q.name for q in self.queries]

    # -- answering --------------------------------------------------------------------------
    def _behaviour_for(self, qname: dns.name.Name) -> Behaviour:
        with self._lock:
            best: tuple[int, Behaviour] | None = None
            for suffix, behaviour in self._behaviours.items():
                if qname.is_subdomain(suffix) and (best is None or len(suffix) > best[0]):
                    best = (len(suffix), behaviour)
            return best[1] if best else Behaviour()

    def _lookup(self, qname: dns.name.Name, qtype: int) -> tuple[int, list[dns.rrset.RRset]]:
        answers: list[dns.rrset.RRset] = []
        name = qname
        with self._lock:
            for _ in range(_MAX_CNAME_CHAIN):
                node = self._records.get(name)
                if node is None:
                    exists = any(n.is_subdomain(name) for n in self._records)
                    return (dns.rcode.NOERROR if exists or answers else dns.rcode.NXDOMAIN), answers
                wanted = node.get(qtype)
                if wanted:
                    answers.append(_rrset(name, qtype, wanted))
                    return dns.rcode.NOERROR, answers
                cname = node.get(dns.rdatatype.CNAME)
                if cname and qtype != dns.rdatatype.CNAME:
                    answers.append(_rrset(name, dns.rdatatype.CNAME, cname))
                    name = cname[0].target  # type: ignore[attr-defined]
                    continue
                return dns.rcode.NOERROR, answers
        return dns.rcode.NOERROR, answers

    def answer(self, wire: bytes, transport: str) -> tuple[Behaviour, bytes | None]:
        """The behaviour to apply and the response bytes (None: say nothing)."""
        try:
            query = dns.message.from_wire(wire)
        except Exception:
            return Behaviour(), None
        if not query.question:
            return Behaviour(), None
        question = query.question[0]
        with self._lock:
            self.queries.append(
                QueryRecord(
                    question.name.to_text(omit_final_dot=True).lower(),
                    dns.rdatatype.to_text(question.rdtype),
                    transport,
                )
            )
        behaviour = self._behaviour_for(question.name)
        if behaviour.drop:
            return behaviour, None
        if behaviour.garbage:
            return behaviour, b"\x13\x37garbage, not DNS" + bytes(range(32))
        response = dns.message.make_response(query)
        response.flags |= dns.flags.AA
        if behaviour.rcode is not None:
            response.set_rcode(behaviour.rcode)
        elif behaviour.truncate and transport == "udp":
            response.flags |= dns.flags.TC
        else:
            rcode, rrsets = self._lookup(question.name, question.rdtype)
            response.set_rcode(rcode)
            response.answer.extend(rrsets)
        if behaviour.wrong_question:
            wrong = dns.name.from_text("wrong.invalid.")
            response.question = [dns.rrset.RRset(wrong, question.rdclass, question.rdtype)]
        if transport == "udp":
            limit = max(512, query.payload if query.edns >= 0 else 512)
            try:
                return behaviour, response.to_wire(max_size=limit)
            except dns.exception.TooBig:
                response.answer.clear()
                response.flags |= dns.flags.TC
                return behaviour, response.to_wire()
        return behaviour, response.to_wire()

    # -- lifecycle --------------------------------------------------------------------------
    def start(self) -> LoopbackDNSServer:
        server = self
        for _attempt in range(20):
            udp = _UDPServer((self.host, 0), _UDPHandler)
            udp.dns = server
            port = udp.server_address[1]
            try:
                tcp = _TCPServer((self.host, port), _TCPHandler)
            except OSError:
                udp.server_close()
                continue
            tcp.dns = server
            break
        else:  # pragma: no cover - the machine is out of ports
            raise RuntimeError("could not bind UDP and TCP on one port")
        self._udp, self._tcp, self.port = udp, tcp, port
        for srv in (udp, tcp):
            thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05})
            thread.daemon = True
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self) -> None:
        for srv in (self._udp, self._tcp):
            if srv is not None:
                srv.shutdown()
                srv.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        self._threads.clear()

    @property
    def nameserver(self) -> str:
        return f"{self.host}:{self.port}"

    def __enter__(self) -> LoopbackDNSServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _rrset(name: dns.name.Name, rdtype: int, rdatas: list[dns.rdata.Rdata]) -> dns.rrset.RRset:
    rrset = dns.rrset.RRset(name, dns.rdataclass.IN, rdtype)
    for rdata in rdatas:
        rrset.add(rdata, ttl=300)
    return rrset


class _UDPServer(socketserver.ThreadingUDPServer):
    daemon_threads = True
    allow_reuse_address = False
    dns: LoopbackDNSServer


class _TCPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    dns: LoopbackDNSServer


class _UDPHandler(socketserver.BaseRequestHandler):
    server: _UDPServer

    def handle(self) -> None:
        data, sock = self.request
        behaviour, reply = self.server.dns.answer(data, "udp")
        if behaviour.delay:
            time.sleep(behaviour.delay)
        if reply is not None:
            sock.sendto(reply, self.client_address)


class _TCPHandler(socketserver.BaseRequestHandler):
    server: _TCPServer

    def handle(self) -> None:
        sock: socket.socket = self.request
        sock.settimeout(5)
        try:
            while True:
                header = _recv_exact(sock, 2)
                if header is None:
                    return
                (length,) = struct.unpack("!H", header)
                wire = _recv_exact(sock, length)
                if wire is None:
                    return
                behaviour, reply = self.server.dns.answer(wire, "tcp")
                if behaviour.delay:
                    time.sleep(behaviour.delay)
                if reply is None:
                    return
                framed = struct.pack("!H", len(reply)) + reply
                if behaviour.close_tcp:
                    sock.sendall(framed[: max(3, len(framed) // 2)])
                    return
                sock.sendall(framed)
        except OSError:
            return


def _recv_exact(sock: socket.socket, count: int) -> bytes | None:
    chunks = b""
    while len(chunks) < count:
        chunk = sock.recv(count - len(chunks))
        if not chunk:
            return None
        chunks += chunk
    return chunks
