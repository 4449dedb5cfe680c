"""The reasons the Index services give for a change, stored as codes in the history and read in the
reader's language (icc.core.history). Registered once, by IndexConfig.ready(). Dates are ISO dates."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

INDEX_REASONS = {
    # Rounds
    "index.round_renamed": pgettext_lazy("history reason", "renamed"),
    "index.deadline_set": _("deadline set to %(deadline)s"),
    "index.deadline_extended": _("deadline extended to %(deadline)s"),
    "index.round_renamed_deadline_set": _("renamed; deadline set to %(deadline)s"),
    "index.round_renamed_deadline_extended": _("renamed; deadline extended to %(deadline)s"),
    "index.round_opened": _("opened"),
    "index.round_opened_early": _("opened early: opening date %(was)s moved to %(now)s"),
    "index.round_closed": pgettext_lazy("history reason", "closed"),
    "index.round_reopened": pgettext_lazy("history reason", "reopened"),
    "index.results_published": _("results published"),
    "index.results_withdrawn": _("results withdrawn: %(words)s"),
    # Responses and answers
    "index.response_invited": pgettext_lazy("history reason", "invited"),
    "index.response_submitted": pgettext_lazy("history reason", "submitted"),
    "index.response_returned": _("returned for revision"),
    "index.response_validated": pgettext_lazy("history reason", "validated"),
    "index.response_reopened": _("reopened: %(words)s"),
    "index.publication_agreed": _("publication agreed"),
    "index.publication_refused": _("publication refused"),
    "index.answer_api": _("saved through the API"),
    "index.answers_imported": _("imported from %(words)s"),
    "index.answer_revised": _("revised after the secretariat's question"),
    # Review threads
    "index.thread_opened": _("opened"),
    "index.thread_city_replied": _("city replied"),
    "index.thread_secretariat_replied": _("secretariat replied"),
    "index.thread_resolved": pgettext_lazy("history reason", "resolved"),
    "index.thread_reopened": pgettext_lazy("history reason", "reopened"),
}
