"""Each hand-off of a profile tells the person who acts next: the secretariat when it is submitted, the lead
expert when it is returned (with the reason), the city's coordinators when it is shared."""

from django.core import mail

from icc.experts.models import ProfileStatus
from icc.experts.services.profiles import profile_return, profile_share, profile_submit
from icc.notifications.models import Notification, NotificationKind
from tests.experts.profile_fixtures import first_visit
from tests.experts.test_profile_pages import make_profile


def test_each_hand_off_tells_who_acts_next(lyon, alice, bob, carol, erin, django_capture_on_commit_callbacks):
    visit = first_visit(lyon, erin)
    profile = make_profile(visit, ProfileStatus.DRAFTING)

    with django_capture_on_commit_callbacks(execute=True):
        profile_submit(profile=profile, by=erin)
    notice = Notification.objects.get(kind=NotificationKind.PROFILE_SUBMITTED)
    assert notice.recipient == alice and notice.link == f"/experts/profiles/{profile.pk}/review/"
    assert [m.subject for m in mail.outbox] == ["Intercultural profile to review: Lyon, English"]

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        profile_return(profile=profile, reason_text="Name the services concerned.", by=alice)
    notice = Notification.objects.get(kind=NotificationKind.PROFILE_RETURNED)
    assert notice.recipient == erin and notice.link == f"/experts/profiles/{profile.pk}/draft/"
    assert "Name the services concerned." in mail.outbox[0].body

    profile.refresh_from_db()
    profile.status = ProfileStatus.ACCEPTED
    profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        profile_share(profile=profile, by=alice)
    told = Notification.objects.filter(kind=NotificationKind.PROFILE_SHARED)
    assert [n.recipient for n in told] == [bob]  # the coordinator decides; the contributor is not told
