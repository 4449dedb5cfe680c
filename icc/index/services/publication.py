"""Publication of Index results: the city agrees (or not), the secretariat releases a round's results.

What becomes public is decided in `icc.index.selectors.publication`; these services only record the two
decisions, each with who and when, in the object's history.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from icc.accounts.models import User
from icc.core.history import reason as history_reason
from icc.core.history import record_change
from icc.index.models import Response, Round
from icc.index.selectors.publication import round_publication_blockers


@transaction.atomic
def response_publication_decide(*, response: Response, agreed: bool, by: User | None) -> Response:
    """Record the city's agreement (or refusal, or withdrawal) to publish its results.

    The city's coordinator decides; the secretariat may record a decision the city sent by letter.
    A withdrawal takes effect at once: nothing of the response is public from then on.
    """
    if by is not None and not by.has_perm("index.decide_publication", response):
        raise PermissionDenied(_("Only the city's coordinator or the secretariat decides on publication."))
    response = Response.objects.select_for_update(of=("self",)).get(pk=response.pk)
    if response.publication_agreed == agreed and response.publication_decided_at is not None:
        return response
    response.publication_agreed = agreed
    response.publication_decided_at = timezone.now()
    response.publication_decided_by = by
    code = "index.publication_agreed" if agreed else "index.publication_refused"
    record_change(response, by=by, reason=history_reason(code))
    response.save()
    return response


@transaction.atomic
def round_results_publish(*, round: Round, by: User | None) -> Round:
    """Release a closed, scored round's results: the cities that agreed become public."""
    if by is not None and not by.has_perm("index.manage_rounds"):
        raise PermissionDenied(_("Only the secretariat publishes a round's results."))
    round = Round.objects.select_for_update(of=("self",)).get(pk=round.pk)
    if round.results_published_at is not None:
        raise ValidationError(_("The results of this round are already published."))
    blockers = round_publication_blockers(round)
    if blockers:
        raise ValidationError(blockers.reasons)
    round.results_published_at = timezone.now()
    round.results_published_by = by
    record_change(round, by=by, reason=history_reason("index.results_published"))
    round.save()
    return round


@transaction.atomic
def round_results_withdraw(*, round: Round, by: User | None, reason: str) -> Round:
    """Take a round's results off the public site (a correction is coming); the reason is kept."""
    if by is not None and not by.has_perm("index.manage_rounds"):
        raise PermissionDenied(_("Only the secretariat withdraws a round's results."))
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Say why the results are withdrawn: the reason is kept in the history.")}
        )
    round = Round.objects.select_for_update(of=("self",)).get(pk=round.pk)
    if round.results_published_at is None:
        raise ValidationError(_("The results of this round are not published."))
    round.results_published_at = None
    round.results_published_by = None
    record_change(round, by=by, reason=history_reason("index.results_withdrawn", words=reason))
    round.save()
    return round
