"""Writes of the methodology registries (REG-2, REG-3), one module per concept:

- ``products``: methodological products — the registry entry, its submission to the expert
  council and back, publication, implementations;
- ``reviews``: the expert council — its members and rule, review rounds, experts' verdicts;
- ``practices``: best practices — proposal, the RC's analysis, submission for replication;
- ``replications``: where a submitted practice was replicated.

Views, the API, importers and the demo call these; each checks the permission, validates,
saves through the write path (``resurs.kernel.writes``) and writes the audit trail.
"""
