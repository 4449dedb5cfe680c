"""The city's analytical report: its content from a validated, scored response, the HTML and the PDF a
reader gets (text extracted from the PDF), in English and French, and what it refuses."""

import copy
import datetime
import hashlib
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from pypdf import PdfReader

from icc.index.models import EvidenceFile, ResponseStatus
from icc.index.services import review
from icc.index.services.responses import answer_save, response_submit
from icc.reports.pdf import html_to_pdf
from icc.reports.selectors.city_report import (
    REPORT_SECTIONS,
    CityReport,
    city_report_content,
    city_report_html,
)
from tests.factories import EXAMPLE_QUESTIONNAIRE, QuestionnaireFactory, ResponseFactory, RoundFactory
from tests.index.test_scores import ANSWERS

STATEMENT_EN = "Have the mayor state the city's intercultural commitment in public, every year."
STATEMENT_FR = "Faites déclarer chaque année par le maire l'engagement interculturel de la ville."


def _questionnaire_with_recommendations():
    """The example questionnaire, each scored question with a recommendation (as icc-2019 has)."""
    document = json.loads(EXAMPLE_QUESTIONNAIRE.read_text())
    document["id"] = "icc-example-report"
    for area in document["areas"]:
        for question in area["questions"]:
            if question["data_type"] != "fact":
                question["recommendation"] = {
                    "en": f"Recommendation for {question['id']}.",
                    "fr": f"Recommandation pour {question['id']}.",
                }
            if question["id"] == "commitment.statement":
                question["recommendation"] = {"en": STATEMENT_EN, "fr": STATEMENT_FR}
    raw = json.dumps(document, sort_keys=True).encode()
    return QuestionnaireFactory(
        key="icc-example-report", document=document, source_sha256=hashlib.sha256(raw).hexdigest()
    )


def _scored(round_, city, answers, alice, capture):
    response = ResponseFactory(round=round_, city=city)
    for question, value in answers.items():
        answer_save(response=response, question=question, value=value, by=None, check_access=False)
    response_submit(response=response, by=None)
    with capture(execute=True):
        return review.response_validate(response=response, by=alice)


@pytest.fixture
def report_round(db):
    return RoundFactory(name="Index 2026", questionnaire=_questionnaire_with_recommendations())


@pytest.fixture
def scored(alice, lyon, porto, reggio, bergamo, report_round, django_capture_on_commit_callbacks):
    """Four validated responses of the example answers; returns them by city name."""
    cities = {"Lyon": lyon, "Porto": porto, "Reggio Emilia": reggio, "Bergamo": bergamo}
    return {
        name: _scored(report_round, city, ANSWERS[name], alice, django_capture_on_commit_callbacks)
        for name, city in cities.items()
    }


def _pdf_text(pdf: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_pdf_names_the_city_its_score_rank_and_a_low_scoring_recommendation(scored):
    porto = scored["Porto"]
    content = city_report_content(porto, language="en")

    pdf = html_to_pdf(city_report_html(content, commentary={}, standalone=True))

    text, pages = _pdf_text(pdf)
    flat = _flat(text)
    assert pdf.startswith(b"%PDF")
    assert "Porto" in flat
    assert "a comparison between 4 cities" in flat
    assert f"{content.aggregate_text} out of 100" in flat
    assert content.rank_text in flat and content.rank_text.endswith("of 4 cities")
    # Porto answered "no" to the mayor's statement: 0 of 1 point, so its recommendation is in the report.
    assert STATEMENT_EN in flat
    assert pages >= 8  # cover, contents, summary, overview, one page per area, conclusions


def test_a_well_answered_question_gets_no_recommendation(scored):
    lyon = city_report_content(scored["Lyon"], language="en")
    # Lyon answered yes to everything in commitment: nothing to recommend there.
    commitment = next(a for a in lyon.areas if a.id == "commitment")
    assert commitment.recommendations == []
    assert {f.status for f in commitment.findings} == {"in_place"}


def test_the_french_report_is_in_french(scored, alice):
    content = city_report_content(scored["Porto"], language="fr")

    html = city_report_html(content, commentary={}, standalone=True)
    text, _pages = _pdf_text(html_to_pdf(html))

    flat = _flat(text)
    assert '<html lang="fr">' in html
    assert STATEMENT_FR in flat and STATEMENT_EN not in flat
    assert "Engagement" in flat and "Éducation" in flat  # area titles of the questionnaire, in French
    assert "," in content.aggregate_text  # "63,3", not "63.3"
    assert content.date_text.split()[1] in {
        "janvier", "février", "mars", "avril", "mai", "juin", "juillet",
        "août", "septembre", "octobre", "novembre", "décembre",
    }  # fmt: skip


def test_a_response_not_validated_is_refused_with_a_clear_message(lyon_response):
    with pytest.raises(ValidationError) as refused:
        city_report_content(lyon_response, language="en")

    message = " ".join(refused.value.messages)
    assert "validated" in message and "Lyon" in message and "Not started" in message


def test_a_validated_response_without_scores_yet_is_refused(lyon_response, alice):
    lyon_response.status = ResponseStatus.VALIDATED
    lyon_response.validated_at = timezone.now()
    lyon_response.save()

    with pytest.raises(ValidationError, match="no scores yet"):
        city_report_content(lyon_response, language="en")


def test_an_unknown_language_is_refused(scored):
    with pytest.raises(ValidationError, match="language: de"):
        city_report_content(scored["Lyon"], language="de")


def test_the_content_survives_json_unchanged_and_renders_the_same(scored):
    content = city_report_content(scored["Porto"], language="en")

    stored = json.loads(json.dumps(content.to_dict()))
    again = CityReport.from_dict(stored)

    assert again == content
    assert city_report_html(again, commentary={}, standalone=False) == city_report_html(
        content, commentary={}, standalone=False
    )


def test_commentary_shows_in_a_marked_box_at_the_top_of_its_section(scored):
    content = city_report_content(scored["Porto"], language="en")
    keys = [key for key, _title in content.sections()]
    assert keys[0] == "summary" and keys[-1] == "conclusions" and "commitment" in keys
    assert [key for key, _title in REPORT_SECTIONS] == ["summary", "conclusions"]

    html = city_report_html(
        content,
        commentary={
            "commitment": "The council voted a charter in May.\n\nIt is not yet online.",
            "summary": "",
        },
        standalone=False,
    )

    section = html[html.index('id="sec-area-commitment"') :]
    section = section[: section.index("</section>")]
    box = section[section.index('class="commentary"') : section.index("</aside>")]
    assert "Commentary from the secretariat / expert" in box
    assert "<p>The council voted a charter in May.</p>" in box and "<p>It is not yet online.</p>" in box
    assert section.index("commentary") < section.index("What the answers show")
    assert html.count('class="commentary"') == 1  # the empty summary commentary shows no box


def test_commentary_for_an_unknown_section_is_refused(scored):
    content = city_report_content(scored["Porto"], language="en")
    with pytest.raises(ValueError, match="unknown section"):
        city_report_html(content, commentary={"gardening": "Nice."}, standalone=False)


def test_other_cities_are_named_only_once_their_results_are_public(scored, alice):
    content = city_report_content(scored["Porto"], language="en")
    commitment = next(a for a in content.areas if a.id == "commitment")
    # Lyon and Reggio Emilia score best in commitment, but their results are not public yet.
    assert [c.city for c in commitment.best_cities if not c.this_city] == []
    assert commitment.unnamed_best >= 2

    lyon = scored["Lyon"]
    lyon.publication_agreed = True
    lyon.save()
    lyon.round.results_published_at = timezone.now()
    lyon.round.save()

    commitment = next(
        a for a in city_report_content(scored["Porto"], language="en").areas if a.id == "commitment"
    )
    assert "Lyon" in [c.city for c in commitment.best_cities]
    assert "Reggio Emilia" not in [c.city for c in commitment.best_cities]
    assert commitment.good_practice == []  # no published practice in the collection (tests/practices)


def test_the_report_shows_evidence_and_explanations_given_with_the_answers(scored):
    porto = scored["Porto"]
    answer = porto.answers.get(question="public_services.recruitment")
    answer.explanation = "A diversity recruitment plan since 2021."
    answer.links = ["https://porto.example.org/plan"]
    answer.save()
    EvidenceFile.objects.create(
        answer=answer,
        file=ContentFile(b"%PDF", name="hr-plan.pdf"),
        name="HR plan 2021 (internal).pdf",
        size=4,
    )

    html = city_report_html(city_report_content(porto, language="en"), commentary={}, standalone=False)

    assert "A diversity recruitment plan since 2021." in html
    assert 'href="https://porto.example.org/plan"' in html
    # The documents attached stay with the secretariat: counted, never named.
    assert "1 document on file with the secretariat" in html
    assert "HR plan 2021" not in html


def test_the_report_shows_progress_since_the_previous_round_with_a_chart(
    scored, alice, lyon, report_round, django_capture_on_commit_callbacks
):
    earlier = RoundFactory(
        name="Index 2023",
        questionnaire=report_round.questionnaire,
        opens_on=datetime.date(2023, 9, 1),
        deadline=datetime.date(2023, 12, 1),
    )
    before = {**ANSWERS["Lyon"], "commitment.strategy": "partly"}
    _scored(earlier, lyon, before, alice, django_capture_on_commit_callbacks)

    content = city_report_content(scored["Lyon"], language="en")

    assert content.progress is not None and content.progress.chart is not None
    rows = {row.title: row for row in content.progress.rows}
    assert rows["Commitment"].change == "+20.0"
    html = city_report_html(content, commentary={}, standalone=False)
    assert 'id="sec-progress"' in html and "Index 2023" in html and "chart-progress-title" in html


def test_the_report_without_an_earlier_round_has_no_progress_section(scored):
    content = city_report_content(copy.copy(scored["Porto"]), language="en")
    assert content.progress is None
    assert 'id="sec-progress"' not in city_report_html(content, commentary={}, standalone=False)
