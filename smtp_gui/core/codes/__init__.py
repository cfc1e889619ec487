"""Reply codes: the catalogue of every basic and enhanced code, parsing, phases, comparison.

May import: ``text``, ``report``.
"""
