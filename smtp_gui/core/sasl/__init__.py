"""SASL (RFC 4954 AUTH): decoding every mechanism of an exchange, LOGIN, PLAIN, CRAM-MD5,
XOAUTH2, OAUTHBEARER, DIGEST-MD5, SCRAM, NTLM; transcripts; encoders for hand-typed sessions.

May import: ``text``, ``report``.
"""
