"""The secretariat's review of a city's response: the review page, comment threads, the review decisions
(return, validate, reopen) and the histories of a response and of an answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from icc.index.models import CommentThread, Response
from icc.index.selectors.access import get_response_for_user
from icc.index.selectors.review import answer_history as answer_history_of
from icc.index.selectors.review import response_timeline, review_page
from icc.index.services import review as review_services
from icc.notifications.services import told_about


def _review_url(response: Response, anchor: str = "") -> str:
    return reverse("index:response_review", args=[response.pk]) + (f"#{anchor}" if anchor else "")


def _back(request: HttpRequest, response: Response, anchor: str = "") -> HttpResponse:
    """To the page the form was posted from (the city's data-entry page posts replies too) if it is ours."""
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(_review_url(response, anchor))


def _show_errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@login_required
def response_review(request: HttpRequest, pk: int) -> HttpResponse:
    response = get_response_for_user(request.user, pk)
    page = review_page(response)
    return render(
        request,
        "index/review/review.html",
        {
            "page": page,
            "response": page.response,
            "can_review": request.user.has_perm("index.review_response", response),
            "can_comment": request.user.has_perm("index.comment_response", response),
            "can_see_history": request.user.has_perm("index.view_response_history", response),
            "review_url": _review_url(response),
        },
    )


@login_required
@require_POST
def thread_create(request: HttpRequest, pk: int) -> HttpResponse:
    response = get_response_for_user(request.user, pk, perm="index.review_response")
    question = request.POST.get("question", "")
    try:
        thread = review_services.thread_open(
            response=response,
            question=question,
            body=request.POST.get("body", ""),
            by=request.user,  # type: ignore[arg-type]
        )
    except ValidationError as exc:
        _show_errors(request, exc)
        return _back(request, response, f"q-{question}" if question else "")
    messages.success(request, _("Comment sent.") + " " + told_about(thread).sentence())
    return _back(request, response, f"thread-{thread.pk}")


@login_required
@require_POST
def thread_reply(request: HttpRequest, pk: int, thread_pk: int) -> HttpResponse:
    response = get_response_for_user(request.user, pk, perm="index.comment_response")
    thread = get_object_or_404(CommentThread, pk=thread_pk, response=response)
    action = request.POST.get("action", "reply")
    try:
        if action == "resolve":
            review_services.thread_resolve(thread=thread, by=request.user)  # type: ignore[arg-type]
            messages.success(request, _("Conversation marked as resolved."))
        elif action == "reopen":
            review_services.thread_reopen(thread=thread, by=request.user)  # type: ignore[arg-type]
            messages.success(request, _("Conversation reopened."))
        else:
            body = request.POST.get("body", "")
            comment = review_services.comment_add(thread=thread, body=body, by=request.user)  # type: ignore[arg-type]
            messages.success(request, _("Reply sent.") + " " + told_about(comment).sentence())
    except ValidationError as exc:
        _show_errors(request, exc)
    return _back(request, response, f"thread-{thread.pk}")


@login_required
@require_POST
def response_return(request: HttpRequest, pk: int) -> HttpResponse:
    response = get_response_for_user(request.user, pk, perm="index.review_response")
    try:
        note = request.POST.get("note", "")
        returned = review_services.response_return(response=response, by=request.user, note=note)  # type: ignore[arg-type]
    except ValidationError as exc:
        _show_errors(request, exc)
        return redirect(_review_url(response, "decision"))
    messages.success(request, _("Returned to the city for revision.") + " " + told_about(returned).sentence())
    return redirect(_review_url(response))


@login_required
@require_POST
def response_validate(request: HttpRequest, pk: int) -> HttpResponse:
    response = get_response_for_user(request.user, pk, perm="index.review_response")
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick “I have reviewed the answers” to confirm the validation."))
        return redirect(_review_url(response, "decision"))
    try:
        validated = review_services.response_validate(response=response, by=request.user)  # type: ignore[arg-type]
    except ValidationError as exc:
        _show_errors(request, exc)
        return redirect(_review_url(response, "decision"))
    messages.success(
        request,
        _("Validated. The answers are locked and count for scoring and reports.")
        + " "
        + told_about(validated).sentence(),
    )
    return redirect(_review_url(response))


@login_required
@require_POST
def response_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    response = get_response_for_user(request.user, pk, perm="index.review_response")
    try:
        reopened = review_services.response_reopen(
            response=response,
            by=request.user,  # type: ignore[arg-type]
            reason=request.POST.get("reason", ""),
        )
    except ValidationError as exc:
        _show_errors(request, exc)
        return redirect(_review_url(response, "decision"))
    told = told_about(reopened).sentence()
    messages.success(request, _("Reopened. The city may revise its answers.") + " " + told)
    return redirect(_review_url(response))


@login_required
def response_history(request: HttpRequest, pk: int) -> HttpResponse:
    response = get_response_for_user(request.user, pk, perm="index.view_response_history")
    return render(
        request,
        "index/review/response_history.html",
        {
            "response": response,
            "events": response_timeline(response),
            "can_review": request.user.has_perm("index.review_response", response),
        },
    )


@login_required
def answer_history(request: HttpRequest, pk: int, question: str) -> HttpResponse:
    response = get_response_for_user(request.user, pk)
    try:
        history = answer_history_of(response, question)
    except KeyError:
        raise Http404("No such question.") from None
    return render(
        request,
        "index/review/answer_history.html",
        {"history": history, "response": response},
    )
