"""The marketplace's use of core search: a listing's search document and its facet tokens."""

from __future__ import annotations

from wenchuang.core.languages import language_fields
from wenchuang.core.search import facet, tokens


def facets(listing) -> list[str]:
    """zzm02 = major class, zzk0241 = small class, zzp / zzc = the seller's province / city."""
    out = [facet("m", listing.major_code), facet("k", listing.category_id)]
    for kind, attr in (("p", "province_code"), ("c", "prefecture_code")):
        if value := getattr(listing, attr, ""):
            out.append(facet(kind, value))
    return out


def document(listing) -> str:
    """Titles and descriptions in every language (Chinese cut into words), the HS code,
    the seller's name, then the facet tokens."""
    parts = [getattr(listing, f) or "" for f in language_fields("title")]
    parts += [getattr(listing, f) or "" for f in language_fields("description")]
    parts.append(listing.hs_code or "")
    enterprise = listing.enterprise
    parts += [enterprise.name_zh_hans or "", enterprise.name_en or ""]
    words = tokens(" ".join(parts), for_index=True)
    return " ".join([*words, *facets(listing)])
