"""The course certificate: a tagged PDF made the one way PDFs are made (icc/reports/pdf.py, WeasyPrint with
the project's PDF variant), in the learner's language, with its public verification address."""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from icc.learning.models import Enrolment


def verification_path(enrolment: Enrolment, language: str) -> str:
    with translation.override(language):
        return reverse("public:learning:certificate", args=[enrolment.certificate_code])


def certificate_html(enrolment: Enrolment, language: str | None = None) -> str:
    language = language or enrolment.user.language or settings.LANGUAGE_CODE
    with translation.override(language):
        return render_to_string(
            "learning/certificate.html",
            {
                "enrolment": enrolment,
                "course": enrolment.course,
                "completed_on": timezone.localdate(enrolment.completed_at),
                "language": language,
                "verify_url": settings.SITE_URL + verification_path(enrolment, language),
            },
        )


def certificate_pdf(enrolment: Enrolment, language: str | None = None) -> bytes:
    from icc.reports.pdf import html_to_pdf

    return html_to_pdf(certificate_html(enrolment, language))
