"""Evidence of impact in the JSON API."""

from ninja import Router

router = Router(tags=["impact"])
