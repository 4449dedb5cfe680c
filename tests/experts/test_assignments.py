"""Assignments: planning, the team and its lead, the automatic same-country check, declarations, date
clashes before confirming, status moves, history and notices."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from icc.core.history import history_entries
from icc.experts.models import AssignmentStatus, WorkKind
from icc.experts.services.assignments import (
    assignment_create,
    assignment_set_status,
    conflict_declare,
    team_add,
    team_remove,
    team_set_lead,
)
from icc.notifications.models import Notification
from tests.conftest import client_for
from tests.experts.work_helpers import make_assignment, make_expert, put_on_team


def test_planning_a_first_visit_needs_a_city_and_days_in_order(alice, lyon):
    kind = WorkKind.objects.get(key="first_visit")
    with pytest.raises(ValidationError) as error:
        assignment_create(
            by=alice,
            kind=kind,
            title="First visit",
            starts_on=datetime.date(2026, 5, 3),
            ends_on=datetime.date(2026, 5, 1),
        )
    assert set(error.value.message_dict) == {"city", "ends_on"}
    made = assignment_create(
        by=alice,
        kind=kind,
        title="First visit to Lyon",
        city=lyon,
        starts_on=datetime.date(2026, 5, 1),
        ends_on=datetime.date(2026, 5, 3),
        coe_representative="Ivana d'Alessandro",
    )
    assert made.status == AssignmentStatus.PLANNED
    assert [e.reason for e in history_entries(made)] == ["work planned"]


def test_no_expert_from_the_city_country_on_a_first_visit(alice, lyon):
    visit = make_assignment("first_visit", city=lyon)
    french = make_expert("Jeanne Martin", country="FR")
    with pytest.raises(ValidationError) as error:
        team_add(assignment=visit, expert=french, by=alice)
    assert "conflict of interest" in error.value.message_dict["expert"][0]
    # Other work may take her.
    workshop = make_assignment("policy_workshop", city=lyon)
    assert team_add(assignment=workshop, expert=french, by=alice).expert == french


def test_the_expert_is_told_when_put_on_a_team_and_one_lead_at_a_time(alice, erin, lyon):
    visit = make_assignment("first_visit", city=lyon)
    anna = make_expert("Anna Weber", user=erin)
    ben = make_expert("Ben Novak", country="CZ", gender="man")
    team_add(assignment=visit, expert=anna, by=alice, lead=True)
    second = team_add(assignment=visit, expert=ben, by=alice, lead=True)
    assert [m.expert.full_name for m in visit.team.filter(lead=True)] == ["Ben Novak"]
    assert Notification.objects.filter(recipient=erin, kind="expert_work_assigned").count() == 1
    team_set_lead(member=visit.team.get(expert=anna), by=alice)
    second.refresh_from_db()
    assert not second.lead


def test_confirming_needs_a_lead_and_every_declaration(alice, lyon):
    visit = make_assignment("first_visit", city=lyon)
    with pytest.raises(ValidationError, match="Add at least one expert"):
        assignment_set_status(assignment=visit, by=alice, status=AssignmentStatus.CONFIRMED)
    anna = make_expert("Anna Weber")
    member = put_on_team(visit, anna)
    with pytest.raises(ValidationError, match="lead expert"):
        assignment_set_status(assignment=visit, by=alice, status=AssignmentStatus.CONFIRMED)
    team_set_lead(member=member, by=alice)
    with pytest.raises(ValidationError, match="Still to declare: Anna Weber"):
        assignment_set_status(assignment=visit, by=alice, status=AssignmentStatus.CONFIRMED)
    conflict_declare(member=member, by=None, statement="", none=True)
    assignment_set_status(assignment=visit, by=alice, status=AssignmentStatus.CONFIRMED)
    visit.refresh_from_db()
    assert visit.status == AssignmentStatus.CONFIRMED


def test_a_declaration_is_either_none_or_words_and_is_dated(lyon):
    member = put_on_team(make_assignment(city=lyon), make_expert("Anna Weber"))
    with pytest.raises(ValidationError) as error:
        conflict_declare(member=member, by=None, statement="", none=False)
    assert "statement" in error.value.message_dict
    with pytest.raises(ValidationError):
        conflict_declare(member=member, by=None, statement="I advised the mayor", none=True)
    conflict_declare(member=member, by=None, statement="I advised the mayor in 2019.", none=False)
    member.refresh_from_db()
    assert member.conflict_statement == "I advised the mayor in 2019."
    assert member.conflict_declared_at is not None


def test_a_date_clash_is_refused_unless_confirmed_with_a_reason(alice, lyon, porto):
    anna = make_expert("Anna Weber")
    other = make_assignment(city=porto, starts_on=datetime.date(2026, 3, 11), title="Porto workshop")
    put_on_team(other, anna)
    visit = make_assignment(city=lyon, starts_on=datetime.date(2026, 3, 10), days=3)
    put_on_team(visit, anna, lead=True, declared=True)
    with pytest.raises(ValidationError) as error:
        assignment_set_status(assignment=visit, by=alice, status=AssignmentStatus.CONFIRMED)
    assert "Porto workshop" in error.value.message_dict["clash_reason"][0]
    assignment_set_status(
        assignment=visit, by=alice, status=AssignmentStatus.CONFIRMED, clash_reason="Half a day each, agreed"
    )
    visit.refresh_from_db()
    assert visit.status == AssignmentStatus.CONFIRMED
    assert history_entries(visit)[0].reason == "confirmed despite a date clash: Half a day each, agreed"
    # A cancelled piece of work no longer clashes.
    other.status = AssignmentStatus.CANCELLED
    other.cancel_reason = "Postponed"
    other.save()
    from icc.experts.selectors.work import clashes_for

    assert clashes_for(visit) == []


def test_cancelling_needs_a_reason_and_done_waits_for_the_first_day(alice, lyon):
    visit = make_assignment(city=lyon, starts_on=datetime.date(2026, 3, 10))
    with pytest.raises(ValidationError) as error:
        assignment_set_status(assignment=visit, by=alice, status=AssignmentStatus.CANCELLED)
    assert "cancel_reason" in error.value.message_dict
    with pytest.raises(ValidationError, match="Cannot go from"):
        assignment_set_status(assignment=visit, by=alice, status=AssignmentStatus.DONE)
    put_on_team(visit, make_expert("Anna Weber"), lead=True, declared=True)
    assignment_set_status(assignment=visit, by=alice, status=AssignmentStatus.CONFIRMED)
    with pytest.raises(ValidationError, match="can be marked done from that day"):
        assignment_set_status(
            assignment=visit, by=alice, status=AssignmentStatus.DONE, today=datetime.date(2026, 3, 9)
        )
    assignment_set_status(
        assignment=visit, by=alice, status=AssignmentStatus.DONE, today=datetime.date(2026, 3, 10)
    )
    visit.refresh_from_db()
    assert visit.status == AssignmentStatus.DONE
    with pytest.raises(ValidationError):
        team_remove(member=visit.team.get(), by=alice)


def test_the_secretariat_plans_work_and_chooses_from_suggestions_on_the_page(alice, lyon):
    make_expert("Zoe Fischer", languages=("fr",))
    make_expert("Adam Smith", languages=("en",))
    client = client_for(alice)
    response = client.post(
        "/experts/work/new/",
        {
            "kind": WorkKind.objects.get(key="policy_workshop").pk,
            "title": "Workshop in Lyon",
            "city": lyon.pk,
            "starts_on": "2026-06-01",
            "ends_on": "2026-06-02",
            "fee_planned": "800",
            "expenses_planned": "400",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(response["Location"]).content.decode()
    page = page[page.index("Suggested experts") :]
    # The French speaker comes first for a French city, with the reason in words.
    assert page.index("Zoe Fischer") < page.index("Adam Smith")
    assert "speaks French" in page


def test_a_bad_date_on_the_form_names_the_field(alice, lyon):
    response = client_for(alice).post(
        "/experts/work/new/",
        {
            "kind": WorkKind.objects.get(key="first_visit").pk,
            "title": "First visit",
            "city": lyon.pk,
            "starts_on": "2026-06-03",
            "ends_on": "2026-06-01",
            "fee_planned": "0",
            "expenses_planned": "0",
        },
    )
    assert response.status_code == 200
    assert "The last day is before the first" in response.content.decode()


def test_the_suggestions_page_reads_french(alice, lyon):
    make_expert("Zoe Fischer", languages=("fr",))
    visit = make_assignment("first_visit", city=lyon)
    client = client_for(alice)
    client.cookies["django_language"] = "fr"
    page = client.get(f"/experts/work/{visit.pk}/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Experts suggérés" in page


def test_the_list_pages_read_a_fixed_number_of_queries(alice, lyon, porto, django_assert_max_num_queries):
    def fill(n: int) -> None:
        for i in range(n):
            work = make_assignment(
                city=lyon if i % 2 else porto, starts_on=datetime.date(2026, 1 + i % 12, 3)
            )
            put_on_team(work, make_expert(f"Expert {n}-{i}"), lead=True)

    client = client_for(alice)
    fill(2)
    with django_assert_max_num_queries(30) as few:
        client.get("/experts/work/")
        client.get("/experts/calendar/?month=2026-03")
    fill(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "Expert 10-9" in client.get("/experts/work/").content.decode()
        client.get("/experts/calendar/?month=2026-03")


def test_an_expert_without_a_record_in_the_pool_is_told_why_nothing_shows(erin):
    page = client_for(erin).get("/experts/work/mine/")
    assert page.status_code == 200
    assert "not yet linked your account" in page.content.decode()


def test_changing_planned_work_is_recorded_and_closed_work_is_not_changed(alice, lyon, porto):
    from icc.experts.services.assignments import assignment_update

    work = make_assignment(city=lyon, title="Workshop")
    assignment_update(assignment=work, by=alice, city=porto, title="Workshop in Porto")
    work.refresh_from_db()
    assert (work.city, work.title) == (porto, "Workshop in Porto")
    assert history_entries(work)[0].reason == "work changed"
    work.status = AssignmentStatus.CANCELLED
    work.cancel_reason = "No budget"
    work.save()
    with pytest.raises(ValidationError, match="reopen it as planned"):
        assignment_update(assignment=work, by=alice, title="Again")


def test_pages_of_network_and_closed_work_show_what_can_still_be_done(alice, rici):
    cluster = make_assignment("cluster_lead", national_network=rici, title="Anti-rumour cluster")
    client = client_for(alice)
    page = client.get(f"/experts/work/{cluster.pk}/").content.decode()
    assert "Suggested experts" in page and "Italian" in page
    assert "Change the status" in page
    done = make_assignment(city=None, status=AssignmentStatus.DONE, title="Closed work")
    closed = client.get(f"/experts/work/{done.pk}/").content.decode()
    assert "Change the status" not in closed and "Suggested experts" not in closed
    assert client.get(f"/experts/work/{done.pk}/history/").status_code == 200
