"""`wenchuang export KIND FILE`: every published and unpublished record of a kind to CSV or XLSX."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wenchuang.directory.exporting import export_to_file
from wenchuang.directory.importing import KINDS


class Command(BaseCommand):
    help = _("Export enterprises, parks or investors to a .csv or .xlsx file.")

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(KINDS))
        parser.add_argument("file")
        parser.add_argument(
            "--contacts", action="store_true", help=_("Include contact person, email and phone.")
        )

    def handle(self, *args, kind, file, contacts, **options):
        if not file.lower().endswith((".csv", ".xlsx")):
            raise CommandError(_("The file name must end in .csv or .xlsx."))
        queryset = KINDS[kind].objects.all()
        export_to_file(queryset, file, include_contacts=contacts)
        self.stdout.write(
            _("%(count)d records written to %(file)s.") % {"count": queryset.count(), "file": file}
        )
