"""DNS: the resolver configuration (one owner: ``resolver.resolver_config``), lookups with
their outcomes, the one DNS engine that runs them in parallel (``engine``), resolution that
ends by a deadline.

May import: ``text`` and dnspython.
"""
