"""Funding and partners in the JSON API."""

from ninja import Router

router = Router(tags=["funding"])
