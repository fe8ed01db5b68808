"""Full-text index of news items (frozen copy of core.search.index_sql)."""

from django.db import migrations

SQL = {
    "sqlite": [
        "CREATE VIRTUAL TABLE news_newsitem_fts USING fts5(search_text, content='news_newsitem', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
        "CREATE TRIGGER news_newsitem_fts_ai AFTER INSERT ON news_newsitem BEGIN INSERT INTO news_newsitem_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
        "CREATE TRIGGER news_newsitem_fts_ad AFTER DELETE ON news_newsitem BEGIN INSERT INTO news_newsitem_fts(news_newsitem_fts, rowid, search_text) VALUES('delete', old.id, old.search_text); END",
        "CREATE TRIGGER news_newsitem_fts_au AFTER UPDATE OF search_text ON news_newsitem BEGIN INSERT INTO news_newsitem_fts(news_newsitem_fts, rowid, search_text) VALUES('delete', old.id, old.search_text); INSERT INTO news_newsitem_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    ],
    "postgresql": [
        "CREATE INDEX news_newsitem_search_gin ON news_newsitem USING GIN (to_tsvector('simple', search_text))",
    ],
}
DROP = {
    "sqlite": [
        "DROP TRIGGER IF EXISTS news_newsitem_fts_ai",
        "DROP TRIGGER IF EXISTS news_newsitem_fts_ad",
        "DROP TRIGGER IF EXISTS news_newsitem_fts_au",
        "DROP TABLE IF EXISTS news_newsitem_fts",
    ],
    "postgresql": ["DROP INDEX IF EXISTS news_newsitem_search_gin"],
}


def forwards(apps, schema_editor):
    for sql in SQL[schema_editor.connection.vendor]:
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    for sql in DROP[schema_editor.connection.vendor]:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
