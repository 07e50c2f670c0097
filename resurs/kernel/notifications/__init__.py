"""X-5: notifications — the in-app inbox, e-mail and an SMS/messenger channel behind one
``notify(...)`` call, the reminder ledger (each reminder stage sent once) and who must act on
something by appointment (ORG-4). Knows no domain: the coordination and case-work apps call it.
"""
