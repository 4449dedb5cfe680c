"""`inline_chart`: a chart's SVG, ready to go inline in a page under the Content-Security-Policy.

Charts made before inline styles were taken out (stored in drafts, published versions and caches) still
carry matplotlib's style attributes; this filter turns them into presentation attributes on the way out,
so a published version keeps its stored content and still draws under the policy."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from icc.reports.charts import without_inline_styles

register = template.Library()


@register.filter
def inline_chart(svg: str) -> SafeString:
    # The chart is the platform's own output (charts.py), never user input: marking it safe is what the
    # templates did before with |safe.
    return mark_safe(without_inline_styles(str(svg)))
