"""Pages of the initiation course: learners (signed in), the secretariat's authoring and figures, and the
public catalogue and certificate verification. Thin: access through the selectors, writes through services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from icc.accounts.selectors import user_roles_summary
from icc.core.forms import apply_validation_error
from icc.learning import selectors, services
from icc.learning.certificates import certificate_pdf
from icc.learning.forms import CourseForm, ImageForm, QuestionForm, VersionForm
from icc.learning.models import Course, LessonVersion, VersionStatus
from icc.learning.video import parse_video


def _secretariat(request: HttpRequest) -> None:
    if not user_roles_summary(request.user).secretariat:
        raise PermissionDenied


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


# ------------------------------------------------------------------------------------------------ learners


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "learning/home.html",
        {
            "courses": selectors.published_courses(),
            "enrolments": {e.course_id: e for e in selectors.my_enrolments(request.user)},
            "secretariat": user_roles_summary(request.user).secretariat,
        },
    )


@login_required
def course(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.get_course_for_user(request.user, slug)
    enrolment = selectors.enrolment_for(request.user, found)
    return render(
        request,
        "learning/course.html",
        {
            "course": found,
            "enrolment": enrolment,
            "rows": selectors.course_lessons(found, enrolment),
            "secretariat": user_roles_summary(request.user).secretariat,
        },
    )


@login_required
@require_POST
def enrol(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.get_course_for_user(request.user, slug)
    try:
        services.enrol(user=request.user, course=found)  # type: ignore[arg-type]
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
        return redirect("learning:course", slug=slug)
    first = selectors.course_lessons(found, None)
    if first:
        return redirect("learning:lesson", slug=slug, order=first[0].lesson.order)
    return redirect("learning:course", slug=slug)


@login_required
def lesson(request: HttpRequest, slug: str, order: int) -> HttpResponse:
    """The lesson (viewing it saves the progress) and its quiz; answering shows each answer's feedback."""
    found = selectors.get_course_for_user(request.user, slug)
    version = selectors.published_version(found, order)
    enrolment = selectors.enrolment_for(request.user, found)
    result = None
    errors: dict[int, list[str]] = {}
    picked: dict[int, set[int]] = {}
    if enrolment is not None:
        if request.method == "POST":
            for question in version.questions.all():
                ids = request.POST.getlist(f"question_{question.pk}")
                picked[question.pk] = {int(i) for i in ids if i.isdigit()}
            try:
                result = services.quiz_submit(enrolment=enrolment, version=version, picked=picked)
            except ValidationError as exc:
                errors = {int(k.removeprefix("question_")): v for k, v in exc.message_dict.items()}
        else:
            services.lesson_viewed(enrolment=enrolment, lesson=version.lesson)
    rows = selectors.course_lessons(found, enrolment)
    orders = [row.lesson.order for row in rows]
    position = orders.index(order) if order in orders else 0
    return render(
        request,
        "learning/lesson.html",
        {
            "course": found,
            "version": version,
            "enrolment": enrolment,
            "video": parse_video(version.video_url) if version.video_url else None,
            "questions": list(version.questions.all()),
            "result": result,
            "results": {r.question.pk: r for r in result.results} if result else {},
            "errors": errors,
            "picked": picked,
            "previous": orders[position - 1] if position > 0 else None,
            "next": orders[position + 1] if position + 1 < len(orders) else None,
            "rows": rows,
            "completed": bool(enrolment and (enrolment.completed_at or (result and result.completed))),
        },
        status=422 if errors else 200,
    )


@login_required
def certificate_download(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.get_course_for_user(request.user, slug)
    enrolment = selectors.enrolment_for(request.user, found)
    if enrolment is None or not enrolment.completed_at:
        raise Http404
    language = (request.GET.get("language") or request.LANGUAGE_CODE or "en")[:2]
    language = language if language in ("en", "fr") else "en"
    pdf = certificate_pdf(enrolment, language)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="certificate-{slugify(found.slug)}-{language}.pdf"'
    )
    return response


# ------------------------------------------------------------------------------------------------ secretariat


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    """The secretariat's page: courses and their lessons' versions, enrolment and completion per city, and
    the quiz questions learners miss most."""
    _secretariat(request)
    courses = list(Course.objects.order_by("pk"))
    lessons = (
        LessonVersion.objects.filter(lesson__course__in=courses)
        .select_related("lesson")
        .order_by("lesson__course_id", "lesson__order", "number")
    )
    by_course: dict[int, list[LessonVersion]] = {}
    for v in lessons:
        by_course.setdefault(v.lesson.course_id, []).append(v)
    return render(
        request,
        "learning/manage.html",
        {
            "courses": [
                (c, by_course.get(c.pk, []), selectors.missed_questions(c, limit=10)) for c in courses
            ],
            "cities": selectors.completion_by_city(),
        },
    )


@login_required
def course_new(request: HttpRequest) -> HttpResponse:
    _secretariat(request)
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.course_save(by=request.user, data=form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            return redirect("learning:course", slug=created.slug)
    return render(request, "learning/form.html", {"form": form, "title": _("New course")})


@login_required
def course_edit(request: HttpRequest, slug: str) -> HttpResponse:
    _secretariat(request)
    found = selectors.get_course_for_user(request.user, slug)
    initial = {n: getattr(found, n) for n in ("slug", "title_en", "title_fr", "summary_en", "summary_fr")}
    form = CourseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            found = services.course_save(by=request.user, data=form.cleaned_data, course=found)  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            return redirect("learning:course", slug=found.slug)
    return render(request, "learning/form.html", {"form": form, "title": found.title})


@login_required
@require_POST
def course_publish(request: HttpRequest, slug: str) -> HttpResponse:
    _secretariat(request)
    found = selectors.get_course_for_user(request.user, slug)
    try:
        services.course_publish(by=request.user, course=found)  # type: ignore[arg-type]
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, _("The course is published."))
    return redirect("learning:course", slug=slug)


@login_required
def course_history(request: HttpRequest, slug: str) -> HttpResponse:
    _secretariat(request)
    found = selectors.get_course_for_user(request.user, slug)
    return render(
        request,
        "core/history.html",
        {
            "subject": found.title,
            "entries": selectors.course_history(found),
            "back_url": reverse("learning:course", args=[slug]),
        },
    )


@login_required
def lesson_new(request: HttpRequest, slug: str) -> HttpResponse:
    _secretariat(request)
    found = selectors.get_course_for_user(request.user, slug)
    form = VersionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.lesson_create(by=request.user, course=found, data=form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            return redirect("learning:version", pk=version.pk)
    return render(request, "learning/form.html", {"form": form, "title": _("New lesson")})


@login_required
def version(request: HttpRequest, pk: int) -> HttpResponse:
    """A lesson version: its text (editable while a draft), images, quiz, and the workflow's buttons."""
    found = selectors.get_version_for_secretariat(request.user, pk)
    editable = found.status == VersionStatus.DRAFT
    initial = {
        n: getattr(found, n)
        for n in ("title_en", "title_fr", "body_en", "body_fr", "video_url", "change_note")
    }
    form = VersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and editable and form.is_valid():
        try:
            services.version_update(by=request.user, version=found, data=form.cleaned_data)  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("The draft is saved."))
            return redirect("learning:version", pk=pk)
    return render(
        request,
        "learning/version.html",
        {
            "version": found,
            "form": form,
            "editable": editable,
            "question_form": QuestionForm(),
            "image_form": ImageForm(),
            "questions": found.questions.prefetch_related("choices"),
            "images": found.images.all(),
            "moves": services.VERSION_WORKFLOW.allowed_from(found.status),
            "labels": dict(VersionStatus.choices),
            "can_new_version": found.status in (VersionStatus.PUBLISHED, VersionStatus.RETIRED),
        },
    )


@login_required
@require_POST
def version_move(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.get_version_for_secretariat(request.user, pk)
    try:
        services.version_move(by=request.user, version=found, status=request.POST.get("status", ""))  # type: ignore[arg-type]
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    return redirect("learning:version", pk=pk)


@login_required
@require_POST
def lesson_new_version(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.get_version_for_secretariat(request.user, pk)
    try:
        copy = services.lesson_new_version(by=request.user, lesson=found.lesson)  # type: ignore[arg-type]
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
        return redirect("learning:version", pk=pk)
    return redirect("learning:version", pk=copy.pk)


@login_required
@require_POST
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.get_version_for_secretariat(request.user, pk)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.question_add(
                by=request.user,  # type: ignore[arg-type]
                version=found,
                text_en=form.cleaned_data["text_en"],
                text_fr=form.cleaned_data["text_fr"],
                choices=form.choices(),
            )
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, _("The question is added."))
    else:
        messages.error(request, _("Write the question in English and in French."))
    return redirect("learning:version", pk=pk)


@login_required
@require_POST
def image_add(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.get_version_for_secretariat(request.user, pk)
    form = ImageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.image_add(
                by=request.user,  # type: ignore[arg-type]
                version=found,
                file=form.cleaned_data["file"],
                alt_en=form.cleaned_data["alt_en"],
                alt_fr=form.cleaned_data["alt_fr"],
            )
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
    else:
        messages.error(request, _("Choose an image file."))
    return redirect("learning:version", pk=pk)


@login_required
def version_history(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.get_version_for_secretariat(request.user, pk)
    return render(
        request,
        "core/history.html",
        {
            "subject": str(found),
            "entries": selectors.version_history(found),
            "back_url": reverse("learning:version", args=[pk]),
        },
    )


def image(request: HttpRequest, pk: int) -> FileResponse:
    """A lesson image: public once its version is published in a published course; else secretariat only."""
    from django.shortcuts import get_object_or_404

    from icc.learning.models import LessonImage

    found = get_object_or_404(LessonImage.objects.select_related("version__lesson__course"), pk=pk)
    if not LessonVersion.objects.public().filter(pk=found.version_id).exists():
        _secretariat(request)
    try:
        handle = found.file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    content_type = "image/png" if found.name.lower().endswith(".png") else "image/jpeg"
    return FileResponse(handle, content_type=content_type)


# ------------------------------------------------------------------------------------------------ public


def public_catalogue(request: HttpRequest) -> HttpResponse:
    return render(request, "learning/public_catalogue.html", {"courses": selectors.published_courses()})


def public_certificate(request: HttpRequest, code: str) -> HttpResponse:
    enrolment = selectors.certificate_by_code(code)
    return render(request, "learning/public_certificate.html", {"enrolment": enrolment})
