"""Evaluations of strategies' implementation: the records."""
