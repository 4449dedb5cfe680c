"""How the activities' services tell people: a platform user through `notify` (in-platform notice and e-mail
in their language, as their preferences say); a contact without an account by an e-mail in the language they
chose, after commit, with the private address of their own page (where their events, funding and
certificates are)."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from icc.accounts.models import RoleKind, User
from icc.activities.models import Contact, Registration
from icc.notifications.services import SUBJECTS, Told, notify


def ensure_contact_key(contact: Contact) -> str:
    """The contact's private key (their own page and calendar feed), made the first time it is needed."""
    if not contact.calendar_token:
        contact.calendar_token = secrets.token_urlsafe(32)
        Contact.objects.filter(pk=contact.pk).update(calendar_token=contact.calendar_token)
    return contact.calendar_token


def contact_page_url(contact: Contact) -> str:
    return reverse("activities:contact_page", args=[ensure_contact_key(contact)])


def secretariat() -> list[User]:
    return list(User.objects.filter(is_active=True, roles__kind=RoleKind.SECRETARIAT).distinct())


def tell_secretariat(*, kind: str, obj: object, link: str, context: Mapping[str, Any] | None = None) -> Told:
    return notify(recipients=secretariat(), kind=kind, obj=obj, link=link, context=context)


def email_contact(
    contact: Contact, *, kind: str, obj: object, link: str, context: Mapping[str, Any] | None = None
) -> bool:
    """An e-mail to a person without an account, in their language, once the transaction commits. The
    subject and body are those of the notification kind, so both kinds of people read the same words."""
    if not contact.email:
        return False
    values: dict[str, Any] = {"what": obj, **(context or {})}
    with translation.override(contact.language or settings.LANGUAGE_CODE):
        filled = {name: (value() if callable(value) else value) for name, value in values.items()}
        subject = (_(SUBJECTS[kind]) % {name: str(value) for name, value in filled.items()})[:300]
        body = render_to_string(
            f"notifications/email/{kind}.txt",
            {
                **filled,
                "recipient": contact,
                "link": settings.SITE_URL + link,
                "title": subject,
                "private_link": True,
            },
        )
    transaction.on_commit(partial(send_mail, subject, body, None, [contact.email]))
    return True


def tell_contact(
    contact: Contact,
    *,
    kind: str,
    obj: object,
    link_for_user: str,
    context: Mapping[str, Callable[[], Any] | Any] | None = None,
) -> bool:
    """Tell one participant: by a notice when they have an account, else by e-mail with their private page."""
    if contact.user is not None and contact.user.is_active:
        return bool(
            notify(recipients=[contact.user], kind=kind, obj=obj, link=link_for_user, context=context)
        )
    return email_contact(contact, kind=kind, obj=obj, link=contact_page_url(contact), context=context)


def tell_participant(
    *, registration: Registration, kind: str, context: Mapping[str, Any] | None = None
) -> bool:
    return tell_contact(
        registration.contact,
        kind=kind,
        obj=registration.event,
        link_for_user=reverse("activities:my_registrations"),
        context=context,
    )
