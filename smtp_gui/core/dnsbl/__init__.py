"""Blocklists (RFC 5782): the zones the app knows, the queries, the meaning of answers, summaries.

May import: ``text``, ``report``, ``dns``, ``codes``, ``checks``.
"""
