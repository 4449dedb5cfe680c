"""Funding and partners: the records."""
