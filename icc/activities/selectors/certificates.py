"""Certificates of attendance (PDF, through the reports' WeasyPrint machinery, icc/reports/pdf.py), for the
participants marked present, in the participant's language."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify

from icc.activities.models import Registration
from icc.activities.selectors.events import local_times


def certificate_filename(registration: Registration) -> str:
    return f"certificate-{slugify(registration.event.title_en)[:60] or 'event'}-{registration.pk}.pdf"


def certificate_html(registration: Registration) -> str:
    language = registration.contact.language or settings.LANGUAGE_CODE
    with translation.override(language):
        starts, ends = local_times(registration.event)
        return render_to_string(
            "activities/certificate.html",
            {
                "registration": registration,
                "event": registration.event,
                "starts": starts,
                "ends": ends,
                "issued": timezone.localdate(),
                "language": language,
            },
        )


def certificate_pdf(registration: Registration) -> bytes:
    from icc.reports.pdf import html_to_pdf

    return html_to_pdf(certificate_html(registration))
