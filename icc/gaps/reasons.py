"""The reasons the gap services give for a change, stored as codes in the history and read in the reader's
language (icc.core.history). Registered once, by GapsConfig.ready()."""

from django.utils.translation import gettext_lazy as _

GAP_REASONS = {
    "gaps.imported": _("imported from %(words)s"),
    "gaps.entered": _("entered by hand"),
    "gaps.deleted": _("deleted by hand"),
    "gaps.published": _("gaps published"),
    "gaps.withdrawn": _("gaps withdrawn from publication"),
    "gaps.catalogue": _("indicator catalogue updated"),
    "gaps.import_checked": _("file checked"),
    "gaps.import_replaced": _("replaced by a later file"),
    "gaps.demo_data": _("demo data"),
}
