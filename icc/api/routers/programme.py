"""The programme's objectives, targets and risks in the JSON API."""

from ninja import Router

router = Router(tags=["programme"])
