"""City strategies and results-based accountability in the JSON API."""

from ninja import Router

router = Router(tags=["city strategies"])
