"""The initiation course in the JSON API: the catalogue of published courses and their published lessons
(icc.learning.models.CourseQuerySet.public, the same rule as the public catalogue page)."""

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from icc.api.auth import PUBLIC, PUBLIC_SECURITY
from icc.api.errors import documented
from icc.learning.selectors import published_courses

router = Router(tags=["initiation course"])


class LessonOut(Schema):
    order: int = Field(..., description="The lesson's place in the course, from 1.")
    title: str
    version: int = Field(..., description="The number of the published version.")
    published_at: datetime.datetime | None


class CourseOut(Schema):
    slug: str
    title: str = Field(
        ..., description="In the language asked for (Accept-Language or ?lang), English otherwise."
    )
    summary: str
    published_at: datetime.datetime | None = Field(..., description="When the course was first published.")
    lessons: list[LessonOut]


def course_out(course: Any) -> dict[str, Any]:
    return {
        "slug": course.slug,
        "title": course.title,
        "summary": course.summary,
        "published_at": course.published_at,
        "lessons": [
            {"order": v.lesson.order, "title": v.title, "version": v.number, "published_at": v.published_at}
            for v in course.lesson_versions
        ],
    }


@router.get(
    "/courses", response=documented({200: list[CourseOut]}), auth=PUBLIC, openapi_extra=PUBLIC_SECURITY
)
def list_courses(request: HttpRequest) -> Any:
    """The initiation course catalogue: published courses, oldest first, with their published lessons in
    order. No token needed."""
    return [course_out(c) for c in published_courses()]
