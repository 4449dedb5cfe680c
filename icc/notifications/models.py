from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class NotificationKind(models.TextChoices):
    """Every hand-off a person can be told about; each person chooses per kind how (Delivery)."""

    SECTION_ASSIGNED = "section_assigned", _("A section of a questionnaire is assigned to you")
    RESPONSE_SUBMITTED = "response_submitted", _("A city submits or resubmits its answers")
    REVIEW_QUESTION = "review_question", _("The secretariat asks about an answer")
    COMMENT_ANSWERED = "comment_answered", _("A review comment is answered")
    RESPONSE_RETURNED = "response_returned", _("Answers are returned for revision")
    RESPONSE_VALIDATED = "response_validated", _("Answers are validated")
    EXPERT_ASSIGNED = "expert_assigned", _("You are assigned to a report as an expert")
    REPORT_SHARED = "report_shared", _("A draft report is shared with the city")
    PLAN_SUBMITTED = "plan_submitted", _("A national network submits a plan or report")
    PLAN_APPROVED = "plan_approved", _("A plan or report is approved")
    PLAN_RETURNED = "plan_returned", _("A plan or report is returned with comments")
    DEADLINE_7_DAYS = "deadline_7_days", _("A deadline is 7 days away")
    DEADLINE_1_DAY = "deadline_1_day", _("A deadline is tomorrow")
    ROUND_INVITED = "round_invited", _("Your city is invited to answer an Index round")
    ROUND_REMINDER = "round_reminder", _("The secretariat reminds you of answers due")
    REPORT_PUBLISHED = "report_published", _("A report on your city's results is published")
    EXPERT_WORK_ASSIGNED = "expert_work_assigned", _("You are put on the team of a piece of expert work")
    EXPERT_WORK_CHANGED = "expert_work_changed", _("Expert work you are on is confirmed or cancelled")
    EXPENSE_CLAIM_SUBMITTED = "expense_claim_submitted", _("An expert submits an expense claim")
    EXPENSE_CLAIM_DECIDED = "expense_claim_decided", _("Your expense claim is decided or returned")
    PROFILE_SUBMITTED = "profile_submitted", _("An expert submits an intercultural profile for review")
    PROFILE_RETURNED = "profile_returned", _("An intercultural profile you lead is returned with comments")
    PROFILE_SHARED = "profile_shared", _("An intercultural profile is shared with your city")
    PRACTICE_PROPOSED = "practice_proposed", _("A city proposes a good practice")
    PRACTICE_QUESTION = "practice_question", _("The secretariat asks about a practice your city proposed")
    PRACTICE_ANSWERED = "practice_answered", _("A city answers a question about its practice")
    PRACTICE_DECIDED = "practice_decided", _("A practice your city proposed is published or declined")
    PRACTICE_TO_CONFIRM = "practice_to_confirm", _("A published practice of your city is three years old")
    EVENT_INVITED = "event_invited", _("You or your city are invited to an event")
    EVENT_REGISTRATION = "event_registration", _("Your registration for an event is confirmed or waiting")
    EVENT_FUNDING_REQUESTED = "event_funding_requested", _("A participant asks for travel funding")
    EVENT_FUNDING_DECIDED = "event_funding_decided", _("Your travel funding for an event is decided")
    EVENT_CLAIM_SUBMITTED = "event_claim_submitted", _("A participant submits a reimbursement claim")
    EVENT_CLAIM_DECIDED = "event_claim_decided", _("Your reimbursement claim is approved or returned")
    EVENT_FEEDBACK_OPEN = "event_feedback_open", _("An event you attended asks for your feedback")
    EVENT_CANCELLED = "event_cancelled", _("An event you registered for is cancelled")
    EVENT_REMINDER = "event_reminder", _("An event you registered for is a week away")
    CLUSTER_REPORT_SUBMITTED = "cluster_report_submitted", _("A cluster's progress report is submitted")
    CLUSTER_REPORT_REVIEWED = "cluster_report_reviewed", _("Your cluster progress report is reviewed")
    LAB_APPLICATION_RECEIVED = "lab_application_received", _("Someone applies to join the policy lab")
    STRATEGY_ACTION_DUE = "strategy_action_due", _("An action of your city's strategy is due soon or overdue")
    STRATEGY_DATA_MISSING = (
        "strategy_data_missing",
        _("A measure of your city's strategy has no data for a period"),
    )
    STRATEGY_STATUS_CHANGED = (
        "strategy_status_changed",
        _("Your city's strategy is validated, presented or changes status"),
    )
    EVALUATION_OPENED = "evaluation_opened", _("Your city is asked to answer an evaluation of its strategy")
    EVALUATION_SUBMITTED = "evaluation_submitted", _("A city submits its answers to an evaluation")
    EVALUATION_EXPERT_ASSIGNED = (
        "evaluation_expert_assigned",
        _("You are asked to write an evaluation report"),
    )
    EVALUATION_REPORT_SHARED = (
        "evaluation_report_shared",
        _("An evaluation report on your city's strategy is shared or published"),
    )
    CHECKLIST_ASSIGNED = "checklist_assigned", _("You are asked to fill in a policy self-assessment")
    CHECKLIST_COMPLETED = "checklist_completed", _("Your city completes a policy self-assessment")
    RISK_REVIEW_DUE = "risk_review_due", _("A programme risk you own is due for review")
    TARGET_STATUS_CHANGED = "target_status_changed", _("A programme target becomes at risk or missed")
    FUNDING_DEADLINE = "funding_deadline", _("A funding application or donor report is due soon")
    NEWSLETTER_SENT = "newsletter_sent", _("A newsletter issue has been sent")
    SURVEY_FEW_ANSWERS = "survey_few_answers", _("Your city's residents' survey is open with few answers")
    SURVEY_CLOSED = "survey_closed", _("Your city's residents' survey closes and its results are ready")
    LESSON_TO_REVIEW = "lesson_to_review", _("A lesson of the initiation course is submitted for review")
    COURSE_NOT_FINISHED = "course_not_finished", _("You have not finished the initiation course")
    COURSE_COMPLETED = "course_completed", _("An official of your city completes the initiation course")


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("E-mail at once")
    DIGEST = "digest", _("Daily digest e-mail")
    OFF = "off", _("Off (no e-mail, no notice)")


class Notification(models.Model):
    """One notice to one person, written in their language when the work reached them."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=NotificationKind.choices)
    title = models.CharField(_("title"), max_length=300)
    link = models.CharField(_("link"), max_length=500, blank=True)
    delivery = models.CharField(_("delivery"), max_length=16, choices=Delivery.choices)
    # Repeated events (a deadline reminder) carry a key: the same key is never written twice for a person.
    key = models.CharField(_("key"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"], condition=~models.Q(key=""), name="notification_key_once"
            )
        ]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.title


class NotificationPreference(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=NotificationKind.choices)
    delivery = models.CharField(_("delivery"), max_length=16, choices=Delivery.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_once")]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()}: {self.get_delivery_display()}"
