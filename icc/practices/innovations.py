"""Spreading tested innovations: the services and reads of the adoption of an innovation by cities.

Stages (ADOPTION_WORKFLOW): interested -> initiated (training, resources received) -> running -> evaluated;
a city may go from interested straight to running. A stage recorded by mistake is undone one step back
with a correction. Each stage keeps its date; a city counts as a *new adopter* once initiated (or later)
on or after the innovation's `counts_from` day, and the target is that many new adopters by
`target_date`. Interested cities are the pipeline.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from icc.accounts.models import User
from icc.accounts.selectors import user_roles_summary
from icc.core.history import reason, record_change
from icc.core.workflow import Workflow
from icc.network.models import City, CityStatus
from icc.practices.models import STAGE_DATES, Adoption, AdoptionStage, Innovation
from icc.public.map import CANDIDATE, MEMBER, MapCity, MapView, network_map

ADOPTION_WORKFLOW = Workflow(
    name="adoption of an innovation",
    labels=dict(AdoptionStage.choices),
    transitions={
        AdoptionStage.INTERESTED: [AdoptionStage.INITIATED, AdoptionStage.RUNNING],
        AdoptionStage.INITIATED: [AdoptionStage.RUNNING],
        AdoptionStage.RUNNING: [AdoptionStage.EVALUATED],
        AdoptionStage.EVALUATED: [],
    },
    corrections={
        AdoptionStage.INITIATED: [AdoptionStage.INTERESTED],
        AdoptionStage.RUNNING: [AdoptionStage.INITIATED, AdoptionStage.INTERESTED],
        AdoptionStage.EVALUATED: [AdoptionStage.RUNNING],
    },
)
ORDER = list(AdoptionStage.values)
ADOPTED = (AdoptionStage.INITIATED, AdoptionStage.RUNNING, AdoptionStage.EVALUATED)


def adoption_record(
    *,
    by: User,
    innovation: Innovation,
    city: City,
    stage: str,
    on: datetime.date,
    evidence: str = "",
    evidence_url: str = "",
    correction: bool = False,
) -> Adoption:
    """Record that `city` reached `stage` on `on` (a new adoption may start at any stage); with
    `correction`, undo a stage recorded by mistake (its date is cleared)."""
    if not user_roles_summary(by).secretariat:
        raise PermissionDenied
    if stage not in AdoptionStage.values:
        raise ValidationError({"stage": _("Choose one of the stages.")})
    if on > timezone.localdate():
        raise ValidationError({"on": _("The day cannot be in the future.")})
    with transaction.atomic():
        adoption = Adoption.objects.select_for_update().filter(innovation=innovation, city=city).first()
        if adoption is None:
            adoption = Adoption(innovation=innovation, city=city, stage=stage)
        else:
            ADOPTION_WORKFLOW.check(adoption.stage, stage, correction=correction)
            if correction:
                for later in ORDER[ORDER.index(stage) + 1 :]:
                    setattr(adoption, STAGE_DATES[AdoptionStage(later)], None)
            adoption.stage = stage
        earlier = [adoption.interested_on, adoption.initiated_on, adoption.running_since][
            : ORDER.index(stage)
        ]
        if not correction and any(day and day > on for day in earlier):
            raise ValidationError({"on": _("This stage cannot come before the city's earlier stages.")})
        setattr(adoption, STAGE_DATES[AdoptionStage(stage)], on)
        if evidence.strip():
            adoption.evidence = evidence.strip()
        if evidence_url.strip():
            adoption.evidence_url = evidence_url.strip()
        adoption.full_clean()
        code = "practices.adoption_corrected" if correction else "practices.adoption_stage"
        record_change(adoption, by=by, reason=reason(code, stage=stage))
        adoption.save()
    return adoption


# ------------------------------------------------------------------------------------------------ reads


@dataclass
class InnovationPage:
    innovation: Innovation
    adoptions: list[Adoption]
    by_stage: list[tuple[str, int]]
    new_adopters: int
    pipeline: list[Adoption]
    map: MapView | None

    @property
    def percent(self) -> int:
        target = self.innovation.target_cities
        return min(100, round(100 * self.new_adopters / target)) if target else 0

    @property
    def to_go(self) -> int:
        return max(0, self.innovation.target_cities - self.new_adopters)


def is_new_adopter(adoption: Adoption, counts_from: datetime.date) -> bool:
    started = adoption.started_on
    return adoption.stage in ADOPTED and started is not None and started >= counts_from


def innovation_page(innovation: Innovation, *, public: bool) -> InnovationPage:
    """The adopters (public: only the cities the public site shows), counts per stage, new adopters against
    the target, the pipeline and the map of adopting cities."""
    adoptions = list(innovation.adoptions.select_related("city"))
    if public:
        shown = set(City.objects.public().values_list("pk", flat=True))
        adoptions = [a for a in adoptions if a.city_id in shown]
    adoptions.sort(key=lambda a: (-ORDER.index(a.stage), a.city.name))
    counts = {stage: 0 for stage in ORDER}
    for adoption in adoptions:
        counts[adoption.stage] += 1
    labels = dict(AdoptionStage.choices)
    statuses = {CityStatus.MEMBER: MEMBER, CityStatus.CANDIDATE: CANDIDATE}
    points = [
        MapCity(
            a.city.name,
            a.city.slug,
            a.city.country,
            statuses[CityStatus(a.city.status)],
            float(a.city.latitude),
            float(a.city.longitude),
        )
        for a in adoptions
        if a.stage in ADOPTED
        and a.city.status in statuses
        and a.city.latitude is not None
        and a.city.longitude is not None
    ]
    view = (
        network_map(points, url_for=lambda c: reverse("public:city_detail", args=[c.slug]))
        if points
        else None
    )
    return InnovationPage(
        innovation=innovation,
        adoptions=adoptions,
        by_stage=[(str(labels[stage]), counts[stage]) for stage in ORDER],
        new_adopters=sum(is_new_adopter(a, innovation.counts_from) for a in adoptions),
        pipeline=[a for a in adoptions if a.stage == AdoptionStage.INTERESTED],
        map=view,
    )
