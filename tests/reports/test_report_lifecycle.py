"""The life of a city report: the secretariat generates the draft, experts and the secretariat comment,
the draft is shared with the city, then published as immutable versions; who sees what at each step."""

import io

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from pypdf import PdfReader

from icc.index.services import review
from icc.index.services.publication import response_publication_decide, round_results_publish
from icc.index.services.rounds import round_change_status
from icc.reports.models import ImmutableVersionError, Report, ReportVersion
from icc.reports.selectors.versions import public_report_versions
from icc.reports.services.drafts import (
    MAX_COMMENTARY,
    report_assign_experts,
    report_comment_update,
    report_generate_draft,
)
from icc.reports.services.publishing import report_publish
from tests.conftest import client_for
from tests.index.helpers import fill_and_submit, validate
from tests.reports.flow_helpers import quick_pdf, real_pdf

pytestmark = pytest.mark.usefixtures("quick_pdf")
__all__ = ["quick_pdf", "real_pdf"]

SUMMARY_EN = "Lyon has built a solid intercultural strategy; the next step is public spaces."
SUMMARY_FR = "Lyon a bâti une stratégie interculturelle solide ; reste à travailler les espaces publics."
CORRECTION = "Lyon has built a solid intercultural strategy, adopted by the council in May 2025."


def _pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _read(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def _download(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def lyon_report(scored, alice) -> Report:
    lyon, _porto = scored
    return report_generate_draft(response=lyon, by=alice)


@pytest.fixture
def commented(lyon_report, alice) -> Report:
    report_comment_update(report=lyon_report, language="en", texts={"summary": SUMMARY_EN}, by=alice)
    return report_comment_update(report=lyon_report, language="fr", texts={"summary": SUMMARY_FR}, by=alice)


def _report_url(report: Report, lang: str = "en") -> str:
    return reverse("reports:report_detail", args=[report.pk]) + f"?lang={lang}"


# Publishing and versions -----------------------------------------------------------------------------


def test_publishing_makes_version_1_in_both_languages_with_the_commentary(real_pdf, commented, alice):
    version = report_publish(report=commented, by=alice)

    assert version.number == 1
    english, french = _pdf_text(_read(version.pdf_en)), _pdf_text(_read(version.pdf_fr))
    assert "Lyon" in english and "public spaces" in english
    assert "espaces publics" in french
    page = client_for(alice).get(reverse("reports:version_detail", args=[version.pk]) + "?lang=fr")
    assert page.status_code == 200
    assert "Version 1, published on" in page.content.decode()
    assert "espaces publics" in page.content.decode()


def test_a_correction_makes_version_2_and_keeps_version_1_byte_identical(commented, alice):
    first = report_publish(report=commented, by=alice)
    first_pdf, first_html = _read(first.pdf_en), _read(first.html_en)
    report_comment_update(report=commented, language="en", texts={"summary": CORRECTION}, by=alice)

    with pytest.raises(ValidationError) as refused:
        report_publish(report=commented, by=alice, note="  ")
    assert "note" in refused.value.message_dict
    assert "Say what changed since version 1" in refused.value.message_dict["note"][0]
    second = report_publish(report=commented, by=alice, note="The adoption date of the strategy.")

    assert second.number == 2
    assert "May 2025" in _read(second.html_en).decode()
    first = ReportVersion.objects.get(pk=first.pk)
    assert _read(first.pdf_en) == first_pdf and _read(first.html_en) == first_html
    assert first_pdf != _read(second.pdf_en)
    assert "May 2025" not in first_html.decode()
    old_page = client_for(alice).get(reverse("reports:version_detail", args=[first.pk])).content.decode()
    assert "A newer version exists: version 2." in old_page and "May 2025" not in old_page
    report_page = client_for(alice).get(_report_url(commented)).content.decode()
    assert "The adoption date of the strategy." in report_page


def test_a_published_version_cannot_be_changed_or_deleted(commented, alice):
    version = report_publish(report=commented, by=alice)
    version.note = "rewritten history"
    with pytest.raises(ImmutableVersionError):
        version.save()
    with pytest.raises(ImmutableVersionError):
        version.delete()
    assert ReportVersion.objects.get(pk=version.pk).note == ""


def test_publishing_again_without_a_change_is_refused(commented, alice):
    report_publish(report=commented, by=alice)
    with pytest.raises(ValidationError, match="Nothing changed since version 1"):
        report_publish(report=commented, by=alice, note="Nothing really.")


def test_publishing_is_refused_once_the_response_is_reopened(
    commented, alice, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        review.response_reopen(response=commented.response, by=alice, reason="The population was wrong.")

    with pytest.raises(ValidationError, match="is not validated"):
        report_publish(report=commented, by=alice)
    assert not ReportVersion.objects.exists()


def test_publishing_is_refused_when_the_scores_changed_since_the_draft(
    commented, alice, reggio, index_round, django_capture_on_commit_callbacks
):
    from tests.factories import ResponseFactory

    newcomer = fill_and_submit(ResponseFactory(round=index_round, city=reggio), "Reggio Emilia")
    validate(newcomer, alice, django_capture_on_commit_callbacks)  # a new city in the sample

    page = client_for(alice).post(reverse("reports:report_publish", args=[commented.pk]), {"note": ""})
    assert page.status_code == 400
    assert "The scores changed since the draft was generated" in page.content.decode()
    report_generate_draft(response=commented.response, by=alice)
    assert report_publish(report=commented, by=alice).number == 1


# Who sees what ---------------------------------------------------------------------------------------


def test_the_coordinator_sees_nothing_before_sharing_then_the_draft(
    lyon_report, alice, bob, carol, dave, django_capture_on_commit_callbacks
):
    draft_pdf = reverse("reports:draft_pdf", args=[lyon_report.pk, "en"])
    assert client_for(bob).get(_report_url(lyon_report)).status_code == 404
    assert client_for(bob).get(draft_pdf).status_code == 404
    assert lyon_report not in client_for(bob).get(reverse("reports:report_list")).context["reports"]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        page = client_for(alice).post(reverse("reports:report_share", args=[lyon_report.pk]), follow=True)
    assert "The draft is shared with the city" in page.content.decode()
    assert [m.to for m in mail.outbox] == [["bob@example.org"]]
    assert "/reports/manage/" in mail.outbox[0].body

    page = client_for(bob).get(_report_url(lyon_report))
    assert page.status_code == 200
    assert "Shared with the city on" in page.content.decode()
    assert "Write the commentary" not in page.content.decode()
    assert client_for(carol).get(draft_pdf).status_code == 200
    assert _download(client_for(bob).get(draft_pdf)).startswith(b"%PDF")
    assert client_for(dave).get(_report_url(lyon_report)).status_code == 404
    assert client_for(bob).get(reverse("reports:report_commentary", args=[lyon_report.pk])).status_code == 403


def test_the_city_sees_a_published_version_without_the_draft_being_shared(commented, alice, bob):
    version = report_publish(report=commented, by=alice)
    page = client_for(bob).get(_report_url(commented)).content.decode()
    assert "Version 1" in page and "Download the draft" not in page
    assert client_for(bob).get(reverse("reports:draft_pdf", args=[commented.pk, "en"])).status_code == 403
    assert client_for(bob).get(reverse("reports:version_detail", args=[version.pk])).status_code == 200


def test_the_public_sees_the_pdf_only_once_the_city_agreed_and_the_round_is_published(commented, alice, bob):
    version = report_publish(report=commented, by=alice)
    public_pdf = reverse("reports:published_pdf", args=[version.pk, "fr"])
    anonymous = client_for(None)
    assert anonymous.get(public_pdf).status_code == 404

    response_publication_decide(response=commented.response, agreed=True, by=bob)
    assert anonymous.get(public_pdf).status_code == 404  # the round's results are not out yet
    round_change_status(round=commented.response.round, status="closed", by=alice)
    round_results_publish(round=commented.response.round, by=alice)

    download = anonymous.get(public_pdf)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert _download(download) == _read(version.pdf_fr)
    assert public_report_versions(commented.response.city) == [version]

    response_publication_decide(response=commented.response, agreed=False, by=bob)
    assert anonymous.get(public_pdf).status_code == 404
    assert public_report_versions(commented.response.city) == []


def test_an_expert_sees_and_comments_only_the_reports_assigned_to_them(lyon_report, alice, erin):
    as_erin = client_for(erin)
    assert as_erin.get(_report_url(lyon_report)).status_code == 404
    with pytest.raises(PermissionDenied):
        report_comment_update(report=lyon_report, language="en", texts={"summary": "Mine."}, by=erin)

    report_assign_experts(report=lyon_report, experts=[erin], by=alice)

    assert as_erin.get(_report_url(lyon_report)).status_code == 200
    saved = as_erin.post(
        reverse("reports:report_commentary", args=[lyon_report.pk]),
        {"language": "en", "section-summary": "  A strong start.  "},
    )
    assert saved.status_code == 302
    assert Report.objects.get(pk=lyon_report.pk).commentary == {"summary": {"en": "A strong start."}}
    assert as_erin.get(reverse("reports:report_publish", args=[lyon_report.pk])).status_code == 403
    assert as_erin.post(reverse("reports:report_share", args=[lyon_report.pk])).status_code == 403


def test_only_experts_can_be_assigned(lyon_report, alice, bob):
    with pytest.raises(ValidationError) as refused:
        report_assign_experts(report=lyon_report, experts=[bob], by=alice)
    assert "Bob Durand" in refused.value.message_dict["experts"][0]


# Commentary ------------------------------------------------------------------------------------------


def test_too_long_commentary_is_refused_naming_the_section_and_nothing_is_saved(lyon_report, alice):
    area = lyon_report.draft_content["en"]["areas"][0]
    page = client_for(alice).post(
        reverse("reports:report_commentary", args=[lyon_report.pk]),
        {"language": "en", "section-summary": "Fine.", f"section-{area['id']}": "x" * (MAX_COMMENTARY + 1)},
    )

    assert page.status_code == 400
    text = page.content.decode()
    assert f"The commentary on “{area['title']}” is too long" in text
    assert 'aria-invalid="true"' in text
    assert Report.objects.get(pk=lyon_report.pk).commentary == {}


def test_commentary_is_written_in_the_chosen_language_and_shown_in_that_report(lyon_report, alice):
    as_alice = client_for(alice)
    form = as_alice.get(reverse("reports:report_commentary", args=[lyon_report.pk]) + "?lang=fr")
    assert 'name="language" value="fr"' in form.content.decode()
    as_alice.post(
        reverse("reports:report_commentary", args=[lyon_report.pk]),
        {"language": "fr", "section-summary": SUMMARY_FR},
    )

    assert SUMMARY_FR in as_alice.get(_report_url(lyon_report, "fr")).content.decode()
    assert SUMMARY_FR not in as_alice.get(_report_url(lyon_report, "en")).content.decode()


def test_an_unknown_section_is_refused(lyon_report, alice):
    with pytest.raises(ValidationError) as refused:
        report_comment_update(report=lyon_report, language="en", texts={"preface": "Hello"}, by=alice)
    assert "“preface” is not a section of this report." in refused.value.message_dict["preface"]


# Pages -----------------------------------------------------------------------------------------------


def test_the_scores_page_leads_the_secretariat_to_generate_the_report(
    scored, alice, django_capture_on_commit_callbacks
):
    lyon, _porto = scored
    as_alice = client_for(alice)
    url = reverse("reports:response_report", args=[lyon.pk])
    page = as_alice.get(url)
    assert "Generate the draft" in page.content.decode()

    # The draft is a background job: the request returns before the work runs (here the test's
    # transaction holds the task until the end of the block, as a worker would run it later).
    with django_capture_on_commit_callbacks(execute=True):
        started = as_alice.post(reverse("reports:response_report_generate", args=[lyon.pk]), follow=True)
        text = started.content.decode()
        assert started.redirect_chain[-1][0] == url
        assert "The draft is being generated in the background" in text
        assert 'data-hx-trigger="every 2s"' in text  # the progress bar follows the job by itself
        assert "Generate the draft</button>" not in text  # no second click while it runs
        assert as_alice.get(url, HTTP_HX_REQUEST="true").status_code == 200  # still running: the fragment

    # Done: the polling fragment reloads the page, which leads to the draft.
    report = Report.objects.get(response=lyon)
    assert report.has_draft
    assert as_alice.get(url, HTTP_HX_REQUEST="true").headers["HX-Refresh"] == "true"
    assert as_alice.get(url).url == reverse("reports:report_detail", args=[report.pk])


def test_generating_the_draft_twice_at_once_starts_one_job(scored, alice, django_capture_on_commit_callbacks):
    lyon, _porto = scored
    as_alice = client_for(alice)
    generate = reverse("reports:response_report_generate", args=[lyon.pk])
    with django_capture_on_commit_callbacks(execute=False) as queued:
        as_alice.post(generate)
        second = as_alice.post(generate, follow=True)
    assert len(queued) == 1
    assert "This draft is being generated already" in second.content.decode()


def test_when_the_work_runs_at_once_the_page_says_the_draft_is_ready(scored, alice, monkeypatch):
    """With the immediate backend outside a transaction (no worker configured), the work is done when the
    request returns: the page says so and shows the draft."""
    from icc.core import jobs

    lyon, _porto = scored
    monkeypatch.setattr(jobs.transaction, "on_commit", lambda callback: callback())
    generate = reverse("reports:response_report_generate", args=[lyon.pk])
    generated = client_for(alice).post(generate, follow=True)
    report = Report.objects.get(response=lyon)
    assert generated.redirect_chain[-1][0] == reverse("reports:report_detail", args=[report.pk])
    assert "The draft report is ready" in generated.content.decode()


def test_a_failed_draft_says_why_on_the_report_page(scored, alice, monkeypatch):
    from icc.core import jobs
    from icc.reports.services import draft_job

    lyon, _porto = scored
    Report.objects.create(response=lyon)

    def broken(**kwargs):
        raise ValidationError("The chart could not be drawn.")

    monkeypatch.setattr(jobs.transaction, "on_commit", lambda callback: callback())
    monkeypatch.setattr(draft_job, "report_generate_draft", broken)
    page = client_for(alice).post(reverse("reports:response_report_generate", args=[lyon.pk]), follow=True)
    text = page.content.decode()
    assert "The chart could not be drawn." in text
    assert "The latest generation of the draft failed" in text


def test_the_round_reports_page_reads_a_fixed_number_of_queries(
    scored, alice, lyon_report, django_assert_max_num_queries
):
    as_alice = client_for(alice)
    url = reverse("reports:round_reports", args=[lyon_report.response.round_id])
    as_alice.get(url)  # the first request of a session saves settings and the session
    # 4 of the page's own, the report authors' gender balance and the header's unread count, any cities
    with django_assert_max_num_queries(13):
        page = as_alice.get(url)
    text = page.content.decode()
    assert "2 validated cities: 1 with a draft, 0 shared with the city, 0 published." in text


def test_the_list_of_reports_reads_a_fixed_number_of_queries(scored, alice, django_assert_max_num_queries):
    lyon, porto = scored
    for response in (lyon, porto):
        Report.objects.create(response=response)
    as_alice = client_for(alice)
    as_alice.get(
        reverse("reports:report_list")
    )  # the first request of a session saves settings and the session
    # 1 of the page's own, the report authors' gender balance and the header's unread count, any reports
    with django_assert_max_num_queries(10):
        page = as_alice.get(reverse("reports:report_list"))
    assert len(page.context["reports"]) == 2


def test_publishing_right_after_generating_reuses_the_drafts_pdfs(commented, alice, monkeypatch):
    from tests.reports import flow_helpers

    report = report_generate_draft(response=commented.response, by=alice)  # now with the commentary
    rendered: list[str] = []
    monkeypatch.setattr(
        "icc.reports.pdf.html_to_pdf", lambda html: rendered.append(html) or flow_helpers.stand_in_pdf(html)
    )

    version = report_publish(report=report, by=alice)

    assert rendered == []
    assert _read(version.pdf_fr) == _read(Report.objects.get(pk=report.pk).draft_pdf_fr)
