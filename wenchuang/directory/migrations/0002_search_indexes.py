"""Full-text indexes over search_text: FTS5 tables on SQLite, GIN tsvector indexes on PostgreSQL."""

from django.db import migrations

from wenchuang.directory.search import SEARCH_TABLES, create_index_sql, drop_index_sql


def create_indexes(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in SEARCH_TABLES:
        for sql in create_index_sql(vendor, table):
            schema_editor.execute(sql)


def drop_indexes(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in SEARCH_TABLES:
        for sql in drop_index_sql(vendor, table):
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
