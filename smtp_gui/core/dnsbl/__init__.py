"""Blocklists (RFC 5782): the zones the app knows, the queries, the meaning of answers, summaries
and the reports of a check.

May import: ``text``, ``report``, ``dns``, ``codes``, ``checks``.
"""
