"""What the news and the newsletter ask of the secretariat ("needs you"): news drafts to publish, issues
composed and not sent, a send that stopped before the end."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from icc.core.attention import AttentionItem, contributes
from icc.outreach import selectors


@contributes
def outreach_items(user: Any, summary: Any) -> list[AttentionItem]:
    if not summary.secretariat:
        return []
    waiting = selectors.drafts_waiting()
    items = []
    if waiting["news"]["n"]:
        items.append(
            AttentionItem(
                label=ngettext("News draft to publish", "News drafts to publish", waiting["news"]["n"]),
                count=waiting["news"]["n"],
                url=reverse("outreach:news_list"),
                oldest=waiting["news"]["oldest"],
                key="outreach.news_drafts",
            )
        )
    if waiting["issues"]["n"]:
        items.append(
            AttentionItem(
                label=ngettext(
                    "Newsletter issue composed and not sent",
                    "Newsletter issues composed and not sent",
                    waiting["issues"]["n"],
                ),
                count=waiting["issues"]["n"],
                url=reverse("outreach:newsletter"),
                oldest=waiting["issues"]["oldest"],
                key="outreach.issue_drafts",
            )
        )
    for issue in waiting["stopped"]:
        items.append(
            AttentionItem(
                label=_("A newsletter send stopped before the end: resume it"),
                count=1,
                url=reverse("outreach:issue_detail", args=[issue.pk]),
                oldest=issue.updated,
                detail=str(issue),
                key=f"outreach.send_stopped.{issue.pk}",
            )
        )
    return items
