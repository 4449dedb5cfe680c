"""What the Index asks of each person now (icc.core.attention): the secretariat's review queue and rounds
near their deadline; a city's unassigned sections, open questions, returned response, deadline and
publication decision; a contributor's sections; a national network coordinator's cities' Index status.
Each contributor reads a fixed number of queries, whatever the number of cities."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from icc.core.attention import AttentionItem, contributes
from icc.index.models import (
    EDITABLE_STATUSES,
    Answer,
    CommentThread,
    Response,
    ResponseStatus,
    Round,
    RoundScores,
    RoundStatus,
    SectionAssignment,
    ThreadStatus,
)
from icc.index.selectors.entry import is_blank
from icc.index.structure import structure_of

# A round is "near its deadline" on the secretariat's list this many days before it.
ROUND_DEADLINE_WARNING = datetime.timedelta(days=14)
_DONE = [ResponseStatus.SUBMITTED, ResponseStatus.VALIDATED]


@contributes
def secretariat_items(user: Any, summary: Any) -> Iterator[AttentionItem]:
    if not summary.secretariat:
        return
    # Responses waiting for review, per round (one query).
    for row in (
        Response.objects.filter(status=ResponseStatus.SUBMITTED)
        .order_by()
        .values("round_id", "round__name")
        .annotate(n=Count("pk"), oldest=Min("submitted_at"))
    ):
        yield AttentionItem(
            key="index.review",
            label=ngettext(
                "%(round)s: %(n)s response submitted and waiting for review",
                "%(round)s: %(n)s responses submitted and waiting for review",
                row["n"],
            )
            % {"round": row["round__name"], "n": row["n"]},
            count=row["n"],
            oldest=row["oldest"],
            url=reverse("index:round_detail", args=[row["round_id"]]) + "?status=submitted",
        )
    # Conversations a city answered (one query; the link opens the oldest one's review page).
    threads = (
        CommentThread.objects.filter(status=ThreadStatus.ANSWERED)
        .order_by("updated")
        .values_list("response_id", "updated")
    )
    answered = list(threads[:1])
    if answered:
        n = CommentThread.objects.filter(status=ThreadStatus.ANSWERED).count()
        yield AttentionItem(
            key="index.threads_answered",
            label=ngettext("%(n)s question a city answered", "%(n)s questions cities answered", n) % {"n": n},
            count=n,
            oldest=answered[0][1],
            url=reverse("index:response_review", args=[answered[0][0]]),
            detail=_("The link opens the oldest."),
        )
    # Open rounds near their deadline, with their completion (one query).
    today = timezone.localdate()
    for round_ in (
        Round.objects.filter(status=RoundStatus.OPEN, deadline__lte=today + ROUND_DEADLINE_WARNING)
        .annotate(n=Count("responses"), done=Count("responses", filter=Q(responses__status__in=_DONE)))
        .order_by("deadline")
    ):
        if round_.n == round_.done:
            continue
        yield AttentionItem(
            key="index.round_deadline",
            label=_("%(round)s closes soon: %(done)s of %(n)s cities have submitted")
            % {"round": round_.name, "done": round_.done, "n": round_.n},
            count=round_.n - round_.done,
            due=round_.deadline,
            url=reverse("index:round_detail", args=[round_.pk]),
        )
    # Rounds not yet published whose statistical audit flags something to look at first (one query, reading
    # only the audit's flags, not the whole document).
    for flags in (
        RoundScores.objects.filter(round__results_published_at__isnull=True)
        .order_by("computed_at")
        .values(
            "round_id",
            "round__name",
            "computed_at",
            "audit__data__patterns",
            "audit__correlations__redundant",
            "audit__correlations__conflicts",
        )
    ):
        patterns = len(flags["audit__data__patterns"] or [])
        pairs = (flags["audit__correlations__redundant"] or 0) + (
            flags["audit__correlations__conflicts"] or 0
        )
        if not patterns and not pairs:
            continue
        yield AttentionItem(
            key="index.audit_flags",
            label=_("%(round)s: before publishing, the statistical audit flags %(patterns)s and %(pairs)s")
            % {
                "round": flags["round__name"],
                "patterns": ngettext(
                    "%(n)s unusual answer pattern", "%(n)s unusual answer patterns", patterns
                )
                % {"n": patterns},
                "pairs": ngettext("%(n)s pair of areas", "%(n)s pairs of areas", pairs) % {"n": pairs},
            },
            count=patterns + pairs,
            oldest=flags["computed_at"],
            url=reverse("index:round_audit", args=[flags["round_id"]]),
            detail=_("Redundant or conflicting areas and answers worth a second look: not errors, checks."),
        )


@contributes
def city_items(user: Any, summary: Any) -> Iterator[AttentionItem]:
    """For a city's coordinator: what the city must do in its open responses."""
    if not summary.coordinated_city_ids:
        return
    responses = list(
        Response.objects.filter(city_id__in=summary.coordinated_city_ids, round__status=RoundStatus.OPEN)
        .select_related("city", "round__questionnaire")
        .defer("round__questionnaire__document")
        .order_by("deadline", "city__name")
    )
    # Sections without anyone assigned (one query for the assignments of every response).
    assigned: dict[int, set[str]] = defaultdict(set)
    editable = [r for r in responses if r.status in EDITABLE_STATUSES]
    for response_id, area in SectionAssignment.objects.filter(response__in=editable).values_list(
        "response_id", "area"
    ):
        assigned[response_id].add(area)
    today = timezone.localdate()
    for response in editable:
        url = reverse("index:response_detail", args=[response.pk])
        areas = structure_of(response.round.questionnaire).areas
        free = [area for area in areas if area.id not in assigned[response.pk]]
        if free:
            yield AttentionItem(
                key="index.unassigned",
                label=ngettext(
                    "%(city)s · %(round)s: %(n)s section without anyone assigned",
                    "%(city)s · %(round)s: %(n)s sections without anyone assigned",
                    len(free),
                )
                % {"city": response.city.name, "round": response.round.name, "n": len(free)},
                count=len(free),
                oldest=response.created,
                url=url,
                detail=", ".join(area.title() for area in free[:4]) + (" …" if len(free) > 4 else ""),
            )
        if response.status == ResponseStatus.RETURNED:
            yield AttentionItem(
                key="index.returned",
                label=_("%(city)s · %(round)s: the secretariat returned the response for revision")
                % {"city": response.city.name, "round": response.round.name},
                count=1,
                oldest=response.updated,
                url=url,
                detail=response.review_note,
            )
        yield AttentionItem(
            key="index.deadline",
            label=(
                _("%(city)s · %(round)s: the deadline has passed")
                if response.deadline < today
                else _("%(city)s · %(round)s: submit the response by its deadline")
            )
            % {"city": response.city.name, "round": response.round.name},
            count=1,
            due=response.deadline,
            url=url,
        )
    # Open review questions of the secretariat, per response (one query).
    for row in (
        CommentThread.objects.filter(
            response__city_id__in=summary.coordinated_city_ids, status=ThreadStatus.OPEN
        )
        .order_by()
        .values("response_id", "response__city__name", "response__round__name")
        .annotate(n=Count("pk"), oldest=Min("created"))
    ):
        yield AttentionItem(
            key="index.open_threads",
            label=ngettext(
                "%(city)s · %(round)s: %(n)s open question from the secretariat",
                "%(city)s · %(round)s: %(n)s open questions from the secretariat",
                row["n"],
            )
            % {"city": row["response__city__name"], "round": row["response__round__name"], "n": row["n"]},
            count=row["n"],
            oldest=row["oldest"],
            url=reverse("index:response_detail", args=[row["response_id"]]),
        )
    # Publication decisions the city has not taken on its validated responses (one query).
    for response in (
        Response.objects.filter(
            city_id__in=summary.coordinated_city_ids,
            status=ResponseStatus.VALIDATED,
            publication_decided_at__isnull=True,
        )
        .select_related("city", "round")
        .order_by("validated_at")
    ):
        yield AttentionItem(
            key="index.publication",
            label=_("%(city)s · %(round)s: decide whether the results may be published")
            % {"city": response.city.name, "round": response.round.name},
            count=1,
            oldest=response.validated_at,
            url=reverse("index:response_publication", args=[response.pk]),
        )


@contributes
def contributor_items(user: Any, summary: Any) -> Iterator[AttentionItem]:
    """For anyone with sections assigned: "your 3 sections, 14 questions left", per response."""
    if not summary.city_ids:
        return
    mine: dict[int, list[SectionAssignment]] = defaultdict(list)
    for assignment in (
        SectionAssignment.objects.filter(
            user=user,
            response__city_id__in=summary.city_ids,
            response__round__status=RoundStatus.OPEN,
            response__status__in=list(EDITABLE_STATUSES),
        )
        .select_related("response__city", "response__round__questionnaire")
        .defer("response__round__questionnaire__document")
        .order_by("created")
    ):
        mine[assignment.response_id].append(assignment)
    if not mine:
        return
    answers: dict[int, dict[str, Any]] = defaultdict(dict)
    for response_id, question, value in Answer.objects.filter(response_id__in=list(mine)).values_list(
        "response_id", "question", "value"
    ):
        answers[response_id][question] = value
    for response_id, assignments in mine.items():
        response = assignments[0].response
        structure = structure_of(response.round.questionnaire)
        areas = {a.area for a in assignments}
        given = answers[response_id]
        left = sum(
            1
            for area in structure.areas
            if area.id in areas
            for q in area.questions
            if structure.is_shown(q, given) and is_blank(q.type, given.get(q.id))
        )
        if not left:
            continue
        sections = ngettext("your %(n)s section", "your %(n)s sections", len(areas)) % {"n": len(areas)}
        questions = ngettext("%(n)s question left", "%(n)s questions left", left) % {"n": left}
        only = assignments[0].area if len(areas) == 1 else None
        yield AttentionItem(
            key="index.my_sections",
            label=f"{response.city.name} · {response.round.name}: {sections}, {questions}",
            count=left,
            oldest=assignments[0].created,
            due=response.deadline,
            url=(
                reverse("index:response_section", args=[response.pk, only])
                if only
                else reverse("index:response_detail", args=[response.pk])
            ),
            detail=", ".join(area.title() for area in structure.areas if area.id in areas),
        )


@contributes
def network_items(user: Any, summary: Any) -> Iterator[AttentionItem]:
    """For a national network's coordinator: the Index status of the network's cities in open rounds."""
    if not summary.coordinated_network_ids:
        return
    from icc.network.models import NationalNetwork

    for network in (
        NationalNetwork.objects.filter(pk__in=summary.coordinated_network_ids)
        .annotate(
            n=Count(
                "cities__index_responses",
                filter=Q(cities__index_responses__round__status=RoundStatus.OPEN),
            ),
            done=Count(
                "cities__index_responses",
                filter=Q(
                    cities__index_responses__round__status=RoundStatus.OPEN,
                    cities__index_responses__status__in=_DONE,
                ),
            ),
            oldest=Min(
                "cities__index_responses__deadline",
                filter=Q(cities__index_responses__round__status=RoundStatus.OPEN),
            ),
        )
        .order_by("slug")
    ):
        yield AttentionItem(
            key="index.network_status",
            label=_("%(network)s: %(done)s of %(n)s cities have submitted their Index questionnaire")
            % {"network": network.name, "done": network.done, "n": network.n},
            count=network.n - network.done,
            due=network.oldest,
            url=reverse("index:network_status", args=[network.slug]),
            detail=_("Each city's status, with a link to the city."),
        )
