"""events: one row per dated happening per document."""
import pandera.pandas as pa
from pandera.typing import Series

from schemas._types import PRECISIONS, Date, String
from schemas.places import PLACE_CODE
from schemas.provenance import ProvenanceModel

EVENT_TYPES = ["conference", "announcement", "publication", "launch", "agreement", "opening", "visit", "competition", "other"]


class EventsModel(ProvenanceModel):
    event_id: Series[String] = pa.Field(unique=True, str_matches=r"^event_[0-9a-f]{16}$", description="Stable id: hash of document, name and start date.")
    event_key: Series[String] = pa.Field(nullable=True, str_matches=r"^eventkey_[0-9a-f]{12}$", description="Cross-document key: the same event reported by several documents has one key (pipeline.keys.event_key of name, date_start and place_code; recomputed when a correction changes them); null without a date.")
    name: Series[String] = pa.Field(str_length={"min_value": 1}, description="Name of the event, in the document's words.")
    event_type: Series[String] = pa.Field(isin=EVENT_TYPES, description="Kind of event.")
    date_start: Series[Date] = pa.Field(nullable=True, description="First day (a partial date is stored as its first day); relative dates resolved against the publication date.")
    date_end: Series[Date] = pa.Field(nullable=True, description="Last day of a multi-day event.")
    date_precision: Series[String] = pa.Field(nullable=True, isin=PRECISIONS, description="Precision of date_start.")
    location: Series[String] = pa.Field(nullable=True, description="Where it happened, as written.")
    place_code: Series[String] = pa.Field(nullable=True, str_matches=PLACE_CODE, description="The place where it happened (places.place_code): read from the location, else the sentence, else the main place of its section or document.")

    @pa.dataframe_check(description="date_start <= date_end when both are known")
    def dates_ordered(cls, df):
        return ~(df["date_start"] > df["date_end"]).fillna(False).astype(bool)
