"""The working draft of a city report: generating it (content, HTML and PDF in every language), the
commentary of the secretariat and the experts, the experts assigned, sharing it with the city.

The content is made by `icc.reports.selectors.city_report` and rendered by it and `icc.reports.pdf`
(imported when needed: WeasyPrint is heavy, and pages that never render a PDF need not load it).
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Model
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from icc.accounts.models import RoleKind, User
from icc.core.history import reason, record_change
from icc.core.text import text_problem
from icc.index.models import Response, ResponseScore, ResponseStatus
from icc.notifications.models import NotificationKind
from icc.notifications.services import notify
from icc.reports.models import REPORT_LANGUAGES, REPORT_WORKFLOW, Report, ReportStatus
from icc.reports.selectors.sections import commentary_in, report_sections, scores_digest
from icc.reports.signals import report_experts_assigned

logger = logging.getLogger(__name__)

MAX_COMMENTARY = 6_000  # characters per section and language: about a printed page


def require(by: User | None, perm: str, obj: Model | None, message: str) -> None:
    """`by=None` is the system itself (the demo loader, a batch without a requester)."""
    if by is not None and not by.has_perm(perm, obj):
        raise PermissionDenied(message)


def require_reportable(response: Response) -> None:
    if response.status != ResponseStatus.VALIDATED:
        raise ValidationError(
            _("Only a validated response has a report: %(response)s is not validated.")
            % {"response": response}
        )
    if not ResponseScore.objects.filter(response=response).exists():
        raise ValidationError(
            _(
                "The scores of %(response)s are not computed yet: "
                "recompute the round's scores, then try again."
            )
            % {"response": response}
        )


def file_stem(response: Response) -> str:
    return slugify(f"{response.city.name}-{response.round.name}") or f"report-{response.pk}"


@dataclass(frozen=True)
class Rendered:
    """One language of a report: its content (CityReport.to_dict()), standalone HTML and PDF."""

    language: str
    content: dict
    html: str
    pdf: bytes


def _stored(field: FieldFile) -> bytes | None:
    if not field:
        return None
    try:
        with field.open("rb") as handle:
            return handle.read()
    except (FileNotFoundError, ValueError):
        return None


def render_language(
    content: dict, commentary: Mapping[str, str], language: str, *, draft: Report | None = None
) -> Rendered:
    """The standalone HTML and the PDF of a report's content with its commentary, in `language`.

    The HTML takes milliseconds, the PDF seconds: when the HTML is byte for byte the one of `draft`'s
    stored files, the PDF made from it is reused (publishing right after generating, a batch run again
    on unchanged scores)."""
    from icc.reports.pdf import html_to_pdf
    from icc.reports.selectors.city_report import CityReport, city_report_html

    with translation.override(language):
        html = city_report_html(CityReport.from_dict(content), commentary=commentary, standalone=True)
        pdf = None
        if draft is not None and _stored(draft.draft_file("html", language)) == html.encode():
            pdf = _stored(draft.draft_file("pdf", language))
        if pdf is None:
            pdf = html_to_pdf(html)
    return Rendered(language=language, content=content, html=html, pdf=pdf)


def _make(response: Response, existing: Report | None) -> list[Rendered]:
    from icc.reports.selectors.city_report import city_report_content

    commentary = existing.commentary if existing else {}
    rendered = []
    for language in REPORT_LANGUAGES:
        with translation.override(language):
            content = city_report_content(response, language=language).to_dict()
        rendered.append(
            render_language(content, commentary_in(commentary, language), language, draft=existing)
        )
    return rendered


def delete_files(names: Iterable[str]) -> None:
    for name in names:
        if name:
            default_storage.delete(name)


@dataclass(frozen=True)
class DraftRendering:
    """A draft rendered and not yet stored: what `report_draft_store` writes. Plain data (picklable), so
    that a worker process renders it and the process that runs the batch stores it."""

    response_id: int
    digest: str
    rendered: list[Rendered]


def report_draft_render(*, response_id: int) -> DraftRendering:
    """Render the draft of a response's report in every language; reads the database, writes nothing.
    Refuses a response that is not validated or not scored."""
    response = Response.objects.select_related("round__questionnaire", "city").get(pk=response_id)
    require_reportable(response)
    digest = scores_digest(response)  # before the content: a change meanwhile makes publishing refuse
    existing = Report.objects.filter(response=response).first()
    return DraftRendering(response_id=response.pk, digest=digest, rendered=_make(response, existing))


def report_generate_draft(*, response: Response, by: User | None) -> Report:
    """Make (or make again) the draft of the response's report from the stored scores, in every language.

    Rendering takes seconds, so it happens before the transaction: the database is locked only while the
    files are swapped. The previous draft's files are deleted once the new ones are committed.
    """
    require(by, "reports.manage_report", None, _("Only the secretariat generates reports."))
    return report_draft_store(rendering=report_draft_render(response_id=response.pk), by=by)


def report_draft_store(*, rendering: DraftRendering, by: User | None) -> Report:
    """Store a rendered draft (its files, content and digest) as the response's draft, replacing the
    previous one, whose files are deleted once the new ones are committed."""
    require(by, "reports.manage_report", None, _("Only the secretariat generates reports."))
    response = Response.objects.select_related("round", "city").get(pk=rendering.response_id)
    digest, rendered = rendering.digest, rendering.rendered
    stem = file_stem(response)
    stamp = timezone.now().strftime("%Y%m%d%H%M%S")
    written: list[str] = []
    try:
        with transaction.atomic():
            report, created = Report.objects.select_for_update().get_or_create(response=response)
            old = [
                report.draft_file(k, lang).name or "" for k in ("html", "pdf") for lang in REPORT_LANGUAGES
            ]
            for item in rendered:
                html_file: FieldFile = report.draft_file("html", item.language)
                pdf_file: FieldFile = report.draft_file("pdf", item.language)
                html_file.save(
                    f"{stem}-{item.language}-{stamp}.html", ContentFile(item.html.encode()), save=False
                )
                written.append(html_file.name or "")
                pdf_file.save(f"{stem}-{item.language}-{stamp}.pdf", ContentFile(item.pdf), save=False)
                written.append(pdf_file.name or "")
            report.draft_content = {item.language: item.content for item in rendered}
            report.draft_scores_digest = digest
            report.draft_generated_at = timezone.now()
            report.draft_generated_by = by
            code = "reports.draft_generated" if created else "reports.draft_regenerated"
            record_change(report, by=by, reason=reason(code))
            report.save()
            transaction.on_commit(lambda: delete_files(old))
    except BaseException:
        delete_files(written)
        raise
    logger.info("report draft of response %s generated", response.pk)
    return report


def _commentary_error(section_title: str, length: int) -> str:
    return _(
        "The commentary on “%(section)s” is too long: %(length)s characters, at most %(max)s. Shorten it."
    ) % {"section": section_title, "length": f"{length:,}", "max": f"{MAX_COMMENTARY:,}"}


@transaction.atomic
def report_comment_update(
    *, report: Report, language: str, texts: Mapping[str, str], by: User | None
) -> Report:
    """Set the commentary of some sections in one language; an empty text removes it. Texts are stripped;
    an unknown section or a text that is too long is refused, naming the section, and nothing is saved."""
    require(by, "reports.comment_report", report, _("Only the secretariat and the assigned experts comment."))
    if language not in REPORT_LANGUAGES:
        raise ValidationError(
            {"language": _("“%(language)s” is not a language of the reports.") % {"language": language}}
        )
    report = Report.objects.select_for_update().get(pk=report.pk)
    if not report.has_draft:
        raise ValidationError(_("Generate the draft first: the commentary goes into its sections."))
    titles = {s.key: s.title for s in report_sections(report, language)}
    errors: dict[str, str] = {}
    cleaned: dict[str, str] = {}
    for key, text in texts.items():
        if key not in titles:
            errors[key] = _("“%(section)s” is not a section of this report.") % {"section": key}
            continue
        text = (text or "").replace("\r\n", "\n").strip()
        if len(text) > MAX_COMMENTARY:
            errors[key] = _commentary_error(titles[key], len(text))
        elif problem := text_problem(text):
            errors[key] = f"{titles[key]}: {problem}"
        cleaned[key] = text
    if errors:
        raise ValidationError(errors)

    commentary = {key: dict(value) for key, value in report.commentary.items()}
    for key, text in cleaned.items():
        if text:
            commentary.setdefault(key, {})[language] = text
        elif key in commentary:
            commentary[key].pop(language, None)
            if not commentary[key]:
                del commentary[key]
    if commentary == report.commentary:
        return report
    report.commentary = commentary
    report.commentary_updated_at = timezone.now()
    record_change(report, by=by, reason=reason("reports.commentary_changed", language=language))
    report.save()
    return report


@transaction.atomic
def report_assign_experts(
    *,
    report: Report,
    experts: Iterable[User],
    by: User | None,
    due_on: datetime.date | None = None,
) -> Report:
    """Set the experts who read and comment the draft, each holding the expert role, and the date their
    commentary is due (None: no date)."""
    require(by, "reports.manage_report", report, _("Only the secretariat assigns experts."))
    if due_on is not None and due_on != report.commentary_due_on and due_on < timezone.localdate():
        raise ValidationError(
            {"due_on": _("The date the commentary is due has passed; choose today or a later date.")}
        )
    experts = list(experts)
    holders = set(
        User.objects.filter(
            pk__in=[e.pk for e in experts], is_active=True, roles__kind=RoleKind.EXPERT
        ).values_list("pk", flat=True)
    )
    refused = [str(e) for e in experts if e.pk not in holders]
    if refused:
        raise ValidationError(
            {
                "experts": _("Not an expert of the platform: %(people)s. Choose people with the expert role.")
                % {"people": ", ".join(refused)}
            }
        )
    report = Report.objects.select_for_update().select_related("response").get(pk=report.pk)
    already = set(report.experts.values_list("pk", flat=True))
    record_change(report, by=by, reason=reason("reports.experts_assigned"))
    report.experts.set(experts)
    report.commentary_due_on = due_on
    # The m2m change is recorded with the report's next history row: make one now.
    report.save(update_fields=["updated", "commentary_due_on"])
    notify(
        recipients=[expert for expert in experts if expert.pk not in already],
        kind=NotificationKind.EXPERT_ASSIGNED,
        obj=report,
        context={"what": report.response},
        link=reverse("reports:report_detail", args=[report.pk]),
    )
    assigned = report
    transaction.on_commit(
        lambda: report_experts_assigned.send(
            sender=Report, report=assigned, experts=list(experts), due_on=due_on, by=by
        ),
        robust=True,  # the report's assignment stands; a receiver's failure is logged
    )
    return report


@transaction.atomic
def report_share_with_city(*, report: Report, by: User | None) -> Report:
    """Let the city's people read the draft; its coordinators are told by e-mail once it is committed."""
    require(by, "reports.manage_report", report, _("Only the secretariat shares reports with cities."))
    report = Report.objects.select_for_update().select_related("response").get(pk=report.pk)
    if not report.has_draft:
        raise ValidationError(_("Generate the draft before sharing it."))
    if report.status == ReportStatus.SHARED:
        raise ValidationError(_("The draft is already shared with the city."))
    REPORT_WORKFLOW.check(report.status, ReportStatus.SHARED)
    report.status = ReportStatus.SHARED
    report.shared_at = timezone.now()
    report.shared_by = by
    record_change(report, by=by, reason=reason("reports.shared"))
    report.save()
    notify(
        recipients=city_coordinators(report.response),
        kind=NotificationKind.REPORT_SHARED,
        obj=report,
        context={"what": report.response, "response": report.response, "event": "shared", "version": None},
        link=reverse("reports:report_detail", args=[report.pk]),
    )
    return report


def city_coordinators(response: Response) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True, roles__kind=RoleKind.CITY_COORDINATOR, roles__city_id=response.city_id
        )
        .exclude(email="")
        .distinct()
    )
