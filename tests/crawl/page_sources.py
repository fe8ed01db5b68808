"""Which ids fill each page pattern's `pk` in the crawl, by URL name (from the crawl's site)."""

# Parameters by name, filled from the crawl's site; `pk` depends on the page.
PK_SOURCES = {
    "directory:park-tenants": lambda site: site.ids["park"],
    "directory:change-decide": lambda site: site.ids["change"],
    "directory:import-job": lambda site: site.ids["job"],
    "directory:membership-action": lambda site: site.ids["membership"],
    "directory:enterprise-profile-pdf": lambda site: site.records["enterprise"],
    **{
        f"workflows:{name}": lambda site: site.ids["call"]
        for name in ("call-detail", "call-apply", "call-edit", "call-status", "call-applications")
    },
    **{
        f"workflows:application-{name}": lambda site: site.ids["application"]
        for name in ("detail", "edit", "preview", "submit", "move", "extend", "co-applicant")
    },
    "funding:award-detail": lambda site: site.ids["award"],
    "funding:award-sign": lambda site: site.ids["award"],
    "funding:award-tranches": lambda site: site.ids["award"],
    "funding:award-action": lambda site: site.ids["award"],
    "funding:tranche-pay": lambda site: site.ids["tranche"],
    "funding:report-submit": lambda site: site.ids["use_report"],
    "funding:report-decide": lambda site: site.ids["use_report"],
    "funding:call-decisions": lambda site: site.ids["fund_call"],
    "funding:packet": lambda site: site.ids["fund_application"],
    "funding:packet-pdf": lambda site: site.ids["fund_application"],
    "designation:detail": lambda site: site.ids["designation"],
    "designation:move": lambda site: site.ids["designation"],
    "designation:yearly-order": lambda site: site.ids["designation"],
    # One certificate is enough: each is the same template, and a PDF takes a while.
    "designation:certificate": lambda site: site.ids["designation"][:1],
    "designation:assessment": lambda site: site.ids["assessment"],
    "designation:designate": lambda site: site.ids["assessment"],
    "designation:decide": lambda site: site.ids["assessment"],
    # Consulting: a certification file and a request in each state.
    **{
        f"consulting:{name}": lambda site: site.ids["certification"]
        for name in ("certification", "certification-decide", "certification-attach")
    },
    **{
        f"consulting:{name}": lambda site: site.ids["consulting_request"]
        for name in (
            "request",
            "request-accept",
            "request-decline",
            "request-message",
            "request-answer",
            "request-close",
            "request-rate",
            "request-assign",
        )
    },
    **{
        f"news:{name}": lambda site: site.ids["news_item"]
        for name in ("detail", "print", "edit", "move")
    },
    **{
        f"investment:{name}": lambda site: site.ids["investment_project"]
        for name in (
            "project",
            "project-edit",
            "project-move",
            "project-attach",
            "project-matches",
            "project-matches-export",
        )
    },  # fmt: skip
    **{
        f"investment:{name}": lambda site: site.ids["investment_profile"]
        for name in ("investor", "investor-matches", "investor-matches-export", "investor-feedback")
    },
    "investment:profile-edit": lambda site: site.ids["investment_investor"],
    **{
        f"investment:{name}": lambda site: site.ids["investment_lead"]
        for name in ("lead", "lead-move", "agreement-create")
    },
    "investment:agreement": lambda site: site.ids["investment_agreement"],
    "investment:agreement-attach": lambda site: site.ids["investment_agreement"],
    **{
        f"market:{name}": lambda site: site.ids["listing"]
        for name in ("listing", "listing-edit", "listing-image", "listing-status", "inquire")
    },
    **{
        f"market:{name}": lambda site: site.ids["market_order"]
        for name in ("order", "order-action", "order-message")
    },
    "market:listing-report": lambda site: site.ids["listing"],
    "market:report": lambda site: site.ids["infringement_report"],
    "market:report-action": lambda site: site.ids["infringement_report"],
    "statistics:report": lambda site: site.ids["period"],
    "statistics:period-move": lambda site: site.ids["period"],
    "statistics:return-detail": lambda site: site.ids["stat_return"],
    "statistics:upload-detail": lambda site: site.ids["return_upload"],
    # A stored file or none: the answer is the file, 403, 404 or the sign-in, never a 5xx.
    "core:file": lambda site: [1],
    # Expert review: assignments (the reviewer's pages) and calls (declaration, staff pages).
    "reviews:review": lambda site: site.ids["review_assignment"],
    "reviews:abstain": lambda site: site.ids["review_assignment"],
    "reviews:reassign": lambda site: site.ids["review_assignment"],
    "reviews:declaration": lambda site: site.ids["call"],
    "reviews:workload": lambda site: site.ids["call"],
    "reviews:assign": lambda site: site.ids["call"],
    "reviews:ranking": lambda site: site.ids["call"],
    # Statistics: the demo's plan, its quarters (release), a report being made.
    "statistics:plan": lambda site: site.ids["stats_plan"],
    "statistics:release": lambda site: site.ids["stats_period"],
    **{
        f"statistics:quarterly-report{suffix}": lambda site: site.ids["stats_report"]
        for suffix in ("", "-pdf", "-xlsx")
    },
    # Park pairing: the demo's batch, and a pair at each status.
    **{
        f"cooperation:{name}": lambda site: site.ids["pairing_batch"]
        for name in ("batch", "batch-move", "suggest", "propose")
    },
    **{
        f"cooperation:{name}": lambda site: site.ids["pairing"]
        for name in ("pairing", "pairing-move", "pairing-sign", "report")
    },
    # Registered works; one certificate PDF is enough (each is the same template, and slow).
    "ip_registry:detail": lambda site: site.ids["work"],
    "ip_registry:certificate-json": lambda site: site.ids["work"],
    "ip_registry:certificate-pdf": lambda site: site.ids["work"][:1],
    # Events: every demo event; registrations (approved, pending, withdrawn), requests,
    # meetings and field visits of the demo's conferences.
    **{
        f"events:{name}": lambda site: site.ids["event"]
        for name in (
            "detail",
            "edit",
            "move",
            "register",
            "withdraw",
            "registrations",
            "report",
            "participants",
            "preference",
            "request",
            "meetings",
            "availability",
            "setup",
            "schedule",
            "schedule-run",
            "my-agenda",
        )
    },
    "events:registration-decide": lambda site: site.ids["event_registration"],
    "events:agenda": lambda site: site.ids["event_registration"],
    "events:agenda-ics": lambda site: site.ids["event_registration"],
    "events:agenda-pdf": lambda site: site.ids["event_registration"][:1],
    "events:visit-sign-up": lambda site: site.ids["field_visit"],
    "events:request-answer": lambda site: site.ids["meeting_request"],
    "events:meeting-confirm": lambda site: site.ids["meeting"],
}
