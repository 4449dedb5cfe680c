"""News and the newsletter in the JSON API."""

from ninja import Router

router = Router(tags=["news"])
