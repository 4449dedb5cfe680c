"""Publishing a report: a new immutable version, in every language, with its files.

A published version is never changed: a correction publishes the next version, with a note on what
changed, and the earlier versions stay readable (and their files byte-identical) at their own addresses.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from icc.accounts.models import User
from icc.core.history import reason, record_change
from icc.notifications.models import NotificationKind
from icc.notifications.services import notify, remember
from icc.reports.models import REPORT_LANGUAGES, REPORT_WORKFLOW, Report, ReportStatus, ReportVersion
from icc.reports.selectors.sections import commentary_in, scores_digest
from icc.reports.services.drafts import (
    city_coordinators,
    delete_files,
    file_stem,
    render_language,
    require,
    require_reportable,
)

MAX_NOTE = 2_000


def _check_publishable(report: Report, note: str) -> str:
    require_reportable(report.response)
    if not report.has_draft or set(report.draft_content) != set(REPORT_LANGUAGES):
        raise ValidationError(_("Generate the draft before publishing it."))
    if scores_digest(report.response) != report.draft_scores_digest:
        raise ValidationError(
            _(
                "The scores changed since the draft was generated: "
                "generate the draft again, read it, then publish."
            )
        )
    note = (note or "").replace("\r\n", "\n").strip()
    if len(note) > MAX_NOTE:
        raise ValidationError(
            {
                "note": _("The note on what changed is too long: at most %(n)s characters.")
                % {"n": f"{MAX_NOTE:,}"}
            }
        )
    latest = report.versions.order_by("-number").first()
    if latest is not None:
        if not note:
            raise ValidationError(
                {
                    "note": _("Say what changed since version %(n)s: readers of the report see it.")
                    % {"n": latest.number}
                }
            )
        if latest.content == report.draft_content and latest.commentary == report.commentary:
            raise ValidationError(
                _("Nothing changed since version %(n)s: change the commentary or regenerate the draft first.")
                % {"n": latest.number}
            )
    return note


def report_publish(*, report: Report, by: User | None, note: str = "") -> ReportVersion:
    """Publish the draft, with the current commentary, as the report's next version.

    Refused when the response is no longer validated, or when the scores changed since the draft was
    generated (the draft would not be what gets published). The PDFs are rendered before the transaction;
    the version row and its files are written in it, and the files removed again if it fails.
    """
    require(by, "reports.manage_report", report, _("Only the secretariat publishes reports."))
    report = Report.objects.select_related("response__round__questionnaire", "response__city").get(
        pk=report.pk
    )
    note = _check_publishable(report, note)
    content = report.draft_content
    commentary = report.commentary
    rendered = [
        render_language(content[lang], commentary_in(commentary, lang), lang, draft=report)
        for lang in REPORT_LANGUAGES
    ]

    written: list[str] = []
    try:
        with transaction.atomic():
            locked = (
                Report.objects.select_for_update()
                .select_related("response__city", "response__round")
                .get(pk=report.pk)
            )
            # What was rendered must still be the draft and commentary of the report (no edit meanwhile).
            if locked.draft_content != content or locked.commentary != commentary:
                raise ValidationError(_("The draft or its commentary changed meanwhile: publish again."))
            _check_publishable(locked, note)
            REPORT_WORKFLOW.check(locked.status, ReportStatus.PUBLISHED)
            number = (locked.versions.aggregate(n=Max("number"))["n"] or 0) + 1
            now = timezone.now()
            version = ReportVersion(
                report=locked,
                number=number,
                published_at=now,
                published_by=by,
                note=note,
                content=content,
                commentary=commentary,
                scores_digest=locked.draft_scores_digest,
            )
            stem = file_stem(locked.response)
            for item in rendered:
                html_file = version.file("html", item.language)
                pdf_file = version.file("pdf", item.language)
                html_file.save(
                    f"{stem}-v{number}-{item.language}.html", ContentFile(item.html.encode()), save=False
                )
                written.append(html_file.name or "")
                pdf_file.save(f"{stem}-v{number}-{item.language}.pdf", ContentFile(item.pdf), save=False)
                written.append(pdf_file.name or "")
            version.save()
            locked.last_published_at = now
            locked.status = ReportStatus.PUBLISHED
            record_change(locked, by=by, reason=reason("reports.version_published", number=number))
            locked.save()
            told = notify(
                recipients=city_coordinators(locked.response),
                kind=NotificationKind.REPORT_PUBLISHED,
                obj=locked,
                context={
                    "what": locked.response,
                    "response": locked.response,
                    "event": "published",
                    "version": number,
                },
                link=reverse("reports:report_detail", args=[locked.pk]),
            )
            remember(version, told)
    except BaseException:
        delete_files(written)
        raise
    return version
