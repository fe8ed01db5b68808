"""Facet tokens in search_text (search.facets): region, category, domain and size as words.

Existing rows get them appended in one UPDATE per table. On SQLite the FTS5 table and its
triggers are dropped first and the index rebuilt after, which is much faster than letting
the update trigger re-index a million rows one by one (1 M enterprises: about a minute). The tokens are built in SQL from the copied columns, the same way
search.facets() builds them in Python (a test compares the two). The index SQL is frozen
here, as in 0002, rather than imported from live code.
"""

import re

from django.db import migrations

TABLES = (
    "directory_enterprise",
    "directory_park",
    "directory_investor",
    "directory_talent",
    "directory_serviceprovider",
)


def index_sql(vendor, table):
    if vendor == "postgresql":
        return [
            f"CREATE INDEX {table}_search_gin ON {table} "
            f"USING GIN (to_tsvector('simple', search_text))"
        ]
    fts = f"{table}_fts"
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5(search_text, content='{table}', "
        f"content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES('delete', old.id, old.search_text); "
        f"END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE OF search_text ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES('delete', old.id, old.search_text); "
        f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text); END",
    ]


def drop_index_sql(vendor, table):
    if vendor == "postgresql":
        return [f"DROP INDEX IF EXISTS {table}_search_gin"]
    fts = f"{table}_fts"
    return [f"DROP TRIGGER IF EXISTS {fts}_{t}" for t in ("ai", "ad", "au")] + [
        f"DROP TABLE IF EXISTS {fts}"
    ]


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
