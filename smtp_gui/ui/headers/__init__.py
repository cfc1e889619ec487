"""The Headers pane: a message's headers read offline (path, authentication, identity,
provider verdicts) and, on request, verified over DNS in the background.

``pane`` (the tab), ``hops_model`` (the Received hops as a table, delays drawn to scale),
``auth_badges`` (each Authentication-Results as pass/fail badges with its source).
"""
