"""Scores of validated responses, computed by the engine (icc.index.scoring) and stored for the pages.

The sample: a city is scored, ranked and compared within its round, among every validated response of
that round. All of them answered the same questionnaire version, so they are comparable; a city whose
response is reopened leaves the sample until it is validated again. Progress across rounds (and across
versions) is read from the stored scores of each round (selectors/scores.py).

The round's validated responses go through `round_interchange`, the converter the round's JSON export
uses, and then through the engine exactly as the offline command (`icc index score`) runs it: the same
data gives the same document, which a test proves. `round_scores_compute` stores the whole document,
the rank robustness and the statistical audit (icc.index.audit) on `RoundScores` and each city's
entry on its response's `ResponseScore`, in one transaction, and returns what changed. Validating and
reopening a response run it inside their own transaction (`round_scores_update`), so that the stored
scores never disagree with the validated responses; `icc index recompute` and the round's scores page
run it on request.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from icc.accounts.models import User
from icc.core.public_version import public_content_changed
from icc.index.audit import AUDIT_VERSION, audit
from icc.index.models import Response, ResponseScore, ResponseStatus, Round, RoundScores
from icc.index.scoring import (
    ENGINE_VERSION,
    ScoringInputError,
    parse_responses,
    robustness,
    score,
)
from icc.index.services.exchange.rounds import _round_responses, round_interchange
from icc.index.structure import structure_of

logger = logging.getLogger(__name__)

# Rank robustness as `icc index score --robustness` computes it by default: the same runs and seed, so
# the stored intervals can be reproduced offline.
ROBUSTNESS_RUNS = 1000
ROBUSTNESS_SEED = 0
# The statistical audit draws the same Monte Carlo weights (same runs and seed) as the robustness, so
# `icc index audit` on the round's export gives the stored audit.
AUDIT_RUNS = ROBUSTNESS_RUNS
AUDIT_SEED = ROBUSTNESS_SEED


@dataclass(frozen=True)
class CityChange:
    """A city whose aggregate or sample rank changed, or that joined or left the sample."""

    response_id: int
    city: str
    aggregate_before: float | None
    aggregate_after: float | None
    rank_before: int | None
    rank_after: int | None
    joined: bool = False  # not in the sample before
    left: bool = False  # not in the sample any more


@dataclass
class RecomputeResult:
    round: Round
    computed: bool  # False: the stored scores were up to date and were left alone
    cities: int = 0  # in the sample
    changes: list[CityChange] = field(default_factory=list)


def _validated(round_: Round) -> list[Response]:
    # The order of the round's JSON export, so that the stored document lists the cities as the
    # offline command does when it scores that export.
    return _round_responses(round_, (ResponseStatus.VALIDATED,))


def _is_stale(round_: Round, responses: list[Response], stored: dict[int, ResponseScore]) -> bool:
    # Whether the stored audit is of this version, asked of the database: the audit itself is large.
    audited = ExpressionWrapper(Q(audit__version=AUDIT_VERSION), output_field=BooleanField())
    saved = (
        RoundScores.objects.filter(round=round_)
        .only("engine_version", "questionnaire")
        .annotate(audited=audited)
        .first()
    )
    if (
        saved is None
        or saved.engine_version != ENGINE_VERSION
        or saved.questionnaire != round_.questionnaire.key
        or not saved.audited
    ):
        return True
    current = {r.pk: r.validated_at for r in responses}
    return current != {pk: s.validated_at for pk, s in stored.items()}


def _unique_names(document: dict[str, Any], responses: list[Response]) -> None:
    """The format names a response by its city; two cities of one name in one country would clash."""
    counts = Counter(item["city"] for item in document["responses"])
    for item, response in zip(document["responses"], responses, strict=True):
        if counts[item["city"]] > 1:
            item["city"] = f"{item['city']} #{response.pk}"


def round_scores_document(round_: Round, responses: list[Response]) -> dict[str, Any]:
    """The interchange "Responses" document of these responses of the round (what the engine reads)."""
    document = round_interchange(round_, responses=responses)
    _unique_names(document, responses)
    return document


@transaction.atomic
def round_scores_compute(
    *, round: Round, by: User | None = None, only_if_stale: bool = False
) -> RecomputeResult:
    """Score the round's validated responses and store the scores; return the cities whose aggregate or
    rank changed. `only_if_stale`: do nothing when the stored scores are those of the same validated
    responses and engine version (several validations in one transaction schedule it several times)."""
    # One computation per round at a time: a later one reads what an earlier one did not see.
    round_ = Round.objects.select_for_update().select_related("questionnaire").get(pk=round.pk)
    responses = _validated(round_)
    stored = {s.response_id: s for s in ResponseScore.objects.filter(response__round=round_)}
    if only_if_stale and not _is_stale(round_, responses, stored):
        return RecomputeResult(round=round_, computed=False, cities=len(responses))

    questionnaire = structure_of(round_.questionnaire).parsed
    try:
        parsed = parse_responses(round_scores_document(round_, responses), questionnaire)
    except ScoringInputError as exc:
        # Validated answers passed the same checks when they were saved; this means a broken record.
        raise ValidationError(
            _("The scores of %(round)s cannot be computed: %(problems)s")
            % {"round": round_, "problems": "; ".join(str(p) for p in exc.problems)}
        ) from exc
    scores = score(questionnaire, parsed)
    robust = robustness(questionnaire, parsed, runs=ROBUSTNESS_RUNS, seed=ROBUSTNESS_SEED)
    audited = audit(questionnaire, parsed, runs=AUDIT_RUNS, seed=AUDIT_SEED)
    document = scores.to_dict()
    now = timezone.now()
    RoundScores.objects.update_or_create(
        round=round_,
        defaults={
            "questionnaire": questionnaire.id,
            "engine_version": ENGINE_VERSION,
            "computed_at": now,
            "document": document,
            "robustness": robust.to_dict(),
            "audit": audited.to_dict(),
        },
    )
    # The document lists the cities in the order of the responses it was computed from.
    entries = document["cities"]
    ResponseScore.objects.filter(response__round=round_).delete()
    ResponseScore.objects.bulk_create(
        [
            ResponseScore(
                response=response,
                questionnaire=questionnaire.id,
                engine_version=ENGINE_VERSION,
                computed_at=now,
                validated_at=response.validated_at,
                scores=entry,
            )
            for response, entry in zip(responses, entries, strict=True)
        ]
    )
    public_content_changed()  # bulk_create sends no signal: the public pages must show the new scores
    changes = _changes(stored, responses, entries)
    logger.info(
        "index scores of round %s computed: %s cities, %s changed", round_.pk, len(responses), len(changes)
    )
    return RecomputeResult(round=round_, computed=True, cities=len(responses), changes=changes)


def _headline(entry: Mapping[str, Any] | None) -> tuple[float | None, int | None]:
    """A city's aggregate and sample rank in a scores entry; (None, None) when not in the sample."""
    if entry is None:
        return None, None
    return entry.get("aggregate"), entry.get("rank", {}).get("sample")


def _changes(
    stored: dict[int, ResponseScore], responses: list[Response], entries: list[dict[str, Any]]
) -> list[CityChange]:
    after = {r.pk: e for r, e in zip(responses, entries, strict=True)}
    changes = []
    for pk in [*after, *(pk for pk in stored if pk not in after)]:
        before = stored[pk].scores if pk in stored else None
        entry = after.get(pk)
        old, new = _headline(before), _headline(entry)
        if before is not None and entry is not None and old == new:
            continue
        changes.append(
            CityChange(
                response_id=pk,
                city=str((entry or before or {}).get("city", "")),
                aggregate_before=old[0],
                aggregate_after=new[0],
                rank_before=old[1],
                rank_after=new[1],
                joined=before is None,
                left=entry is None,
            )
        )
    return sorted(changes, key=lambda c: c.city)


def rounds_recompute(*, rounds: list[Round] | None = None, by: User | None = None) -> list[RecomputeResult]:
    """Recompute the given rounds, or every round with a validated response or stored scores."""
    if rounds is None:
        rounds = list(
            Round.objects.filter(Q(responses__status=ResponseStatus.VALIDATED) | Q(scores__isnull=False))
            .distinct()
            .order_by("opens_on", "pk")
        )
    return [round_scores_compute(round=round_, by=by) for round_ in rounds]


def round_scores_update(round_id: int) -> None:
    """The round's sample changed (a validation or a reopening): recompute its scores now, inside the
    transaction that changed it. The stored scores then commit, or roll back, with the change itself, so
    they never disagree with the validated responses, whatever happens after the commit: as a task queued
    on commit, a crash or a restart in between left them stale (the sample said 79, the ranks went to 80).
    Several changes in one transaction each recompute; a change that leaves the sample as it was does not.
    Answers that cannot be scored raise a ValidationError, and the validation does not happen."""
    round_scores_compute(round=Round(pk=round_id), only_if_stale=True)
