"""Evaluations of strategies' implementation in the JSON API."""

from ninja import Router

router = Router(tags=["strategy evaluations"])
