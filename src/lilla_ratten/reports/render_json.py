"""Documents as JSON for scripts; the shape is documented in docs/json.md and kept stable."""

from __future__ import annotations

import json
import re
from typing import Any

from lilla_ratten.model.document import Bullets, Chart, Document, Facts, Paragraph, Section, Table

FORMAT = "lilla-ratten-report"
VERSION = 1


def _block(block) -> dict[str, Any]:
    if isinstance(block, Paragraph):
        return {"type": "paragraph", "text": block.text}
    if isinstance(block, Bullets):
        return {"type": "list", "items": block.items}
    if isinstance(block, Facts):
        return {"type": "facts", "items": [{"label": k, "value": v} for k, v in block.items]}
    if isinstance(block, Table):
        return {"type": "table", "headers": block.headers, "rows": block.rows, "caption": block.caption}
    if isinstance(block, Chart):
        from lilla_ratten.reports.charts import chart_table

        table = chart_table(block)
        return {
            "type": "chart",
            "title": block.title,
            "categories": block.categories,
            "series": [{"name": s.name, "values": s.values} for s in block.series],
            "unit": block.unit,
            "money": block.money,
            "caption": block.caption,
            # the table the documents print beneath the figure, cell for cell
            "table": {"headers": table.headers, "rows": table.rows},
        }
    raise TypeError(f"unknown block {block!r}")


def _section(sec: Section) -> dict[str, Any]:
    return {
        "id": sec.id,
        "title": sec.title,
        "source": sec.source,
        "data": sec.data,
        "blocks": [_block(b) for b in sec.blocks],
        "sections": [_section(s) for s in sec.sections],
    }


def to_json_data(doc: Document) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "kind": doc.kind,
        "title": doc.title,
        "facts": [{"label": k, "value": v} for k, v in doc.facts],
        "data": doc.data,
        "sections": [_section(s) for s in doc.sections],
    }


# json.dumps escapes C0 controls but, with ensure_ascii=False, writes C1 controls, DEL and
# bidi overrides as they are; escaped, they read back as the same value and never reach a terminal.
_RAW = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group(0)):04x}"


def render(doc: Document) -> str:
    text = json.dumps(to_json_data(doc), ensure_ascii=False, indent=2, default=str) + "\n"
    return _RAW.sub(_escape, text)
