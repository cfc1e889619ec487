"""Text: the app's two languages, its translated prose, and text from outside made safe.

``bilingual`` (one piece of prose in English and Chinese), ``messages`` (the prose in
resources/messages/), ``safe_text`` (control characters and bidi overrides made visible, for the
window and the terminal), ``html_text`` (HTML bodies reduced to text), ``base64text`` (tolerant
Base64), ``digits`` (numbers from outside), ``taglist`` (``tag=value`` lists of DKIM, DMARC and
MTA-STS), ``errors`` (the one input-error type).

May import: the standard library and ``smtp_gui.core.resources`` only.
"""
