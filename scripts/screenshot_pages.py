"""What the user-guide screenshots show: the pages, who is signed in, and the demo data they need.

Read by scripts/take_screenshots.py; a new screenshot is a new entry here.
"""

PROCESS_LANGUAGES = ("zh-hans", "en")
# name -> (demo user or None for a visitor, path with {ids}, full page, phone width).
PROCESS_SHOTS = {
    "calls": (None, "/calls/", True, False),
    "calls.phone": (None, "/calls/", True, True),
    "call-detail": (None, "/calls/{fund_call}/", True, False),
    "my-applications": ("rep_lingdong", "/applications/", False, False),
    "application-edit": ("rep_lingdong", "/applications/{draft}/edit/", True, False),
    "application-edit.phone": ("rep_lingdong", "/applications/{draft}/edit/", True, True),
    "application-more-info": ("staff_wuxi", "/applications/{more_info}/", True, False),
    "call-applications": ("staff_wuxi", "/calls/{fund_call}/applications/", True, False),
    "application-staff": ("staff_wuxi", "/applications/{screening}/", True, False),
    "review-queue": ("expert_demo", "/reviews/", False, False),
    "review-declaration": ("expert_demo", "/reviews/calls/{fund_call}/declaration/", True, False),
    "review": ("expert_demo", "/reviews/{assignment}/", True, False),
    "review-workload": ("staff_wuxi", "/reviews/calls/{fund_call}/workload/", True, False),
    "review-ranking": ("staff_wuxi", "/reviews/calls/{fund_call}/ranking/", True, False),
    "decisions": ("staff_wuxi", "/funding/calls/{fund_call}/decisions/", True, False),
    "awards": ("staff_wuxi", "/funding/awards/", True, False),
    "award": ("staff_wuxi", "/funding/awards/{award}/", True, False),
    "assessments": ("assessor_demo", "/designation/assessments/", False, False),
    "assessment": ("assessor_demo", "/designation/assessments/{assessment}/", True, False),
    "register": (None, "/designation/", True, False),
    "designation": ("staff_national", "/designation/{designation}/", True, False),
}
# Pages a reader of any language sees: taken in all four (same tuples as PROCESS_SHOTS).
PUBLIC_SHOTS = {
    "statistics-dashboard": (None, "/statistics/dashboard/", True, False),
    "statistics-dashboard.phone": (None, "/statistics/dashboard/", True, True),
    "statistics-staff": ("staff_wuxi", "/statistics/dashboard/staff/", True, False),
}
# The screenshots of the directory's pages (taken in all four languages).
DIRECTORY_SHOTS = (
    "home",
    "enterprise-search",
    "enterprise-detail",
    "validation",
    "validation-changes",
    "import",
    "home.phone",
    "enterprise-list.phone",
    "enterprise-detail.phone",
)
# Page language -> (URL prefix, browser UI language). The UI language names the file input's
# button; Debian's chromium shows it in English unless chromium-l10n is installed.
LANGUAGES = {
    "zh-hans": ("", "zh-CN"),
    "en": ("/en", "en-US"),
    "fr": ("/fr", "fr-FR"),
    "de": ("/de", "de-DE"),
}

# Give the seed enterprise of the demo representative a short history: a change the
# representative proposed and staff approved, a direct staff edit, and one proposal left
# waiting so that the validation queue shows a proposed change too.
HISTORY_SCRIPT = """
from wenchuang.accounts.models import User
from wenchuang.directory import services
from wenchuang.directory.models import Enterprise

rep = User.objects.get(username="rep_lingdong")
staff = User.objects.get(username="staff_wuxi")
record = Enterprise.objects.filter(organisation=rep.organisation).order_by("id").first()
change = services.record_update(record=record, by=rep, data={"employees": 64})
services.change_decide(change=change, by=staff, approve=True)
record.refresh_from_db()
services.record_update(
    record=record,
    by=staff,
    data={"description_fr": "Séries animées et jeux pour enfants, produits à Wuxi."},
)
record.refresh_from_db()
services.record_update(record=record, by=rep, data={"founded_year": 2011})
print("RECORD", record.pk)
"""

# The records the process pages show, found in the demo data; a domain not installed yet
# leaves its ids out and its screenshots are skipped with a warning.
IDS_SCRIPT = """
import json
ids = {}
try:
    from wenchuang.workflows.demo import FUND_CODE
    from wenchuang.workflows.models import Application, Call

    fund = Call.objects.get(programme__code=FUND_CODE)
    ids["fund_call"] = fund.pk
    mine = Application.objects.filter(call=fund, created_by__username="rep_lingdong")
    ids["draft"] = mine.filter(stage="draft").values_list("pk", flat=True).first()
    rows = Application.objects.filter(call=fund).order_by("id")
    ids["more_info"] = rows.filter(stage="more_info").values_list("pk", flat=True).first()
    ids["screening"] = rows.filter(stage="screening").values_list("pk", flat=True).first()
except Exception as error:
    print("WARNING: no calls:", error)
try:
    from wenchuang.workflows.models import Declaration, ReviewAssignment

    mine = ReviewAssignment.objects.filter(reviewer__username="expert_demo").order_by("id")
    # One of a call the demo expert signed the declaration for: the scoring form, not the
    # declaration it sends to otherwise.
    signed = Declaration.objects.filter(reviewer__username="expert_demo").values("call_id")
    ids["assignment"] = (
        mine.filter(application__call_id__in=signed).values_list("pk", flat=True).first()
        or mine.values_list("pk", flat=True).first()
    )
except Exception as error:
    print("WARNING: no reviews:", error)
try:
    from wenchuang.funding.models import Award

    ids["award"] = Award.objects.order_by("id").values_list("pk", flat=True).first()
except Exception as error:
    print("WARNING: no awards:", error)
try:
    from wenchuang.accounts.models import User
    from wenchuang.designation.models import Designation, FieldAssessment

    assessor = User.objects.get(username="assessor_demo")
    ids["assessment"] = (
        FieldAssessment.objects.filter(assessor_id=assessor.organisation_id, status="draft")
        .order_by("id").values_list("pk", flat=True).first()
        or FieldAssessment.objects.order_by("id").values_list("pk", flat=True).first()
    )
    ids["designation"] = Designation.objects.order_by("id").values_list("pk", flat=True).first()
except Exception as error:
    print("WARNING: no designations:", error)
print("IDS", json.dumps(ids))
"""
