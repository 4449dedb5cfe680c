import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from icc.core.history import history_entries
from icc.core.workflow import TransitionNotAllowed
from icc.notifications.models import Notification, NotificationKind
from icc.practices import services
from icc.practices.models import Practice, PracticeStatus
from tests.practices.helpers import CONTENT, draft, published_practice

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_a_coordinator_drafts_and_proposes_and_the_secretariat_is_told(bob, alice, lyon):
    practice = draft(bob, lyon)
    assert practice.status == PracticeStatus.DRAFT
    services.practice_propose(by=bob, practice=practice)
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.PROPOSED
    assert practice.proposed_by == bob
    notice = Notification.objects.get(recipient=alice)
    assert notice.kind == NotificationKind.PRACTICE_PROPOSED


def test_a_contributor_may_propose_for_their_city_but_not_for_another(carol, lyon, porto):
    draft(carol, lyon)
    with pytest.raises(PermissionDenied):
        draft(carol, porto)


def test_an_expert_or_a_stranger_may_not_propose(erin, grace, lyon):
    for person in (erin, grace):
        with pytest.raises(PermissionDenied):
            draft(person, lyon)


def test_the_secretariat_asks_the_city_answers_then_it_is_published_as_version_1(bob, alice, lyon):
    practice = draft(bob, lyon)
    services.practice_propose(by=bob, practice=practice)
    question = services.practice_ask(by=alice, practice=practice, question="Which districts?")
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.IN_REVIEW
    assert Notification.objects.filter(recipient=bob, kind=NotificationKind.PRACTICE_QUESTION).exists()
    services.practice_answer(by=bob, question=question, answer="All nine.")
    assert Notification.objects.filter(recipient=alice, kind=NotificationKind.PRACTICE_ANSWERED).exists()
    services.practice_publish(by=alice, practice=practice)
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.PUBLISHED
    assert practice.version == 1
    assert practice.versions.get().number == 1
    assert Practice.objects.public().filter(pk=practice.pk).exists()


def test_declining_needs_a_reason_the_city_reads(bob, alice, lyon):
    practice = draft(bob, lyon)
    services.practice_propose(by=bob, practice=practice)
    with pytest.raises(ValidationError) as refused:
        services.practice_decline(by=alice, practice=practice, reason_text="  ")
    assert "reason" in refused.value.message_dict
    services.practice_decline(by=alice, practice=practice, reason_text="Too close to the one of 2019.")
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.DECLINED
    assert practice.decline_reason == "Too close to the one of 2019."
    assert "declined: Too close" in history_entries(practice)[0].reason
    # The city may revise it and propose it again.
    services.practice_propose(by=bob, practice=practice)


def test_a_draft_cannot_be_published_without_being_proposed(bob, alice, lyon):
    practice = draft(bob, lyon)
    with pytest.raises(PermissionDenied):
        services.practice_publish(by=alice, practice=practice)


def test_a_published_practice_cannot_be_proposed_again(bob, alice, lyon):
    practice = published_practice(bob, alice, lyon)
    with pytest.raises(TransitionNotAllowed):
        services._move(practice, PracticeStatus.PROPOSED)


def test_an_edit_of_the_secretariat_on_a_published_practice_is_version_2_with_its_note(bob, alice, lyon):
    practice = published_practice(bob, alice, lyon)
    with pytest.raises(ValidationError) as refused:
        services.practice_update(by=alice, practice=practice, data={"title_en": "Better title"})
    assert "note" in refused.value.message_dict
    services.practice_update(by=alice, practice=practice, data={"title_en": "Better title"}, note="New title")
    practice.refresh_from_db()
    assert practice.version == 2
    assert [v.note for v in practice.versions.all()] == ["New title", "first publication"]
    # The city's team no longer edits it once published.
    with pytest.raises(PermissionDenied):
        services.practice_update(by=bob, practice=practice, data={"title_en": "Mine"})


def test_bad_input_is_refused_by_field_and_nothing_is_written(bob, lyon):
    data = {
        **CONTENT,
        "title_en": "",
        "title_fr": "",
        "areas": ["not_an_area"],
        "themes": ["astrology"],
        "started": 1800,
        "links": "not a link",
    }
    with pytest.raises(ValidationError) as refused:
        services.practice_create(by=bob, city=lyon, data=data)
    assert {"title_en", "areas", "themes", "started", "links"} <= set(refused.value.message_dict)
    assert not Practice.objects.exists()


def test_one_language_is_enough_and_the_other_is_marked_missing(bob, lyon, settings):
    from django.utils import translation

    practice = draft(bob, lyon, title_fr="", summary_fr="", description_fr="")
    assert practice.languages == ["en"]
    with translation.override("fr"):
        assert practice.title == CONTENT["title_en"]
        assert practice.missing_language
    with translation.override("en"):
        assert not practice.missing_language


def test_a_question_answered_adds_its_area(bob, lyon):
    practice = draft(bob, lyon, areas=["media"], questions=["education.mixing_programmes"])
    assert practice.areas == ["media", "education"]


def test_a_practice_unreviewed_for_three_years_is_stale_until_the_city_confirms_it(bob, alice, lyon):
    practice = published_practice(bob, alice, lyon)
    Practice.objects.filter(pk=practice.pk).update(
        reviewed_at=timezone.now() - datetime.timedelta(days=3 * 365 + 1)
    )
    assert Practice.objects.stale().filter(pk=practice.pk).exists()
    services.practice_confirm(by=bob, practice=Practice.objects.get(pk=practice.pk))
    assert not Practice.objects.stale().exists()


def test_an_image_is_checked_by_its_content_and_needs_an_alternative_text(bob, lyon):
    practice = draft(bob, lyon)
    fake = SimpleUploadedFile("photo.png", b"%PDF-1.4 not an image")
    with pytest.raises(ValidationError) as refused:
        services.practice_image_add(by=bob, practice=practice, file=fake)
    assert {"file", "alt_en"} <= set(refused.value.message_dict)
    image = services.practice_image_add(
        by=bob, practice=practice, file=SimpleUploadedFile("photo.png", PNG), alt_fr="Des agents au marché"
    )
    assert image.alt_fr == "Des agents au marché"


def test_a_practice_of_a_city_the_public_site_does_not_show_is_not_public(bob, alice, lyon):
    from icc.network.models import City, CityStatus

    practice = published_practice(bob, alice, lyon)
    City.objects.filter(pk=lyon.pk).update(status=CityStatus.WITHDRAWN)
    assert not Practice.objects.public().filter(pk=practice.pk).exists()
