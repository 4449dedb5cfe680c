"""Residents' questionnaires: the records."""
