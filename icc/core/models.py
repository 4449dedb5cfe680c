from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from icc.core.text import model_text_errors


class TimeStampedModel(models.Model):
    """Base for every model of the platform: when a row was created and last changed."""

    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True

    def clean_fields(self, exclude: Any = None) -> None:
        """Django's checks, then what every text may contain (icc.core.text): no control characters,
        names on one line without bidirectional controls. Every service's `full_clean` applies it."""
        errors: dict[str, list[Any]] = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        for field, messages in model_text_errors(self, exclude).items():
            if field not in errors:
                errors[field] = list(messages)
        if errors:
            raise ValidationError(errors)


class Gender(models.TextChoices):
    """Self-declared and optional, for anyone (experts, event participants, contacts, lab members): an empty
    value means the person has not said. Counted in aggregate only by icc/core/gender.py."""

    WOMAN = "woman", _("woman")
    MAN = "man", _("man")
    ANOTHER = "another", _("another gender")
    NOT_GIVEN = "not_given", _("prefer not to say")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    FINISHED = "finished", _("Finished")
    FAILED = "failed", _("Failed")


class Job(TimeStampedModel):
    """Long work run as a task (icc.core.jobs), with the progress record that its page polls (htmx).

    `key` names the piece of work: a second request for the same work (a double click, a second tab)
    finds the first job instead of starting the work again."""

    kind = models.CharField(_("kind"), max_length=40)
    key = models.CharField(_("key"), max_length=120, unique=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    step = models.CharField(_("step"), max_length=200, blank=True)
    total = models.PositiveIntegerField(_("items to process"), default=0)
    done = models.PositiveIntegerField(_("items processed"), default=0)
    result = models.JSONField(_("result"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.kind} · {self.created:%Y-%m-%d %H:%M}"

    @property
    def is_active(self) -> bool:
        return self.status in (JobStatus.QUEUED, JobStatus.RUNNING)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else (0 if self.is_active else 100)


class PublicVersion(models.Model):
    """The version of everything the public site and the public API show (one row): any change to a
    record they read moves it on (icc/core/public_version.py), and the public pages' cache is keyed by it
    (icc/public/page_cache.py), so that a publication or a withdrawal shows at once on every server."""

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("public content version")

    def __str__(self) -> str:
        return f"public version {self.number}"


class StoredFile(TimeStampedModel):
    """Base of an uploaded file kept with the record it belongs to (evidence, an expert's documents, receipts,
    visit documents): the name it was uploaded under, its size and who uploaded it. Each model declares its
    own `file = models.FileField(_("file"), upload_to=..., max_length=300)`, since where it is stored differs;
    uploads are checked by icc.core.uploads and served by icc.core.downloads."""

    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name
