"""What every DNS check returns: its status, its findings (sentences with RFC sections), and
the reports of one check and of a domain's checks (``report.py``, in the report model).

May import: ``text``, ``report``, ``dns``.
"""
