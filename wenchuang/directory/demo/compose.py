"""Composed demo text: names, contacts, descriptions, search documents and credit codes."""

from __future__ import annotations

from wenchuang.reference.models import IndustryCategory

from ..search import tokens
from . import words as W

# Every demo contact lives under the reserved .example top-level domain (RFC 2606): no demo
# mail can reach a real mailbox, and the suffix tells demo rows from real ones on --reset.
DEMO_DOMAIN = ".example"
ORG_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code(region_code: str, serial: int) -> str:
    """An 18-character unified social credit code with a valid GB 32100 check character."""
    body = "91" + region_code
    digits = []
    for _i in range(9):
        serial, rem = divmod(serial, 31)
        digits.append(ORG_CODE_CHARS[rem])
    body += "".join(reversed(digits))
    total = sum(ORG_CODE_CHARS.index(c) * w for c, w in zip(body, CREDIT_WEIGHTS, strict=True))
    return body + ORG_CODE_CHARS[(31 - total % 31) % 31]


class _Composer:
    """Builds names, descriptions and their search documents from a finite vocabulary.

    jieba costs ~0.1 ms per text; a million records would spend minutes segmenting the same
    few hundred city, brand and industry words. Each part is segmented once and the search
    document is the join of the parts' tokens and the record's facet tokens, which is what
    search.document() would give.
    """

    def __init__(self) -> None:
        self._cache: dict[str, str] = {}

    def tok(self, part: str) -> str:
        cached = self._cache.get(part)
        if cached is None:
            cached = self._cache[part] = " ".join(tokens(part, for_index=True))
        return cached

    def doc(self, parts: list[str]) -> str:
        tok = self.tok
        return " ".join(t for t in (tok(p) for p in parts if p) if t)


class TextSteps:
    """DemoGenerator's text pieces: a person's name, a phone number, an enterprise's texts."""

    def person(self) -> tuple[str, str]:
        s = self.rng.choice(W.SURNAMES)
        g = self.rng.choice(W.GIVEN_NAMES)
        return s[0] + g[0], f"{s[1]} {g[1]}"

    def phone(self, prefecture: str) -> str:
        area = W.AREA_CODES.get(prefecture)
        n = self.rng.randrange(10_000_000, 99_999_999)
        if area:
            return f"{area}-{n}"
        return f"13{self.rng.randrange(0, 10)}{n:08d}"

    def _describe(
        self,
        name_zh_parts: list[str],
        name_en_parts: list[str],
        county: str,
        category: IndustryCategory,
        founded: int,
    ) -> dict[str, str]:
        rng = self.rng
        place_zh, place_en, city_en = self.place(county)
        sentence_zh, sentence_en = rng.choice(W.SENTENCES[category.code[:2]])
        name_zh = "".join(name_zh_parts)
        name_en = " ".join(p for p in name_en_parts if p)
        year = str(founded)
        cat_en = category.name_en[:1].lower() + category.name_en[1:]
        zh = (
            f"{name_zh}成立于{year}年，位于{place_zh}，"
            f"主要从事{category.name_zh_hans}。{sentence_zh}"
        )
        en = f"{name_en} was founded in {year} in {place_en}. It works in {cat_en}. {sentence_en}"
        parts = [
            *name_zh_parts,
            *name_en_parts,
            "成立于",
            year,
            "年",
            "位于",
            place_zh,
            "主要从事",
            category.name_zh_hans,
            sentence_zh,
            "was founded in",
            place_en,
            "It works in",
            category.name_en,
            sentence_en,
        ]
        out = {
            "name_zh_hans": name_zh,
            "name_en": name_en,
            "description_zh_hans": zh,
            "description_en": en,
        }
        roll = rng.random()
        if roll < 0.10:
            out["description_fr"] = (
                f"{name_en} a été fondée en {year} à {city_en}. "
                f"Domaine d'activité : {category.name_fr}."
            )
            parts += ["a été fondée en", city_en, "Domaine d'activité", category.name_fr]
        elif roll < 0.17:
            out["description_de"] = (
                f"{name_en} wurde {year} in {city_en} gegründet. "
                f"Tätigkeitsbereich: {category.name_de}."
            )
            parts += ["wurde", city_en, "gegründet", "Tätigkeitsbereich", category.name_de]
        out["search_text"] = self.compose.doc(parts)
        return out
