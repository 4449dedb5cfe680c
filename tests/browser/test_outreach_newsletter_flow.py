"""News and the newsletter in the browser: a reader subscribes on the public site and confirms by the link
e-mailed to them; the secretariat writes and publishes a piece of news, composes an issue that proposes it,
sends it and follows the progress until it is sent; the reader's copy links to the news and carries a
one-click unsubscribe. The public pages and the issue's page pass axe (WCAG 2.1 AA)."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from icc.outreach.models import IssueStatus, NewsletterIssue, Subscriber, SubscriberStatus
from tests.browser.test_accession_flow import sign_in
from tests.browser.test_dashboard import assert_accessible

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


def test_a_reader_subscribes_and_gets_the_issue_the_secretariat_sends(page: Page, transactional_db, alice):
    page.goto("/fr/news/newsletter/")
    expect(page.get_by_role("heading", level=1)).to_have_text("La lettre d'information")
    assert_accessible(page)
    page.get_by_label("Votre adresse électronique").fill("ana@example.org")
    page.get_by_role("button", name="S'abonner").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Consultez votre messagerie")
    [confirmation] = mail.outbox
    link = re.search(r"http\S+/confirm/\S+/", confirmation.body).group(0)
    page.goto("/" + link.split("://", 1)[1].split("/", 1)[1])
    page.get_by_role("button", name="Confirmer mon abonnement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vous êtes abonné·e")
    assert Subscriber.objects.get().status == SubscriberStatus.CONFIRMED

    sign_in(page, "alice@example.org", PASSWORD, "/outreach/news/new/")
    page.get_by_label("Title (English)").fill("Coordinators meet in Lyon")
    page.get_by_label("Summary (English)").fill("The annual meeting of the network's coordinators.")
    page.get_by_label("Title (French)").fill("Les coordinateurs se réunissent à Lyon")
    page.get_by_label("Summary (French)").fill("La réunion annuelle des coordinateurs du réseau.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main .messages")).to_contain_text("saved as a draft")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("published")

    page.goto("/outreach/newsletter/new/")
    expect(page.get_by_label("Coordinators meet in Lyon")).to_be_checked()
    page.get_by_label("Subject (English)").fill("Network news, March")
    page.get_by_label("Subject (French)").fill("Les nouvelles du réseau, mars")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=2, name="French: Les nouvelles du réseau, mars")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Send the issue").click()
    expect(page.locator("main")).to_contain_text("1 of 1 e-mails sent.")
    assert NewsletterIssue.objects.get().status == IssueStatus.SENT

    [issue_mail] = [m for m in mail.outbox if m.to == ["ana@example.org"] and m is not confirmation]
    assert issue_mail.subject == "Les nouvelles du réseau, mars"
    assert "Les coordinateurs se réunissent à Lyon" in issue_mail.body and "/fr/news/" in issue_mail.body
    assert issue_mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
