"""Message headers read offline: the Received path, the receiver's authentication results,
the identity fields and the providers' spam verdicts, and the report of them.

``source`` (bytes of a paste, .eml, mbox, .txt or Outlook .msg -> a header block), ``msg``
(the transport headers of a .msg), ``fields`` (lenient unfolding, encoded words),
``received`` (one Received field), ``path`` (the hops, delays, clock skew, the entry hop),
``authres_parse`` (Authentication-Results, RFC 8601, with a lenient fallback), ``auth``
(SPF, DKIM, DMARC, ARC, BIMI as the receiver judged them, and trust), ``identity``,
``provider_verdicts``, ``analysis`` (all of it), ``verdict`` and ``report``. On request only,
``verification`` re-checks the authentication over DNS (``dkim_verify``: each signature and
why it fails; the ARC chain; SPF; DMARC alignment) and ``verification_report`` says it.

May import: ``text``, ``report``, ``dns``, ``diagnose`` (providers, byte decoding), ``spf``
(the evaluator), ``records`` (organizational domains, DMARC, DKIM keys), the shared leaves and
the standard library; ``authres``, ``olefile`` and ``dkimpy``. Never Qt; nothing but
``verification`` (and the ``dkim_verify`` it calls) touches the network.
"""
