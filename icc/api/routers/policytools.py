"""Policy self-assessment tools in the JSON API."""

from ninja import Router

router = Router(tags=["policy self-assessment"])
