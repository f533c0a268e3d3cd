"""The places reference table and its matcher, on short invented Korean texts."""
from collections import defaultdict

import pandas as pd
import pandera.errors
import pytest

from pipeline.places import PlaceIndex, load_places, place_index
from schemas.places import LEVELS, PlacesModel

ISO_3166_2_CN = {  # ISO 3166-2:CN since the 2017 revision: 23 provinces, 5 autonomous regions, 4 municipalities, 2 SARs
    "CN-AH", "CN-BJ", "CN-CQ", "CN-FJ", "CN-GD", "CN-GS", "CN-GX", "CN-GZ", "CN-HA", "CN-HB", "CN-HE", "CN-HI",
    "CN-HK", "CN-HL", "CN-HN", "CN-JL", "CN-JS", "CN-JX", "CN-LN", "CN-MO", "CN-NM", "CN-NX", "CN-QH", "CN-SC",
    "CN-SD", "CN-SH", "CN-SN", "CN-SX", "CN-TJ", "CN-TW", "CN-XJ", "CN-XZ", "CN-YN", "CN-ZJ",
}


@pytest.fixture(scope="module")
def places():
    return load_places()


@pytest.fixture(scope="module")
def ix():
    return place_index()


def spellings(places):
    """Korean spelling (spaces removed) -> [(code, marked ambiguous)]."""
    out = defaultdict(list)
    for r in places.itertuples():
        ambiguous = set(r.ambiguous_ko.split("|")) if isinstance(r.ambiguous_ko, str) else set()
        for s in r.names_ko.split("|"):
            out[s.replace(" ", "")].append((r.place_code, s in ambiguous))
    return out


# --- the table ---------------------------------------------------------------------------------------------------

def test_table_validates_and_codes_are_unique(places):
    assert places["place_code"].is_unique
    assert set(places["level"]) == set(LEVELS)
    assert len(places) >= 130


def test_every_parent_exists(places):
    codes = set(places["place_code"])
    assert places.loc[places["level"] == "country", "place_code"].tolist() == ["CN"]
    assert places.loc[places["parent"].isna(), "place_code"].tolist() == ["CN"]
    assert set(places["parent"].dropna()) <= codes


def test_the_34_provincial_level_divisions_are_exactly_iso_3166_2_cn(places):
    provinces = places[places["level"] == "province"]
    assert set(provinces["place_code"]) == ISO_3166_2_CN
    assert len(ISO_3166_2_CN) == 34
    assert set(provinces["parent"]) == {"CN"}


def test_known_codes(places):
    code = dict(zip(places["name_en"], places["place_code"]))
    assert code["Guizhou"] == "CN-GZ" and code["Guangzhou"] == "440100"
    assert code["Shanxi"] == "CN-SX" and code["Shaanxi"] == "CN-SN"
    assert code["Shenzhen"] == "440300" and code["Hangzhou"] == "330100" and code["Pudong New Area"] == "310115"
    assert code["Binhai New Area"] == "120116" and code["Jing'an District"] == "310106"
    assert code["Xiong'an New Area"].startswith("X-")


def test_cities_and_districts_sit_under_their_province(places):
    """A GB/T 2260 code starts with its province's two digits, and a district's with its city's four."""
    gb = {"CN-BJ": "11", "CN-TJ": "12", "CN-HE": "13", "CN-SX": "14", "CN-NM": "15", "CN-LN": "21", "CN-JL": "22",
          "CN-HL": "23", "CN-SH": "31", "CN-JS": "32", "CN-ZJ": "33", "CN-AH": "34", "CN-FJ": "35", "CN-JX": "36",
          "CN-SD": "37", "CN-HA": "41", "CN-HB": "42", "CN-HN": "43", "CN-GD": "44", "CN-GX": "45", "CN-HI": "46",
          "CN-CQ": "50", "CN-SC": "51", "CN-GZ": "52", "CN-YN": "53", "CN-XZ": "54", "CN-SN": "61", "CN-GS": "62",
          "CN-QH": "63", "CN-NX": "64", "CN-XJ": "65"}
    parent = dict(zip(places["place_code"], places["parent"]))
    for code in places["place_code"]:
        if code.isdigit():
            up = parent[code]
            while not up.startswith("CN"):
                assert code.startswith(up[:4] if up.endswith("00") else up), (code, up)
                up = parent[up]
            assert code.startswith(gb[up]), (code, up)
    capitals = places[(places["level"] == "city") & places["place_code"].str.endswith("0100")]
    assert len(capitals) == 27  # every province and autonomous region except Taiwan (no GB/T city codes)


def test_every_korean_spelling_names_one_place_unless_marked_ambiguous(places):
    for spelling, claims in spellings(places).items():
        if len(claims) > 1:
            assert all(ambiguous for _, ambiguous in claims), (spelling, claims)


def test_names_ko_include_both_readings_and_suffixed_forms(places):
    names = {r.place_code: set(r.names_ko.split("|")) for r in places.itertuples()}
    assert {"상하이", "상해", "상하이시", "상해시"} <= names["CN-SH"]
    assert {"베이징", "북경", "베이징시"} <= names["CN-BJ"]
    assert {"광둥", "광동", "광둥성", "광동성"} <= names["CN-GD"]
    assert {"구이저우", "귀저우", "귀주", "구이저우성", "귀주성"} <= names["CN-GZ"]
    assert {"선전", "심천", "선전시"} <= names["440300"]
    assert "중국" in names["CN"]


def test_schema_rejects_bad_rows(places):
    bad = places.copy()
    bad.loc[bad["place_code"] == "440300", "parent"] = "CN-ZZ"
    with pytest.raises(pandera.errors.SchemaError):
        PlacesModel.validate(bad)
    bad = places.copy()
    bad.loc[bad["place_code"] == "440300", "level"] = "town"
    with pytest.raises(pandera.errors.SchemaError):
        PlacesModel.validate(bad)
    with pytest.raises(pandera.errors.SchemaError):
        PlacesModel.validate(pd.concat([places, places.head(1)]))


# --- the matcher -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, code", [
    ("상하이시 징안구", "310106"),
    ("광둥성 인민정부", "CN-GD"),
    ("베이징 국가회의센터", "CN-BJ"),
    ("상하이의 데이터 거래소", "CN-SH"),
    ("상하이에서 열린 회의", "CN-SH"),
    ("상하이는 올해", "CN-SH"),
    ("베이징시정부는 발표했다", "CN-BJ"),
    ("주상하이 총영사관", "CN-SH"),
    ("대중국 수출", "CN"),
    ("중국 공업정보화부", "CN"),
    ("상하이 푸둥신구", "310115"),          # the most specific place wins
    ("상하이 푸둥", "310115"),
    ("허베이성 슝안 신구", "X-XIONGAN"),
    ("광둥성 선전시 난산구", "440305"),
    ("선전시", "440300"),
    ("선전시의 인공지능 산업", "440300"),
    ("선전(深圳)", "440300"),
    ("광둥성 선전", "440300"),
    ("북경시 인민정부", "CN-BJ"),
    ("광동성", "CN-GD"),
    ("절강성 항주시", "330100"),
    ("강소성 남경시", "320100"),
    ("사천성 성도시", "510100"),
    ("호북성 무한시", "420100"),
    ("하남성", "CN-HA"),
    ("귀주성 귀양시", "520100"),
    ("쑤저우 공업원구", "320500"),
    ("구이저우 구이안 신구", "X-GUIAN"),
    ("충칭 량장신구", "X-LIANGJIANG"),
    ("톈진 빈하이", "120116"),              # ambiguous 빈하이, resolved by its parent
    ("광둥성 광주", "440100"),              # ambiguous 광주, resolved by its parent
    ("산시성 시안시", "610100"),
    ("산시성 타이위안시", "140100"),
    ("상하이 황푸구", "310101"),
    ("광저우 황푸구", "440112"),
    ("하이난 자유무역항", "CN-HI"),
    ("신장위구르자치구", "CN-XJ"),
    ("신장 위구르 자치구", "CN-XJ"),
    ("홍콩 특별행정구", "CN-HK"),
    ("上海", "CN-SH"),
    ("上海市静安区", "310106"),
    ("廣東省", "CN-GD"),
    ("Shanghai", "CN-SH"),
    ("Shenzhen, Guangdong", "440300"),
])
def test_find(ix, text, code):
    assert ix.find(text) == code


@pytest.mark.parametrize("text", [
    "",
    "손상해 보험금",             # 상해 inside another Hangul word
    "남북경협",                  # 북경 inside another word
    "당의 선전 활동",            # 선전 = propaganda
    "선전 공세를 강화했다",
    "데이터 저장 용량",          # 저장 = storage
    "무한 경쟁",                 # 무한 = infinite
    "광주 시민",                 # Gwangju
    "광주시청",
    "하남시",                    # Hanam, Korea
    "해남 땅끝마을",             # Haenam, Korea
    "신장 기능 검사",            # kidney
    "영하 10도",                 # below zero
    "개정 시안을 공개",          # draft
    "지난해 실적",               # last year
    "지난 5일",
    "산시성",                    # Shanxi or Shaanxi
    "황푸구",                    # Shanghai or Guangzhou
    "강소기업 육성",             # strong small companies
    "호주 시드니",
    "웨강아오 대만구",           # 大灣區, not Taiwan
    "전략적 기지로 삼아",        # 삼다, not Sanya
    "데이터 수집, 저장, 분석",   # a list, but of no places
    "선전 보안",                 # two ambiguous neighbours, neither suffixed
    "Chinese",
    "Huangpu District",
])
def test_no_place(ix, text):
    assert ix.find(text) is None, ix.find_all(text)


def test_ambiguous_spellings_need_context(places, ix):
    """No spelling marked ambiguous names a place on its own, with or without a particle."""
    for spelling, claims in spellings(places).items():
        if any(ambiguous for _, ambiguous in claims):
            assert ix.find(spelling) is None, spelling
            assert ix.find(f"{spelling}의 발표") is None, spelling


def test_unambiguous_spellings_find_their_place(places, ix):
    for spelling, claims in spellings(places).items():
        if len(claims) == 1 and not claims[0][1]:
            assert ix.find(spelling) == claims[0][0], spelling
            assert ix.find(f"{spelling}에서") == claims[0][0], spelling


def test_find_all_spans(ix):
    text = "베이징과 상하이, 그리고 선전시"
    assert ix.find_all(text) == [("CN-BJ", 0, 3), ("CN-SH", 5, 8), ("440300", 14, 17)]
    for code, start, end in ix.find_all(text):
        assert ix.find(text[start:end]) == code
    assert ix.find(text) == "440300"
    assert ix.find("베이징과 상하이") == "CN-BJ"  # same level: the first one


def test_lists_of_places_disambiguate(ix):
    assert [c for c, _, _ in ix.find_all("베이징, 장쑤, 저장, 상하이였다")] == ["CN-BJ", "CN-JS", "CN-ZJ", "CN-SH"]
    assert [c for c, _, _ in ix.find_all("상하이·선전")] == ["CN-SH", "440300"]
    assert ix.find_all("중국 선전 매체") == [("CN", 0, 2)]  # CN disambiguates nothing
    assert [c for c, _, _ in ix.find_all("산시, 간쑤")] == ["CN-GS"]  # 산시 is two provinces: a list cannot tell
    assert [c for c, _, _ in ix.find_all("산시성(山西省), 산시성(陕西省)")] == ["CN-SX", "CN-SX", "CN-SN", "CN-SN"]


def test_parent_and_name(ix):
    assert ix.parent_of("440300") == "CN-GD"
    assert ix.parent_of("CN-GD") == "CN"
    assert ix.parent_of("CN") is None
    assert ix.name_of("440300") == "선전"
    assert ix.name_of("CN-SH") == "상하이"


def test_place_index_is_built_once():
    assert place_index() is place_index()
    assert isinstance(place_index(), PlaceIndex)
