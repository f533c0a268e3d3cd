"""plans: one row per named policy plan per document."""
import pandera.pandas as pa
from pandera.typing import Series

from schemas._types import PRECISIONS, Date, Int32, String
from schemas.provenance import ProvenanceModel


class PlansModel(ProvenanceModel):
    plan_id: Series[String] = pa.Field(unique=True, str_matches=r"^plan_[0-9a-f]{16}$", description="Stable id: hash of document and title.")
    title: Series[String] = pa.Field(str_length={"min_value": 1}, description="Korean title as written.")
    title_zh: Series[String] = pa.Field(nullable=True, description="Chinese title given in the text, as written ('?' damage included).")
    issuer: Series[String] = pa.Field(nullable=True, description="Who issued the plan.")
    period_start: Series[Int32] = pa.Field(nullable=True, in_range={"min_value": 1900, "max_value": 2100}, description="First year the plan covers.")
    period_end: Series[Int32] = pa.Field(nullable=True, in_range={"min_value": 1900, "max_value": 2100}, description="Last year the plan covers.")
    announced: Series[Date] = pa.Field(nullable=True, description="When the plan was announced (first day of a partial date).")
    announced_precision: Series[String] = pa.Field(nullable=True, isin=PRECISIONS, description="Precision of announced.")

    @pa.dataframe_check(description="period_start <= period_end when both are known")
    def period_ordered(cls, df):
        return ~(df["period_start"] > df["period_end"]).fillna(False).astype(bool)
