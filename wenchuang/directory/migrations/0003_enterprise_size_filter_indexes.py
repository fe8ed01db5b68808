"""Indexes for lists filtered by 'above designated size', alone or with a region or a major class."""

from django.db import migrations

# Raw SQL rather than Meta.indexes: they serve list queries only, and keeping them out of the
# model state leaves the model file to the directory's owner. Measured in bench/RESULTS.md:
# "major 02 + above size" went from a row scan to a covering-index count.
INDEXES = {
    "directory_ent_status_above": "status, above_designated_size",
    "directory_ent_status_prov_above": "status, province_code, above_designated_size",
    "directory_ent_status_pref_above": "status, prefecture_code, above_designated_size",
    "directory_ent_status_major_above": "status, major_code, above_designated_size",
}


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_search_indexes")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX {name} ON directory_enterprise ({columns})",
            f"DROP INDEX {name}",
        )
        for name, columns in INDEXES.items()
    ]
