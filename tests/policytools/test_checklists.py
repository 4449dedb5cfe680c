"""Checklist versions as data: the shipped files load, bad files are refused with clear errors, a version with
answers is frozen."""

import copy

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from icc.policytools import checklist_format, services
from icc.policytools.models import Assessment, Checklist


def test_the_shipped_checklists_are_loaded_by_the_migration_with_french_and_gender_questions(db):
    keys = set(Checklist.objects.public().values_list("key", flat=True))
    assert {"housing-2026", "education-2026", "public-services-2026", "business-2026"} <= keys
    assert "diversity-advantage-2026" in keys
    for checklist in Checklist.objects.filter(audience="city"):
        questions = checklist_format.questions_of(checklist.document)
        assert 10 <= len(questions) <= 15
        assert any(q.get("gender") for q in questions)
        assert all(q["text"]["fr"] and q["text"]["en"] for q in questions)


def test_loading_again_changes_nothing(db, capsys):
    call_command("load_checklists")
    assert "unchanged" in capsys.readouterr().out
    assert {r.outcome for r in services.checklists_load_shipped()} == {"unchanged"}


def test_a_bad_file_is_refused_with_every_problem_named(db):
    document = copy.deepcopy(Checklist.objects.get(key="housing-2026").document)
    document["id"] = "housing-broken"
    first = document["sections"][0]["questions"][0]
    first["weight"] = 0
    first["text"] = {"en": "Only English"}
    first["index_questions"] = ["neighbourhoods.no_such_question"]
    for section in document["sections"]:
        for question in section["questions"]:
            question["gender"] = False
    with pytest.raises(ValidationError) as refused:
        services.checklist_load(document=document, known_index_questions=services.index_question_ids())
    text = " ".join(refused.value.messages)
    assert "housing.knowledge.segregation_data.weight: give a number above 0" in text
    assert "text in 'fr' is missing" in text
    assert "'neighbourhoods.no_such_question' is not a question of the Index" in text
    assert "gender: true" in text
    assert not Checklist.objects.filter(key="housing-broken").exists()


def test_a_version_with_answers_cannot_change(lyon):
    housing = Checklist.objects.get(key="housing-2026")
    Assessment.objects.create(city=lyon, checklist=housing)
    document = copy.deepcopy(housing.document)
    document["title"]["en"] = "Changed"
    with pytest.raises(ValidationError, match="new version with a new id"):
        services.checklist_load(document=document)
