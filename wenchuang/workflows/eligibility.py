"""Eligibility rules of a call, kept as data, and the check made when an applicant begins.

    {"regions": ["320200"],            # registered under one of these regions (the tree)
     "classes": ["02", "0511"],        # classification under one of these classes
     "domain": "core",                 # classification in the core domain
     "applicant_kinds": ["enterprise"],
     "no_unfinished_report": true}     # any other key: asked of the programme kind's plug-in

A rule the engine does not know is answered by the kind (`ProgrammeKind.rules`): funding
owns reports, so funding says whether an organisation has an unfinished one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from wenchuang.core.regions import region_within

from .plugins import kind_of

BUILT_IN = ("regions", "classes", "domain", "applicant_kinds")

Errors = list[tuple[str, str]]


def check_rules(rules: Any, kind_key: str) -> Errors:
    """What is wrong with a call's rules, as (rule, message) in the reader's language."""
    from wenchuang.accounts.models import Organisation
    from wenchuang.reference.models import IndustryCategory, Region

    if not isinstance(rules, Mapping):
        return [("", _("The rules are an object of rule names and values."))]
    kind = kind_of(kind_key)
    known = [*BUILT_IN, *(kind.rules if kind else {})]
    errors: Errors = []
    for name, value in rules.items():
        if name not in known:
            errors.append(
                (name, _("Unknown rule; known rules: %(names)s.") % {"names": ", ".join(known)})
            )
        elif name == "regions":
            codes = value if isinstance(value, list) else []
            found = set(
                Region.objects.filter(code__in=[str(c) for c in codes]).values_list(
                    "code", flat=True
                )
            )
            if not codes or len(found) != len(set(codes)):
                errors.append((name, _("List GB/T 2260 region codes, such as 320200.")))
        elif name == "classes":
            codes = value if isinstance(value, list) else []
            found = set(
                IndustryCategory.objects.filter(code__in=[str(c) for c in codes]).values_list(
                    "code", flat=True
                )
            )
            if not codes or len(found) != len(set(codes)):
                errors.append(
                    (name, _("List classes of the 2018 classification, such as 02 or 0221."))
                )
        elif name == "domain":
            if value not in ("core", "related"):
                errors.append((name, _("Write core or related.")))
        elif name == "applicant_kinds":
            kinds = [k.value for k in Organisation.Kind]
            if not isinstance(value, list) or not value or any(v not in kinds for v in value):
                errors.append(
                    (name, _("List kinds among %(kinds)s.") % {"kinds": ", ".join(kinds)})
                )
    return errors


def refusals(call: Any, organisation: Any, classification: Any = None) -> list[str]:
    """Why `organisation` may not apply to `call` (with this classification); empty if it may."""
    from wenchuang.accounts.models import Organisation
    from wenchuang.reference.models import Region

    rules = call.eligibility or {}
    reasons: list[str] = []
    if "regions" in rules:
        regions = list(Region.objects.filter(code__in=rules["regions"]))
        if not any(region_within(organisation.region_id, r) for r in regions):
            reasons.append(
                _("Only organisations registered in %(regions)s may apply.")
                % {"regions": ", ".join(str(r.name) for r in regions)}
            )
    kind = kind_of(call.programme.kind)
    # Who may apply at all: the call's rule, else its programme kind's (parks for designation).
    allowed = rules.get("applicant_kinds") or (kind.applicant_kinds if kind else ())
    if allowed and organisation.kind not in allowed:
        labels = ", ".join(str(Organisation.Kind(k).label) for k in allowed)
        reasons.append(_("Only these may apply: %(kinds)s.") % {"kinds": labels})
    if "classes" in rules:
        code = getattr(classification, "code", classification) or ""
        if not any(code.startswith(str(c)) for c in rules["classes"]):
            reasons.append(
                _("The project must fall under the classes %(classes)s of the 2018 classification.")
                % {"classes": ", ".join(rules["classes"])}
            )
    if "domain" in rules:
        domain = getattr(classification, "domain", None)
        if domain != rules["domain"]:
            reasons.append(
                _("The project must belong to the core domain of the classification.")
                if rules["domain"] == "core"
                else _("The project must belong to the related domain of the classification.")
            )
    for name, value in rules.items():
        if name in BUILT_IN or kind is None or name not in kind.rules:
            continue
        reason = kind.rules[name](value, organisation, call)
        if reason:
            reasons.append(str(reason))
    return reasons
