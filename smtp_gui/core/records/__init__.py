"""The domain's mail records: MX, DMARC, DKIM keys, PTR/FCrDNS, MTA-STS, TLS-RPT, BIMI, DANE,
the SPF row, and the domain check that runs them all.

May import: every package above except ``probe``.
"""
