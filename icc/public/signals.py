"""What moves the public content version on (icc/core/public_version.py): a save or a deletion of any
record the public site or the public API reads. Writes that send no signal call
`public_content_changed()` where they happen: a round's scores (the only writer of `RoundScores` and
`ResponseScore`, whose 1,500 deletions at once would otherwise each move the version on), imported cities."""

from typing import Any

from django.db.models.signals import post_delete, post_save

from icc.core.public_version import public_content_changed


def _changed(sender: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # loading fixtures: the version moves on when the load is done, if at all
        return
    public_content_changed()


def _settings_changed(sender: Any, created: bool = False, **kwargs: Any) -> None:
    """The network's settings row is created with its defaults by the first page that reads it: that
    changes nothing shown. Later changes do (the demo-data notice)."""
    if not created:
        _changed(sender, **kwargs)


def connect() -> None:
    from icc.index.models import Questionnaire, Response, Round
    from icc.network.models import City, MembershipPeriod, NationalNetwork, NetworkSettings
    from icc.reports.models import Report, ReportVersion

    read_by_the_public = (
        City,
        MembershipPeriod,
        NationalNetwork,
        Questionnaire,
        Round,
        Response,
        Report,
        ReportVersion,
    )
    for model in read_by_the_public:
        post_save.connect(_changed, sender=model, dispatch_uid=f"public-version-save-{model._meta.label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"public-version-delete-{model._meta.label}")
    post_save.connect(_settings_changed, sender=NetworkSettings, dispatch_uid="public-version-save-settings")
