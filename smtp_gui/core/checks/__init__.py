"""What every DNS check returns: its status, its findings (sentences with RFC sections) and
the plain-text report of a check.

May import: ``text``, ``report``, ``dns``.
"""
