"""Full-text indexes over search_text: FTS5 tables on SQLite, GIN tsvector indexes on PostgreSQL.

The SQL is frozen here (a copy of what `wenchuang.core.search.index_sql` gave when this
migration was written), so that registering another searchable model, or changing the live
index SQL, never changes what a fresh `migrate` does at this step.
"""

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


def create_indexes(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        for sql in index_sql(vendor, table):
            schema_editor.execute(sql)


def drop_indexes(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        for sql in drop_index_sql(vendor, table):
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
