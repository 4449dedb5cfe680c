"""Background work of the Index. Tasks take ids and run inline unless a worker is configured."""

from django.tasks import task

from icc.index.models import Round
from icc.index.services.scores import round_scores_compute


@task
def round_scores_refresh(round_id: int) -> int:
    """Recompute a round's stored scores if they are out of date; return how many cities changed."""
    round_ = Round.objects.filter(pk=round_id).first()
    if round_ is None:  # deleted meanwhile
        return 0
    return len(round_scores_compute(round=round_, only_if_stale=True).changes)
