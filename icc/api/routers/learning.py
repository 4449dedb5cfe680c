"""The initiation course in the JSON API."""

from ninja import Router

router = Router(tags=["initiation course"])
