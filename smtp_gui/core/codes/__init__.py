"""Reply codes: the catalogue of every basic and enhanced code, parsing, phases, comparison,
and the reports that lay out one code or two side by side (``report``).

May import: ``text``, ``report``.
"""
