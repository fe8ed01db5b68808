"""App configuration for statistics: indicators, obligations, the calendar and returns."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _load_standard(sender, using="default", **kwargs) -> None:
    # After migrate (and a test flush), the standard indicators and obligations exist, so a
    # fresh installation can take returns at once; staff edit them afterwards.
    from .standard import load_standard

    load_standard(using=using, only_if_empty=True)


class StatisticsConfig(AppConfig):
    name = "wenchuang.statistics"
    label = "statistics"
    verbose_name = _("Statistics")

    def ready(self) -> None:
        from wenchuang.core.demo import DemoStep, register_demo_step

        # Registers the audit verbs and the daily calendar job.
        from . import demo, reminders, workflows  # noqa: F401

        post_migrate.connect(_load_standard, sender=self, dispatch_uid="statistics_standard")
        # After the engine (100), funding and designation (200).
        register_demo_step(
            DemoStep("statistics", create=demo.create_demo, wipe=demo.wipe_demo, order=300)
        )
        self._ready_figures()

    def _ready_figures(self) -> None:
        """The cube's periodic update and the demo figures (after the directory's demo)."""
        from wenchuang.core.demo import DemoStep, register_demo_step

        from . import cube_tasks, figures_admin, figures_demo  # noqa: F401  (registrations)

        register_demo_step(
            DemoStep(
                "statistics-figures",
                create=figures_demo.create_demo,
                wipe=figures_demo.wipe_demo,
                order=305,
            )
        )
