"""places: the curated reference table of canonical places for rows about China (pipeline/reference/places.csv)."""
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._types import String

LEVELS = ["country", "province", "city", "district", "new_area"]
# ISO 3166-2 for the country and the 34 provincial-level divisions, GB/T 2260 six digits for cities and districts,
# X-<PINYIN> for new areas and zones that have no GB/T 2260 code of their own.
PLACE_CODE = r"^(CN(-[A-Z]{2})?|\d{6}|X-[A-Z]+)$"


class PlacesModel(pa.DataFrameModel):
    place_code: Series[String] = pa.Field(unique=True, str_matches=PLACE_CODE, description="CN; ISO 3166-2:CN (CN-GD) for a provincial-level division; GB/T 2260 six-digit code (440300) for a city or district; X-<PINYIN> (X-XIONGAN) for a new area with no code of its own.")
    level: Series[String] = pa.Field(isin=LEVELS, description="country | province (any provincial-level division: province, autonomous region, municipality, SAR) | city (prefecture-level city) | district (county-level: urban district or county-level city) | new_area (state-level new area or special cooperation zone).")
    parent: Series[String] = pa.Field(nullable=True, str_matches=PLACE_CODE, description="place_code of the containing place; CN for provinces; null only for CN.")
    name_ko: Series[String] = pa.Field(str_length={"min_value": 1}, description="Preferred Korean name (standard loanword spelling; for a district, with its suffix).")
    names_ko: Series[String] = pa.Field(str_length={"min_value": 1}, description="Every common Korean spelling, '|'-separated: loanword and Sino-Korean readings, bare and with 성/시/구/자치구; a space inside a spelling means optional whitespace.")
    ambiguous_ko: Series[String] = pa.Field(nullable=True, description="The spellings of names_ko ('|'-separated) that are also ordinary Korean words, Korean places or other Chinese places: matched only with context.")
    name_zh: Series[String] = pa.Field(str_length={"min_value": 1}, description="Official Chinese name, simplified characters.")
    name_zh_hant: Series[String] = pa.Field(str_length={"min_value": 1}, description="Official Chinese name, traditional characters.")
    name_en: Series[String] = pa.Field(str_length={"min_value": 1}, description="Common English name.")

    class Config:
        coerce = True
        strict = True

    @pa.dataframe_check(description="parent is null exactly for the country and otherwise a place_code of the table")
    def parent_exists(cls, df):
        root = df["level"] == "country"
        return (root & df["parent"].isna()) | (~root & df["parent"].isin(df["place_code"]))

    @pa.dataframe_check(description="provinces, and only provinces, carry an ISO 3166-2:CN code")
    def provinces_iso(cls, df):
        return (df["level"] == "province") == df["place_code"].str.fullmatch(r"CN-[A-Z]{2}")

    @pa.dataframe_check(description="names_ko lists no spelling twice and includes name_ko (spaces aside); ambiguous_ko is part of names_ko")
    def names_listed(cls, df):
        def ok(name, names, ambiguous):
            compact = [n.replace(" ", "") for n in names.split("|")]
            return (len(set(compact)) == len(compact) and name.replace(" ", "") in compact
                    and set(ambiguous.split("|")) <= set(names.split("|")))
        return pd.Series([ok(*r) for r in zip(df["name_ko"], df["names_ko"], df["ambiguous_ko"].fillna(df["names_ko"]))],
                         index=df.index)
