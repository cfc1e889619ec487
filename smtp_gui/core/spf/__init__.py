"""SPF (RFC 7208): records, macros, ``check_host()`` with a trace, static analysis.

May import: ``text``, ``report``, ``dns``, ``checks``.
"""
