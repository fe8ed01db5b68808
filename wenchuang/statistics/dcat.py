"""The dataset catalogue as DCAT (JSON-LD): what we publish, in which formats, what licence."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
LICENCE = "https://creativecommons.org/licenses/by/4.0/"


@dataclass(frozen=True)
class Distribution:
    title: str
    url: str
    media_type: str


@dataclass(frozen=True)
class Dataset:
    identifier: str
    titles: Mapping[str, str]  # language → title
    descriptions: Mapping[str, str]
    keywords: tuple[str, ...]
    modified: str  # ISO date of the last release
    temporal_start: str
    temporal_end: str
    distributions: tuple[Distribution, ...]
    landing_page: str


def _texts(values: Mapping[str, str]) -> list[dict[str, str]]:
    return [{"@value": text, "@language": lang} for lang, text in values.items() if text]


def catalogue(
    datasets: Iterable[Dataset], *, url: str, title: Mapping[str, str], publisher: str
) -> dict[str, Any]:
    """A dcat:Catalog with its datasets and their distributions, as a JSON-LD document."""
    return {
        "@context": CONTEXT,
        "@id": url,
        "@type": "dcat:Catalog",
        "dct:title": _texts(title),
        "dct:publisher": {"@type": "foaf:Organization", "foaf:name": publisher},
        "dct:license": {"@id": LICENCE},
        "dcat:dataset": [
            {
                "@id": f"{url}#{d.identifier}",
                "@type": "dcat:Dataset",
                "dct:identifier": d.identifier,
                "dct:title": _texts(d.titles),
                "dct:description": _texts(d.descriptions),
                "dcat:keyword": list(d.keywords),
                "dct:modified": {"@value": d.modified, "@type": "xsd:date"},
                "dct:temporal": {
                    "@type": "dct:PeriodOfTime",
                    "dcat:startDate": {"@value": d.temporal_start, "@type": "xsd:date"},
                    "dcat:endDate": {"@value": d.temporal_end, "@type": "xsd:date"},
                },
                "dcat:landingPage": {"@id": d.landing_page},
                "dct:license": {"@id": LICENCE},
                "dcat:distribution": [
                    {
                        "@type": "dcat:Distribution",
                        "dct:title": dist.title,
                        "dcat:downloadURL": {"@id": dist.url},
                        "dcat:mediaType": dist.media_type,
                    }
                    for dist in d.distributions
                ],
            }
            for d in datasets
        ],
    }
