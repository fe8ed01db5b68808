"""SDMX 2.1 output of released figures: the structure (code lists, DSD, dataflow), data, SDMX-CSV.

Statisticians load what we publish with their own tools (the `sdmx1` Python client, .Stat,
R's rsdmx). The structure message names the dimensions — indicator, region (GB/T 2260),
class (culture-industry classification 2018, `_T` for all) and the quarter — with a code
list for each; the data message is SDMX-ML 2.1 "generic" data, which a client reads with or
without the structure; SDMX-CSV 1.0 is the same observations as a table.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from xml.etree import ElementTree as ET

AGENCY = "WENCHUANG"
VERSION = "1.0"
DSD_ID = "DSD_CULTURE"
DATAFLOW_ID = "DF_CULTURE"
CONCEPTS_ID = "CS_CULTURE"
ALL_CLASSES = "_T"  # SDMX's usual code for "total"

STRUCTURE_TYPE = "application/vnd.sdmx.structure+xml; version=2.1"
GENERIC_DATA_TYPE = "application/vnd.sdmx.genericdata+xml; version=2.1"
CSV_TYPE = "application/vnd.sdmx.data+csv; version=1.0.0"

NS = {
    "mes": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message",
    "str": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure",
    "com": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common",
    "gen": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic",
    "xml": "http://www.w3.org/XML/1998/namespace",
}
for _prefix, _uri in NS.items():
    if _prefix != "xml":
        ET.register_namespace(_prefix, _uri)

# Dimensions in key order, then the time dimension.
DIMENSIONS = ("INDICATOR", "REGION", "CLASS")
CODELISTS = {"INDICATOR": "CL_INDICATOR", "REGION": "CL_REGION", "CLASS": "CL_CLASS"}
CONCEPT_NAMES = {
    "INDICATOR": {"en": "Indicator", "zh": "指标"},
    "REGION": {"en": "Region", "zh": "地区"},
    "CLASS": {"en": "Culture industry class", "zh": "文化产业类别"},
    "TIME_PERIOD": {"en": "Time period", "zh": "时间"},
    "OBS_VALUE": {"en": "Observation value", "zh": "观测值"},
    "UNIT_MEASURE": {"en": "Unit of measure", "zh": "计量单位"},
    "OBS_COMMENT": {"en": "Revision note", "zh": "修订说明"},
}


@dataclass(frozen=True)
class Code:
    """One entry of a code list, with its names by SDMX language code ("zh", "en", "fr", "de")."""

    id: str
    names: Mapping[str, str]


@dataclass(frozen=True)
class Observation:
    indicator: str
    region: str
    class_code: str  # ALL_CLASSES for every class
    period: str  # "2019-Q4"
    value: Decimal
    unit: str = ""
    note: str = ""  # the revision note of a revised figure


@dataclass
class Codes:
    """The code lists a message uses."""

    indicators: list[Code] = field(default_factory=list)
    regions: list[Code] = field(default_factory=list)
    classes: list[Code] = field(default_factory=list)

    def by_dimension(self) -> dict[str, list[Code]]:
        return {"INDICATOR": self.indicators, "REGION": self.regions, "CLASS": self.classes}


def sdmx_period(year: int, quarter: int | None = None) -> str:
    return f"{year}-Q{quarter}" if quarter else str(year)


def _q(prefix: str, tag: str) -> str:
    return f"{{{NS[prefix]}}}{tag}"


def _names(parent: ET.Element, names: Mapping[str, str]) -> None:
    for lang, text in names.items():
        if text:
            el = ET.SubElement(parent, _q("com", "Name"))
            el.set(_q("xml", "lang"), lang)
            el.text = text


def _header(root: ET.Element, message_id: str, prepared: datetime) -> ET.Element:
    header = ET.SubElement(root, _q("mes", "Header"))
    ET.SubElement(header, _q("mes", "ID")).text = message_id
    ET.SubElement(header, _q("mes", "Test")).text = "false"
    ET.SubElement(header, _q("mes", "Prepared")).text = prepared.strftime("%Y-%m-%dT%H:%M:%S")
    ET.SubElement(header, _q("mes", "Sender"), id=AGENCY)
    return header


def _ref(parent: ET.Element, **attrs: str) -> None:
    # SDMX-ML 2.1 writes <Ref> without a namespace.
    ET.SubElement(parent, "Ref", {"agencyID": AGENCY, **attrs})


def _concept_ref(parent: ET.Element, concept: str) -> None:
    identity = ET.SubElement(parent, _q("str", "ConceptIdentity"))
    _ref(
        identity,
        id=concept,
        maintainableParentID=CONCEPTS_ID,
        maintainableParentVersion=VERSION,
        package="conceptscheme",
        **{"class": "Concept"},
    )


def _serialise(root: ET.Element) -> bytes:
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def structure_message(codes: Codes, *, prepared: datetime, title: Mapping[str, str]) -> bytes:
    """The SDMX-ML 2.1 structure message: code lists, concepts, the DSD and its dataflow."""
    root = ET.Element(_q("mes", "Structure"))
    _header(root, "WENCHUANG_STRUCTURE", prepared)
    structures = ET.SubElement(root, _q("mes", "Structures"))

    codelists = ET.SubElement(structures, _q("str", "Codelists"))
    for dim, entries in codes.by_dimension().items():
        cl = ET.SubElement(
            codelists, _q("str", "Codelist"), id=CODELISTS[dim], agencyID=AGENCY, version=VERSION
        )
        _names(cl, CONCEPT_NAMES[dim])
        for code in entries:
            el = ET.SubElement(cl, _q("str", "Code"), id=code.id)
            _names(el, code.names or {"en": code.id})

    concepts = ET.SubElement(structures, _q("str", "Concepts"))
    scheme = ET.SubElement(
        concepts, _q("str", "ConceptScheme"), id=CONCEPTS_ID, agencyID=AGENCY, version=VERSION
    )
    _names(scheme, {"en": "Culture industry statistics concepts", "zh": "文化产业统计概念"})
    for concept, names in CONCEPT_NAMES.items():
        _names(ET.SubElement(scheme, _q("str", "Concept"), id=concept), names)

    dsds = ET.SubElement(structures, _q("str", "DataStructures"))
    dsd = ET.SubElement(
        dsds, _q("str", "DataStructure"), id=DSD_ID, agencyID=AGENCY, version=VERSION
    )
    _names(dsd, title)
    components = ET.SubElement(dsd, _q("str", "DataStructureComponents"))
    dims = ET.SubElement(components, _q("str", "DimensionList"), id="DimensionDescriptor")
    for position, dim in enumerate(DIMENSIONS, start=1):
        el = ET.SubElement(dims, _q("str", "Dimension"), id=dim, position=str(position))
        _concept_ref(el, dim)
        rep = ET.SubElement(el, _q("str", "LocalRepresentation"))
        enum = ET.SubElement(rep, _q("str", "Enumeration"))
        _ref(enum, id=CODELISTS[dim], version=VERSION, package="codelist", **{"class": "Codelist"})
    time = ET.SubElement(
        dims, _q("str", "TimeDimension"), id="TIME_PERIOD", position=str(len(DIMENSIONS) + 1)
    )
    _concept_ref(time, "TIME_PERIOD")
    rep = ET.SubElement(time, _q("str", "LocalRepresentation"))
    ET.SubElement(rep, _q("str", "TextFormat"), textType="ObservationalTimePeriod")

    attrs = ET.SubElement(components, _q("str", "AttributeList"), id="AttributeDescriptor")
    for attr, attached_to in (("UNIT_MEASURE", "series"), ("OBS_COMMENT", "obs")):
        el = ET.SubElement(attrs, _q("str", "Attribute"), id=attr, assignmentStatus="Conditional")
        _concept_ref(el, attr)
        relationship = ET.SubElement(el, _q("str", "AttributeRelationship"))
        if attached_to == "obs":
            ET.SubElement(relationship, _q("str", "PrimaryMeasure")).append(_local_ref("OBS_VALUE"))
        else:
            for dim in DIMENSIONS:
                ET.SubElement(relationship, _q("str", "Dimension")).append(_local_ref(dim))
    measures = ET.SubElement(components, _q("str", "MeasureList"), id="MeasureDescriptor")
    _concept_ref(ET.SubElement(measures, _q("str", "PrimaryMeasure"), id="OBS_VALUE"), "OBS_VALUE")

    flows = ET.SubElement(structures, _q("str", "Dataflows"))
    flow = ET.SubElement(
        flows, _q("str", "Dataflow"), id=DATAFLOW_ID, agencyID=AGENCY, version=VERSION
    )
    _names(flow, title)
    structure = ET.SubElement(flow, _q("str", "Structure"))
    _ref(
        structure, id=DSD_ID, version=VERSION, package="datastructure", **{"class": "DataStructure"}
    )
    return _serialise(root)


def _local_ref(component: str) -> ET.Element:
    el = ET.Element("Ref", id=component)
    return el


def _series_key(obs: Observation) -> tuple[str, str, str]:
    return obs.indicator, obs.region, obs.class_code


def _grouped(observations: Iterable[Observation]) -> dict[tuple[str, str, str], list[Observation]]:
    series: dict[tuple[str, str, str], list[Observation]] = {}
    for obs in observations:
        series.setdefault(_series_key(obs), []).append(obs)
    return series


def _number(value: Decimal) -> str:
    text = format(Decimal(value).normalize(), "f")
    return text


def generic_data_message(observations: Sequence[Observation], *, prepared: datetime) -> bytes:
    """SDMX-ML 2.1 generic data: a series per indicator × region × class, time at the Obs."""
    root = ET.Element(_q("mes", "GenericData"))
    header = _header(root, "WENCHUANG_DATA", prepared)
    structure = ET.SubElement(
        header, _q("mes", "Structure"), structureID=DSD_ID, dimensionAtObservation="TIME_PERIOD"
    )
    ET.SubElement(
        ET.SubElement(structure, _q("com", "Structure")),
        "Ref",
        {"agencyID": AGENCY, "id": DSD_ID, "version": VERSION},
    )
    dataset = ET.SubElement(root, _q("mes", "DataSet"), structureRef=DSD_ID)
    for key, rows in _grouped(observations).items():
        series = ET.SubElement(dataset, _q("gen", "Series"))
        series_key = ET.SubElement(series, _q("gen", "SeriesKey"))
        for dim, value in zip(DIMENSIONS, key, strict=True):
            ET.SubElement(series_key, _q("gen", "Value"), id=dim, value=value)
        if rows[0].unit:
            attrs = ET.SubElement(series, _q("gen", "Attributes"))
            ET.SubElement(attrs, _q("gen", "Value"), id="UNIT_MEASURE", value=rows[0].unit)
        for obs in sorted(rows, key=lambda o: o.period):
            el = ET.SubElement(series, _q("gen", "Obs"))
            ET.SubElement(el, _q("gen", "ObsDimension"), value=obs.period)
            ET.SubElement(el, _q("gen", "ObsValue"), value=_number(obs.value))
            if obs.note:
                attrs = ET.SubElement(el, _q("gen", "Attributes"))
                ET.SubElement(attrs, _q("gen", "Value"), id="OBS_COMMENT", value=obs.note)
    return _serialise(root)


def sdmx_csv(observations: Iterable[Observation]) -> str:
    """SDMX-CSV 1.0: the dataflow, the dimensions, TIME_PERIOD, OBS_VALUE and the attributes."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["DATAFLOW", *DIMENSIONS, "TIME_PERIOD", "OBS_VALUE", "UNIT_MEASURE", "OBS_COMMENT"]
    )
    flow = f"{AGENCY}:{DATAFLOW_ID}({VERSION})"
    for obs in observations:
        writer.writerow(
            [
                flow,
                obs.indicator,
                obs.region,
                obs.class_code,
                obs.period,
                _number(obs.value),
                obs.unit,
                obs.note,
            ]
        )
    return out.getvalue()
