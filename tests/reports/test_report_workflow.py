"""A report's states are declared (REPORT_WORKFLOW): draft, shared with the city, published; a forbidden
move is refused with a message, never ignored."""

import importlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from icc.reports.models import REPORT_WORKFLOW, Report, ReportStatus
from icc.reports.services.drafts import report_comment_update, report_generate_draft, report_share_with_city
from icc.reports.services.publishing import report_publish
from tests.conftest import client_for
from tests.reports.flow_helpers import quick_pdf

pytestmark = pytest.mark.usefixtures("quick_pdf")
__all__ = ["quick_pdf"]


@pytest.fixture
def report(scored, alice) -> Report:
    lyon, _porto = scored
    report = report_generate_draft(response=lyon, by=alice)
    for language in ("en", "fr"):
        report_comment_update(report=report, language=language, texts={"summary": "Solid."}, by=alice)
    return report


def test_a_report_goes_from_draft_to_shared_to_published(report, alice):
    assert report.status == ReportStatus.DRAFT

    report = report_share_with_city(report=report, by=alice)
    assert report.status == ReportStatus.SHARED
    with pytest.raises(ValidationError, match="already shared"):
        report_share_with_city(report=report, by=alice)

    report_publish(report=report, by=alice)
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    assert [h.status for h in report.history.order_by("history_date")][-2:] == ["shared", "published"]


def test_a_published_report_is_not_shared_again_it_is_corrected(report, alice):
    report_publish(report=report, by=alice)
    report.refresh_from_db()

    with pytest.raises(ValidationError, match="Cannot go from"):
        report_share_with_city(report=report, by=alice)
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED and report.shared_at is None

    report_comment_update(report=report, language="en", texts={"summary": "Solid, and adopted."}, by=alice)
    assert report_publish(report=report, by=alice, note="Adoption date.").number == 2
    page = client_for(alice).get(reverse("reports:report_detail", args=[report.pk])).content.decode()
    assert reverse("reports:report_share", args=[report.pk]) not in page


def test_the_workflow_declares_every_move_the_services_make():
    assert REPORT_WORKFLOW.allowed_from(ReportStatus.DRAFT) == [ReportStatus.SHARED, ReportStatus.PUBLISHED]
    assert REPORT_WORKFLOW.allowed_from(ReportStatus.SHARED) == [ReportStatus.PUBLISHED]
    assert REPORT_WORKFLOW.allowed_from(ReportStatus.PUBLISHED) == [ReportStatus.PUBLISHED]


def test_the_migration_reads_each_reports_state_from_its_timestamps(report, alice):
    shared = report_share_with_city(report=report, by=alice)
    Report.objects.filter(pk=shared.pk).update(status=ReportStatus.DRAFT)
    migration = importlib.import_module("icc.reports.migrations.0002_report_status")
    from django.apps import apps

    migration.set_statuses(apps, None)

    assert Report.objects.get(pk=shared.pk).status == ReportStatus.SHARED
