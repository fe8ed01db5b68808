"""The projects' full-text index (SQL frozen from core.search) and the seed's categories."""

from django.db import migrations

SQL = {
    "sqlite": [
        "CREATE VIRTUAL TABLE investment_project_fts USING fts5(search_text, content='investment_project', content_rowid='id', tokenize='unicode61 remove_diacritics 2')",  # noqa: E501
        "CREATE TRIGGER investment_project_fts_ai AFTER INSERT ON investment_project BEGIN INSERT INTO investment_project_fts(rowid, search_text) VALUES (new.id, new.search_text); END",  # noqa: E501
        "CREATE TRIGGER investment_project_fts_ad AFTER DELETE ON investment_project BEGIN INSERT INTO investment_project_fts(investment_project_fts, rowid, search_text) VALUES('delete', old.id, old.search_text); END",  # noqa: E501
        "CREATE TRIGGER investment_project_fts_au AFTER UPDATE OF search_text ON investment_project BEGIN INSERT INTO investment_project_fts(investment_project_fts, rowid, search_text) VALUES('delete', old.id, old.search_text); INSERT INTO investment_project_fts(rowid, search_text) VALUES (new.id, new.search_text); END",  # noqa: E501
    ],
    "postgresql": [
        "CREATE INDEX investment_project_search_gin ON investment_project USING GIN (to_tsvector('simple', search_text))"  # noqa: E501
    ],
}
DROP = {
    "sqlite": [
        "DROP TRIGGER IF EXISTS investment_project_fts_ai",
        "DROP TRIGGER IF EXISTS investment_project_fts_ad",
        "DROP TRIGGER IF EXISTS investment_project_fts_au",
        "DROP TABLE IF EXISTS investment_project_fts",
    ],
    "postgresql": ["DROP INDEX IF EXISTS investment_project_search_gin"],
}

# A frozen copy of categories.SEED_CATEGORIES: later edits there must not change this step.
CATEGORIES = [
    ("industrial-heritage", "老工业建筑改造", "Reconstruction of old industrial buildings",
     "Reconversion de bâtiments industriels anciens", "Umbau alter Industriegebäude"),
    ("cultural-creativity", "文化创意", "Cultural creativity", "Création culturelle",
     "Kulturelle Kreativität"),
    ("cultural-tourism", "文化旅游", "Cultural tourism", "Tourisme culturel", "Kulturtourismus"),
    ("film-tv-performing-arts", "影视演艺", "Film, TV and performing arts",
     "Cinéma, télévision et arts du spectacle", "Film, Fernsehen und darstellende Künste"),
    ("vr-applications", "VR应用", "VR applications", "Applications de réalité virtuelle",
     "VR-Anwendungen"),
    ("culture-and-blogs", "文化和博客产业", "Cultural and blog industries",
     "Industries culturelles et blogs", "Kultur- und Blogbranche"),
    ("culture-science-education", "文化科教", "Cultural and scientific education",
     "Éducation culturelle et scientifique", "Kulturelle und wissenschaftliche Bildung"),
    ("agriculture-integration", "农文融合", "Integration with agriculture",
     "Intégration avec l'agriculture", "Verbindung mit der Landwirtschaft"),
]  # fmt: skip


def forwards(apps, schema_editor):
    for sql in SQL[schema_editor.connection.vendor]:
        schema_editor.execute(sql)
    ProjectCategory = apps.get_model("investment", "ProjectCategory")
    for position, (code, zh, en, fr, de) in enumerate(CATEGORIES, start=1):
        ProjectCategory.objects.update_or_create(
            code=code,
            defaults={
                "position": position,
                "name_zh_hans": zh,
                "name_en": en,
                "name_fr": fr,
                "name_de": de,
            },
        )


def backwards(apps, schema_editor):
    for sql in DROP[schema_editor.connection.vendor]:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("investment", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
