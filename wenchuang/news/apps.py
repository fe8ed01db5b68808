"""App configuration for the information release (news, policies, calls, events)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "wenchuang.news"
    label = "news"
    verbose_name = _("Information release")

    def ready(self) -> None:
        from wenchuang.core import search
        from wenchuang.core.demo import DemoStep, register_demo_step
        from wenchuang.core.generations import track

        # Registers the audit verbs and the periodic jobs.
        from . import demo, jobs, workflows  # noqa: F401
        from .models import Category, NewsItem
        from .search import document

        search.register(NewsItem, document=document)
        # The API's item list is kept for visitors until one of these changes.
        track(NewsItem, Category)
        register_demo_step(
            DemoStep("news", create=demo.create_demo, wipe=demo.wipe_demo, order=350)
        )
