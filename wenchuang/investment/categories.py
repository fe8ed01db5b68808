"""The seed's project categories (Dalian's list), in four languages, and loading them."""

from .models import ProjectCategory

# (code, zh-hans, en, fr, de); migration 0002 loads a frozen copy of this list.
SEED_CATEGORIES = [
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


def ensure_seed_categories() -> list[ProjectCategory]:
    """The seed's categories, created where missing (a flushed test database, an old one)."""
    rows = []
    for position, (code, zh, en, fr, de) in enumerate(SEED_CATEGORIES, start=1):
        row, _created = ProjectCategory.objects.get_or_create(
            code=code,
            defaults={
                "position": position,
                "name_zh_hans": zh,
                "name_en": en,
                "name_fr": fr,
                "name_de": de,
            },
        )
        rows.append(row)
    return rows
