"""The city publishes its gaps, or withdraws them; either shows on the public site at once."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from icc.core.history import reason, record_change
from icc.core.public_version import public_content_changed
from icc.gaps.models import CityGaps, GapResult
from icc.network.models import City


def _publication_row(city: City) -> CityGaps:
    row, _created = CityGaps.objects.select_for_update().get_or_create(city=city)
    return row


def city_gaps_publish(*, city: City, by: Any) -> CityGaps:
    """Publish the city's gaps (suppressed records stay withheld). Refused when there is nothing to publish
    or when they are published already."""
    with transaction.atomic():
        row = _publication_row(city)
        if row.published:
            raise ValidationError({"published": [_("The gaps of this city are already published.")]})
        if not GapResult.objects.filter(city=city, record__isnull=False).exists():
            raise ValidationError(
                {
                    "published": [
                        _("There are no gaps to publish yet. Import or enter the city's figures first.")
                    ]
                }
            )
        row.published = True
        row.published_at = timezone.now()
        row.published_by = by
        row.withdrawn_at = None
        row.full_clean()
        record_change(row, by=by, reason=reason("gaps.published"))
        row.save()
        public_content_changed()
    return row


def city_gaps_withdraw(*, city: City, by: Any) -> CityGaps:
    """Withdraw the city's gaps from the public site at once. Refused when they are not published."""
    with transaction.atomic():
        row = _publication_row(city)
        if not row.published:
            raise ValidationError({"published": [_("The gaps of this city are not published.")]})
        row.published = False
        row.withdrawn_at = timezone.now()
        row.full_clean()
        record_change(row, by=by, reason=reason("gaps.withdrawn"))
        row.save()
        public_content_changed()
    return row
