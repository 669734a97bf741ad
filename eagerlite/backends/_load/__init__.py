"""Importing ``_load.<backend>`` binds that backend's class to its framework (once) and
builds its Array API namespaces: in an import, which ``torch.compile`` runs as it is, so
the first ``astensor`` or ``array_namespace`` may be inside compiled code."""
