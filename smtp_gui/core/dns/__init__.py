"""DNS: the resolver configuration (one owner), lookups with their outcomes, the pools that
run them, resolution that ends by a deadline.

May import: ``text`` and dnspython.
"""
