"""Message headers read offline: the Received path, the receiver's authentication results,
the identity fields and the providers' spam verdicts, and the report of them.

``source`` (bytes of a paste, .eml, mbox, .txt or Outlook .msg -> a header block), ``msg``
(the transport headers of a .msg), ``fields`` (lenient unfolding, encoded words),
``received`` (one Received field), ``path`` (the hops, delays, clock skew, the entry hop),
``authres_parse`` (Authentication-Results, RFC 8601, with a lenient fallback), ``auth``
(SPF, DKIM, DMARC, ARC, BIMI as the receiver judged them, and trust), ``identity``,
``provider_verdicts``, ``analysis`` (all of it), ``verdict`` and ``report``.

May import: ``text``, ``report``, ``diagnose`` (providers, byte decoding), ``records``
(organizational domains), the shared leaves and the standard library; ``authres`` and
``olefile``. Never Qt; nothing here touches the network.
"""
