"""Residents' questionnaires in the JSON API."""

from ninja import Router

router = Router(tags=["residents' surveys"])
