"""Provenance columns carried by every extracted row (metrics, plans, events)."""
import pandera.pandas as pa
from pandera.typing import Series

from schemas._types import Int32, String

PROVENANCE_COLUMNS = [
    "doc_id", "source_file", "source_sha256", "line_start", "line_end",
    "char_start", "char_end", "evidence", "extractor", "correction",
]


class ProvenanceModel(pa.DataFrameModel):
    doc_id: Series[String] = pa.Field(str_matches=r"^doc_[0-9a-f]{12}$", description="Id of the source document (documents.doc_id).")
    source_file: Series[String] = pa.Field(str_length={"min_value": 1}, description="File name inside seeds/.")
    source_sha256: Series[String] = pa.Field(str_matches=r"^[0-9a-f]{64}$", description="sha256 of the source file's bytes.")
    line_start: Series[Int32] = pa.Field(ge=1, description="First line of the evidence, 1-based; lines are the decoded text split on \\n.")
    line_end: Series[Int32] = pa.Field(ge=1, description="Last line of the evidence, inclusive.")
    char_start: Series[Int32] = pa.Field(ge=0, description="Start offset of the evidence in the decoded text.")
    char_end: Series[Int32] = pa.Field(ge=1, description="End offset of the evidence (half-open).")
    evidence: Series[String] = pa.Field(str_length={"min_value": 1}, description="Exactly decoded_text[char_start:char_end]: the sentence or table cell the row was read from.")
    extractor: Series[String] = pa.Field(str_matches=r"^[\w.]+@\S+$", description="Rule that produced the row, @ the extractor version ('correction@manual' for a row a correction added).")
    correction: Series[String] = pa.Field(nullable=True, str_matches=r"^corrections/[^#]+\.yaml#\d+$", description="The hand correction that added or changed this row (file#entry, entries counted from 1); null for a row as extracted.")

    @pa.dataframe_check(description="line_start <= line_end and char_start < char_end")
    def ordered_spans(cls, df):
        return (df["line_start"] <= df["line_end"]) & (df["char_start"] < df["char_end"])

    @pa.dataframe_check(description="evidence length equals char_end - char_start")
    def evidence_length(cls, df):
        return df["evidence"].str.len() == (df["char_end"] - df["char_start"])

    class Config:
        coerce = True
        strict = True
