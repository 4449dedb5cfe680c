"""The permission matrix rows of icc/learning (tests/test_permission_matrix.py adds them).

Each row: (URL name, a function of the matrix's shared objects giving the path, the status per person)."""

from typing import Any

from tests.test_permission_matrix import PEOPLE, PUBLIC, SECRETARIAT_ONLY, SIGNED_IN

# A draft course: the secretariat reads it; for everyone else it does not exist.
DRAFT_COURSE = {**{p: 404 for p in PEOPLE}, "anonymous": 302, "alice": 200}
# The certificate PDF: only the learner who completed the course (grace) has one.
OWN_CERTIFICATE = {**{p: 404 for p in PEOPLE}, "anonymous": 302, "grace": 200}


def _learning(o: dict[str, Any]) -> dict[str, Any]:
    """A published course of one lesson (with an image), completed by grace; a draft course."""
    if "learning" not in o:
        from django.core.files.uploadedfile import SimpleUploadedFile

        from icc.accounts.models import User
        from icc.learning import services
        from icc.learning.models import LessonVersion
        from tests.learning.helpers import make_course, right_answers
        from tests.learning.test_learning import PNG

        alice = User.objects.get(email="alice@example.org")
        grace = User.objects.get(email="grace@example.org")
        course = make_course(alice, lessons=1, slug="matrix-course")
        version = LessonVersion.objects.get(lesson__course=course)
        draft = services.lesson_new_version(by=alice, lesson=version.lesson)
        image = services.image_add(
            by=alice, version=draft, file=SimpleUploadedFile("a.png", PNG), alt_en="A", alt_fr="A"
        )
        enrolment = services.enrol(user=grace, course=course)
        services.quiz_submit(enrolment=enrolment, version=version, picked=right_answers(version))
        enrolment.refresh_from_db()
        hidden = services.course_save(
            by=alice, data={"slug": "matrix-draft", "title_en": "D", "title_fr": "D"}
        )
        o["learning"] = {
            "course": course,
            "version": version,
            "draft": draft,
            "image": image,
            "code": enrolment.certificate_code,
            "hidden": hidden,
        }
    return o["learning"]


def _slug(o: dict[str, Any]) -> str:
    return _learning(o)["course"].slug


ROWS: list[tuple[str, Any, dict[str, int]]] = [
    ("learning:home", lambda o: "/learning/", SIGNED_IN),
    ("learning:manage", lambda o: "/learning/manage/", SECRETARIAT_ONLY),
    ("learning:course_new", lambda o: "/learning/new/", SECRETARIAT_ONLY),
    ("learning:course", lambda o: f"/learning/{_slug(o)}/", SIGNED_IN),
    ("learning:course", lambda o: f"/learning/{_learning(o)['hidden'].slug}/", DRAFT_COURSE),
    ("learning:course_edit", lambda o: f"/learning/{_slug(o)}/edit/", SECRETARIAT_ONLY),
    ("learning:course_history", lambda o: f"/learning/{_slug(o)}/history/", SECRETARIAT_ONLY),
    ("learning:lesson_new", lambda o: f"/learning/{_slug(o)}/lessons/new/", SECRETARIAT_ONLY),
    ("learning:lesson", lambda o: f"/learning/{_slug(o)}/lessons/1/", SIGNED_IN),
    ("learning:certificate", lambda o: f"/learning/{_slug(o)}/certificate.pdf", OWN_CERTIFICATE),
    ("learning:version", lambda o: f"/learning/versions/{_learning(o)['draft'].pk}/", SECRETARIAT_ONLY),
    (
        "learning:version_history",
        lambda o: f"/learning/versions/{_learning(o)['version'].pk}/history/",
        SECRETARIAT_ONLY,
    ),
    # An image of a draft version: the secretariat's; of a published one: anyone's (the lesson shows it).
    (
        "learning:image",
        lambda o: f"/learning/images/{_learning(o)['image'].pk}/",
        {**{p: 403 for p in PEOPLE}, "alice": 200},
    ),
    ("public:learning:catalogue", lambda o: "/en/learning/", PUBLIC),
    ("public:learning:certificate", lambda o: f"/fr/learning/certificates/{_learning(o)['code']}/", PUBLIC),
]
NOT_IN_MATRIX: set[str] = {
    # POST-only actions, each checked by the same access helper as its page (tests/learning).
    "learning:enrol",
    "learning:course_publish",
    "learning:version_move",
    "learning:lesson_new_version",
    "learning:question_add",
    "learning:image_add",
}
