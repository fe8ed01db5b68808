"""Running a batch: suggestions, one pair per park, signing, reports, and who may do each."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from wenchuang.cooperation import reasons, selectors, services
from wenchuang.cooperation.models import OutcomeReport, Pairing
from wenchuang.core.files import files_of
from wenchuang.core.models import Notification

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_suggestions_pair_the_eastern_park_with_parks_in_other_zones(batch, parks, cast):
    made = services.pairs_suggest(batch=batch, by=cast["national_staff"])
    pairs = {
        (p.carrying_park_id, p.partner_park_id): p for p in Pairing.objects.filter(batch=batch)
    }
    assert made == len(pairs) >= 2
    studios, urumqi = parks["studios"], parks["urumqi"]
    west = pairs[(studios.pk, urumqi.pk)]
    assert west.status == "suggested" and west.partner_region_code == "650102"
    assert "eastern region → western region" in reasons.explain(west.reasons)
    # Two Jiangsu parks are never suggested to each other; a second run adds nothing.
    assert (studios.pk, parks["jiangsu_other"].pk) not in pairs
    assert services.pairs_suggest(batch=batch, by=cast["national_staff"]) == 0


def test_a_park_takes_part_in_one_confirmed_pair_per_batch(suggested, cast):
    staff = cast["national_staff"]
    services.pairing_confirm(pairing=suggested["urumqi"], by=staff)
    with pytest.raises(ValidationError, match="already paired in this batch"):
        services.pairing_confirm(pairing=suggested["dalian"], by=staff)
    assert Pairing.objects.get(pk=suggested["dalian"].pk).status == "suggested"
    # Declining the first frees the park for the second.
    services.pairing_decline(
        pairing=Pairing.objects.get(pk=suggested["urumqi"].pk), by=staff, note="changed plans"
    )
    services.pairing_confirm(pairing=suggested["dalian"], by=staff)


def test_confirming_tells_both_parks_managers_in_their_language(suggested, cast):
    manager = cast["park_manager"]
    manager.language = "zh-hans"
    manager.save()
    services.pairing_confirm(pairing=suggested["urumqi"], by=cast["national_staff"])
    note = Notification.objects.get(recipient=manager, event="pairing_confirmed")
    assert "结对" in note.subject and note.language == "zh-hans"


def test_a_stale_confirmation_is_refused(suggested, cast):
    from wenchuang.core.transitions import Conflict

    pairing = suggested["urumqi"]
    with pytest.raises(Conflict):
        services.pairing_confirm(pairing=pairing, by=cast["national_staff"], version="1")


def test_signing_keeps_the_agreement_and_its_scan(suggested, cast):
    staff = cast["national_staff"]
    pairing = services.pairing_confirm(pairing=suggested["urumqi"], by=staff)
    with pytest.raises(ValidationError) as refused:
        services.pairing_sign(
            pairing=pairing,
            by=staff,
            signed_on=datetime.date.today() + datetime.timedelta(days=3),
            agreement_title="",
        )
    assert set(refused.value.message_dict) == {"signed_on", "agreement_title"}
    scan = SimpleUploadedFile("agreement.pdf", PDF, content_type="application/pdf")
    services.pairing_sign(
        pairing=pairing,
        by=staff,
        signed_on=datetime.date(2026, 6, 8),
        agreement_title="携手合作协议",
        document=scan,
    )
    pairing.refresh_from_db()
    assert (pairing.status, pairing.signed_on) == ("signed", datetime.date(2026, 6, 8))
    assert [f.original_name for f in files_of(pairing)] == ["agreement.pdf"]


def test_a_file_that_is_not_what_its_name_says_is_refused_and_nothing_is_signed(suggested, cast):
    staff = cast["national_staff"]
    pairing = services.pairing_confirm(pairing=suggested["urumqi"], by=staff)
    fake = SimpleUploadedFile(
        "agreement.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    with pytest.raises(ValidationError):
        services.pairing_sign(
            pairing=pairing,
            by=staff,
            signed_on=datetime.date(2026, 6, 8),
            agreement_title="协议",
            document=fake,
        )
    assert Pairing.objects.get(pk=pairing.pk).status == "confirmed"


def _report(pairing, by, year=2026, half=1, **figures):
    return services.outcome_report_submit(
        pairing=pairing,
        by=by,
        year=year,
        half=half,
        figures={"enterprises_relocated": 2, "joint_projects": 1, "visitors": 900, **figures},
    )


def test_either_parks_manager_reports_once_per_half_year(suggested, cast):
    pairing = services.pairing_confirm(pairing=suggested["urumqi"], by=cast["national_staff"])
    report = _report(pairing, cast["park_manager"], revenue="120000.50")
    assert report.revenue_money.currency == "CNY"
    with pytest.raises(ValidationError, match="already reported"):
        _report(pairing, cast["national_staff"])
    with pytest.raises(ValidationError, match="has begun"):
        _report(pairing, cast["park_manager"], year=datetime.date.today().year + 1)
    with pytest.raises(ValidationError):
        _report(pairing, cast["park_manager"], half=2, visitors=-5)
    assert OutcomeReport.objects.filter(pairing=pairing).count() == 1
    assert selectors.by_period(OutcomeReport.objects.all()) == [("2026H1", 2, 1, 900)]


# Who may do what. The batch is national: only the national office's staff run it.
ACTIONS = ["suggest", "confirm", "decline", "report", "see_suggestion"]
MATRIX = {
    "national_staff": {"suggest", "confirm", "decline", "report", "see_suggestion"},
    "wuxi_staff": {"report", "see_suggestion"},  # oversees Wuxi Studios, does not run the batch
    "dalian_staff": set(),  # oversees the Dalian park, not this pair
    "district": {"report", "see_suggestion"},  # Binhu district, where the Studios lie
    "park_manager": {"report"},
    "other_park_manager": set(),
    "rep": set(),
    "public": set(),
}


def _attempt(action, user, batch, pairing, cast):
    if action == "suggest":
        services.pairs_suggest(batch=batch, by=user)
    elif action == "confirm":
        services.pairing_confirm(pairing=pairing, by=user)
    elif action == "decline":
        services.pairing_decline(pairing=pairing, by=user)
    elif action == "report":
        confirmed = Pairing.objects.get(pk=pairing.pk)
        if confirmed.status == "suggested":
            services.pairing_confirm(pairing=confirmed, by=cast["national_staff"])
        _report(Pairing.objects.get(pk=pairing.pk), user)
    elif action == "see_suggestion":
        selectors.get_pairing_for_view(user, pairing.pk)


@pytest.mark.parametrize("username", list(MATRIX))
@pytest.mark.parametrize("action", ACTIONS)
def test_every_role_and_action(username, action, batch, suggested, cast):
    user = cast[username]
    pairing = suggested["urumqi"]
    if username in MATRIX and action in MATRIX[username]:
        _attempt(action, user, batch, pairing, cast)
    else:
        with pytest.raises(PermissionDenied) as refused:
            _attempt(action, user, batch, pairing, cast)
        assert str(refused.value)  # the refusal says why


def test_a_missing_half_year_report_is_reminded_once(suggested, cast):
    from wenchuang.cooperation.reminders import last_half, send_outcome_reminders

    pairing = services.pairing_confirm(pairing=suggested["urumqi"], by=cast["national_staff"])
    assert last_half(datetime.date(2027, 3, 1)) == (2026, 2)
    assert last_half(datetime.date(2027, 8, 1)) == (2027, 1)
    manager = cast["park_manager"]
    later = datetime.date.today() + datetime.timedelta(days=200)
    assert send_outcome_reminders(later) == 1
    assert send_outcome_reminders(later) == 0  # the next day's run: nothing again
    assert Notification.objects.filter(recipient=manager, event="pairing_report_due").count() == 1
    year, half = last_half(later)
    assert Pairing.objects.get(pk=pairing.pk).reminded_for == f"{year}H{half}"


def test_a_pair_that_reported_is_not_reminded(suggested, cast):
    from wenchuang.cooperation.reminders import last_half, send_outcome_reminders

    pairing = services.pairing_confirm(pairing=suggested["urumqi"], by=cast["national_staff"])
    later = datetime.date.today() + datetime.timedelta(days=200)
    year, half = last_half(later)
    # Reported when that half had begun (written directly: today it still lies ahead).
    OutcomeReport.objects.create(pairing=pairing, year=year, half=half, visitors=10)
    assert send_outcome_reminders(later) == 0
