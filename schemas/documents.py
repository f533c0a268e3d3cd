"""documents: one row per file in seeds/, readable or not."""
import pandera.pandas as pa
from pandera.typing import Series

from schemas._types import PRECISIONS, Date, Int64, String


class DocumentsModel(pa.DataFrameModel):
    doc_id: Series[String] = pa.Field(unique=True, str_matches=r"^doc_[0-9a-f]{12}$", description="Stable id of the document (hash of its file name).")
    source_file: Series[String] = pa.Field(unique=True, description="File name inside seeds/.")
    source_sha256: Series[String] = pa.Field(nullable=True, str_matches=r"^[0-9a-f]{64}$", description="sha256 of the file's bytes (null only if the file could not be read at all).")
    bytes: Series[Int64] = pa.Field(ge=0, description="Size of the file in bytes.")
    encoding: Series[String] = pa.Field(nullable=True, description="Detected text encoding (Python codec name).")
    line_count: Series[Int64] = pa.Field(nullable=True, ge=1, description="Lines of the decoded text, split on \\n.")
    char_count: Series[Int64] = pa.Field(nullable=True, ge=0, description="Characters of the decoded text.")
    title: Series[String] = pa.Field(nullable=True, description="Headline or newsletter title.")
    publisher: Series[String] = pa.Field(nullable=True, description="Publisher, agency or newsletter issuer, as written.")
    published_date: Series[Date] = pa.Field(nullable=True, description="Publication date; a partial date is stored as its first day.")
    published_precision: Series[String] = pa.Field(nullable=True, isin=PRECISIONS, description="Precision of published_date.")
    published_from: Series[String] = pa.Field(nullable=True, isin=["header", "dateline", "inferred"], description="Where the publication date was read.")
    damaged_chars: Series[Int64] = pa.Field(ge=0, description="Characters lost before the file reached us (U+FFFD, '?' standing for Chinese characters).")
    quarantined_rows: Series[Int64] = pa.Field(ge=0, description="Rows of this document set aside by a row-level check instead of published (listed in outputs/rejects/).")
    status: Series[String] = pa.Field(isin=["ok", "rejected"], description="ok, or rejected when the file could not be read as text.")
    error: Series[String] = pa.Field(nullable=True, description="Why the file was rejected.")

    @pa.dataframe_check(description="error is set exactly on rejected documents")
    def error_iff_rejected(cls, df):
        return (df["status"] == "rejected") == df["error"].notna()

    class Config:
        coerce = True
        strict = True
