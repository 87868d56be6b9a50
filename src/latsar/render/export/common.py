"""Shared parts of the LMS exports: the items as an export sees them, tags and categories, XML and
zip writing, and the result type every exporter returns.

Which options print, in which order, and which one is the key are read from the plan here and
nowhere else, so every format agrees with the printed booklet and with each other.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Iterable, Mapping
from xml.etree import ElementTree as ET

from latsar.errors import LatsarError
from latsar.model.curriculum import Curriculum
from latsar.model.schema import Item, Module, Objective, Programme
from latsar.plan.types import LETTERS, QuizPlan, Version
from latsar.reproducible import document_time

XSI = "http://www.w3.org/2001/XMLSchema-instance"


@dataclass(frozen=True)
class ExportResult:
    """What an exporter produces: file contents by relative name, and what the user should know."""

    files: dict[str, bytes] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


class ExportRefused(LatsarError):
    """A format cannot carry some items. `export_one` reports it as an error; `export_all` skips
    that format with a warning, so one lossy format does not stop the build."""


@dataclass(frozen=True)
class Choice:
    index: int  # position in the item's authored `options`
    text: str  # Markdown, as authored
    reason: str  # Markdown: why this option is right or wrong
    correct: bool


@dataclass(frozen=True)
class ExportItem:
    """One item with its options in the order this export prints them."""

    item: Item
    module: Module
    objective: Objective
    choices: tuple[Choice, ...]

    @property
    def key(self) -> int:
        """0-based position of the correct option among `choices`."""
        return next(n for n, choice in enumerate(self.choices) if choice.correct)

    @property
    def key_letter(self) -> str:
        return LETTERS[self.key]

    @property
    def order(self) -> tuple[int, ...]:
        return tuple(choice.index for choice in self.choices)


def bank_items(curriculum: Curriculum, plan: QuizPlan) -> list[ExportItem]:
    """The quiz's items for item-level formats (Moodle XML, GIFT, Aiken, CSV, Canvas QTI 1.2).

    Items in master order (the kisi-kisi's), each with the options the plan prints, in *authored*
    order: the LMS shuffles them itself, and pinned items stay as written. The printed subset is
    the same in every version, so the first version that holds the item names it.
    """
    return [_export_item(curriculum, item_id, plan.printed_options(item_id)) for item_id in plan.master]


def version_items(curriculum: Curriculum, version: Version) -> list[ExportItem]:
    """A version's items in printed order, each with that version's option order."""
    return [_export_item(curriculum, p.item_id, p.choice_order) for p in version.items]


def _export_item(curriculum: Curriculum, item_id: str, order: tuple[int, ...]) -> ExportItem:
    item = curriculum.item_by_id[item_id]
    choices = tuple(Choice(i, item.options[i].text, item.options[i].reason, item.options[i].correct)
                    for i in order)
    if sum(choice.correct for choice in choices) != 1:
        raise ValueError(f"item '{item_id}': the planned options {tuple(order)} hold no single key")
    return ExportItem(item, curriculum.module_of_item(item), curriculum.objective_by_id[item.objective],
                      choices)


def pinned(items: Iterable[ExportItem]) -> list[str]:
    """Ids of the items whose options must keep their written order, sorted."""
    return sorted({entry.item.id for entry in items if entry.item.pin_options})


def item_tags(entry: ExportItem) -> list[str]:
    """Tags an LMS can filter the question bank by: level, objective, difficulty, then free tags."""
    item = entry.item
    fixed = [f"level:{item.level}", f"objective:{item.objective}", f"difficulty:{item.difficulty}"]
    return fixed + [tag for tag in item.tags if tag not in fixed]


def category_path(plan: QuizPlan, entry: ExportItem) -> str:
    """Moodle's category path: quiz / module / objective, below the course's top category.

    Moodle splits the path at "/" and reads "//" as a literal slash; whitespace is folded because
    the path must stay on one line in GIFT.
    """
    names = (plan.blueprint.title, entry.module.title, entry.objective.id)
    return "$course$/top/" + "/".join(" ".join(name.split()).replace("/", "//") for name in names)


def by_category(curriculum: Curriculum, items: Iterable[ExportItem]) -> list[ExportItem]:
    """Items grouped by module (teaching order), then objective (module order), so a category
    format declares each category once; the sort is stable, so master order holds within one."""
    def rank(entry: ExportItem) -> tuple[int, int]:
        objectives = [o.id for o in entry.module.objectives]
        return curriculum.modules.index(entry.module), objectives.index(entry.objective.id)

    return sorted(items, key=rank)


# --------------------------------------------------------------------------- XML


def sub(parent: ET.Element, tag: str, text: str | None = None,
        attrib: Mapping[str, str] | None = None) -> ET.Element:
    """Append a child element; attributes keep the order given, so output bytes are stable."""
    child = ET.SubElement(parent, tag, dict(attrib or {}))
    if text is not None:
        child.text = text
    return child


def document(tag: str, namespace: str, schema_location: str, attrib: Mapping[str, str]) -> ET.Element:
    """The root of a namespaced document, written with a default namespace (`xmlns="…"`).

    Children are added with plain tag names. ElementTree would name a namespaced tree `ns0:…`
    and refuses a default namespace beside plain attribute names, so the declarations are
    written as ordinary attributes: the bytes are the usual form, which every LMS reads.
    """
    declarations = {"xmlns": namespace, "xmlns:xsi": XSI, "xsi:schemaLocation": schema_location}
    return ET.Element(tag, {**declarations, **attrib})


def xml_bytes(root: ET.Element, keep: frozenset[str] = frozenset()) -> bytes:
    """UTF-8 XML with a declaration, indented except inside elements named in `keep`."""
    indent(root, keep)
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")


def indent(element: ET.Element, keep: frozenset[str], level: int = 0) -> None:
    """Indent element-only content. Mixed content (text beside children) and the elements in
    `keep` (inline markup, where a new line would add a space) are left exactly as built."""
    children = list(element)
    if not children or element.tag in keep or _has_text(element):
        return
    pad = "\n" + "  " * (level + 1)
    element.text = pad
    for child in children:
        indent(child, keep, level + 1)
        child.tail = pad
    children[-1].tail = "\n" + "  " * level


def _has_text(element: ET.Element) -> bool:
    return bool((element.text or "").strip()) or any((child.tail or "").strip() for child in element)


def safe_id(text: str) -> str:
    """An identifier safe as an XML NCName and a file name: ids are already lower-case ASCII."""
    return re.sub(r"[^A-Za-z0-9_.-]", "-", text)


# --------------------------------------------------------------------------- zip


def zip_bytes(files: Mapping[str, bytes], when: datetime.datetime) -> bytes:
    """A zip that is byte-identical for the same files: sorted names, one fixed timestamp, fixed
    permissions and host system (ZipInfo otherwise records the platform it ran on)."""
    return zip_append(b"", files, when)


def zip_append(archive: bytes, files: Mapping[str, bytes], when: datetime.datetime) -> bytes:
    """`archive` (a zip_bytes zip, or b"" for none) with `files` added after its entries, as
    zip_bytes writes them: the entries already there are copied, not compressed again."""
    buffer = io.BytesIO(archive)
    stamp = max(when.timetuple()[:6], (1980, 1, 1, 0, 0, 0))  # the zip format starts in 1980
    with zipfile.ZipFile(buffer, "a" if archive else "w") as zipped:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            zipped.writestr(info, files[name], compresslevel=9)
    return buffer.getvalue()


EPOCH_OF_ZIP = datetime.datetime(1980, 1, 1)  # the zip format holds no earlier date


class XlsxBook:
    """An XlsxWriter workbook written in memory, with deterministic bytes: dated `when`, its zip
    entries as `zip_bytes` writes them, and no text ever read as a formula, number or link."""

    def __init__(self, when: datetime.datetime):
        import xlsxwriter

        self._buffer = io.BytesIO()
        self.book = xlsxwriter.Workbook(self._buffer, {"in_memory": True, "strings_to_formulas": False,
                                                       "strings_to_numbers": False, "strings_to_urls": False})
        self.stamp = max(when.replace(tzinfo=None), EPOCH_OF_ZIP)
        self.book.set_properties({"created": self.stamp, "author": "latsar"})

    def bytes(self) -> bytes:
        self.book.close()
        with zipfile.ZipFile(io.BytesIO(self._buffer.getvalue())) as archive:
            return zip_bytes({name: archive.read(name) for name in archive.namelist()}, self.stamp)


def archive_time(programme: Programme) -> datetime.datetime:
    """The same timestamp as the PDFs carry."""
    return document_time(programme)
