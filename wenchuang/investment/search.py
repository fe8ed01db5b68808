"""What the full-text index holds for a project: its titles and pitches in every language."""

from wenchuang.core import search
from wenchuang.core.languages import language_fields


def document(project) -> str:
    text = " ".join(
        getattr(project, name) or ""
        for name in (*language_fields("title"), *language_fields("pitch"))
    )
    return " ".join(search.tokens(text, for_index=True))
