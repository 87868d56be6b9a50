"""A Word document in the programme's house style: paper, margins, fonts, sizes and accent colour
from the same Theme as the PDFs, set on Word's own styles (Normal, Title, Heading 1–4, Quote,
Caption, List …), so a trainer who edits the document keeps the look by choosing a style.

Also the pieces Word builds itself: page-number and table-of-contents fields, page sections with
roman or arabic numbering, and deterministic bytes (fixed core-property dates and zip entries).
"""

from __future__ import annotations

from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

# Word names of the bundled families (latsar/fonts); Word falls back to a similar face where
# they are not installed.
# The Latsar faces are metric-compatible with Arial and Times New Roman, which Word has.
WORD_FONTS: dict[str, str] = {"NotoSerif": "Noto Serif", "NotoSans": "Noto Sans", "LatsarSans": "Arial",
                              "LatsarSerif": "Times New Roman"}
# Heading sizes relative to the body size, by Word heading level.
HEADING_SCALE: dict[int, float] = {1: 1.6, 2: 1.25, 3: 1.1, 4: 1.0}
# Page numbers: the front matter counts in roman numerals, the body from 1 again.
NUMBER_FORMATS: dict[str, str] = {"front": "lowerRoman", "body": "decimal"}
# What may follow w:updateFields inside w:settings (the schema fixes the order; Word checks it).
SETTINGS_AFTER_UPDATE_FIELDS: tuple[str, ...] = (
    "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr",
    "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown", "w:smartTagType",
    "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
)
# What follows w:pgNumType inside w:sectPr (the schema fixes the order of its children).
SECTION_AFTER_PAGE_NUMBERS: tuple[str, ...] = (
    "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter",
    "w:docGrid", "w:printerSettings", "w:sectPrChange",
)


def word_font(family: Any) -> str:
    """The Word font name of a theme font family ("NotoSerif-Regular" → "Noto Serif")."""
    stem = family.regular.split("-")[0]
    return WORD_FONTS.get(stem, stem)


def new_document(theme: Any) -> Any:
    """An empty document whose first section and styles follow the theme."""
    doc = Document()
    _page(doc.sections[0], theme)
    _styles(doc, theme)
    _update_fields_on_open(doc)
    return doc


def _page(section: Any, theme: Any) -> None:
    width, height = theme.page_size
    top, bottom, inner, outer = theme.margins
    section.page_width, section.page_height = Pt(width), Pt(height)
    section.top_margin, section.bottom_margin = Pt(top), Pt(bottom)
    section.left_margin, section.right_margin = Pt(inner), Pt(outer)
    section.header_distance = section.footer_distance = Pt(min(top, bottom) / 2)


def _styles(doc: Any, theme: Any) -> None:
    body, heading = word_font(theme.body_font), word_font(theme.heading_font)
    accent = RGBColor.from_string(theme.colours.accent.lstrip("#"))
    normal = doc.styles["Normal"]
    _font(normal, body, theme.body_size)
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Pt(theme.leading)
    normal.paragraph_format.space_after = Pt(theme.leading * 0.4)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for level, scale in HEADING_SCALE.items():
        style = doc.styles[f"Heading {level}"]
        _font(style, heading, theme.body_size * scale, accent, bold=True)
        style.paragraph_format.line_spacing = Pt(theme.body_size * scale * 1.3)
        style.paragraph_format.space_before = Pt(theme.leading * (1.2 if level > 1 else 0))
        style.paragraph_format.space_after = Pt(theme.leading * 0.5)
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    for name, size, colour in (("Title", 2.4, accent), ("Subtitle", 1.3, None), ("Caption", 0.85, accent),
                               ("TOC Heading", 1.6, accent)):
        _font(doc.styles[name], heading, theme.body_size * size, colour)
    doc.styles["Title"].paragraph_format.line_spacing = Pt(theme.body_size * 2.4 * 1.25)
    _font(doc.styles["Quote"], body, theme.body_size, RGBColor.from_string(theme.colours.muted.lstrip("#")))
    doc.styles["Quote"].font.italic = True


def _font(style: Any, name: str, size: float, colour: Any = None, bold: bool | None = None) -> None:
    style.font.name = name
    style.font.size = Pt(size)
    # Word reads East-Asian and complex-script faces from their own attributes; set them all.
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), name)
    for theme_attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(theme_attribute), None)
    if colour is not None:
        style.font.color.rgb = colour
    if bold is not None:
        style.font.bold = bold


def _update_fields_on_open(doc: Any) -> None:
    """Ask Word to fill the contents and page numbers when the file is opened."""
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    doc.settings.element.insert_element_before(update, *SETTINGS_AFTER_UPDATE_FIELDS)


# --------------------------------------------------------------------------- sections


def new_page_section(doc: Any, matter: str, running_head: str, restart: bool, header_style: str) -> Any:
    """A section starting on a new page, its pages numbered as `matter` asks; its running head
    in the style of id `header_style` (looked up once per document: python-docx searches every
    style for a name)."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    number_pages(section, matter, restart)
    section.header.is_linked_to_previous = False
    head = section.header.paragraphs[0]
    head.text = running_head
    head._p.style = header_style
    return section


def number_pages(section: Any, matter: str, restart: bool) -> None:
    """Page-number format of the section, restarting at 1 when asked; no number on a cover."""
    properties = section._sectPr
    for old in properties.findall(qn("w:pgNumType")):  # a new section copies the one before
        properties.remove(old)
    page_numbers = OxmlElement("w:pgNumType")
    if matter in NUMBER_FORMATS:
        page_numbers.set(qn("w:fmt"), NUMBER_FORMATS[matter])
    if restart:
        page_numbers.set(qn("w:start"), "1")
    properties.insert_element_before(page_numbers, *SECTION_AFTER_PAGE_NUMBERS)
    section.footer.is_linked_to_previous = False
    paragraph = section.footer.paragraphs[0]
    paragraph.text = ""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if matter in NUMBER_FORMATS:
        add_field(paragraph, "PAGE", "1")


def add_field(paragraph: Any, instruction: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES …) inside one paragraph, with `shown` as its result until
    Word updates it."""
    for element in field_start(instruction):
        paragraph._p.append(element)
    paragraph.add_run(shown)
    paragraph._p.append(field_char("end"))


def field_start(instruction: str) -> tuple[Any, Any, Any]:
    """The runs that open a field: begin (marked dirty, so Word updates it), code, separate."""
    code = OxmlElement("w:r")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    code.append(text)
    return field_char("begin"), code, field_char("separate")


def field_char(kind: str) -> Any:
    run = OxmlElement("w:r")
    mark = OxmlElement("w:fldChar")
    mark.set(qn("w:fldCharType"), kind)
    if kind == "begin":
        mark.set(qn("w:dirty"), "true")
    run.append(mark)
    return run


# --------------------------------------------------------------------------- bytes


def document_bytes(doc: Any, theme: Any, title: str, author: str, subject: str, keywords: str) -> bytes:
    """The .docx bytes: the same document always gives the same bytes (core-property dates are
    the theme's timestamp; zip entries get that date, sorted names and fixed attributes)."""
    from latsar.render.export.common import zip_bytes

    return zip_bytes(package_parts(doc, theme, title, author, subject, keywords), theme.timestamp.replace(tzinfo=None))


def package_parts(doc: Any, theme: Any, title: str, author: str, subject: str, keywords: str) -> dict[str, bytes]:
    """The parts of the .docx package by name, its core properties set as `document_bytes` says."""
    props = doc.core_properties
    stamp = theme.timestamp.replace(tzinfo=None)
    props.created = props.modified = props.last_printed = stamp
    props.title, props.author, props.subject, props.keywords = title, author, subject, keywords
    props.last_modified_by, props.revision, props.language = "latsar", 1, theme.pdf_lang
    props.comments = ""
    return _serialised(doc.part.package)


class _Parts(dict):
    """Stands in for python-docx's zip writer: keeps each part's bytes by name instead of
    compressing them into a zip that `document_bytes` would only open again."""

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self[pack_uri.membername] = blob


def _serialised(package: Any) -> dict[str, bytes]:
    """What python-docx's OpcPackage.save writes (content types, package relationships, each
    part and its relationships), as part name -> bytes."""
    from docx.opc.pkgwriter import PackageWriter

    parts = package.parts
    for part in parts:
        part.before_marshal()
    found = _Parts()
    PackageWriter._write_content_types_stream(found, parts)
    PackageWriter._write_pkg_rels(found, package.rels)
    PackageWriter._write_parts(found, parts)
    return dict(found)
