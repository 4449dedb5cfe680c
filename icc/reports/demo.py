"""Demo reports on the Index 2022 round: a few in each state, made through the services, so that the
pages show every step (draft, shared with the city, published, corrected).

Only these few reports are rendered (ten PDFs of a few seconds each): a batch for the whole round is one
click on the round's reports page.
"""

from __future__ import annotations

import datetime
import time

from django.db import transaction
from django.utils import timezone

from icc.accounts.models import RoleKind, User
from icc.index.models import Response, ResponseStatus, Round
from icc.network.demo import DemoResult
from icc.reports.models import Report
from icc.reports.services.drafts import (
    report_assign_experts,
    report_comment_update,
    report_generate_draft,
    report_share_with_city,
)
from icc.reports.services.publishing import report_publish

ROUND = "Index 2022"
# The demo accounts' cities first, so that the coordinator and the network account see a report.
PREFERRED = ("Strasbourg", "Lisbon", "Lyon", "Barcelona", "Oslo")

SUMMARY = {
    "en": (
        "{city} has made intercultural policy part of how the city is run: commitment is explicit and "
        "several departments carry it. The next steps are in the areas where the answers show intentions "
        "rather than measures; the sections below point to cities that have taken them."
    ),
    "fr": (
        "{city} a fait de la politique interculturelle une manière de gouverner la ville : l'engagement "
        "est explicite et plusieurs services le portent. Les prochaines étapes se trouvent dans les "
        "domaines où les réponses montrent des intentions plutôt que des mesures ; les sections suivantes "
        "indiquent les villes qui les ont franchies."
    ),
}
CONCLUSIONS = {
    "en": (
        "The expert visit confirmed the answers. We suggest a study visit to one of the cities named "
        "under good practice, and a review of the recommendations with the intercultural support group "
        "within a year."
    ),
    "fr": (
        "La visite d'expert a confirmé les réponses. Nous suggérons une visite d'étude dans l'une des "
        "villes citées en bonne pratique, et un bilan des recommandations avec le groupe d'appui "
        "interculturel d'ici un an."
    ),
}
CORRECTION = {
    "en": (
        "{city} has made intercultural policy part of how the city is run: commitment is explicit, the "
        "council adopted the intercultural strategy in 2022, and several departments carry it. The next "
        "steps are in the areas where the answers show intentions rather than measures."
    ),
    "fr": (
        "{city} a fait de la politique interculturelle une manière de gouverner la ville : l'engagement "
        "est explicite, le conseil municipal a adopté la stratégie interculturelle en 2022, et plusieurs "
        "services la portent. Les prochaines étapes se trouvent là où les réponses montrent des intentions "
        "plutôt que des mesures."
    ),
}
NOTE_V2 = "The summary now mentions the strategy the council adopted in 2022 (it was missing in version 1)."


def _responses(round_: Round, n: int) -> list[Response]:
    validated = list(
        Response.objects.filter(
            round=round_, status=ResponseStatus.VALIDATED, score__isnull=False
        ).select_related("city", "round")
    )
    rank = {name: i for i, name in enumerate(PREFERRED)}
    validated.sort(key=lambda r: (rank.get(r.city.name_en, len(rank)), r.city.name_en))
    return validated[:n]


def _comment(report: Report, texts: dict[str, dict[str, str]], city: str, by: User | None) -> Report:
    for language in ("en", "fr"):
        report = report_comment_update(
            report=report,
            language=language,
            texts={key: text[language].format(city=city) for key, text in texts.items()},
            by=by,
        )
    return report


def load_demo_reports() -> DemoResult:
    """Four reports of Index 2022, once: a draft with an expert's commentary, a draft shared with the city,
    a published report, and a report published twice (version 2 corrects the summary)."""
    round_ = Round.objects.filter(name=ROUND).first()
    if round_ is None or Report.objects.exists():
        return DemoResult(loaded=False)
    started = time.perf_counter()
    secretariat = User.objects.filter(roles__kind=RoleKind.SECRETARIAT).order_by("pk").first()
    expert = User.objects.filter(roles__kind=RoleKind.EXPERT, email="expert@demo.icc").first()
    responses = _responses(round_, 4)
    if len(responses) < 4:
        return DemoResult(loaded=False)
    shared, published_twice, draft, published = responses
    with transaction.atomic():
        # The published ones get their commentary before their draft, as if written on an earlier draft:
        # publishing then reuses the draft's PDFs instead of rendering them again (seconds each).
        for response in (published, published_twice):
            texts = {"summary": SUMMARY, "conclusions": CONCLUSIONS}
            Report.objects.create(
                response=response,
                commentary={
                    key: {lang: text[lang].format(city=response.city.name) for lang in ("en", "fr")}
                    for key, text in texts.items()
                },
                commentary_updated_at=timezone.now(),
            )
        reports = {r.pk: report_generate_draft(response=r, by=secretariat) for r in responses}

        report = reports[draft.pk]
        if expert is not None:
            report_assign_experts(
                report=report,
                experts=[expert],
                by=secretariat,
                due_on=timezone.localdate() + datetime.timedelta(days=12),
            )
        _comment(report, {"summary": SUMMARY}, draft.city.name, expert)

        report = _comment(reports[shared.pk], {"summary": SUMMARY}, shared.city.name, secretariat)
        report_share_with_city(report=report, by=secretariat)

        report_publish(report=reports[published.pk], by=secretariat)

        report = report_share_with_city(report=reports[published_twice.pk], by=secretariat)
        report_publish(report=report, by=secretariat)
        report = _comment(report, {"summary": CORRECTION}, published_twice.city.name, secretariat)
        report_publish(report=report, by=secretariat, note=NOTE_V2)
    return DemoResult(
        loaded=True,
        seconds=time.perf_counter() - started,
        counts={"city reports": len(reports), "published report versions": 3},
    )


__all__ = ["load_demo_reports"]
