"""The survey services: questionnaire versions, a city's survey, answers, imports, publication, notices."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from icc.notifications.models import Notification, NotificationKind
from icc.surveys import services
from icc.surveys.models import Survey, SurveyAnswer
from icc.surveys.questionnaire import QuestionnaireError, parse_questionnaire
from icc.surveys.selectors import survey_results
from tests.surveys.helpers import add_answers, make_survey, questionnaire, skewed_answers

pytestmark = pytest.mark.django_db


def test_the_shipped_questionnaire_loads_once_with_its_languages():
    first = questionnaire()
    again = questionnaire()
    assert first.pk == again.pk
    assert first.languages == ["en", "fr"]
    parsed = first.parsed()
    assert len(parsed.questions) >= 20
    assert {"likert", "yes_no", "single_choice", "age_band", "gender", "born_abroad", "years_in_city"} <= {
        q.type for q in parsed.questions
    }
    assert (
        "anti_discrimination.support_service"
        in parsed.question("knowing.antidiscrimination_service").index_questions
    )


def test_a_language_added_as_data_is_offered():
    document = dict(questionnaire().document, id="residents-pt")
    document["title"] = dict(document["title"], pt="Viver juntos")
    loaded = services.questionnaire_load_document(document=document)
    assert "pt" in loaded.languages


def test_bad_questionnaires_are_refused_with_every_problem():
    with pytest.raises(QuestionnaireError) as caught:
        parse_questionnaire(
            {
                "id": "Bad Id",
                "title": {"fr": "Sans anglais"},
                "areas": [
                    {
                        "id": "a",
                        "title": {"en": "A"},
                        "questions": [
                            {"id": "a.q", "type": "likert", "text": {"en": "Q"}},
                            {"id": "a.r", "type": "slider", "text": {"en": "R"}},
                            {
                                "id": "a.s",
                                "type": "yes_no",
                                "text": {"en": "S"},
                                "options": [
                                    {"id": "yes", "label": {"en": "Y"}},
                                    {"id": "maybe", "label": {"en": "M"}},
                                ],
                            },
                        ],
                    }
                ],
            }
        )
    text = "; ".join(caught.value.problems)
    assert "lower-case" in text
    assert "no English version" in text
    assert "a likert question names a scale of 5 points" in text
    assert "unknown type 'slider'" in text
    assert "exactly the options yes and no" in text


def test_a_questionnaire_used_by_a_survey_is_frozen(lyon, bob):
    survey = make_survey(lyon, by=bob)
    document = dict(survey.questionnaire.document, title={"en": "Changed", "fr": "Changé"})
    with pytest.raises(ValidationError, match="used by a survey"):
        services.questionnaire_load_document(document=document)


def test_a_survey_refuses_dates_and_population_that_do_not_add_up(lyon, bob):
    with pytest.raises(ValidationError) as caught:
        make_survey(
            lyon,
            by=bob,
            opens_on=timezone.localdate(),
            closes_on=timezone.localdate() - datetime.timedelta(days=1),
            population={"age": {"16-29": 40, "30-44": 40}, "gender": {"woman": 50, "man": 50}},
            population_source="",
        )
    errors = caught.value.message_dict
    assert "closes before it opens" in errors["closes_on"][0]
    assert "add up to 80" in errors["population"][0]
    assert "come from" in errors["population_source"][0]
    assert not Survey.objects.exists()


def test_an_answer_is_stored_without_anything_about_the_person(lyon, bob):
    survey = make_survey(lyon, by=bob)
    answer = services.answer_submit(
        survey=survey, answers={"knowing.antidiscrimination_service": "dont_know", "about.age_band": "30-44"}
    )
    assert answer.answers == {"knowing.antidiscrimination_service": "dont_know", "about.age_band": "30-44"}
    field_names = {f.name for f in SurveyAnswer._meta.get_fields()}
    assert not field_names & {"ip", "ip_address", "user", "address", "user_agent", "session"}


def test_answers_are_refused_by_question_and_a_hidden_follow_up_is_dropped(lyon, bob):
    survey = make_survey(lyon, by=bob)
    with pytest.raises(ValidationError) as caught:
        services.answer_submit(survey=survey, answers={"trust.police": "7"})
    assert "use one of 1, 2, 3, 4, 5, dont_know" in caught.value.message_dict["trust.police"][0]
    with pytest.raises(ValidationError, match="at least one question"):
        services.answer_submit(survey=survey, answers={"about.gender": "woman"})
    answer = services.answer_submit(
        survey=survey, answers={"discrimination.experienced": "no", "discrimination.reported": "yes"}
    )
    assert answer.answers == {"discrimination.experienced": "no"}


def test_a_closed_survey_takes_no_answer(lyon, bob):
    survey = make_survey(lyon, by=bob, open_now=False)
    with pytest.raises(ValidationError, match="not open"):
        services.answer_submit(survey=survey, answers={"trust.police": "3"})


def test_weighting_moves_a_share_towards_the_population(lyon, bob):
    survey = make_survey(lyon, by=bob)
    add_answers(survey, skewed_answers(600))
    results = survey_results(survey, "en")
    row = next(r for r in results.rows if r.question.id == "knowing.antidiscrimination_service")
    weighted = row.overall.positive.share
    unweighted = row.unweighted.positive.share
    # The young (who know the service less) are over-represented: weighting raises the share.
    assert weighted > unweighted + 0.03
    assert results.design["design_effect"] > 1
    assert row.born_abroad is not None and row.born_abroad.positive is not None


CSV = "knowing.antidiscrimination_service,trust.police,about.age_band\nyes,4,16-29\ndont_know,,65+\n"


def test_an_import_is_checked_then_applied(lyon, bob):
    survey = make_survey(lyon, by=bob)
    checked = services.answers_import(
        survey=survey, content=CSV.encode(), extension="csv", filename="paper.csv", by=bob, dry_run=True
    )
    assert (checked.rows, checked.problems, checked.applied) == (2, [], False)
    assert not survey.answers.exists()
    applied = services.answers_import(
        survey=survey, content=CSV.encode(), extension="csv", filename="paper.csv", by=bob, dry_run=False
    )
    assert applied.applied and survey.answers.count() == 2
    reasons = list(survey.history.values_list("history_change_reason", flat=True))
    assert any(r.startswith("surveys.imported") for r in reasons), reasons


def test_an_import_with_one_bad_cell_imports_nothing_and_names_row_and_column(lyon, bob):
    survey = make_survey(lyon, by=bob)
    bad = CSV + "maybe,9,16-29\n"
    result = services.answers_import(
        survey=survey, content=bad.encode(), extension="csv", filename="paper.csv", by=bob, dry_run=False
    )
    assert not result.applied and not survey.answers.exists()
    assert any(p.startswith("row 4, column knowing.antidiscrimination_service") for p in result.problems)
    assert any("column trust.police" in p for p in result.problems)
    unknown = services.answers_import(
        survey=survey, content=b"favourite_colour\nblue\n", extension="csv", filename="x.csv", by=bob
    )
    assert "Unknown column favourite_colour" in unknown.problems[0]


def test_results_are_published_only_once_closed(lyon, bob):
    survey = make_survey(lyon, by=bob)
    with pytest.raises(ValidationError, match="still open"):
        services.survey_publish(survey=survey, by=bob)
    closed = make_survey(lyon, by=bob, open_now=False)
    services.survey_publish(survey=closed, by=bob)
    assert list(Survey.objects.public()) == [closed]
    assert closed.history.first().history_change_reason == "surveys.published"


def test_coordinators_are_told_once_of_few_answers_and_of_a_closed_survey(lyon, bob, carol):
    survey = make_survey(
        lyon,
        by=bob,
        opens_on=timezone.localdate() - datetime.timedelta(days=20),
        closes_on=timezone.localdate() + datetime.timedelta(days=5),
    )
    add_answers(survey, skewed_answers(20))
    assert services.surveys_few_answers_notify() == 1
    assert services.surveys_few_answers_notify() == 0
    notice = Notification.objects.get(kind=NotificationKind.SURVEY_FEW_ANSWERS)
    assert notice.recipient == bob  # the coordinator, not the contributor
    make_survey(lyon, by=bob, open_now=False)
    assert services.surveys_closed_notify() == 1
    assert services.surveys_closed_notify() == 0


def test_the_demo_gives_synthetic_surveys_with_one_published(scored):
    from icc.surveys.demo import load_surveys_demo

    loaded = load_surveys_demo()
    assert loaded.surveys == 2  # Lyon and Porto: the cities with a validated Index response here
    surveys = list(Survey.objects.order_by("pk"))
    assert all(s.synthetic for s in surveys)
    assert [s.is_published for s in surveys] == [True, False]
    assert all(300 <= s.answers.count() <= 1500 for s in surveys)
    results = survey_results(surveys[0], "en")
    row = next(r for r in results.rows if r.question.id == "knowing.antidiscrimination_service")
    assert row.overall.positive.share != row.unweighted.positive.share
    assert load_surveys_demo().surveys == 0  # once


def test_the_commands_load_the_questionnaire_and_send_the_notices(lyon, bob, tmp_path):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    call_command("surveys", "load-questionnaire", stdout=out)
    assert "residents-2026: 23 questions, languages en, fr" in out.getvalue()
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\ntitle: {en: Bad}\nareas: []\n")
    with pytest.raises(CommandError, match="areas"):
        call_command("surveys", "load-questionnaire", str(bad))
    make_survey(lyon, by=bob, open_now=False)
    out = StringIO()
    call_command("surveys", "notify", stdout=out)
    assert "1 told of a closed survey" in out.getvalue()


def test_the_survey_list_reads_a_fixed_number_of_queries(
    lyon, porto, bob, alice, django_assert_max_num_queries
):
    from tests.conftest import client_for

    for _i in range(3):
        make_survey(lyon, by=bob)
        make_survey(porto, by=bob, title_en="Living together in Porto")
    client = client_for(alice)
    with django_assert_max_num_queries(14):  # session, roles, navigation and one query for the list
        response = client.get("/surveys/")
    page = response.content.decode()
    assert page.count("Living together in Lyon") == 3 and page.count("Living together in Porto") == 3
