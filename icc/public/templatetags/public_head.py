"""The <head> links of a public page: its canonical address and the same page in each language."""

from typing import Any

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

register = template.Library()


@register.inclusion_tag("public/_head_links.html", takes_context=True)
def language_links(context: dict[str, Any]) -> dict[str, Any]:
    request = context["request"]
    here = request.build_absolute_uri(request.get_full_path())
    current = get_language()
    alternates = [(code, translate_url(here, code)) for code, _name in settings.LANGUAGES]
    # x-default: the address without its language, which sends each reader to their own.
    prefix = f"/{current}/"
    path = request.get_full_path()
    unprefixed = path[len(prefix) - 1 :] if path.startswith(prefix) else path
    return {
        "canonical": dict(alternates).get(current, here),
        "alternates": alternates,
        "x_default": request.build_absolute_uri(unprefixed),
    }
