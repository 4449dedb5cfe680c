"""The language of the public site's addresses."""

from django.http import HttpResponsePermanentRedirect
from django.middleware import locale


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's LocaleMiddleware, whose redirect of a public address without its language (/cities/lyon/)
    to the reader's language (/fr/cities/lyon/: the language chosen on the site, else the browser's) is
    permanent: the old addresses were shared and indexed, and should pass on to the new ones."""

    response_redirect_class = HttpResponsePermanentRedirect
