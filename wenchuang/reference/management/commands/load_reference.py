"""Load or refresh the shipped reference data; safe to run again."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from wenchuang.reference.loading import load_all


class Command(BaseCommand):
    help = (
        "Load regions (GB/T 2260), the 2018 culture-industry classification, "
        "ISO 4217 currencies and size thresholds."
    )

    def handle(self, *args, **options):
        for name, count in load_all().items():
            self.stdout.write(_("%(count)d %(name)s loaded") % {"count": count, "name": name})
