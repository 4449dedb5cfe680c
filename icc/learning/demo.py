"""The initiation course: the demo content `icc load_demo` loads (seeded, deterministic, bulk).

- the course "The intercultural approach: an initiation" (icc/learning/demo_content.py): six lessons with a
  two-question quiz each, in English and French, written by the demo secretariat and published in
  November 2017 (the strategy's "MOOC ready by end 2017"); lesson 3 was revised (version 2, published in
  2021) and its version 3 waits for review (the secretariat's "needs you");
- 200 learners at every stage: city officials of the demo network (their enrolments count for their city),
  new "Demo learner NNN" accounts (who cannot sign in), two thirds of them given a contributor role in one
  of 40 member cities, the rest registered people with no city role, enrolled only, part of
  the way, stuck on a failed quiz, or completed with a certificate; their first quiz answers are drawn so
  that some questions are missed more than others. The demo contributor (contributor@demo.icc) is part of
  the way, so signing in as them shows the course in "needs you".
"""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.contrib.auth.hashers import make_password
from simple_history.utils import bulk_create_with_history

from icc.accounts.models import Role, RoleKind, User
from icc.core.history import reason, record_change
from icc.learning.demo_content import COURSE, LESSONS
from icc.learning.models import (
    Choice,
    Course,
    CourseStatus,
    Enrolment,
    Lesson,
    LessonProgress,
    LessonVersion,
    Question,
    QuizAnswer,
    VersionStatus,
)
from icc.network.models import City, CityStatus

SEED = 2017
UTC = datetime.UTC
LEARNERS = 200
PUBLISHED = datetime.datetime(2017, 11, 15, 9, 0, tzinfo=UTC)
SECRETARIAT_EMAIL = "secretariat@demo.icc"
CONTRIBUTOR_EMAIL = "contributor@demo.icc"
# The share of learners whose first answer is wrong, per question (lesson by lesson): the hard ones stand out.
MISS = [0.12, 0.25, 0.30, 0.18, 0.15, 0.55, 0.10, 0.22, 0.35, 0.20, 0.28, 0.15]


def _version(
    lesson: Lesson, spec: dict, number: int, status: str, when: datetime.datetime, by: User | None
) -> LessonVersion:
    version = LessonVersion(
        lesson=lesson,
        number=number,
        status=status,
        title=spec["title_en"],
        title_en=spec["title_en"],
        title_fr=spec["title_fr"],
        body=spec["body_en"],
        body_en=spec["body_en"],
        body_fr=spec["body_fr"],
        author=by,
        submitted_at=when,
        published_at=when if status in (VersionStatus.PUBLISHED, VersionStatus.RETIRED) else None,
        change_note=spec.get("change_note", ""),
    )
    record_change(version, by=by, reason=reason("learning.demo_data"))
    version.save()
    for order, (text_en, text_fr, choices) in enumerate(spec["questions"], start=1):
        question = Question(version=version, order=order, text=text_en, text_en=text_en, text_fr=text_fr)
        record_change(question, by=by, reason=reason("learning.demo_data"))
        question.save()
        for c_order, (c_en, c_fr, right, f_en, f_fr) in enumerate(choices, start=1):
            choice = Choice(
                question=question,
                order=c_order,
                text=c_en,
                text_en=c_en,
                text_fr=c_fr,
                correct=right,
                feedback=f_en,
                feedback_en=f_en,
                feedback_fr=f_fr,
            )
            record_change(choice, by=by, reason=reason("learning.demo_data"))
            choice.save()
    return version


def _course(by: User | None) -> tuple[Course, list[LessonVersion]]:
    course = Course(
        slug=COURSE["slug"],
        title=COURSE["title_en"],
        title_en=COURSE["title_en"],
        title_fr=COURSE["title_fr"],
        summary=COURSE["summary_en"],
        summary_en=COURSE["summary_en"],
        summary_fr=COURSE["summary_fr"],
        status=CourseStatus.PUBLISHED,
        published_at=PUBLISHED,
    )
    record_change(course, by=by, reason=reason("learning.demo_data"))
    course.save()
    published = []
    for order, spec in enumerate(LESSONS, start=1):
        lesson = Lesson(course=course, order=order)
        record_change(lesson, by=by, reason=reason("learning.demo_data"))
        lesson.save()
        if order == 3:
            _version(lesson, spec, 1, VersionStatus.RETIRED, PUBLISHED, by)
            revised: dict[str, Any] = {
                **spec,
                "body_en": spec["body_en"] + "\n\nRevised in 2021 with the results of the cities' polls.",
                "body_fr": spec["body_fr"]
                + "\n\nRévisée en 2021 avec les résultats des sondages des villes.",
                "change_note": "Results of the polls added.",
            }
            published.append(
                _version(
                    lesson, revised, 2, VersionStatus.PUBLISHED, datetime.datetime(2021, 3, 1, tzinfo=UTC), by
                )
            )
            in_review = {**revised, "change_note": "Gender dimension of rumours added."}
            _version(
                lesson, in_review, 3, VersionStatus.IN_REVIEW, datetime.datetime(2026, 11, 20, tzinfo=UTC), by
            )
        else:
            published.append(_version(lesson, spec, 1, VersionStatus.PUBLISHED, PUBLISHED, by))
    return course, published


def _learners(rng: random.Random) -> list[tuple[User, int | None]]:
    """City officials first (the demo contributor among them), then registered people with no city role."""
    roles = (
        Role.objects.filter(
            kind__in=[RoleKind.CITY_COORDINATOR, RoleKind.CITY_CONTRIBUTOR], city__isnull=False
        )
        .exclude(user__email__endswith="@demo.icc")
        .select_related("user")
        .order_by("user_id", "kind")
    )
    seen: dict[int, tuple[User, int | None]] = {}
    contributor = (
        Role.objects.filter(user__email=CONTRIBUTOR_EMAIL, city__isnull=False).select_related("user").first()
    )
    if contributor:
        seen[contributor.user_id] = (contributor.user, contributor.city_id)
    officials = [r for r in roles if r.user_id not in seen]
    rng.shuffle(officials)
    for role in officials:
        if len(seen) >= LEARNERS * 3 // 5:
            break
        seen.setdefault(role.user_id, (role.user, role.city_id))
    missing = LEARNERS - len(seen)
    password = make_password(None)
    new = User.objects.bulk_create(
        [
            User(
                email=f"learner{n:03d}@learners.example.org",
                full_name=f"Demo learner {n:03d}",
                language=rng.choice(["en", "fr"]),
                password=password,
            )
            for n in range(1, missing + 1)
        ]
    )
    # Most new learners are officials of member cities (a contributor role, granted by the demo): the
    # secretariat's figures per city then have something to show; the others registered on their own.
    members = list(City.objects.filter(status=CityStatus.MEMBER).order_by("pk").values_list("pk", flat=True))
    officials_new = new[: len(new) * 2 // 3] if members else []
    cities = [rng.choice(members[:40]) for _ in officials_new]
    bulk_create_with_history(
        [
            Role(user=user, kind=RoleKind.CITY_CONTRIBUTOR, city_id=city_id)
            for user, city_id in zip(officials_new, cities, strict=True)
        ],
        Role,
        default_change_reason=reason("learning.demo_data"),
    )
    return [
        *seen.values(),
        *zip(officials_new, cities, strict=True),
        *((user, None) for user in new[len(officials_new) :]),
    ]


def load_learning_demo() -> None:
    """Loads once: a database that already has a course keeps what it has."""
    if Course.objects.exists():
        return
    rng = random.Random(SEED)
    secretariat = User.objects.filter(email=SECRETARIAT_EMAIL).first()
    course, versions = _course(secretariat)
    questions = [list(v.questions.prefetch_related("choices")) for v in versions]
    now = datetime.datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
    enrolments: list[Enrolment] = []
    plans: list[tuple[int, bool]] = []  # lessons done, and whether the next quiz was failed
    for user, city_id in _learners(rng):
        stage = (
            "partway"
            if user.email == CONTRIBUTOR_EMAIL
            else rng.choices(["enrolled", "partway", "failed", "completed"], weights=[15, 35, 10, 40])[0]
        )
        started = PUBLISHED + datetime.timedelta(days=rng.randint(0, (now - PUBLISHED).days - 20))
        done = {"enrolled": 0, "partway": rng.randint(1, 5), "failed": rng.randint(0, 5), "completed": 6}[
            stage
        ]
        if user.email == CONTRIBUTOR_EMAIL:
            done = 2
        last = min(started + datetime.timedelta(days=rng.randint(1, 10) * max(done, 1)), now)
        if stage != "completed" and rng.random() < 0.4:
            last = now - datetime.timedelta(days=rng.randint(1, 13))  # still active
        idle = stage != "completed" and (now - last).days > 14
        enrolments.append(
            Enrolment(
                user=user,
                course=course,
                city_id=city_id,
                last_activity_at=last,
                completed_at=last if stage == "completed" else None,
                certificate_code=f"demo{rng.getrandbits(96):024x}" if stage == "completed" else "",
                reminded_at=last + datetime.timedelta(days=15) if idle else None,
            )
        )
        plans.append((done, stage == "failed"))
    enrolments = bulk_create_with_history(
        enrolments, Enrolment, default_user=secretariat, default_change_reason=reason("learning.demo_data")
    )
    progress: list[LessonProgress] = []
    answers: list[QuizAnswer] = []
    for enrolment, (done, failed) in zip(enrolments, plans, strict=True):
        for index in range(min(done + (1 if failed else 0), 6)):
            passing = index < done
            right_count = 0
            for q_index, question in enumerate(questions[index]):
                choices = list(question.choices.all())
                miss = MISS[index * 2 + q_index] if passing else 0.8
                right = rng.random() >= miss
                right_count += right
                picked = (
                    [c.pk for c in choices if c.correct]
                    if right
                    else [rng.choice([c for c in choices if not c.correct]).pk]
                )
                answers.append(
                    QuizAnswer(enrolment=enrolment, question=question, choices=picked, correct=right)
                )
            score = right_count / len(questions[index])
            progress.append(
                LessonProgress(
                    enrolment=enrolment,
                    lesson=versions[index].lesson,
                    viewed_at=enrolment.last_activity_at,
                    best_score=1.0 if passing else min(score, 0.5),
                    quiz_passed=passing,
                    attempts=1 if score == 1.0 or not passing else 2,
                )
            )
    bulk_create_with_history(
        progress, LessonProgress, default_user=secretariat, default_change_reason=reason("learning.demo_data")
    )
    QuizAnswer.objects.bulk_create(answers)
