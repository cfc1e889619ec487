"""A probe as reports: ``probe_report`` for the whole probe, ``step_report`` for one step.

One layout for every output: ``smtp-gui probe`` prints ``probe_report`` as text (after the
transcript it streamed with ``step_lines``), the Probe pane shows ``probe_report`` or the
selected step's ``step_report`` in its details view, and Copy transcript puts
``probe_report`` as text on the clipboard. Secrets are masked unless ``reveal``: the
command and transcript text come from ``ProbeStep.shown_command`` and
``TranscriptLine.shown``, which mask by default, and the server's replies were masked in
core before they were stored.
"""

from __future__ import annotations

from smtp_gui.core.codes.catalogue import explain
from smtp_gui.core.diagnose.analyse import diagnose
from smtp_gui.core.diagnose.verdict import next_step
from smtp_gui.core.probe.capabilities import Capability, parse_capabilities
from smtp_gui.core.probe.model import Direction, ProbeResult, ProbeStep, StepKind, TranscriptLine
from smtp_gui.core.probe.reply import ServerReply
from smtp_gui.core.probe.tls_facts import TlsFacts
from smtp_gui.core.report.labels import brackets, list_separator
from smtp_gui.core.report.model import (
    Block,
    Code,
    Heading,
    Inline,
    Marked,
    Outside,
    Paragraph,
    Report,
    Rows,
    Severity,
    Span,
    Table,
    Verdict,
)
from smtp_gui.core.report.runs import plain
from smtp_gui.core.text.bilingual import Text
from smtp_gui.core.text.errors import InputError
from smtp_gui.core.text.messages import message

# A reply's class as a severity (RFC 5321 4.2.1: 2yz done, 3yz go on, 4yz try again, 5yz no).
_CLASS_SEVERITY = {2: Severity.OK, 3: Severity.INFO, 4: Severity.WARNING, 5: Severity.ERROR}

_STEP_TITLES = {
    StepKind.RESOLVE: "probe.step.resolve",
    StepKind.CONNECT: "probe.step.connect",
    StepKind.GREETING: "probe.step.greeting",
    StepKind.TLS: "probe.step.tls",
}


def _label(key: str, **params: object) -> Text:
    return message(f"probe.label.{key}", **params)


def reply_severity(reply: ServerReply) -> Severity:
    return _CLASS_SEVERITY.get(reply.cls, Severity.INFO)


def step_title(step: ProbeStep) -> Inline:
    """What a step did, as the list of steps and the step's report name it."""
    key = _STEP_TITLES.get(step.kind)
    if key is not None:
        return message(key)
    return Outside(step.command) if step.command else str(step.kind).upper()


# -- the transcript -------------------------------------------------------------------------
def transcript_line(line: TranscriptLine, lang: str, reveal: bool = False) -> Inline:
    """One swaks-style line (``<-  250 ok``, `` ~> AUTH PLAIN ********``, ``=== ...``)."""
    marker = line.marker + " "
    if line.note is not None:  # our own words (info and error lines)
        text: Inline = (marker, line.note.text(lang))
    else:
        text = (marker, Outside(line.shown(lang, reveal)))
    if line.direction is Direction.ERROR:
        return Marked(text, Severity.ERROR)
    if line.direction is Direction.RECEIVED and line.code:
        return Marked(text, _CLASS_SEVERITY.get(int(line.code[0]), Severity.INFO))
    return text


def step_lines(step: ProbeStep, lang: str, reveal: bool = False) -> list[str]:
    """The transcript lines of one step as they are streamed: the report's own lines."""
    return [plain(transcript_line(line, lang, reveal), lang) for line in step.lines]


def transcript(lines: tuple[TranscriptLine, ...], lang: str, reveal: bool = False) -> Code:
    """The transcript as a code block: one line per line on the wire or note."""
    return Code(tuple(transcript_line(line, lang, reveal) for line in lines))


# -- the parts ------------------------------------------------------------------------------
def _listed(items: tuple[str, ...], lang: str) -> Inline:
    """Items from outside, with the language's list separator between them; ``-`` if none."""
    if not items:
        return "-"
    spans: list[Span] = []
    for item in items:
        if spans:
            spans.append(list_separator(lang))
        spans.append(Outside(item))
    return tuple(spans)


def _bracketed(inner: Span, lang: str, *context: str) -> tuple[Span, ...]:
    """`` (inner)`` to follow other text, or ``（inner）`` where ``context`` (the text of
    ``inner`` and what it follows) is Chinese."""
    opening, closing = brackets(lang, *context)
    return (" " if opening == "(" else "", opening, inner, closing)


def meaning(reply: ServerReply, lang: str) -> tuple[Block, ...]:
    """What ``reply``'s code means, from the catalogue; nothing for an unknown code."""
    try:
        exp = explain(reply.code_text)
    except InputError:
        return ()
    blocks: list[Block] = [
        Heading(_label("meaning", code=reply.code_text)),
        Paragraph(Marked(exp.title, reply_severity(reply))),
    ]
    text = exp.summary or exp.description
    if text:
        blocks.append(Paragraph(text))
    if not reply.positive and exp.fix:
        blocks.append(Rows.of((_label("fix"), exp.fix)))
    return tuple(blocks)


def tls_blocks(tls: TlsFacts, lang: str) -> tuple[Block, ...]:
    """The TLS session and the certificate: version, cipher, subject, expiry, validity."""
    session: tuple[Span, ...] = (Outside(tls.version), list_separator(lang), Outside(tls.cipher))
    if tls.bits:
        bits = _label("bits", bits=tls.bits).get(lang)
        session += _bracketed(bits, lang, bits, tls.cipher)
    rows: list[tuple[Inline, Inline]] = [(_label("version_cipher"), session)]
    cert = tls.certificate
    if cert is not None:
        expiry = f"{cert.not_after:%Y-%m-%d %H:%M} UTC"
        left = _label("expired") if cert.expired() else _label("days_left", days=cert.days_left())
        shown_left: Span = Marked(left, Severity.ERROR) if cert.expired() else left
        rows += [
            (_label("subject"), Outside(cert.subject)),
            (_label("issuer"), Outside(cert.issuer)),
            (_label("names"), _listed(cert.names, lang)),
            (_label("expires"), (expiry, *_bracketed(shown_left, lang, left.get(lang)))),
        ]
    if tls.valid is None:
        valid: Inline = _label("not_checked")
    elif tls.valid:
        valid = Marked(_label("yes"), Severity.OK)
    else:
        no, why = _label("no").get(lang), tls.validation_error or "-"
        valid = Marked((no, *_bracketed(Outside(why), lang, why, no)), Severity.ERROR)
    rows.append((_label("valid", host=tls.hostname), valid))
    return (Heading(_label("tls")), Rows.of(*rows))


def capability_blocks(caps: tuple[Capability, ...], lang: str) -> tuple[Block, ...]:
    """The EHLO extensions, each with what it means; nothing when there are none."""
    if not caps:
        return ()
    return (
        Heading(_label("capabilities")),
        Table(
            (_label("extension"), _label("extension_meaning")),
            tuple((Outside(cap.line), cap.explanation.text(lang)) for cap in caps),
        ),
    )


def _steps_table(result: ProbeResult, lang: str, reveal: bool) -> Table:
    """One row per step: what was sent, the reply's code, the time it took."""
    rows: list[tuple[Inline, ...]] = []
    for step in result.steps:
        command = step.shown_command(reveal)
        sent: Inline = Outside(command) if command else step_title(step)
        code: Inline = ""
        if step.reply is not None:
            code = Marked(Outside(step.reply.code_text), reply_severity(step.reply))
        elif step.error is not None:
            code = Marked("!", Severity.ERROR)
        rows.append((sent, code, _label("ms", ms=f"{step.ms:.1f}")))
    return Table((_label("command"), _label("reply"), _label("time")), tuple(rows))


def verdict(result: ProbeResult, lang: str) -> Verdict:
    """The probe's result sentence: how it ended, over what, and what AUTH did; when a
    server refused, then whose side must act and the next step, as a diagnosis of that
    reply says it."""
    sentence = result.result_text(lang)
    refused = [s.reply for s in result.steps if s.reply is not None and not s.reply.positive]
    if not result.ok and refused:
        reply = refused[-1]
        step = next_step(diagnose("\n".join(reply.wire_lines())), lang)
        sentence = f"{sentence} {step}" if lang == "en" else sentence + step
    return Verdict(sentence, Severity.OK if result.ok else Severity.ERROR)


# -- the reports ----------------------------------------------------------------------------
def probe_report(
    result: ProbeResult, lang: str, reveal: bool = False, *, with_transcript: bool = True
) -> Report:
    """The whole probe: verdict, connection, meaning of the decisive reply, TLS,
    capabilities, steps, and the transcript (left out by the CLI, which streamed it)."""
    connection: list[tuple[Inline, Inline]] = [
        (_label("server"), Outside(result.host or result.target))
    ]
    if result.address:
        family = result.family or "-"
        connection.append(
            (_label("address"), (Outside(result.address), *_bracketed(family, lang, family)))
        )
    connection.append((_label("port"), str(result.port)))
    if result.mx_hosts:
        connection.append((_label("mx_hosts"), _listed(result.mx_hosts, lang)))
    blocks: list[Block] = [
        verdict(result, lang),
        Heading(_label("connection")),
        Rows.of(*connection),
    ]
    reply = result.last_reply
    if reply is not None and not reply.positive:
        blocks += meaning(reply, lang)
    if result.tls is not None:
        blocks += tls_blocks(result.tls, lang)
    blocks += capability_blocks(result.capabilities, lang)
    blocks += [Heading(_label("steps")), _steps_table(result, lang, reveal)]
    if with_transcript:
        blocks += [Heading(_label("transcript")), transcript(result.lines(), lang, reveal)]
    if not reveal and any(step.secret_command for step in result.steps):
        blocks.append(Paragraph(_label("masked")))
    return Report(_label("probe_result"), tuple(blocks), lang)


def step_report(step: ProbeStep, result: ProbeResult | None, lang: str) -> Report:
    """One step, secrets masked: what was sent, the reply, the time, what it means; the
    EHLO step lists the extensions, the TLS step (once ``result`` is known) the TLS facts."""
    rows: list[tuple[Inline, Inline]] = []
    if step.command and step.kind not in (StepKind.CONNECT, StepKind.TLS):
        rows.append((_label("sent"), Outside(step.command)))
    if step.reply is not None:
        wire = Outside("\n".join(step.reply.wire_lines()))
        rows.append((_label("reply"), Marked(wire, reply_severity(step.reply))))
    rows.append((_label("time"), _label("ms", ms=f"{step.ms:.1f}")))
    if step.decoded is not None:
        rows.append((_label("decoded"), Outside(step.decoded)))
    blocks: list[Block] = [Rows.of(*rows)]
    if step.error is not None:
        blocks.append(Verdict(step.error.text(lang), Severity.ERROR))
    blocks += [Paragraph(note.text(lang)) for note in step.notes]
    if step.reply is not None:
        blocks += meaning(step.reply, lang)
        if step.kind is StepKind.EHLO:
            blocks += capability_blocks(parse_capabilities(step.reply), lang)
    if step.kind is StepKind.TLS and result is not None and result.tls is not None:
        blocks += tls_blocks(result.tls, lang)
    return Report(step_title(step), tuple(blocks), lang)


def steps_report(steps: tuple[ProbeStep, ...], lang: str) -> Report:
    """A probe that has not finished (still running, cancelled, failed): its transcript so
    far, secrets masked."""
    lines = tuple(line for step in steps for line in step.lines)
    return Report(_label("transcript"), (transcript(lines, lang),), lang)
