"""Questionnaire versions as data: loading (idempotent, frozen once used), export, the `icc index` command,
comparable areas between versions, and the pages."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from icc.index.models import Questionnaire
from icc.index.scoring import parse_questionnaire, parse_responses, score
from icc.index.selectors.questionnaires import comparable_areas
from icc.index.services.questionnaires import (
    SHIPPED_DIR,
    questionnaire_export,
    questionnaire_load,
    questionnaire_load_document,
    questionnaire_load_shipped,
)
from tests.conftest import client_for
from tests.factories import QuestionnaireFactory, RoundFactory

DATA = Path(__file__).parent / "data"
EXAMPLE = DATA / "questionnaire.json"


def example() -> dict[str, Any]:
    return json.loads(EXAMPLE.read_text())


def write(path: Path, document: Any) -> Path:
    if path.suffix == ".json":
        path.write_text(json.dumps(document, ensure_ascii=False))
    else:
        path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False))
    return path


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("index", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def question(document: dict[str, Any], qid: str) -> dict[str, Any]:
    return next(q for area in document["areas"] for q in area["questions"] if q["id"] == qid)


# --------------------------------------------------------------------------------------------------
# Loading


def test_it_loads_a_file_once_and_then_changes_nothing(db):
    first = questionnaire_load(path=EXAMPLE)
    assert (first.created, first.changed, first.outcome) == (True, True, "created")
    stored = Questionnaire.objects.get(key="icc-example")
    assert stored.document == example()
    assert stored.title["fr"].startswith("Indice des cités")
    assert stored.version_label == {"en": "icc-example"}  # no version_label in the file: the id

    again = questionnaire_load(path=EXAMPLE)
    assert (again.created, again.changed, again.outcome) == (False, False, "unchanged")
    assert Questionnaire.objects.get().updated == stored.updated


def test_it_reads_yaml_with_yes_and_no_as_option_ids_and_dates_as_text(db, tmp_path):
    document = {**example(), "published": "2026-03-01", "version_label": {"en": "Example", "fr": "Exemple"}}
    path = tmp_path / "example.yaml"
    path.write_text(
        yaml.safe_dump(document, allow_unicode=True).replace("'yes'", "yes").replace("'no'", "no")
    )
    assert "id: yes\n" in path.read_text() or "id: yes," in path.read_text()

    result = questionnaire_load(path=path)
    stored = result.questionnaire
    assert [o["id"] for o in question(stored.document, "commitment.budget")["options"]] == ["no", "yes"]
    assert stored.document["published"] == "2026-03-01"
    assert str(stored.published) == "2026-03-01"
    assert str(stored) == "Example"


def test_a_version_no_round_uses_is_updated_in_place(db, tmp_path):
    questionnaire_load(path=EXAMPLE)
    changed = example()
    changed["areas"][0]["weight"] = 3.0
    result = questionnaire_load(path=write(tmp_path / "example.json", changed))
    assert (result.created, result.changed, result.outcome) == (False, True, "updated")
    assert Questionnaire.objects.get().document["areas"][0]["weight"] == 3.0


def test_a_version_a_round_uses_is_frozen_and_a_change_writes_nothing(index_round, tmp_path):
    changed = example()
    question(changed, "commitment.strategy")["options"][1]["points"] = 1.5
    with pytest.raises(ValidationError) as exc:
        questionnaire_load(path=write(tmp_path / "example.json", changed))
    assert exc.value.messages == [
        f"{tmp_path / 'example.json'}: version icc-example is used by round Index 2026 and frozen: "
        "save your change under a new id"
    ]
    assert question(Questionnaire.objects.get().document, "commitment.strategy")["options"][1]["points"] == 1


def test_a_frozen_version_loads_again_unchanged(index_round):
    assert questionnaire_load(path=EXAMPLE).outcome == "unchanged"


def test_a_change_saved_under_a_new_id_is_a_new_version(index_round, tmp_path):
    changed = {**example(), "id": "icc-example-2"}
    changed["areas"][0]["weight"] = 3.0
    assert questionnaire_load(path=write(tmp_path / "new.json", changed)).created
    assert Questionnaire.objects.count() == 2


def test_export_round_trips_through_json_and_yaml(db, tmp_path):
    loaded = questionnaire_load(path=EXAMPLE).questionnaire
    exported = questionnaire_export(loaded)
    assert exported == example()
    assert next(iter(exported)) == "id"
    as_json = write(tmp_path / "again.json", exported)
    assert questionnaire_load(path=as_json).outcome == "unchanged"
    as_yaml = tmp_path / "again.yaml"
    run("export-questionnaire", "icc-example", "--format", "yaml", "--output", str(as_yaml))
    assert questionnaire_load(path=as_yaml).outcome == "unchanged"


# --------------------------------------------------------------------------------------------------
# Broken files: every problem at once, nothing written


def broken_document() -> dict[str, Any]:
    document = example()
    question(document, "language.media")["show_if"] = {"question": "language.nope", "in": ["yes"]}
    question(document, "education.activities")["id"] = "commitment.strategy"  # a duplicate id
    del question(document, "commitment.budget")["text"]["en"]
    document["areas"][1]["weight"] = -1
    return document


def test_a_broken_file_lists_every_problem_and_loads_nothing(db, tmp_path):
    with pytest.raises(ValidationError) as exc:
        questionnaire_load(path=write(tmp_path / "broken.json", broken_document()))
    problems = exc.value.messages
    assert all(p.startswith(f"{tmp_path / 'broken.json'}: ") for p in problems)
    text = "\n".join(problems)
    assert 'question "language.media": show_if refers to unknown question "language.nope"' in text
    assert 'question "commitment.strategy": duplicate question id (also in area "commitment")' in text
    assert 'question "commitment.budget": text has no English version: add en' in text
    assert 'area "education": weight is negative (-1)' in text
    assert len(problems) == 4
    assert not Questionnaire.objects.exists()


def test_a_display_condition_must_name_an_earlier_question_and_its_options(db):
    document = example()
    question(document, "commitment.strategy")["show_if"] = {"question": "commitment.budget", "in": ["yes"]}
    question(document, "commitment.statement")["show_if"] = {"question": "commitment.budget", "in": ["maybe"]}
    question(document, "language.media")["show_if"] = {"question": "education.share_pupils", "in": ["x"]}
    with pytest.raises(ValidationError) as exc:
        questionnaire_load_document(document=document)
    assert exc.value.messages == [
        'question "commitment.strategy": show_if refers to question "commitment.budget", which is not asked '
        "before this one: a condition can only depend on an earlier question",
        'question "commitment.statement": show_if: "maybe" is not an option of question "commitment.budget" '
        "(its options: no, yes)",
        'question "language.media": show_if refers to question "education.share_pupils", '
        "which has no options (a percentage question): a condition can only depend on a choice question",
    ]


def test_texts_must_be_language_maps_with_english(db):
    document = example()
    question(document, "commitment.strategy")["help"] = "Plain text"
    question(document, "commitment.strategy")["recommendation"] = {"fr": "Adoptez une stratégie."}
    question(document, "commitment.strategy")["options"][0]["label"] = {"en": ""}
    document["groups"][0]["title"] = None
    document["published"] = "1 May 2019"
    with pytest.raises(ValidationError) as exc:
        questionnaire_load_document(document=document)
    assert exc.value.messages == [
        'published must be a date written YYYY-MM-DD, got a string "1 May 2019"',
        'group "intercultural_lens": title is missing: give it as a map of languages, at least {en: ...}',
        'question "commitment.strategy": help must be a map of language code to text such as '
        '{en: ..., fr: ...}, got a string "Plain text"',
        'question "commitment.strategy": recommendation has no English version: add en',
        'question "commitment.strategy": option "no": label in en must be a non-empty text, got a string ""',
    ]


def test_comparable_with_names_areas_of_both_versions(db):
    questionnaire_load(path=EXAMPLE)
    document = {**example(), "id": "icc-example-2"}
    document["comparable_with"] = {"icc-example": {"education": "schools", "housing": "language"}}
    with pytest.raises(ValidationError) as exc:
        questionnaire_load_document(document=document)
    assert exc.value.messages == [
        'comparable_with "icc-example": "schools" is not an area of icc-example',
        'comparable_with "icc-example": "housing" is not an area of this version',
    ]


def test_a_file_that_is_not_valid_yaml_names_the_file_and_the_line(db, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("id: icc-x\nareas: [\n")
    with pytest.raises(ValidationError) as exc:
        questionnaire_load(path=path)
    assert exc.value.messages[0].startswith(f"{path}: not valid YAML")
    assert "line" in exc.value.messages[0]


def test_a_key_given_twice_in_yaml_is_refused(db, tmp_path):
    path = tmp_path / "twice.yaml"
    path.write_text("id: icc-x\nid: icc-y\n")
    with pytest.raises(ValidationError) as exc:
        questionnaire_load(path=path)
    assert 'found the key "id" twice' in exc.value.messages[0]


# --------------------------------------------------------------------------------------------------
# The shipped versions


def test_the_shipped_versions_load_and_then_change_nothing(db):
    files = sorted(SHIPPED_DIR.glob("*.yaml"))
    assert {f.name for f in files} >= {"icc-2019.yaml", "icc-2009.yaml"}
    first = questionnaire_load_shipped()
    assert [(p.name, r.outcome) for p, r in first] == [(f.name, "created") for f in files]
    assert [r.outcome for _p, r in questionnaire_load_shipped()] == ["unchanged"] * len(files)
    for _path, result in first:
        assert (
            questionnaire_load(path=SHIPPED_DIR / f"{result.questionnaire.key}.yaml").outcome == "unchanged"
        )
        assert questionnaire_export(result.questionnaire) == result.questionnaire.document


def test_the_two_shipped_versions_say_which_areas_compare(db):
    questionnaire_load_shipped()
    newer, older = Questionnaire.objects.get(key="icc-2019"), Questionnaire.objects.get(key="icc-2009")
    mapping = comparable_areas(newer, older)
    assert mapping["commitment"] == "commitment"
    assert "participation" not in mapping  # an optional area 2009 did not have
    assert set(mapping.values()) <= {a["id"] for a in older.document["areas"]}


# --------------------------------------------------------------------------------------------------
# comparable_areas


def two_versions(*, declared_by: str) -> tuple[Questionnaire, Questionnaire]:
    older_doc = example()
    newer_doc = copy.deepcopy(example())
    newer_doc["id"] = "icc-example-2"
    newer_doc["areas"][1]["id"] = "schools"
    newer_doc["groups"][0]["areas"] = ["schools", "public_services"]
    for q in newer_doc["areas"][1]["questions"]:
        q["id"] = q["id"].replace("education.", "schools.")
    if declared_by == "newer":
        newer_doc["comparable_with"] = {"icc-example": {"schools": "education", "commitment": "commitment"}}
    else:
        older_doc["comparable_with"] = {"icc-example-2": {"education": "schools", "commitment": "commitment"}}
    older = questionnaire_load_document(document={**older_doc, "published": "2009-01-01"}).questionnaire
    newer = questionnaire_load_document(document={**newer_doc, "published": "2019-01-01"}).questionnaire
    return newer, older


@pytest.mark.parametrize("declared_by", ["newer", "older"])
def test_comparable_areas_read_either_version(db, declared_by):
    newer, older = two_versions(declared_by=declared_by)
    assert comparable_areas(newer, older) == {"commitment": "commitment", "schools": "education"}


def test_versions_without_a_mapping_have_no_comparable_areas(db):
    older = questionnaire_load(path=EXAMPLE).questionnaire
    newer = questionnaire_load_document(document={**example(), "id": "icc-other"}).questionnaire
    assert comparable_areas(newer, older) == {}


# --------------------------------------------------------------------------------------------------
# The command


def test_the_command_loads_files_and_says_what_it_did(db, tmp_path):
    assert run("load-questionnaire", str(EXAMPLE)) == f"{EXAMPLE}: icc-example created\n"
    assert run("load-questionnaire", str(EXAMPLE)) == f"{EXAMPLE}: icc-example unchanged\n"
    changed = example()
    changed["areas"][0]["weight"] = 3.0
    path = write(tmp_path / "changed.json", changed)
    assert run("load-questionnaire", str(path)) == f"{path}: icc-example updated\n"


def test_the_command_refuses_bad_files_with_every_problem_and_loads_none(db, tmp_path):
    good = write(tmp_path / "good.json", {**example(), "id": "icc-good"})
    bad = write(tmp_path / "bad.json", broken_document())
    with pytest.raises(CommandError) as exc:
        run("load-questionnaire", str(good), str(bad))
    assert exc.value.returncode == 2
    message = str(exc.value)
    assert message.startswith("nothing loaded: 4 problems\n")
    assert f'{bad}: question "language.media": show_if refers to unknown question "language.nope"' in message
    assert f'{bad}: area "education": weight is negative (-1)' in message
    assert not Questionnaire.objects.exists()


def test_the_command_refuses_a_change_to_a_frozen_version(index_round, tmp_path):
    changed = example()
    changed["areas"][0]["weight"] = 3.0
    path = write(tmp_path / "changed.json", changed)
    with pytest.raises(CommandError) as exc:
        run("load-questionnaire", str(path))
    assert exc.value.returncode == 2
    assert (
        "version icc-example is used by round Index 2026 and frozen: save your change under a new id"
        in str(exc.value)
    )


def test_the_command_loads_the_shipped_versions(db):
    output = run("load-shipped")
    assert "icc-2019.yaml: icc-2019 created" in output
    assert "icc-2009.yaml: icc-2009 created" in output
    assert "unchanged" in run("load-shipped")


def test_the_command_exports_a_version_as_interchange_json(db, tmp_path):
    questionnaire = questionnaire_load(path=EXAMPLE).questionnaire
    assert json.loads(run("export-questionnaire", "icc-example", "--format", "json")) == questionnaire_export(
        questionnaire
    )
    output = tmp_path / "out.json"
    assert (
        run("export-questionnaire", "icc-example", "--output", str(output))
        == f"{output}: icc-example exported\n"
    )
    assert json.loads(output.read_text()) == example()


def test_the_command_names_the_known_versions_when_the_id_is_unknown(db):
    questionnaire_load(path=EXAMPLE)
    with pytest.raises(CommandError) as exc:
        run("export-questionnaire", "icc-2030", "--format", "json")
    assert exc.value.returncode == 2
    assert str(exc.value) == "no questionnaire version 'icc-2030' (loaded versions: icc-example)"


def test_the_command_scores_files_offline_without_a_database():
    # No `db` fixture: pytest-django would fail any query.
    output = run("score", "--questionnaire", str(EXAMPLE), "--responses", str(DATA / "responses.json"))
    q = parse_questionnaire(example())
    expected = score(q, parse_responses(json.loads((DATA / "responses.json").read_text()), q)).to_dict()
    assert json.loads(output) == expected


def test_the_score_command_exits_with_the_offline_status_on_bad_input(tmp_path):
    err = io.StringIO()
    with pytest.raises(SystemExit) as exc:
        call_command(
            "index",
            "score",
            "--questionnaire",
            str(tmp_path / "missing.json"),
            "--responses",
            str(DATA / "responses.json"),
            stdout=io.StringIO(),
            stderr=err,
        )
    assert exc.value.code == 2
    assert "bad input, no scores written" in err.getvalue()


# --------------------------------------------------------------------------------------------------
# Pages


@pytest.fixture
def versions(db):
    questionnaire_load_shipped()
    RoundFactory(name="Index 2026", questionnaire=Questionnaire.objects.get(key="icc-2019"))


@pytest.mark.parametrize("user", ["bob", "alice"])
def test_the_list_shows_every_version_with_its_size_and_rounds(versions, user, request):
    page = client_for(request.getfixturevalue(user)).get("/index/questionnaires/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Index 2019" in text and "Index 2009" in text
    assert "Index 2026" in text  # the round using icc-2019
    assert text.count(">frozen<") == 1
    assert "/index/questionnaires/icc-2019.json" in text


def test_the_list_costs_the_same_queries_however_many_versions(versions, alice):
    client = client_for(alice)
    client.get("/index/questionnaires/")
    with CaptureQueriesContext(connection) as two_versions:
        client.get("/index/questionnaires/")
    questionnaire_load(path=EXAMPLE)
    RoundFactory(name="Example round", questionnaire=Questionnaire.objects.get(key="icc-example"))
    with CaptureQueriesContext(connection) as three_versions:
        assert "Example round" in client.get("/index/questionnaires/").content.decode()
    assert len(three_versions) == len(two_versions)


@pytest.mark.parametrize("user", ["bob", "alice"])
def test_the_detail_shows_the_whole_questionnaire(versions, user, request):
    page = client_for(request.getfixturevalue(user)).get("/index/questionnaires/icc-2019/")
    assert page.status_code == 200
    text = page.content.decode()
    document = Questionnaire.objects.get(key="icc-2019").document
    conditioned = next(q for a in document["areas"] for q in a["questions"] if "show_if" in q)
    assert escape(conditioned["text"]["en"]) in text
    assert "Asked only when the answer to question" in text
    assert escape(conditioned["recommendation"]["en"]) in text
    assert "Comparable with the earlier version Index 2009" in text
    assert "Recommendation when the answer scores low" in text


def test_the_detail_reads_in_the_site_language(versions, bob):
    client = client_for(bob)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    text = client.get("/index/questionnaires/icc-2009/").content.decode()
    document = Questionnaire.objects.get(key="icc-2009").document
    assert escape(document["areas"][0]["questions"][0]["text"]["fr"]) in text
    assert escape(document["areas"][0]["questions"][0]["text"]["en"]) not in text
    assert '<input type="hidden" name="language" value="en">' in text  # the switch back to English


def test_the_detail_shows_points_weights_and_not_applicable(db, bob):
    questionnaire_load(path=EXAMPLE)
    text = client_for(bob).get("/index/questionnaires/icc-example/").content.decode()
    assert "Has the city adopted an intercultural strategy?" in text
    assert "“not applicable” allowed" in text
    assert "Several choices" in text
    assert "Participation" in text and "optional" in text


def test_the_pages_need_a_sign_in_but_the_json_is_public(versions):
    anonymous = client_for(None)
    assert anonymous.get("/index/questionnaires/").status_code == 302
    assert anonymous.get("/index/questionnaires/icc-2019/").status_code == 302
    download = anonymous.get("/index/questionnaires/icc-2019.json")
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="icc-2019.json"'
    document = json.loads(download.content)
    assert document.pop("licence")["id"] == "CC-BY-4.0"
    assert document == questionnaire_export(Questionnaire.objects.get(key="icc-2019"))


def test_an_unknown_version_is_not_found(db, bob):
    assert client_for(bob).get("/index/questionnaires/icc-1999/").status_code == 404
    assert client_for(None).get("/index/questionnaires/icc-1999.json").status_code == 404


def test_the_factory_questionnaire_is_unchanged_when_its_file_is_loaded(db):
    QuestionnaireFactory()
    assert questionnaire_load(path=EXAMPLE).outcome == "unchanged"
