"""Diagnosis of pasted text: replies, DSNs (RFC 3464), bounce formats of each MTA, parties,
providers, blocklists named, and the advice that follows.

May import: ``text``, ``report``, ``codes``.
"""
