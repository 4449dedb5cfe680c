"""Video links a lesson may embed: only hosts of an allow-list, each shown as a plain link and as an embed on
the host's privacy-respecting player (no cookies before play: youtube-nocookie.com, Vimeo's dnt=1). Pure:
no Django."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

ALLOWED_HOSTS = ("youtube.com", "www.youtube.com", "youtu.be", "vimeo.com", "www.vimeo.com")
_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")


@dataclass(frozen=True)
class Video:
    link: str
    embed: str
    host: str


def parse_video(url: str) -> Video | None:
    """The video of an allowed host, or None for any other address (the service refuses it)."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" or host not in ALLOWED_HOSTS:
        return None
    if host.endswith("youtube.com"):
        video_id = (parse_qs(parts.query).get("v") or [""])[0]
        if not video_id and parts.path.startswith("/embed/"):
            video_id = parts.path.removeprefix("/embed/")
    elif host == "youtu.be":
        video_id = parts.path.strip("/")
    else:
        video_id = parts.path.strip("/").split("/")[0]
        if not video_id.isdigit():
            return None
        return Video(
            link=f"https://vimeo.com/{video_id}",
            embed=f"https://player.vimeo.com/video/{video_id}?dnt=1",
            host="Vimeo",
        )
    if not _ID.match(video_id):
        return None
    return Video(
        link=f"https://www.youtube.com/watch?v={video_id}",
        embed=f"https://www.youtube-nocookie.com/embed/{video_id}",
        host="YouTube",
    )
