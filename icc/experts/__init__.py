"""Experts and expert visits: the pool, assignments, visits and the intercultural profile (issue 19)."""
