"""Importing ``_load.<backend>`` binds that backend's class to its framework (once)."""
