"""Dataset card (README.md) and three figures written into each release, from the data and the schemas.

The tables may be given as frames or as Parquet files; what the card shows of them is read a batch at a
time and remembered per document (pipeline.card_data), so the card never holds a whole table.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import schemas  # noqa: E402
from pipeline.card_data import CardData  # noqa: E402
from pipeline.series import INDICATORS, all_series  # noqa: E402
from schemas.table_schema import table_schema  # noqa: E402


def _use_hangul_font() -> None:
    """Nanum Gothic, shipped in koreanize-matplotlib, so Korean file names are not drawn as boxes.

    The font file is registered directly: importing that package runs its own setup,
    which relies on the deprecated distutils. Only release writing imports this module.
    """
    spec = importlib.util.find_spec("koreanize_matplotlib")
    font = Path(spec.submodule_search_locations[0]) / "fonts" / "NanumGothic.ttf" if spec else None
    if font and font.is_file():
        font_manager.fontManager.addfont(str(font))
        plt.rcParams["font.family"] = ["NanumGothic", "DejaVu Sans"]


_use_hangul_font()
TIMELINE = "events_timeline.png"
METRICS_FIGURE = "metrics_per_document.png"
SERIES_FIGURE = "series_across_documents.png"
PREFERRED_SERIES = "digital_economy_size"
KIND_STYLE = {"actual": ("-", "o", "full"), "forecast": (":", "s", "none"), "target": ("--", "^", "none")}


LISTED = 1_000  # rows of a long table the card lists; the tables have them all
IN_DOCUMENTS = "every one is in `documents.parquet`"


def _md_table(df: pd.DataFrame, rest: str | None = None) -> str:
    """A Markdown table; with ``rest`` (where the others are), its first LISTED rows and a line saying so."""
    if not len(df):
        return "_none_"
    more = len(df) - LISTED if rest is not None and len(df) > LISTED else 0
    shown = df.head(LISTED).to_markdown(index=False) if more else df.to_markdown(index=False)
    return shown + (f"\n\n… and {more:,} more rows: {rest}." if more else "")


def events_timeline(events: pd.DataFrame, path: Path) -> None:
    dated = events.dropna(subset=["date_start"]).copy()
    fig, ax = plt.subplots(figsize=(9, 3.8))
    types = [t for t in schemas.EVENT_TYPES if t in set(dated["event_type"])]
    for y, event_type in enumerate(types):
        of_type = dated[dated["event_type"] == event_type]
        rows = of_type.drop_duplicates(["date_start", "date_end"])  # events on the same dates share one mark
        starts = pd.to_datetime(rows["date_start"].astype("datetime64[s]"))
        ends = pd.to_datetime(rows["date_end"].astype("datetime64[s]")).fillna(starts)
        spans = (ends > starts).to_numpy()  # an event of one day is its marker: no zero-length bar
        ax.hlines([y] * int(spans.sum()), starts[spans], ends[spans], linewidth=6, alpha=0.6)
        ax.plot(starts, [y] * len(rows), "o", label=f"{event_type} ({len(of_type)})")
    ax.set_yticks(range(len(types)), types)
    ax.set_title(f"Events by date and type ({len(dated)} dated of {len(events)})")
    ax.grid(axis="x", alpha=0.3)
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(path, dpi=110, metadata={"Software": None})
    plt.close(fig)


def metrics_per_document(counts: pd.DataFrame, path: Path, most: int = 25) -> None:
    """Stacked bars per document (the `most` documents with most metrics; the rest summed), from metric_counts."""
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.5), sharey=True)
    totals = counts.groupby("source_file")["rows"].sum().sort_values(ascending=False, kind="stable")
    shown = list(totals.index[:most])
    label = counts["source_file"].where(counts["source_file"].isin(shown), f"{len(totals) - len(shown)} others")
    for ax, column in zip(axes, ("unit", "kind")):
        by = counts.assign(doc=label).groupby(["doc", column])["rows"].sum().unstack(fill_value=0)
        by = by.reindex([d for d in [*shown, *sorted(set(label) - set(shown))] if d in by.index])
        left = np.zeros(len(by))
        # distinct colours per category: tab10 while it suffices, tab20 for the units
        colors = plt.get_cmap("tab10" if len(by.columns) <= 10 else "tab20").colors
        for n, name in enumerate(by.columns):
            ax.barh([d[:16] for d in by.index], by[name], left=left, label=name, color=colors[n % len(colors)])
            left += by[name].to_numpy()
        ax.invert_yaxis()
        ax.set_title(f"Metrics per document by {column}")
        ax.set_xlabel("rows")
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    fig.tight_layout()
    fig.savefig(path, dpi=110, metadata={"Software": None})
    plt.close(fig)


def series_across_documents(metrics: pd.DataFrame) -> tuple[str | None, pd.DataFrame]:
    """The canonical indicator to show across documents, and its series (pipeline.series).

    ``PREFERRED_SERIES`` when more than one document states it, else the indicator stated in the most
    documents (the first of ``INDICATORS`` on a tie); (None, empty) when none is in more than one document.
    """
    found = all_series(metrics)  # any metrics frame with the SERIES_INPUT columns
    spread = {name: df["source_file"].nunique() for name, df in found.items()}
    if spread.get(PREFERRED_SERIES, 0) > 1:
        return PREFERRED_SERIES, found[PREFERRED_SERIES]
    best = max(spread, key=lambda name: spread[name])  # the first of the most documents
    return (best, found[best]) if spread[best] > 1 else (None, pd.DataFrame())


def _year(period: str) -> float:
    year, _, month = str(period).partition("-")
    return int(year) + (int(month) - 1) / 12 if month else int(year)


def series_figure(indicator: str | None, df: pd.DataFrame, path: Path, places: pd.DataFrame | None = None) -> None:
    """One line and marker set per place (place_code) and kind: actual solid with filled circles, target dashed
    with open triangles, forecast dotted with open squares; values in the series' most common unit."""
    fig, ax = plt.subplots(figsize=(9, 4.5))
    if indicator is None or df.empty:
        ax.text(0.5, 0.5, "No canonical indicator is stated in more than one document of this release,\n"
                "so there is no series across documents to draw.", ha="center", va="center", wrap=True)
        ax.set_axis_off()
    else:
        unit = df["unit"].value_counts().index[0]
        df = df[df["unit"] == unit]
        label = next(i.label for i in INDICATORS if i.name == indicator)
        top = df["value"].abs().max()
        scale = 1e12 if top >= 1e12 else 1e8 if top >= 1e8 else 1
        scaled = f"{unit} (1e{len(str(int(scale))) - 1})" if scale > 1 else unit
        names = dict(zip(places["place_code"], places["name_ko"])) if places is not None else {}
        place = df["place_code"].astype("string").fillna("?") if "place_code" in df.columns else df["subject"]
        colors = plt.get_cmap("tab10").colors
        for n, code in enumerate(sorted(set(place))):
            for kind, (line, marker, fill) in KIND_STYLE.items():
                rows = df[(place == code).to_numpy() & (df["kind"] == kind).to_numpy()].sort_values("period")
                if rows.empty:
                    continue
                x = [_year(p) for p in rows["period"]]
                ax.plot(x, rows["value"] / scale, linestyle=line, marker=marker, fillstyle=fill, markersize=7,
                        color=colors[n % len(colors)], label=f"{names.get(code, code)} ({code}) {kind}")
        ax.set_title(f"{label}: {len(df)} figures from {df['source_file'].nunique()} documents")
        ax.set_ylabel(scaled)
        ax.set_xlabel("period")
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    fig.tight_layout()
    fig.savefig(path, dpi=110, metadata={"Software": None})
    plt.close(fig)


def _series_section(indicator: str | None, df: pd.DataFrame) -> list[str]:
    if indicator is None:
        return ["## One indicator across documents", "",
                "No canonical indicator (`pipeline.series.INDICATORS`) is stated in more than one document of this "
                "release, so the figure has no series to draw.", "", f"![No series across documents]({SERIES_FIGURE})", ""]
    shown = df.assign(value=df["value"].map(_number_text))[
        [c for c in ("period", "value", "unit", "kind", "place_code", "source_file", "line_start") if c in df.columns]]
    return [
        "## One indicator across documents",
        "",
        f"`{indicator}` as stated in {df['source_file'].nunique()} documents, one line per place and kind "
        f"(`pipeline.series.series(\"{indicator}\")`; each figure keeps its document, line and evidence, and "
        "different values for one period are listed side by side, never averaged):",
        "",
        f"![{indicator} across documents]({SERIES_FIGURE})",
        "",
        _md_table(shown, f"`pipeline.series.series(\"{indicator}\")` gives them all"),
        "",
    ]


def _number_text(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def _columns_section(table: str) -> str:
    rows = [{"column": f["name"], "type": f["type"], "required": bool(f.get("constraints", {}).get("required")),
             "description": f["description"]} for f in table_schema(table)["fields"]]
    return _md_table(pd.DataFrame(rows))


def _curation(data: CardData, corrections: list) -> list[str]:
    """Hand corrections applied and rows set aside, counted."""
    entries = pd.DataFrame([{"table": c.table, "action": c.action} for c in corrections], columns=["table", "action"])
    applied = entries.groupby(["table", "action"]).size().rename("entries").reset_index()
    marked, docs = data.corrected, data.docs
    set_aside = docs[docs["quarantined_rows"] > 0][["source_file", "quarantined_rows"]]
    return [
        "## Curation",
        "",
        f"{len(corrections)} hand correction(s) from `corrections/*.yaml` applied; rows they changed or added "
        f"carry the entry in `correction` (metrics {marked['metrics']}, plans {marked['plans']}, events "
        f"{marked['events']}); each is listed with its reason in CHANGES.md.",
        "",
        _md_table(applied),
        "",
        f"{int(docs['quarantined_rows'].sum())} row(s) failed a row-level check and were set aside, not published "
        "(listed in `outputs/rejects/quarantine.*.csv`):",
        "",
        _md_table(set_aside, "every one is in `outputs/rejects/quarantine.*.csv`"),
        "",
    ]


def card_text(data: CardData, version: str, corrections: list = (),
              across: tuple[str | None, pd.DataFrame] | None = None) -> str:
    docs, rows, places = data.docs, data.rows, data.places
    indicator, across_docs = across if across is not None else series_across_documents(data.series_rows)
    sources = docs[["source_file", "source_sha256", "published_date", "published_precision", "status"]].astype(str)
    damaged = docs[docs["damaged_chars"].fillna(0) > 0][["source_file", "damaged_chars"]]
    rejected = docs[docs["status"] == "rejected"][["source_file", "error"]]
    unit_kind = data.metrics_by.groupby(["unit", "kind"])["rows"].sum().reset_index() if len(data.metrics_by) else pd.DataFrame()
    parts = [
        f"# China's digital economy in Korean-language reporting — release {version}",
        "",
        "Figures (**metrics**), named policy **plans** and **events** read from Korean news articles and "
        "newsletters about China's digital economy. Every row carries provenance: the source file and its "
        "sha256, the 1-based lines and character offsets of the sentence or table cell it was read from, "
        "and that text itself (`evidence`).",
        "",
        f"Rows: {rows['documents']} documents, {rows['metrics']} metrics, {rows['plans']} plans, {rows['events']} events"
        + (f"; the reference table of {len(places)} places their `place_code` points into." if places is not None else "."),
        "",
        f"![Events on a timeline by type]({TIMELINE})",
        "",
        f"![Metrics per document by unit and kind]({METRICS_FIGURE})",
        "",
        *_series_section(indicator, across_docs),
        "## Sources",
        "",
        _md_table(sources, IN_DOCUMENTS),
        "",
        "## Rows per document",
        "",
        _md_table(data.per_document, IN_DOCUMENTS),
        "",
        "## Metrics by unit and kind",
        "",
        _md_table(unit_kind),
        "",
        *_curation(data, list(corrections)),
        "## Caveats",
        "",
        "- Values are read by rules from text, not from official statistics; check `evidence` before citing.",
        "- Damaged characters (lost before the files reached us, e.g. `?` standing for Chinese characters) "
        "are kept as written; documents with damage:",
        "",
        _md_table(damaged, IN_DOCUMENTS),
        "",
        "- Documents that could not be read (they have a `documents` row and no other rows):",
        "",
        _md_table(rejected, IN_DOCUMENTS),
        "",
        "- Relative dates (`7일`, `지난해`) are resolved against the publication date; where that date was "
        "inferred (`published_from = inferred`), only its year is known.",
        "",
        "## How to cite a row",
        "",
        "Give the release version, the row id and its evidence, e.g. "
        "`metric_… (release " + version + "): \"…evidence…\" — source_file, lines line_start–line_end`. "
        "Ids are hashes of content, so an unchanged fact keeps its id across releases.",
        "",
        "## Columns",
    ]
    for table in ("documents", "metrics", "plans", "events", *(["places"] if places is not None else [])):
        parts += ["", f"### {table}", "", (schemas.MODELS[table].__doc__ or "").strip(), "", _columns_section(table)]
    return "\n".join(parts) + "\n"


def write_card(folder: Path, tables: dict[str, pd.DataFrame | Path], version: str, corrections: list = (),
               cache: Path | None = None, digests: dict[str, str] | None = None) -> None:
    """The card and its figures for ``tables`` (frames, or the release's table files); ``cache`` and ``digests``
    as in pipeline.card_data.summarise."""
    data = CardData.of(tables, cache, digests)
    events_timeline(data.events, folder / TIMELINE)
    metrics_per_document(data.metrics_by, folder / METRICS_FIGURE)
    across = series_across_documents(data.series_rows)
    series_figure(*across, folder / SERIES_FIGURE, data.places)
    (folder / "README.md").write_text(card_text(data, version, corrections, across), encoding="utf-8")
