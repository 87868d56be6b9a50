"""Readers for the export tests: each format parsed back independently of the writers, and the
official schemas loaded offline.

The GIFT reader follows Moodle's own reading order (escapes first, then `::title::`, the answer
block, `=`/`~` answers, `#` feedback, `####` general feedback), working on (character, escaped)
pairs so an escaped special character can never be taken for syntax.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree, html as lxml_html

from latsar.text.markdown import plain_text

REPO = Path(__file__).resolve().parents[3]
# CI runs with the shared folder beside the clone; a schema missing there may be kept as a
# fixture in the repository.
SCHEMA_DIRS = (REPO / "tests" / "fixtures" / "schemas", REPO / ".." / "shared" / "schemas")


# --------------------------------------------------------------------------- text


def words(text: str) -> str:
    return " ".join(text.split())


def html_words(markup: str) -> str:
    """The words an LMS shows for an HTML fragment (for single-paragraph texts)."""
    root = lxml_html.fragment_fromstring(markup, create_parent="div")
    return words("".join(root.itertext()))


def bank_words(source: str) -> str:
    return words(plain_text(source))


def inner_xml(element: etree._Element) -> str:
    """An element's content as namespace-free XHTML, the form the shared HTML writer produces."""
    copy = etree.fromstring(etree.tostring(element))
    for node in copy.iter():
        if isinstance(node.tag, str):
            node.tag = etree.QName(node).localname
    etree.cleanup_namespaces(copy)
    text = (copy.text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text + "".join(etree.tostring(child, encoding="unicode") for child in copy)


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


# --------------------------------------------------------------------------- GIFT


@dataclass
class GiftQuestion:
    category: str
    comment: str
    title: str
    text_format: str
    text: str
    answers: list[tuple[bool, str, str]] = field(default_factory=list)  # (correct, text, feedback)
    general_feedback: str = ""


Chars = list[tuple[str, bool]]  # (character, was escaped)

_GIFT_ESCAPABLE = {"\\": "\\", "~": "~", "=": "=", "#": "#", "{": "{", "}": "}", ":": ":", "n": "\n"}


def gift_chars(text: str) -> Chars:
    out: Chars = []
    i = 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in _GIFT_ESCAPABLE:
            out.append((_GIFT_ESCAPABLE[text[i + 1]], True))
            i += 2
        else:
            out.append((text[i], False))
            i += 1
    return out


def _s(chars: Chars) -> str:
    return "".join(c for c, _ in chars)


def _find(chars: Chars, target: str, start: int = 0) -> int:
    for i in range(start, len(chars) - len(target) + 1):
        if all(chars[i + k] == (target[k], False) for k in range(len(target))):
            return i
    return -1


def _split(chars: Chars, separator: str) -> list[Chars]:
    parts, current = [], []
    for c in chars:
        if c == (separator, False):
            parts.append(current)
            current = []
        else:
            current.append(c)
    return parts + [current]


def parse_gift(text: str) -> list[GiftQuestion]:
    questions, category = [], ""
    for block in text.split("\n\n"):
        lines = block.strip("\n").split("\n")
        comment = "\n".join(line for line in lines if line.strip().startswith("//"))
        body = "\n".join(line for line in lines if not line.strip().startswith("//")).strip()
        if body.startswith("$CATEGORY:"):
            category = body[len("$CATEGORY:"):].strip()
        elif body:
            questions.append(_gift_question(gift_chars(body), category, comment))
    return questions


def _gift_question(chars: Chars, category: str, comment: str) -> GiftQuestion:
    assert _s(chars[:2]) == "::" and not chars[0][1], "a question starts with its ::title::"
    title_end = _find(chars, "::", 2)
    title = _s(chars[2:title_end])
    rest = chars[title_end + 2:]
    open_, close = _find(rest, "{"), _find(rest, "}")
    assert close == len(rest) - 1, "the answer block closes the question"
    head = _s(rest[:open_]).strip()
    fmt, text = (head[1:head.index("]")], head[head.index("]") + 1:]) if head.startswith("[") else ("moodle", head)
    question = GiftQuestion(category, comment, title, fmt, text)
    answers = rest[open_ + 1:close]
    general = _find(answers, "####")
    if general >= 0:
        question.general_feedback = _s(answers[general + 4:]).strip()
        answers = answers[:general]
    for part in _answer_parts(answers):
        mark, body = part[0][0], part[1:]
        pieces = _split(body, "#")
        assert len(pieces) <= 2, "one # separates an answer from its feedback"
        question.answers.append((mark == "=", _s(pieces[0]).strip(), _s(pieces[1]).strip() if len(pieces) > 1 else ""))
    return question


def _answer_parts(chars: Chars) -> list[Chars]:
    """Answers start at each unescaped = or ~."""
    parts: list[Chars] = []
    for c in chars:
        if c in (("=", False), ("~", False)):
            parts.append([c])
        elif parts:
            parts[-1].append(c)
        else:
            assert c[0].isspace(), f"text before the first answer: {c!r}"
    return parts


# --------------------------------------------------------------------------- schemas


def schema_path(relative: str) -> Path:
    for folder in SCHEMA_DIRS:
        if (folder / relative).is_file():
            return (folder / relative).resolve()
    raise FileNotFoundError(f"schema {relative} is in none of {', '.join(str(d) for d in SCHEMA_DIRS)}; "
                            f"CI keeps the standards' schemas in ../shared/schemas beside the clone")


class OfflineResolver(etree.Resolver):
    """Refuses every network URL (and records it), so a schema import that would reach out to
    the internet fails the test instead of silently downloading."""

    def __init__(self) -> None:
        super().__init__()
        self.refused: list[str] = []

    def resolve(self, url, public_id, context):
        if "://" in (url or "") and not url.startswith("file:"):
            self.refused.append(url)
            raise OSError(f"schema loading tried the network: {url}")
        return None


def load_xsd(relative: str, retarget: tuple[str, str] | None = None) -> tuple[etree.XMLSchema, OfflineResolver]:
    """An XSD with its imports resolved beside it. `retarget` swaps the target namespace, for a
    profile that reuses a standard schema under its own namespace (Common Cartridge's CP)."""
    path = schema_path(relative)
    resolver = OfflineResolver()
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(resolver)
    data = path.read_bytes()
    if retarget:
        data = data.replace(retarget[0].encode(), retarget[1].encode())
    document = etree.fromstring(data, parser, base_url=str(path))
    return etree.XMLSchema(etree.ElementTree(document)), resolver


def load_dtd(relative: str) -> etree.DTD:
    return etree.DTD(str(schema_path(relative)))


def assert_valid(schema, document: etree._Element | etree._ElementTree, what: str) -> None:
    if not schema.validate(document):
        errors = "\n".join(str(e) for e in schema.error_log.filter_from_errors()[:10])
        raise AssertionError(f"{what} does not validate:\n{errors}")


def without_namespaces(root: etree._Element) -> etree._Element:
    """A copy with plain tag names and no namespace attributes (the DTD's form of QTI 1.2)."""
    copy = etree.fromstring(etree.tostring(root))
    for node in copy.iter():
        if isinstance(node.tag, str):
            node.tag = etree.QName(node).localname
        for name in [n for n in node.attrib if n.startswith("{")]:
            del node.attrib[name]
    etree.cleanup_namespaces(copy)
    return copy
