"""Our SDMX output, read back by the statisticians' own client (sdmx1)."""

import io
from datetime import datetime
from decimal import Decimal

import sdmx

from wenchuang.statistics.sdmx import (
    ALL_CLASSES,
    Code,
    Codes,
    Observation,
    generic_data_message,
    sdmx_csv,
    structure_message,
)

CODES = Codes(
    indicators=[Code("revenue", {"zh": "营业收入", "en": "Revenue"})],
    regions=[Code("320200", {"zh": "无锡市", "en": "Wuxi"}), Code("320000", {"zh": "江苏省"})],
    classes=[Code(ALL_CLASSES, {"en": "All classes"}), Code("0111", {"zh": "新闻采访"})],
)
OBS = [
    Observation("revenue", "320200", ALL_CLASSES, "2019-Q4", Decimal("8600000000"), "CNY"),
    Observation("revenue", "320200", ALL_CLASSES, "2019-Q3", Decimal("8100000000.5"), "CNY"),
    Observation(
        "revenue", "320200", "0111", "2019-Q4", Decimal("12345"), "CNY", note="revised 2020-02-01"
    ),
]
WHEN = datetime(2020, 1, 31, 9, 0)


def test_the_structure_message_reads_as_a_dsd_with_code_lists():
    msg = sdmx.read_sdmx(io.BytesIO(structure_message(CODES, prepared=WHEN, title={"en": "T"})))
    dsd = msg.structure["DSD_CULTURE"]
    assert [d.id for d in dsd.dimensions.components] == [
        "INDICATOR",
        "REGION",
        "CLASS",
        "TIME_PERIOD",
    ]
    assert str(msg.codelist["CL_REGION"]["320200"].name.localizations["zh"]) == "无锡市"
    assert "0111" in msg.codelist["CL_CLASS"]
    assert "DF_CULTURE" in msg.dataflow


def test_the_data_message_reads_as_series_with_their_observations():
    structure = sdmx.read_sdmx(io.BytesIO(structure_message(CODES, prepared=WHEN, title={})))
    data = sdmx.read_sdmx(
        io.BytesIO(generic_data_message(OBS, prepared=WHEN)),
        structure=structure.structure["DSD_CULTURE"],
    )
    frame = sdmx.to_pandas(data.data[0])
    assert frame.loc[("revenue", "320200", ALL_CLASSES, "2019-Q4")] == 8.6e9
    assert frame.loc[("revenue", "320200", "0111", "2019-Q4")] == 12345
    assert len(frame) == 3


def test_sdmx_csv_has_the_dataflow_and_one_row_per_observation():
    lines = sdmx_csv(OBS).splitlines()
    assert lines[0].startswith("DATAFLOW,INDICATOR,REGION,CLASS,TIME_PERIOD,OBS_VALUE")
    assert lines[1] == "WENCHUANG:DF_CULTURE(1.0),revenue,320200,_T,2019-Q4,8600000000,CNY,"
    assert lines[3].endswith(",12345,CNY,revised 2020-02-01")
