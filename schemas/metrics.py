"""metrics: one row per figure stated in a document."""
import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from schemas._types import String
from schemas.places import PLACE_CODE
from schemas.plans import PLAN_KEY
from schemas.provenance import ProvenanceModel

from schemas.units import UNIT_NAMES

UNITS = list(UNIT_NAMES)  # one vocabulary: schemas/units.py


class MetricsModel(ProvenanceModel):
    metric_id: Series[String] = pa.Field(unique=True, str_matches=r"^metric_[0-9a-f]{16}$", description="Stable id: hash of document, evidence, number as written and unit.")
    subject: Series[String] = pa.Field(str_length={"min_value": 1}, description="Who or what the figure is about, in the document's words.")
    indicator: Series[String] = pa.Field(str_length={"min_value": 1}, description="What is measured, in the document's words.")
    value: Series[np.float64] = pa.Field(description="The figure fully normalised (만=1e4, 억=1e8, 조=1e12; 40% is 40).")
    unit: Series[String] = pa.Field(isin=UNITS, description="Unit of value.")
    value_text: Series[String] = pa.Field(str_length={"min_value": 1}, description="The number as written in the text.")
    qualifier: Series[String] = pa.Field(nullable=True, isin=["at_least", "approx", "at_most"], description="at_least (이상, 넘는), approx (약, 여), at_most (미만, 이하), or null.")
    kind: Series[String] = pa.Field(isin=["actual", "target", "forecast"], description="actual, target (of a plan) or forecast.")
    period: Series[String] = pa.Field(nullable=True, str_matches=r"^\d{4}(-\d{2})?$", description="Period the figure refers to, ISO reduced precision (2021, 2021-12).")
    place_code: Series[String] = pa.Field(nullable=True, str_matches=PLACE_CODE, description="The place the figure is about (places.place_code): read from the subject, else the sentence, else the main place of its section or document; CN for China's national figures; null when no place is named.")
    plan_id: Series[String] = pa.Field(nullable=True, description="The plan a target belongs to (plans.plan_id).")
    plan_key: Series[String] = pa.Field(nullable=True, str_matches=PLAN_KEY, description="Cross-document key of that plan (plans.plan_key), to join a target with every document naming its plan; null when plan_id is.")

    @pa.dataframe_check(description="subject and indicator name something besides the figure: neither contains value_text")
    def named_besides_figure(cls, df):
        return pd.Series([str(v) not in str(s) and str(v) not in str(i)
                          for v, s, i in zip(df["value_text"], df["subject"], df["indicator"])], index=df.index, dtype=bool)

    @pa.check("value", name="finite")
    def finite(cls, s):
        return np.isfinite(s)
