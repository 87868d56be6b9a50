"""GIFT, Moodle's plain-text question format: the quiz's items with categories, titles and
per-answer feedback.

Options are the printed subset in authored order (see `common.bank_items`). Text is the same HTML
as Moodle XML, marked `[html]`, with every GIFT special character (`~ = # { } :` and backslash)
escaped by a backslash. Recent Moodle versions also read the id number and tags from the `// [id:…]
[tag:…]` comment line; older versions ignore it.
"""

from __future__ import annotations

from typing import Mapping

from latsar.model.curriculum import Curriculum
from latsar.plan.types import QuizPlan
from latsar.render.export.common import (
    ExportItem, ExportResult, bank_items, by_category, category_path, item_tags, pinned,
)
from latsar.messages import t
from latsar.render.export.html import html, html_compact

FILE = "gift.txt"

_ESCAPES = str.maketrans({
    "\\": "\\\\", "~": "\\~", "=": "\\=", "#": "\\#", "{": "\\{", "}": "\\}", ":": "\\:",
    "\n": "\\n", "\r": "",
})


def escape(text: str) -> str:
    """GIFT-escape in one pass, so a backslash added for one character is never escaped again."""
    return text.translate(_ESCAPES)


def export(curriculum: Curriculum, plan: QuizPlan, labels: Mapping[str, str] | None = None) -> ExportResult:
    items = by_category(curriculum, bank_items(curriculum, plan))
    blocks, category = [], None
    for entry in items:
        path = category_path(plan, entry)
        if path != category:
            # Moodle reads the category line raw (no unescaping), so it is written as is.
            blocks.append(f"$CATEGORY: {path}")
            category = path
        blocks.append(_question(entry))
    return ExportResult({FILE: ("\n\n".join(blocks) + "\n").encode("utf-8")}, _warnings(items))


def _question(entry: ExportItem) -> str:
    item = entry.item
    lines = [_comment(entry), f"::{escape(item.id)}::[html]{escape(html(item.stem))}{{"]
    for choice in entry.choices:
        mark = "=" if choice.correct else "~"
        lines.append(f"\t{mark}{_part(html_compact(choice.text))}#{_part(html_compact(choice.reason))}")
    lines.append(f"\t####{_part(html(item.explanation))}")
    lines.append("}")
    return "\n".join(lines)


def _part(markup: str) -> str:
    # Moodle reads a leading "[" as a format name ("[plain]") and a leading "%50%" as a weight;
    # as HTML character references they print the same and mean nothing to the GIFT reader.
    if markup[:1] in ("[", "%"):
        markup = f"&#{ord(markup[0])};" + markup[1:]
    return escape(markup)


def _comment(entry: ExportItem) -> str:
    tags = " ".join(f"[tag:{_tag(tag)}]" for tag in item_tags(entry))
    return f"// [id:{_tag(entry.item.id)}] {tags}"


def _tag(text: str) -> str:
    # Moodle's tag syntax ends at "]" (escaped as "\]") and its tags may not hold < > or `.
    folded = " ".join(text.split())
    return "".join(c for c in folded if c not in "<>`").replace("]", "\\]")


def _warnings(items: list[ExportItem]) -> list[str]:
    held = pinned(items)
    if not held:
        return []
    return [t("{file}: GIFT has no per-question shuffle setting, so Moodle applies its default to the pinned "
              "items {items}; import moodle.xml instead, or turn off 'Shuffle the choices?' for them after import",
              file=FILE, items=", ".join(held))]
