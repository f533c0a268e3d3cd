"""plans: one row per named policy plan per document."""
import pandera.pandas as pa
from pandera.typing import Series

from schemas._types import PRECISIONS, Date, Int32, String
from schemas.places import PLACE_CODE
from schemas.provenance import ProvenanceModel

PLAN_KEY = r"^plankey_[0-9a-f]{12}$"


class PlansModel(ProvenanceModel):
    plan_id: Series[String] = pa.Field(unique=True, str_matches=r"^plan_[0-9a-f]{16}$", description="Stable id: hash of document and title.")
    plan_key: Series[String] = pa.Field(nullable=True, str_matches=PLAN_KEY, description="Cross-document key: the same plan named in several documents, in any spelling, has one key (pipeline.keys.plan_key of title, Chinese title and, for a generic title, the period; recomputed when a correction changes them).")
    title: Series[String] = pa.Field(str_length={"min_value": 1}, description="Korean title as written.")
    title_zh: Series[String] = pa.Field(nullable=True, description="Chinese title given in the text, as written ('?' damage included).")
    issuer: Series[String] = pa.Field(nullable=True, description="Who issued the plan.")
    place_code: Series[String] = pa.Field(nullable=True, str_matches=PLACE_CODE, description="The place whose plan it is (places.place_code): read from the issuer, else the title, else the sentence, else the main place of its section or document; CN for a national plan.")
    period_start: Series[Int32] = pa.Field(nullable=True, in_range={"min_value": 1900, "max_value": 2100}, description="First year the plan covers.")
    period_end: Series[Int32] = pa.Field(nullable=True, in_range={"min_value": 1900, "max_value": 2100}, description="Last year the plan covers.")
    announced: Series[Date] = pa.Field(nullable=True, description="When the plan was announced (first day of a partial date).")
    announced_precision: Series[String] = pa.Field(nullable=True, isin=PRECISIONS, description="Precision of announced.")

    @pa.dataframe_check(description="period_start <= period_end when both are known")
    def period_ordered(cls, df):
        return ~(df["period_start"] > df["period_end"]).fillna(False).astype(bool)
