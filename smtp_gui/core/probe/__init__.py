"""The live SMTP probe (RFC 5321, 3207, 4954): target and MX lookup, the dialogue up to RCPT TO
(never DATA), TLS facts, AUTH, the session's summary and report.

May import: every other core package.
"""
