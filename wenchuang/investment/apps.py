"""App configuration for investment promotion."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvestmentConfig(AppConfig):
    name = "wenchuang.investment"
    label = "investment"
    verbose_name = _("Investment promotion")

    def ready(self) -> None:
        from wenchuang.core import search
        from wenchuang.core.demo import DemoStep, register_demo_step
        from wenchuang.core.files import register_file_owner
        from wenchuang.core.generations import track
        from wenchuang.events.signings import register_signing_source

        # Registers the audit verbs.
        from . import demo, permissions, tasks, workflows  # noqa: F401
        from . import search as project_search
        from .models import Agreement, InvestorProfile, Project
        from .signings import agreements_signed_at

        # The event report lists the agreements signed at the event.
        register_signing_source(agreements_signed_at)
        track(Project, InvestorProfile)
        search.register(Project, document=project_search.document)
        register_file_owner(
            Project, can_read=permissions.can_view_project, can_attach=permissions.can_edit_project
        )
        register_file_owner(
            Agreement,
            can_read=permissions.can_read_agreement_files,
            can_attach=permissions.can_record_agreement_files,
        )
        register_demo_step(
            DemoStep("investment", create=demo.create_demo, wipe=demo.wipe_demo, order=310)
        )
        # After the events' demo step (320): agreements signed at its events.
        register_demo_step(
            DemoStep(
                "investment-signings", create=demo.sign_at_events, wipe=lambda: None, order=330
            )
        )
