import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from icc.learning import selectors, services
from icc.learning.models import Enrolment, LessonProgress, LessonVersion, QuizAnswer, VersionStatus
from icc.learning.services import ChoiceInput
from icc.learning.video import parse_video
from icc.notifications.models import Notification, NotificationKind
from tests.learning.helpers import draft_lesson, make_course, right_answers, wrong_answers

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7V\xbd\xfa\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _versions(course):
    return list(
        LessonVersion.objects.filter(lesson__course=course, status="published").order_by("lesson__order")
    )


# ------------------------------------------------------------------------------------------------ authoring


def test_the_first_publication_date_is_the_initiation_course_ready(alice):
    assert selectors.course_first_published_on() is None
    make_course(alice)
    assert selectors.course_first_published_on() == timezone.localdate()


def test_only_the_secretariat_writes_courses(bob):
    with pytest.raises(PermissionDenied):
        services.course_save(by=bob, data={"slug": "x", "title_en": "X", "title_fr": "X"})


def test_a_course_needs_its_title_in_both_languages(alice):
    with pytest.raises(ValidationError) as exc:
        services.course_save(by=alice, data={"slug": "x", "title_en": "X", "title_fr": ""})
    assert "title_fr" in exc.value.message_dict


def test_a_course_is_published_with_a_published_lesson_only(alice):
    course = services.course_save(by=alice, data={"slug": "x", "title_en": "X", "title_fr": "X"})
    draft_lesson(alice, course, 1)
    with pytest.raises(ValidationError) as exc:
        services.course_publish(by=alice, course=course)
    assert "status" in exc.value.message_dict


def test_a_lesson_goes_to_review_with_both_texts_and_a_quiz(alice):
    course = services.course_save(by=alice, data={"slug": "x", "title_en": "X", "title_fr": "X"})
    version = services.lesson_create(
        by=alice, course=course, data={"title_en": "A", "title_fr": "A", "body_en": "Hi"}
    )
    with pytest.raises(ValidationError) as exc:
        services.version_move(by=alice, version=version, status=VersionStatus.IN_REVIEW)
    assert {"body_fr", "questions"} <= set(exc.value.message_dict)


def test_a_draft_cannot_be_published_without_review(alice):
    course = services.course_save(by=alice, data={"slug": "x", "title_en": "X", "title_fr": "X"})
    version = draft_lesson(alice, course, 1)
    with pytest.raises(ValidationError):
        services.version_move(by=alice, version=version, status=VersionStatus.PUBLISHED)


def test_submitting_a_lesson_tells_the_rest_of_the_secretariat(alice):
    from icc.accounts.models import RoleKind
    from tests.factories import UserFactory, grant

    other = UserFactory(email="sam@example.org")
    grant(other, RoleKind.SECRETARIAT)
    course = services.course_save(by=alice, data={"slug": "x", "title_en": "X", "title_fr": "X"})
    version = draft_lesson(alice, course, 1)
    services.version_move(by=alice, version=version, status=VersionStatus.IN_REVIEW)
    told = Notification.objects.filter(kind=NotificationKind.LESSON_TO_REVIEW)
    assert [n.recipient for n in told] == [other]


def test_only_allowed_video_hosts_are_accepted(alice):
    course = services.course_save(by=alice, data={"slug": "x", "title_en": "X", "title_fr": "X"})
    with pytest.raises(ValidationError) as exc:
        services.lesson_create(
            by=alice,
            course=course,
            data={"title_en": "A", "title_fr": "A", "video_url": "https://evil.example/v"},
        )
    assert "video_url" in exc.value.message_dict


def test_a_video_link_is_embedded_without_cookies():
    video = parse_video("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    assert video is not None and video.embed == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    vimeo = parse_video("https://vimeo.com/123456")
    assert vimeo is not None and vimeo.embed.endswith("?dnt=1")
    assert parse_video("http://www.youtube.com/watch?v=dQw4w9WgXcQ") is None


def test_a_question_needs_two_choices_and_a_right_one(alice):
    course = services.course_save(by=alice, data={"slug": "x", "title_en": "X", "title_fr": "X"})
    version = draft_lesson(alice, course, 1, questions=0)
    with pytest.raises(ValidationError) as exc:
        services.question_add(
            by=alice, version=version, text_en="Q", text_fr="Q", choices=[ChoiceInput("A", "A", False)]
        )
    assert len(exc.value.message_dict["choices"]) == 2


def test_an_image_needs_its_alternative_text(alice):
    course = services.course_save(by=alice, data={"slug": "x", "title_en": "X", "title_fr": "X"})
    version = draft_lesson(alice, course, 1)
    with pytest.raises(ValidationError) as exc:
        services.image_add(
            by=alice, version=version, file=SimpleUploadedFile("a.png", PNG), alt_en="A map", alt_fr=""
        )
    assert "alt_fr" in exc.value.message_dict
    image = services.image_add(
        by=alice, version=version, file=SimpleUploadedFile("a.png", PNG), alt_en="A map", alt_fr="Une carte"
    )
    assert image.alt == "A map"


def test_editing_a_published_lesson_makes_a_new_version_and_keeps_progress(alice, grace):
    course = make_course(alice, lessons=1)
    published = _versions(course)[0]
    enrolment = services.enrol(user=grace, course=course)
    services.quiz_submit(enrolment=enrolment, version=published, picked=right_answers(published))
    with pytest.raises(ValidationError):
        services.version_update(by=alice, version=published, data={"title_en": "New"})
    draft = services.lesson_new_version(by=alice, lesson=published.lesson)
    assert draft.number == 2 and draft.questions.count() == 1 and draft.title_fr == "Leçon 1"
    services.version_update(by=alice, version=draft, data={"title_en": "Lesson one, revised"})
    services.version_move(by=alice, version=draft, status=VersionStatus.IN_REVIEW)
    services.version_move(by=alice, version=draft, status=VersionStatus.PUBLISHED)
    published.refresh_from_db()
    assert published.status == VersionStatus.RETIRED
    assert LessonProgress.objects.get(enrolment=enrolment).quiz_passed
    assert [v.title for v in _versions(course)] == ["Lesson one, revised"]


def test_every_record_keeps_its_history(alice):
    course = make_course(alice, lessons=1)
    version = _versions(course)[0]
    reasons = [e.reason for e in selectors.version_history(version)]
    assert "lesson version published" in reasons
    assert any(e.reason == "course published" for e in selectors.course_history(course))


# ------------------------------------------------------------------------------------------------ learners


def test_a_city_official_is_enrolled_once_under_their_city(alice, bob, lyon):
    course = make_course(alice)
    first = services.enrol(user=bob, course=course)
    assert services.enrol(user=bob, course=course) == first
    assert first.city == lyon


def test_a_quiz_gives_feedback_per_choice_and_a_score(alice, grace):
    course = make_course(alice, lessons=1, questions=2)
    version = _versions(course)[0]
    enrolment = services.enrol(user=grace, course=course)
    questions = list(version.questions.all())
    picked = right_answers(version)
    picked[questions[1].pk] = wrong_answers(version)[questions[1].pk]
    result = services.quiz_submit(enrolment=enrolment, version=version, picked=picked)
    assert result.percent == 50 and not result.passed
    assert [c.feedback for c, _ in result.results[1].feedback] == ["No: read again."]
    progress = LessonProgress.objects.get(enrolment=enrolment)
    assert progress.best_score == 0.5 and not progress.quiz_passed


def test_an_unanswered_question_is_refused_by_name(alice, grace):
    course = make_course(alice, lessons=1, questions=2)
    version = _versions(course)[0]
    enrolment = services.enrol(user=grace, course=course)
    with pytest.raises(ValidationError) as exc:
        services.quiz_submit(enrolment=enrolment, version=version, picked={})
    assert len(exc.value.message_dict) == 2


def test_the_first_answer_counts_for_the_questions_learners_miss(alice, grace, bob):
    course = make_course(alice, lessons=1)
    version = _versions(course)[0]
    for person in (grace, bob):
        enrolment = services.enrol(user=person, course=course)
        services.quiz_submit(enrolment=enrolment, version=version, picked=wrong_answers(version))
        services.quiz_submit(enrolment=enrolment, version=version, picked=right_answers(version))
    services.quiz_submit(
        enrolment=services.enrol(user=alice, course=course), version=version, picked=right_answers(version)
    )
    missed = selectors.missed_questions(course)
    assert (missed[0].wrong, missed[0].answered) == (2, 3)
    assert QuizAnswer.objects.count() == 3


def test_completing_every_lesson_gives_a_certificate_and_tells_the_city(alice, bob, carol, lyon):
    course = make_course(alice, lessons=2)
    enrolment = services.enrol(user=carol, course=course)
    first, second = _versions(course)
    assert not services.quiz_submit(enrolment=enrolment, version=first, picked=right_answers(first)).completed
    assert services.quiz_submit(enrolment=enrolment, version=second, picked=right_answers(second)).completed
    enrolment.refresh_from_db()
    assert enrolment.completed_at and len(enrolment.certificate_code) >= 20
    told = Notification.objects.filter(kind=NotificationKind.COURSE_COMPLETED)
    assert [n.recipient for n in told] == [bob]
    assert selectors.course_completion_for_city(lyon) == (1, 1)


def test_a_failed_quiz_does_not_complete_the_course(alice, grace):
    course = make_course(alice, lessons=1)
    version = _versions(course)[0]
    enrolment = services.enrol(user=grace, course=course)
    assert not services.quiz_submit(
        enrolment=enrolment, version=version, picked=wrong_answers(version)
    ).completed
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None


def test_an_idle_learner_is_reminded_once_after_two_weeks(alice, grace):
    course = make_course(alice, lessons=1)
    enrolment = services.enrol(user=grace, course=course)
    later = timezone.now() + datetime.timedelta(days=13)
    assert services.send_course_reminders(now=later) == 0
    later = timezone.now() + datetime.timedelta(days=15)
    assert services.send_course_reminders(now=later) == 1
    assert services.send_course_reminders(now=later) == 0
    assert (
        Notification.objects.filter(kind=NotificationKind.COURSE_NOT_FINISHED, recipient=grace).count() == 1
    )
    enrolment.refresh_from_db()
    assert enrolment.reminded_at is not None


def test_the_reminder_command_runs(alice, grace):
    make_course(alice, lessons=1)
    call_command("learning_send_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_needs_you_lists_a_course_not_finished_and_lessons_to_review(alice, grace):
    from icc.accounts.selectors import user_roles_summary
    from icc.learning.attention import learner_items, secretariat_items

    course = make_course(alice, lessons=1)
    services.enrol(user=grace, course=course)
    assert [i.key for i in learner_items(grace, user_roles_summary(grace))] == ["learning.not_finished"]
    assert list(secretariat_items(grace, user_roles_summary(grace))) == []
    version = draft_lesson(alice, course, 2)
    services.version_move(by=alice, version=version, status=VersionStatus.IN_REVIEW)
    assert [i.key for i in secretariat_items(alice, user_roles_summary(alice))] == ["learning.review"]


def test_completion_per_city_counts_members_and_others(alice, bob, dave, grace, lyon):
    course = make_course(alice, lessons=1)
    version = _versions(course)[0]
    for person in (bob, dave, grace):
        services.enrol(user=person, course=course)
    services.quiz_submit(
        enrolment=Enrolment.objects.get(user=bob), version=version, picked=right_answers(version)
    )
    rows = {row.name: (row.enrolled, row.completed) for row in selectors.completion_by_city()}
    assert rows[lyon.name] == (1, 1) and rows["no city role"] == (1, 0)


# ------------------------------------------------------------------------------------------------ pages


def test_a_learner_takes_a_lesson_on_the_page(client, alice, grace):
    course = make_course(alice, lessons=1)
    version = _versions(course)[0]
    client.force_login(grace)
    response = client.post(reverse("learning:enrol", args=[course.slug]))
    lesson_url = reverse("learning:lesson", args=[course.slug, 1])
    assert response.url == lesson_url
    page = client.get(lesson_url)
    assert "Text of lesson 1." in page.content.decode()
    answer = {f"question_{q}": list(c) for q, c in wrong_answers(version).items()}
    page = client.post(lesson_url, answer)
    assert "No: read again." in page.content.decode() and "Your score: 0 %" in page.content.decode()
    answer = {f"question_{q}": list(c) for q, c in right_answers(version).items()}
    page = client.post(lesson_url, answer)
    assert "You completed the course." in page.content.decode()
    pdf = client.get(reverse("learning:certificate", args=[course.slug]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_an_unanswered_quiz_on_the_page_says_which_question(client, alice, grace):
    course = make_course(alice, lessons=1)
    client.force_login(grace)
    client.post(reverse("learning:enrol", args=[course.slug]))
    page = client.post(reverse("learning:lesson", args=[course.slug, 1]), {})
    assert page.status_code == 422 and "Choose an answer." in page.content.decode()


def test_the_certificate_verification_page_says_who_completed_what(client, alice, grace):
    course = make_course(alice, lessons=1)
    version = _versions(course)[0]
    enrolment = services.enrol(user=grace, course=course)
    services.quiz_submit(enrolment=enrolment, version=version, picked=right_answers(version))
    enrolment.refresh_from_db()
    page = client.get(f"/fr/learning/certificates/{enrolment.certificate_code}/")
    assert page.status_code == 200 and "Grace Novak" in page.content.decode()
    assert client.get("/en/learning/certificates/guess/").status_code == 404


def test_the_public_catalogue_lists_published_courses_and_lessons(client, alice):
    course = make_course(alice, lessons=2)
    draft_lesson(alice, course, 3)
    services.course_save(by=alice, data={"slug": "hidden", "title_en": "Hidden", "title_fr": "Caché"})
    page = client.get("/en/learning/").content.decode()
    assert "Lesson 2" in page and "Lesson 3" not in page and "Hidden" not in page


def test_a_draft_course_is_not_found_by_learners(client, alice, grace):
    services.course_save(by=alice, data={"slug": "hidden", "title_en": "Hidden", "title_fr": "Caché"})
    client.force_login(grace)
    assert client.get(reverse("learning:course", args=["hidden"])).status_code == 404


def test_the_secretariat_page_shows_cities_and_missed_questions(
    client, alice, bob, django_assert_max_num_queries
):
    course = make_course(alice, lessons=2)
    version = _versions(course)[0]
    enrolment = services.enrol(user=bob, course=course)
    services.quiz_submit(enrolment=enrolment, version=version, picked=wrong_answers(version))
    client.force_login(alice)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("learning:manage")).content.decode()
    assert "Lyon" in page and "Question 1.1?" in page and "100 %" in page


def test_the_api_lists_the_catalogue(client, alice):
    make_course(alice, lessons=2)
    data = client.get("/api/v1/courses").json()
    assert data[0]["slug"] == "initiation"
    assert [lesson["title"] for lesson in data[0]["lessons"]] == ["Lesson 1", "Lesson 2"]


def test_the_accession_page_shows_the_city_officials_in_the_course(client, alice, bob, lyon):
    course = make_course(alice, lessons=1)
    services.enrol(user=bob, course=course)
    client.force_login(alice)
    page = client.get(reverse("network:accession_record", args=[lyon.slug])).content.decode()
    assert "Initiation course: 1 official of the city enrolled, 0 completed." in page
