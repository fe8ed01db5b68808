"""Facet tokens in search_text (search.facets): region, category, domain and size as words.

Existing rows get them appended in one UPDATE per table. On SQLite the FTS5 table and its
triggers are dropped first and the index rebuilt after, which is much faster than letting
the update trigger re-index a million rows one by one (1 M enterprises: about a minute). The tokens are built in SQL from the copied columns, the same way
search.facets() builds them in Python (a test compares the two). The index SQL is 0002's
frozen copy, not live code.
"""

import re
from importlib import import_module

from django.db import migrations

# The index SQL frozen in 0002 (a migration, so it never changes with live code).
_frozen = import_module("wenchuang.directory.migrations.0002_search_indexes")
TABLES, index_sql, drop_index_sql = _frozen.TABLES, _frozen.index_sql, _frozen.drop_index_sql


REGION_FACETS = (
    "' zzp' || province_code"
    " || CASE WHEN prefecture_code <> '' THEN ' zzc' || prefecture_code ELSE '' END"
    " || ' zzr' || region_id"
)
ENTERPRISE_FACETS = (
    " || ' zzm' || major_code || ' zzn' || mid_code || ' zzk' || category_id"
    " || ' zzd' || \"domain\""
    " || CASE WHEN above_designated_size THEN ' zza1' ELSE ' zza0' END"
)
FACET = re.compile(r" ?\bzz(?:[pcrmnka][0-9]+|d(?:core|related))\b")


def _reindexed(schema_editor, change):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor != "sqlite":  # a GIN index follows the update by itself
            change(schema_editor, table)
            continue
        for sql in drop_index_sql(vendor, table):
            schema_editor.execute(sql)
        change(schema_editor, table)
        for sql in index_sql(vendor, table):
            schema_editor.execute(sql)
        schema_editor.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES ('rebuild')")


def add_facets(apps, schema_editor):
    def change(schema_editor, table):
        facets = REGION_FACETS + (ENTERPRISE_FACETS if table == "directory_enterprise" else "")
        schema_editor.execute(f"UPDATE {table} SET search_text = ltrim(search_text || {facets})")

    _reindexed(schema_editor, change)


def remove_facets(apps, schema_editor):
    def change(schema_editor, table):
        with schema_editor.connection.cursor() as cur:
            cur.execute(f"SELECT id, search_text FROM {table} WHERE search_text LIKE '%zz%'")
            rows = [(FACET.sub("", text).strip(), pk) for pk, text in cur.fetchall()]
            cur.executemany(f"UPDATE {table} SET search_text = %s WHERE id = %s", rows)

    _reindexed(schema_editor, change)


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_enterprise_size_filter_indexes")]

    operations = [migrations.RunPython(add_facets, remove_facets)]
