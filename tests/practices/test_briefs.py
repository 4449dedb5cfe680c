import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from icc.practices import briefs
from icc.practices.models import BriefStatus, BriefTarget, PolicyBrief
from tests.conftest import client_for
from tests.factories import UserFactory, grant
from tests.practices.helpers import draft, published_practice

CONTENT = {
    "field": "media",
    "title_en": "Answering rumours",
    "title_fr": "Répondre aux rumeurs",
    "summary_en": "The anti-rumour method.",
    "summary_fr": "La méthode anti-rumeurs.",
    "body_en": "First paragraph.\n\nSecond paragraph.",
    "body_fr": "Premier paragraphe.\n\nSecond paragraphe.",
    "areas": ["media"],
}


@pytest.fixture
def helen(db):
    person = UserFactory(email="helen@example.org", full_name="Helen Reviewer")
    grant(person, "secretariat")
    return person


def test_a_brief_is_written_reviewed_by_another_person_and_published(alice, helen, bob, lyon):
    practice = published_practice(bob, alice, lyon, areas=["media"])
    brief = briefs.brief_create(by=alice, data=CONTENT, practices=[practice])
    briefs.brief_move(by=alice, brief=brief, status=BriefStatus.IN_REVIEW)
    with pytest.raises(ValidationError):
        briefs.brief_move(by=alice, brief=brief, status=BriefStatus.PUBLISHED)  # its own author
    briefs.brief_move(by=helen, brief=brief, status=BriefStatus.PUBLISHED)
    brief.refresh_from_db()
    assert brief.status == BriefStatus.PUBLISHED and brief.reviewed_by == helen
    assert list(PolicyBrief.objects.public()) == [brief]


def test_returning_a_brief_needs_a_note_and_a_city_may_not_write_one(alice, bob):
    brief = briefs.brief_create(by=alice, data=CONTENT)
    briefs.brief_move(by=alice, brief=brief, status=BriefStatus.IN_REVIEW)
    with pytest.raises(ValidationError) as refused:
        briefs.brief_move(by=alice, brief=brief, status=BriefStatus.DRAFT, note=" ")
    assert "note" in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        briefs.brief_create(by=bob, data=CONTENT)


def test_a_brief_goes_to_review_only_in_both_languages_and_links_published_practices_only(alice, bob, lyon):
    brief = briefs.brief_create(by=alice, data={**CONTENT, "body_fr": ""})
    with pytest.raises(ValidationError) as refused:
        briefs.brief_move(by=alice, brief=brief, status=BriefStatus.IN_REVIEW)
    assert "body_fr" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        briefs.brief_create(by=alice, data=CONTENT, practices=[draft(bob, lyon)])
    assert "practices" in refused.value.message_dict


def test_the_public_list_shows_published_briefs_and_the_progress_to_the_target(alice, helen, client):
    import datetime

    BriefTarget.objects.create(briefs=4, due_on=datetime.date(2099, 12, 31))
    brief = briefs.brief_create(by=alice, data=CONTENT)
    briefs.brief_create(by=alice, data={**CONTENT, "title_en": "Unpublished draft"})
    briefs.brief_move(by=alice, brief=brief, status=BriefStatus.IN_REVIEW)
    briefs.brief_move(by=helen, brief=brief, status=BriefStatus.PUBLISHED)
    text = client.get("/en/practices/briefs/").content.decode()
    assert "Answering rumours" in text and "Unpublished draft" not in text
    assert "1 published briefs of the 4" in text
    assert 'value="25"' in text
    french = client.get(f"/fr/practices/briefs/{brief.pk}/").content.decode()
    assert "Répondre aux rumeurs" in french


def test_the_brief_prints_as_a_tagged_pdf_in_the_readers_language(alice, helen, client):
    brief = briefs.brief_create(by=alice, data=CONTENT)
    briefs.brief_move(by=alice, brief=brief, status=BriefStatus.IN_REVIEW)
    briefs.brief_move(by=helen, brief=brief, status=BriefStatus.PUBLISHED)
    answer = client.get(f"/fr/practices/briefs/{brief.pk}.pdf")
    assert answer.status_code == 200 and answer.content.startswith(b"%PDF")
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(answer.content))
    assert "Répondre aux rumeurs" in reader.pages[0].extract_text()
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_the_secretariats_pages_work_through_the_forms(as_alice):
    answer = as_alice.post(reverse("practices:brief_create"), {**CONTENT})
    brief = PolicyBrief.objects.get()
    assert answer.status_code == 302
    assert as_alice.get(reverse("practices:brief_detail", args=[brief.pk])).status_code == 200
    as_alice.post(reverse("practices:brief_status", args=[brief.pk, "in_review"]))
    brief.refresh_from_db()
    assert brief.status == BriefStatus.IN_REVIEW
    refused = as_alice.post(reverse("practices:brief_status", args=[brief.pk, "draft"]), {"note": ""})
    assert refused.status_code == 400
    assert client_for(None).get(reverse("practices:brief_list")).status_code == 302
