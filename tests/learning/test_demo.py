from django.db.models import Count

from icc.learning import selectors
from icc.learning.demo import LEARNERS, load_learning_demo
from icc.learning.models import Enrolment, LessonVersion, VersionStatus


def test_the_demo_course_has_six_lessons_and_200_learners_at_every_stage(db):
    load_learning_demo()
    assert LessonVersion.objects.filter(status=VersionStatus.PUBLISHED).count() == 6
    assert LessonVersion.objects.filter(status=VersionStatus.IN_REVIEW).count() == 1
    assert Enrolment.objects.count() == LEARNERS
    done = dict(Enrolment.objects.annotate(n=Count("progress")).values_list("pk", "n"))
    completed = Enrolment.objects.filter(completed_at__isnull=False)
    assert 0 < completed.count() < LEARNERS
    assert set(done.values()) >= {0, 3, 6}
    assert all(e.certificate_code for e in completed)
    course = selectors.published_courses()[0]
    assert course.lesson_versions[0].title_fr == "L'avantage de la diversité"
    missed = selectors.missed_questions(course)
    assert missed[0].share_wrong > missed[-1].share_wrong


def test_the_demo_is_the_same_every_time(db):
    load_learning_demo()
    first = list(Enrolment.objects.order_by("pk").values_list("completed_at", "certificate_code"))
    Enrolment.objects.all().delete()
    from icc.accounts.models import User
    from icc.learning.models import Course

    Course.objects.all().delete()
    User.objects.filter(email__endswith="@learners.example.org").delete()
    load_learning_demo()
    assert list(Enrolment.objects.order_by("pk").values_list("completed_at", "certificate_code")) == first
