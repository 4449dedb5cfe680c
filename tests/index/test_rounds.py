import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from icc.core.history import reason_display
from icc.core.workflow import TransitionNotAllowed
from icc.index.models import Response, ResponseStatus, Round, RoundStatus
from icc.index.selectors.rounds import round_detail
from icc.index.services.responses import answer_save, section_assign, unanswered_questions
from icc.index.services.rounds import (
    round_change_status,
    round_create,
    round_extend_deadline,
    round_invite,
    round_send_reminders,
    round_update,
)
from icc.network.models import CityStatus
from tests.conftest import client_for
from tests.factories import (
    EXAMPLE_QUESTIONNAIRE,
    CityFactory,
    QuestionnaireFactory,
    ResponseFactory,
    RoundFactory,
)

DEC_15 = datetime.date(2026, 12, 15)
JAN_31 = datetime.date(2027, 1, 31)


@pytest.fixture
def questionnaire(db):
    return QuestionnaireFactory()


# Creating and opening rounds --------------------------------------------------------------------------


def test_it_creates_a_draft_round_through_the_page(as_alice, alice, questionnaire):
    response = as_alice.post(
        reverse("index:round_create"),
        {
            "name": "Index 2027",
            "questionnaire": questionnaire.pk,
            "opens_on": "2027-02-01",
            "deadline": "2027-05-31",
        },
        follow=True,
    )
    round = Round.objects.get(name="Index 2027")
    assert round.status == RoundStatus.DRAFT
    assert round.created_by == alice
    assert round.history.first().history_user == alice
    assert "was created as a draft" in response.content.decode()


def test_a_round_has_a_french_name_that_french_readers_see(as_alice, alice, questionnaire):
    as_alice.post(
        reverse("index:round_create"),
        {
            "name": "Index 2027",
            "name_fr": "Indice 2027",
            "questionnaire": questionnaire.pk,
            "opens_on": "2027-02-01",
            "deadline": "2027-05-31",
        },
    )
    round = Round.objects.get(name_en="Index 2027")
    url = reverse("index:round_detail", args=[round.pk])

    assert "Indice 2027" in as_alice.get(url, headers={"Accept-Language": "fr"}).content.decode()
    assert "Indice 2027" not in as_alice.get(url).content.decode()


def test_without_a_french_name_the_round_reads_the_same_in_french(alice, questionnaire):
    round = round_create(
        name="Index 2027", questionnaire=questionnaire, opens_on=DEC_15, deadline=JAN_31, by=alice
    )

    with translation.override("fr"):
        assert Round.objects.get(pk=round.pk).name == "Index 2027"


def test_renaming_in_french_only_is_recorded(alice, questionnaire):
    round = round_create(
        name="Index 2027", questionnaire=questionnaire, opens_on=DEC_15, deadline=JAN_31, by=alice
    )

    round_update(round=round, by=alice, name_fr="Indice 2027")

    round.refresh_from_db()
    assert (round.name_en, round.name_fr) == ("Index 2027", "Indice 2027")
    assert round.history.first().name_fr == "Indice 2027"


def test_a_deadline_before_the_opening_is_refused_and_named(as_alice, questionnaire):
    response = as_alice.post(
        reverse("index:round_create"),
        {
            "name": "Index 2027",
            "questionnaire": questionnaire.pk,
            "opens_on": "2027-05-31",
            "deadline": "2027-02-01",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "The deadline must be after the opening date" in errors["deadline"][0]
    assert not Round.objects.exists()


def test_a_round_needs_a_name_and_a_questionnaire(alice):
    with pytest.raises(ValidationError) as exc:
        round_create(name="  ", questionnaire=None, opens_on=DEC_15, deadline=JAN_31, by=alice)
    assert "Give the round a name" in exc.value.message_dict["name"][0]
    assert "Choose the questionnaire version" in exc.value.message_dict["questionnaire"][0]
    assert not Round.objects.exists()


def test_only_the_secretariat_creates_rounds(bob, questionnaire):
    with pytest.raises(PermissionDenied):
        round_create(name="Index 2027", questionnaire=questionnaire, opens_on=DEC_15, deadline=JAN_31, by=bob)


def test_a_round_opens_closes_and_reopens_as_the_workflow_allows(alice, questionnaire):
    today = timezone.localdate()  # opening on its opening date (before it needs a confirmation)
    round = round_create(
        name="Index 2027",
        questionnaire=questionnaire,
        opens_on=today,
        deadline=today + datetime.timedelta(days=60),
        by=alice,
    )
    with pytest.raises(TransitionNotAllowed):
        round_change_status(round=round, status=RoundStatus.CLOSED, by=alice)
    round_change_status(round=round, status=RoundStatus.OPEN, by=alice)
    round_change_status(round=round, status=RoundStatus.CLOSED, by=alice)
    round = round_change_status(round=round, status=RoundStatus.OPEN, by=alice)
    assert round.status == RoundStatus.OPEN
    assert [reason_display(h.history_change_reason) for h in round.history.order_by("history_id")] == [
        "created",
        "opened",
        "closed",
        "reopened",
    ]


def test_closing_through_the_page(as_alice, index_round):
    response = as_alice.post(
        reverse("index:round_status", args=[index_round.pk]), {"status": "closed"}, follow=True
    )
    index_round.refresh_from_db()
    assert index_round.status == RoundStatus.CLOSED
    assert "is now closed" in response.content.decode()


def test_a_draft_round_keeps_a_corrected_deadline_but_an_invited_round_only_extends(alice, index_round, lyon):
    draft = RoundFactory(status=RoundStatus.DRAFT)
    round_update(round=draft, by=alice, name="Index 2028", deadline=datetime.date(2026, 10, 1))
    draft.refresh_from_db()
    assert (draft.name, draft.deadline) == ("Index 2028", datetime.date(2026, 10, 1))
    assert (
        reason_display(draft.history.first().history_change_reason) == "renamed; deadline set to 2026-10-01"
    )

    ResponseFactory(round=index_round, city=lyon)
    with pytest.raises(ValidationError) as exc:
        round_update(round=index_round, by=alice, deadline=datetime.date(2026, 12, 1))
    assert "must be later than the current deadline" in exc.value.message_dict["deadline"][0]


# Inviting cities --------------------------------------------------------------------------------------


def test_inviting_creates_one_response_per_city_and_emails_its_coordinators(
    alice, bob, dave, lyon, porto, bergamo, index_round, mailoutbox, django_capture_on_commit_callbacks
):
    bob.language = "fr"
    bob.save()
    with django_capture_on_commit_callbacks(execute=True):
        result = round_invite(round=index_round, cities=[lyon, porto, bergamo], by=alice)
    assert (result.invited, result.skipped, result.emailed) == (3, 0, 2)
    assert result.without_coordinator == [bergamo]
    responses = Response.objects.filter(round=index_round)
    assert sorted(r.city.name for r in responses) == ["Bergamo", "Lyon", "Porto"]
    assert {r.deadline for r in responses} == {index_round.deadline}
    assert {r.status for r in responses} == {ResponseStatus.NOT_STARTED}

    by_person = {m.to[0]: m for m in mailoutbox}
    assert set(by_person) == {"bob@example.org", "dave@example.org"}
    lyon_response = responses.get(city=lyon)
    assert reverse("index:response_detail", args=[lyon_response.pk]) in by_person["bob@example.org"].body
    assert "15 décembre 2026" in by_person["bob@example.org"].body  # in Bob's language
    assert "Dec. 15, 2026" in by_person["dave@example.org"].body
    assert "Porto" in by_person["dave@example.org"].subject


def test_inviting_an_enquiry_is_refused_by_name_and_nothing_is_written(alice, lyon, index_round, mailoutbox):
    oslo = CityFactory(name_en="Oslo", status=CityStatus.ENQUIRY)
    with pytest.raises(ValidationError) as exc:
        round_invite(round=index_round, cities=[lyon, oslo], by=alice)
    message = " ".join(exc.value.message_dict["cities"])
    assert "Oslo has the status “Enquiry”" in message and "only members and candidates" in message
    assert not Response.objects.exists()
    assert mailoutbox == []


def test_a_city_invited_again_is_skipped_and_counted(
    alice, bob, lyon, porto, index_round, mailoutbox, django_capture_on_commit_callbacks
):
    lyon_response = ResponseFactory(round=index_round, city=lyon, status=ResponseStatus.IN_PROGRESS)
    with django_capture_on_commit_callbacks(execute=True):
        result = round_invite(round=index_round, cities=[lyon, porto], by=alice)
    assert (result.invited, result.skipped) == (1, 1)
    lyon_response.refresh_from_db()
    assert lyon_response.status == ResponseStatus.IN_PROGRESS
    assert Response.objects.filter(round=index_round).count() == 2
    assert "bob@example.org" not in [m.to[0] for m in mailoutbox]


def test_a_draft_round_cannot_invite_yet(alice, lyon):
    draft = RoundFactory(status=RoundStatus.DRAFT)
    with pytest.raises(ValidationError) as exc:
        round_invite(round=draft, cities=[lyon], by=alice)
    assert "Open it first" in exc.value.messages[0]


def test_the_invite_page_lists_members_and_candidates_and_ticks_all_members(
    as_alice, lyon, porto, bergamo, index_round
):
    CityFactory(name_en="Oslo", status=CityStatus.ENQUIRY)
    url = reverse("index:round_invite", args=[index_round.pk])
    page = as_alice.get(url).content.decode()
    assert "Lyon" in page and "Bergamo" in page and "Oslo" not in page
    picked = as_alice.post(url, {"pick": "member"})
    assert picked.context["selected"] == {lyon.pk, porto.pk}
    assert not Response.objects.exists()


def test_inviting_through_the_page(as_alice, lyon, bergamo, index_round, django_capture_on_commit_callbacks):
    url = reverse("index:round_invite", args=[index_round.pk])
    with django_capture_on_commit_callbacks(execute=True):
        page = as_alice.post(url, {"cities": [lyon.pk, bergamo.pk], "invite": "1"}, follow=True)
    assert "2 cities invited" in page.content.decode()
    assert "No coordinator on the platform" in page.content.decode()
    assert Response.objects.filter(round=index_round).count() == 2


def test_inviting_an_enquiry_through_the_page_shows_the_city(as_alice, lyon, index_round):
    oslo = CityFactory(name_en="Oslo", status=CityStatus.ENQUIRY)
    url = reverse("index:round_invite", args=[index_round.pk])
    page = as_alice.post(url, {"cities": [lyon.pk, oslo.pk], "invite": "1"})
    refusal = "Oslo has the status “Enquiry”; only members and candidates answer the Index."
    assert refusal in page.content.decode()
    assert not Response.objects.exists()


# Deadlines --------------------------------------------------------------------------------------------


def test_extending_the_round_moves_the_deadline_of_every_city_still_answering(alice, lyon, porto, reggio):
    round = RoundFactory(deadline=DEC_15)
    waiting = ResponseFactory(round=round, city=lyon)
    submitted = ResponseFactory(round=round, city=porto, status=ResponseStatus.SUBMITTED)
    own_later = ResponseFactory(round=round, city=reggio, deadline=datetime.date(2027, 3, 1))
    round_extend_deadline(round=round, deadline=JAN_31, by=alice)
    for response in (round, waiting, submitted, own_later):
        response.refresh_from_db()
    assert round.deadline == JAN_31
    assert waiting.deadline == JAN_31
    assert submitted.deadline == DEC_15
    assert own_later.deadline == datetime.date(2027, 3, 1)
    latest = waiting.history.first()
    assert latest.history_user == alice
    assert reason_display(latest.history_change_reason) == "deadline extended to 2027-01-31"


def test_an_extension_must_be_later_than_the_current_deadline(alice, lyon, index_round):
    response = ResponseFactory(round=index_round, city=lyon)
    with pytest.raises(ValidationError) as exc:
        round_extend_deadline(round=index_round, deadline=datetime.date(2026, 12, 1), by=alice)
    assert "must be later than the current deadline (Dec. 15, 2026)" in exc.value.message_dict["deadline"][0]
    index_round.refresh_from_db()
    response.refresh_from_db()
    assert index_round.deadline == response.deadline == DEC_15


def test_the_deadline_of_chosen_cities_only_is_extended(alice, lyon, porto, index_round):
    lyon_response = ResponseFactory(round=index_round, city=lyon)
    porto_response = ResponseFactory(round=index_round, city=porto)
    round_extend_deadline(round=index_round, deadline=JAN_31, by=alice, responses=[lyon_response])
    lyon_response.refresh_from_db()
    porto_response.refresh_from_db()
    index_round.refresh_from_db()
    assert lyon_response.deadline == JAN_31
    assert porto_response.deadline == index_round.deadline == DEC_15


def test_a_submitted_response_gets_no_extension(alice, lyon, porto, index_round):
    lyon_response = ResponseFactory(round=index_round, city=lyon, status=ResponseStatus.SUBMITTED)
    porto_response = ResponseFactory(round=index_round, city=porto)
    with pytest.raises(ValidationError) as exc:
        round_extend_deadline(
            round=index_round, deadline=JAN_31, by=alice, responses=[lyon_response, porto_response]
        )
    assert "Lyon's response is submitted" in " ".join(exc.value.message_dict["deadline"])
    porto_response.refresh_from_db()
    assert porto_response.deadline == DEC_15


def test_extending_for_everyone_through_the_page(as_alice, lyon, index_round):
    response = ResponseFactory(round=index_round, city=lyon)
    url = reverse("index:round_edit", args=[index_round.pk])
    page = as_alice.post(url, {"form": "all", "name": "Index 2026", "deadline": "2027-01-31"}, follow=True)
    assert page.status_code == 200
    response.refresh_from_db()
    assert response.deadline == JAN_31


def test_an_earlier_date_on_the_edit_page_is_refused(as_alice, lyon, index_round):
    ResponseFactory(round=index_round, city=lyon)
    url = reverse("index:round_edit", args=[index_round.pk])
    page = as_alice.post(url, {"form": "all", "name": "Index 2026", "deadline": "2026-11-30"})
    assert "must be later than the current deadline" in page.context["form"].errors["deadline"][0]
    index_round.refresh_from_db()
    assert index_round.deadline == DEC_15


def test_extending_chosen_cities_through_the_page(as_alice, lyon, porto, index_round):
    lyon_response = ResponseFactory(round=index_round, city=lyon)
    ResponseFactory(round=index_round, city=porto)
    url = reverse("index:round_edit", args=[index_round.pk])
    page = as_alice.get(url).content.decode()
    assert "Lyon" in page and "Porto" in page
    as_alice.post(url, {"form": "some", "responses": [lyon_response.pk], "deadline": "2027-01-31"})
    lyon_response.refresh_from_db()
    assert lyon_response.deadline == JAN_31


# Reminders --------------------------------------------------------------------------------------------


def test_reminders_go_to_coordinators_and_assigned_contributors_with_progress(
    alice, bob, carol, dave, lyon, porto, index_round, mailoutbox, django_capture_on_commit_callbacks
):
    lyon_response = ResponseFactory(round=index_round, city=lyon)
    ResponseFactory(round=index_round, city=porto, status=ResponseStatus.SUBMITTED)
    section_assign(response=lyon_response, area="education", user=carol, by=bob)
    answer_save(response=lyon_response, question="commitment.strategy", value="partly", by=bob)
    answer_save(response=lyon_response, question="commitment.budget", value="yes", by=bob)
    with django_capture_on_commit_callbacks(execute=True):
        reminded = round_send_reminders(round=index_round, by=alice)
    assert sorted(p.email for p in reminded.people) == ["bob@example.org", "carol@example.org"]
    by_person = {m.to[0]: m for m in mailoutbox}
    assert set(by_person) == {"bob@example.org", "carol@example.org"}  # Porto has submitted
    assert "2 of 15 questions are answered" in by_person["bob@example.org"].body
    assert "Dec. 15, 2026" in by_person["bob@example.org"].subject
    assert "- Education" in by_person["carol@example.org"].body
    assert "- Education" not in by_person["bob@example.org"].body


def test_a_closed_round_sends_no_reminders(alice, bob, lyon, mailoutbox):
    round = RoundFactory(status=RoundStatus.CLOSED)
    ResponseFactory(round=round, city=lyon)
    with pytest.raises(ValidationError):
        round_send_reminders(round=round, by=alice)
    assert mailoutbox == []


def test_reminding_through_the_page(
    as_alice, bob, lyon, index_round, mailoutbox, django_capture_on_commit_callbacks
):
    ResponseFactory(round=index_round, city=lyon)
    with django_capture_on_commit_callbacks(execute=True):
        page = as_alice.post(reverse("index:round_remind", args=[index_round.pk]), follow=True)
    assert "Told: Bob Durand." in page.content.decode()
    assert [m.to for m in mailoutbox] == [["bob@example.org"]]


# Pages ------------------------------------------------------------------------------------------------


def test_the_round_list_counts_responses_by_status(as_alice, lyon, porto, index_round):
    ResponseFactory(round=index_round, city=lyon, status=ResponseStatus.SUBMITTED)
    ResponseFactory(round=index_round, city=porto)
    response = as_alice.get(reverse("index:round_list"))
    row = next(r for r in response.context["rows"] if r.round == index_round)
    assert row.total == 2
    assert dict((value, n) for value, _label, n in row.counts)["submitted"] == 1
    assert "Index 2026" in response.content.decode()


def test_the_round_page_shows_progress_deadlines_and_links(as_alice, bob, lyon, porto, index_round):
    lyon_response = ResponseFactory(round=index_round, city=lyon)
    ResponseFactory(round=index_round, city=porto, deadline=datetime.date(2026, 1, 31))
    answer_save(response=lyon_response, question="commitment.strategy", value="partly", by=bob)
    page = as_alice.get(reverse("index:round_detail", args=[index_round.pk]))
    text = page.content.decode()
    rows = {row.response.city.name: row for row in page.context["detail"].rows}
    assert (rows["Lyon"].answered, rows["Lyon"].total, rows["Lyon"].overdue) == (1, 15, False)
    assert rows["Porto"].overdue
    assert "1 of 15" in text and "Overdue" in text
    assert reverse("index:response_review", args=[lyon_response.pk]) in text
    assert reverse("index:response_detail", args=[lyon_response.pk]) in text
    assert reverse("index:round_export", args=[index_round.pk, "xlsx"]) in text


def test_the_round_page_filters_by_status_and_country(as_alice, lyon, porto, reggio, index_round):
    ResponseFactory(round=index_round, city=lyon, status=ResponseStatus.SUBMITTED)
    ResponseFactory(round=index_round, city=porto)
    ResponseFactory(round=index_round, city=reggio, status=ResponseStatus.SUBMITTED)
    url = reverse("index:round_detail", args=[index_round.pk])
    by_status = as_alice.get(url, {"status": "submitted"}).context["detail"]
    assert [row.response.city.name for row in by_status.rows] == ["Lyon", "Reggio Emilia"]
    both = as_alice.get(url, {"status": "submitted", "country": "it"}).context["detail"]
    assert [row.response.city.name for row in both.rows] == ["Reggio Emilia"]


def test_progress_counts_only_the_questions_that_apply_as_the_city_sees_them(bob, lyon):
    document = json.loads(EXAMPLE_QUESTIONNAIRE.read_text())
    share = document["areas"][1]["questions"][2]
    share["show_if"] = {"question": "education.mixed_schools", "in": ["most", "all"]}
    questionnaire = QuestionnaireFactory(
        key="icc-rounds-conditional", document=document, source_sha256="r" * 64
    )
    response = ResponseFactory(round=RoundFactory(questionnaire=questionnaire), city=lyon)
    answer_save(response=response, question="education.mixed_schools", value="some", by=bob)
    answer_save(response=response, question="education.activities", value=[], by=bob)  # "none of these"
    row = round_detail(response.round, {}).rows[0]
    assert (row.answered, row.total) == (2, 14)
    assert len(unanswered_questions(response)) == row.total - row.answered

    answer_save(response=response, question="education.mixed_schools", value="all", by=bob)
    row = round_detail(response.round, {}).rows[0]
    assert (row.answered, row.total) == (2, 15)


def test_overdue_counts_only_responses_still_being_answered(lyon, porto, index_round):
    ResponseFactory(round=index_round, city=lyon)
    ResponseFactory(round=index_round, city=porto, status=ResponseStatus.SUBMITTED)
    detail = round_detail(index_round, {"status": "overdue"}, today=datetime.date(2027, 1, 1))
    assert [row.response.city.name for row in detail.rows] == ["Lyon"]
    assert dict((v, n) for v, _label, n in detail.status_counts)["overdue"] == 1


def test_the_round_page_reads_a_fixed_number_of_queries(as_alice, index_round):
    url = reverse("index:round_detail", args=[index_round.pk])

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert as_alice.get(url).status_code == 200
        return len(ctx.captured_queries)

    for city in CityFactory.create_batch(3):
        ResponseFactory(round=index_round, city=city)
    queries()  # warms the per-process caches (questionnaire structure, country names)
    few = queries()
    for city in CityFactory.create_batch(27):
        response = ResponseFactory(round=index_round, city=city)
        answer_save(
            response=response, question="commitment.strategy", value="yes", by=None, check_access=False
        )
    Response.objects.filter(pk__in=[r.pk for r in Response.objects.all()[:10]]).update(
        status=ResponseStatus.SUBMITTED, submitted_at=timezone.now()
    )
    assert queries() == few
    assert few <= 13  # 12, and the header's count of unread notifications


@pytest.mark.parametrize(
    "name,args",
    [
        ("index:round_list", []),
        ("index:round_create", []),
        ("index:round_detail", ["round"]),
        ("index:round_edit", ["round"]),
        ("index:round_invite", ["round"]),
    ],
)
def test_the_round_pages_are_for_the_secretariat_only(name, args, alice, bob, erin, index_round):
    url = reverse(name, args=[index_round.pk if a == "round" else a for a in args])
    assert client_for(alice).get(url).status_code == 200
    assert client_for(bob).get(url).status_code == 403
    assert client_for(erin).get(url).status_code == 403
    assert client_for(None).get(url).status_code == 302


@pytest.mark.parametrize("name", ["index:round_remind", "index:round_status"])
def test_the_round_actions_are_for_the_secretariat_only(name, bob, lyon, index_round, mailoutbox):
    ResponseFactory(round=index_round, city=lyon)
    response = client_for(bob).post(reverse(name, args=[index_round.pk]), {"status": "closed"})
    assert response.status_code == 403
    index_round.refresh_from_db()
    assert index_round.status == RoundStatus.OPEN
    assert mailoutbox == []


def test_sending_reminders_first_says_who_will_be_reminded(as_alice, bob, lyon, index_round, mailoutbox):
    ResponseFactory(round=index_round, city=lyon)
    url = reverse("index:round_remind", args=[index_round.pk])
    assert f'href="{url}"' in as_alice.get(reverse("index:round_detail", args=[index_round.pk])).text
    page = as_alice.get(url).text
    assert "What will happen" in page
    assert "<strong>Lyon</strong>: Bob Durand" in page
    assert 'action="' + url + '"' in page
    assert mailoutbox == []  # reading the confirmation sends nothing


def test_closing_a_round_first_says_what_will_happen(as_alice, lyon, index_round):
    ResponseFactory(round=index_round, city=lyon)
    url = reverse("index:round_status", args=[index_round.pk])
    detail = as_alice.get(reverse("index:round_detail", args=[index_round.pk])).text
    assert f'href="{url}?status=closed"' in detail
    page = as_alice.get(url, {"status": "closed"}).text
    assert "Cities can no longer change or submit their answers" in page
    assert "1 response is still being answered and will stay unsubmitted:" in page and "Lyon" in page
    index_round.refresh_from_db()
    assert index_round.status == RoundStatus.OPEN
    as_alice.post(url, {"status": "closed"})
    index_round.refresh_from_db()
    assert index_round.status == RoundStatus.CLOSED
    # A closed round has no closing page: back to the round.
    assert as_alice.get(url, {"status": "closed"}).status_code == 302


@pytest.mark.parametrize("name", ["index:round_remind", "index:round_status"])
def test_the_confirmation_pages_are_for_the_secretariat_only(name, bob, index_round):
    assert client_for(bob).get(reverse(name, args=[index_round.pk]), {"status": "closed"}).status_code == 403
