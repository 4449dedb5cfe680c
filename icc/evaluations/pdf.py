"""The published evaluation report as a PDF, made like the Index reports and the policy briefs: HTML rendered
in
the reader's language and printed by icc.reports.pdf (WeasyPrint, tagged PDF/UA-1, nothing fetched)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation

from icc.evaluations import selectors
from icc.evaluations.models import Evaluation


def report_pdf(evaluation: Evaluation, language: str) -> bytes:
    from icc.reports.pdf import html_to_pdf

    report = evaluation.report
    with translation.override(language):
        html = render_to_string(
            "evaluations/pdf.html",
            {
                "evaluation": evaluation,
                "report": report,
                "recommendations": selectors.recommendations_of(report),
                "language": language,
            },
        )
    return html_to_pdf(html)
