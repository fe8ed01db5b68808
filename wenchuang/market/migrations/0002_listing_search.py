"""The full-text index of listings (a frozen copy of core.search.index_sql)."""

from django.db import migrations

SQL = {
    "sqlite": [
        "CREATE VIRTUAL TABLE market_listing_fts USING fts5(search_text, content='market_listing', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
        "CREATE TRIGGER market_listing_fts_ai AFTER INSERT ON market_listing BEGIN INSERT INTO market_listing_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
        "CREATE TRIGGER market_listing_fts_ad AFTER DELETE ON market_listing BEGIN INSERT INTO market_listing_fts(market_listing_fts, rowid, search_text) VALUES('delete', old.id, old.search_text); END",
        "CREATE TRIGGER market_listing_fts_au AFTER UPDATE OF search_text ON market_listing BEGIN INSERT INTO market_listing_fts(market_listing_fts, rowid, search_text) VALUES('delete', old.id, old.search_text); INSERT INTO market_listing_fts(rowid, search_text) VALUES (new.id, new.search_text); END"
    ],
    "postgresql": [
        "CREATE INDEX market_listing_search_gin ON market_listing USING GIN (to_tsvector('simple', search_text))"
    ]
}
DROP = {
    "sqlite": [
        "DROP TRIGGER IF EXISTS market_listing_fts_ai",
        "DROP TRIGGER IF EXISTS market_listing_fts_ad",
        "DROP TRIGGER IF EXISTS market_listing_fts_au",
        "DROP TABLE IF EXISTS market_listing_fts"
    ],
    "postgresql": [
        "DROP INDEX IF EXISTS market_listing_search_gin"
    ]
}


def forwards(apps, schema_editor):
    for sql in SQL[schema_editor.connection.vendor]:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    for sql in DROP[schema_editor.connection.vendor]:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("market", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
