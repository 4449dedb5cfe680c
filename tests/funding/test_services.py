"""Writes: refusals by field, the application workflow, history, the deadline reminders."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from icc.core.workflow import TransitionNotAllowed
from icc.funding import services
from icc.funding.models import ApplicationStatus, FundingProject, IncomeSource
from icc.notifications.models import Notification, NotificationKind
from tests.funding.helpers import make_application, make_donor

pytestmark = pytest.mark.django_db


def test_eu_cofunding_without_its_project_is_refused_on_the_project_field(alice):
    with pytest.raises(ValidationError) as refused:
        services.budget_line_save(
            values={"year": 2026, "source": IncomeSource.EU, "planned": Decimal("100000")}, by=alice
        )
    assert "project" in refused.value.message_dict


def test_a_voluntary_contribution_names_its_donor(alice):
    with pytest.raises(ValidationError) as refused:
        services.budget_line_save(
            values={"year": 2026, "source": IncomeSource.DONOR, "planned": Decimal("1000")}, by=alice
        )
    assert "donor" in refused.value.message_dict


def test_eu_cofunding_outside_the_projects_years_is_refused_on_the_year(alice):
    project = services.project_save(
        values={
            "name": "ICC-EU joint project",
            "starts_on": datetime.date(2017, 1, 1),
            "ends_on": datetime.date(2018, 12, 31),
            "amount": Decimal("500000"),
            "cofunding_rate": Decimal("80"),
        },
        by=alice,
    )
    assert project.eu_amount == Decimal("400000.00")
    with pytest.raises(ValidationError) as refused:
        services.budget_line_save(
            values={"year": 2020, "source": IncomeSource.EU, "project": project, "planned": Decimal("1")},
            by=alice,
        )
    assert "2017" in refused.value.message_dict["year"][0]


def test_a_project_ending_before_it_starts_is_refused_on_its_end(alice):
    with pytest.raises(ValidationError) as refused:
        services.project_save(
            values={
                "name": "Backwards",
                "starts_on": datetime.date(2018, 1, 1),
                "ends_on": datetime.date(2017, 1, 1),
                "amount": Decimal("1"),
                "cofunding_rate": Decimal("50"),
            },
            by=alice,
        )
    assert "ends_on" in refused.value.message_dict
    assert not FundingProject.objects.exists()


def test_a_negative_amount_is_refused_on_its_field(alice):
    with pytest.raises(ValidationError) as refused:
        make_application(alice, amount_asked=Decimal("-5"))
    assert "amount_asked" in refused.value.message_dict


def test_an_application_moves_only_as_the_workflow_declares(alice):
    application = make_application(alice)
    assert application.status == ApplicationStatus.DRAFT
    with pytest.raises(TransitionNotAllowed):
        services.application_set_status(application=application, status=ApplicationStatus.GRANTED, by=alice)
    services.application_set_status(
        application=application,
        status=ApplicationStatus.SUBMITTED,
        by=alice,
        today=datetime.date(2026, 2, 20),
    )
    assert application.submitted_on == datetime.date(2026, 2, 20)
    with pytest.raises(ValidationError) as refused:
        services.application_set_status(application=application, status=ApplicationStatus.GRANTED, by=alice)
    assert "amount_granted" in refused.value.message_dict
    services.application_set_status(
        application=application, status=ApplicationStatus.GRANTED, amount_granted=Decimal("60000"), by=alice
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.GRANTED
    assert application.amount_granted == Decimal("60000.00")


def test_more_granted_than_asked_is_refused_on_the_amount_granted(alice):
    application = make_application(alice)
    services.application_set_status(application=application, status=ApplicationStatus.SUBMITTED, by=alice)
    with pytest.raises(ValidationError) as refused:
        services.application_set_status(
            application=application,
            status=ApplicationStatus.GRANTED,
            amount_granted=Decimal("90000"),
            by=alice,
        )
    assert "amount_granted" in refused.value.message_dict
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_the_history_tells_who_changed_the_status_and_to_what(alice):
    application = make_application(alice)
    services.application_set_status(application=application, status=ApplicationStatus.SUBMITTED, by=alice)
    newest = application.history.order_by("-history_date").first()
    assert newest.history_user == alice
    assert newest.history_change_reason == "funding.status?status=submitted"


def test_deadlines_within_30_days_are_told_to_the_secretariat_once(alice, bob):
    donor = make_donor(alice)
    soon = make_application(alice, donor=donor, submission_deadline=datetime.date(2026, 12, 20))
    make_application(alice, donor=donor, title="Later", submission_deadline=datetime.date(2027, 3, 1))
    sent = services.deadline_reminders_send(today=datetime.date(2026, 12, 7))
    again = services.deadline_reminders_send(today=datetime.date(2026, 12, 8))
    notices = Notification.objects.filter(kind=NotificationKind.FUNDING_DEADLINE)
    assert (sent, again) == (1, 0)
    assert [n.recipient for n in notices] == [alice]
    assert soon.title in notices[0].title
    assert notices[0].link.endswith(f"/funding/applications/{soon.pk}/")


def test_the_reminder_command_runs(alice, capsys):
    call_command("funding_send_reminders")
    assert "notices written" in capsys.readouterr().out
