"""App configuration for the application engine."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowsConfig(AppConfig):
    name = "wenchuang.workflows"
    label = "workflows"
    verbose_name = _("Applications")

    def ready(self) -> None:
        # The engine's audit verbs, registered before any service writes one.
        from wenchuang.core.demo import DemoStep, register_demo_step
        from wenchuang.core.files import register_file_owner
        from wenchuang.core.generations import track

        from . import demo, permissions, scoring, verbs  # noqa: F401
        from .actors import register_actor
        from .models import Application, Call, Programme
        from .plugins import register_call_check
        from .reviewing import admin as review_admin  # noqa: F401  (its admin pages)
        from .reviewing import permissions as review_permissions
        from .reviewing import services as review_services  # noqa: F401  (its audit verbs)

        # The public calls list (API) is kept for visitors until a call or programme changes.
        track(Call, Programme)
        # A call's scoring form is checked when staff save it (an empty one means the default).
        register_call_check("review_form", scoring.check_saved_review_form)
        # Stage tables may name "reviewer": someone assigned to the application.
        register_actor("reviewer", review_permissions.may_act_as_reviewer)
        # Attachments: read by whoever may read the application and by its reviewers (they
        # review what was attached), added by the applicant's people while the stage lets them.
        register_file_owner(
            Application,
            can_read=review_permissions.may_read_attachments,
            can_attach=permissions.may_attach,
        )

        # Calls and applications in `wenchuang demo-data`, after the directory's records.
        register_demo_step(DemoStep("workflows", create=demo.create, wipe=demo.wipe, order=100))
        # Reviewers, declarations, assignments and reviews on those applications.
        from .reviewing import demo as review_demo

        register_demo_step(
            DemoStep("reviews", create=review_demo.create, wipe=review_demo.wipe, order=200)
        )
