"""GIFT: Moodle's plain-text format. Questions are separated by blank lines; `$CATEGORY:` lines
set the category; `::title::`, a `[html]`/`[markdown]`/`[plain]` format, the question text, then
`{ =right#feedback ~wrong#feedback ####general feedback }`. The characters `~ = # { } :` and the
backslash are literal when escaped with a backslash, and `\\n` is a line break. The `// [id:…]
[tag:…]` comment line that latsar's export and recent Moodle write gives the id number and tags.

Only single-answer multiple choice is read: a question with no `=` answer or several, weighted
answers (`~%50%`), or another question type is reported at its line.
"""

from __future__ import annotations

import re

from latsar.errors import Location
from latsar.ingest.bank import Imported, ImportedItem, ImportedOption, decoded
from latsar.ingest.markup import html_to_markdown, text_to_markdown
from latsar.messages import t

_ID = re.compile(r"\[id:((?:\\.|[^\]\\])*)\]")
_TAG = re.compile(r"\[tag:((?:\\.|[^\]\\])*)\]")
_FORMAT = re.compile(r"^\s*\[(html|markdown|plain|moodle)\]")

Chars = list[tuple[str, bool]]  # each character, and whether it was escaped


def read(display: str, data: bytes) -> Imported:
    found = Imported()
    text = decoded(display, data, found)
    if text is None:
        return found
    objective = None
    for start, lines in _chunks(text):
        comments = [line for line in lines if line.lstrip().startswith("//")]
        body = [line for line in lines if not line.lstrip().startswith("//")]
        if not body:
            continue
        if body[0].lstrip().startswith("$CATEGORY:"):
            last = body[0].split(":", 1)[1].strip().rstrip("/").rsplit("/", 1)[-1].strip()
            objective = last if re.match(r"^[a-z0-9][a-z0-9-]*$", last) else None
            continue
        where = Location(display, start + lines.index(body[0]), 1)
        _question(found, where, "\n".join(body), " ".join(comments), objective)
    return found


def _chunks(text: str) -> list[tuple[int, list[str]]]:
    """Groups of non-blank lines with the number of their first line."""
    chunks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            if not current:
                chunks.append((number, current))
            current.append(line)
        else:
            current = []
    return chunks


def _chars(text: str) -> Chars:
    out: Chars = []
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            following = text[index + 1]
            out.append(("\n" if following == "n" else following, True))
            index += 2
        else:
            out.append((char, False))
            index += 1
    return out


def _find(chars: Chars, target: str, start: int = 0) -> int:
    """Index of the first unescaped occurrence of `target` at or after `start`, or -1."""
    size = len(target)
    for index in range(start, len(chars) - size + 1):
        if all(not escaped and char == target[k] for k, (char, escaped) in enumerate(chars[index:index + size])):
            return index
    return -1


def _plain(chars: Chars) -> str:
    return "".join(char for char, _ in chars)


def _question(found: Imported, where: Location, text: str, comments: str, objective: str | None) -> None:
    chars = _chars(text)
    title = None
    if _find(chars, "::") == 0:
        end = _find(chars, "::", 2)
        if end > 0:
            title, chars = _plain(chars[2:end]).strip(), chars[end + 2:]
    opening, closing = _find(chars, "{"), -1
    if opening >= 0:
        closing = _find(chars, "}", opening)
    if opening < 0 or closing < 0:
        found.problem(where, t("no answer block { … } closed in this question"),
                      t("write the answers inside { }, e.g. { =Jakarta ~Bandung ~Surabaya }"))
        return
    head = _plain(chars[:opening])
    fmt_match = _FORMAT.match(head)
    fmt = fmt_match.group(1) if fmt_match else "moodle"
    stem_text = head[fmt_match.end():] if fmt_match else head
    answers = _answers(found, where, chars[opening + 1:closing], fmt)
    if answers is None:
        return
    options, general = answers
    if fmt == "html" and "<img" in text.lower():
        found.problem(where, t("question holds an image, which a latsar item cannot carry"),
                      t("describe the picture in words, or leave the question out"))
        return
    ids = _ID.findall(comments)
    item = ImportedItem(where, _markup(stem_text, fmt), options, name=(ids[0] if ids else title),
                        explanation=general, objective=objective,
                        tags=[re.sub(r"\\(.)", r"\1", t).strip() for t in _TAG.findall(comments)])
    item.take_field_tags()
    found.items.append(item)


def _answers(found: Imported, where: Location, chars: Chars, fmt: str) -> tuple[list[ImportedOption], str | None] | None:
    general_at = _find(chars, "####")
    general = _markup(_plain(chars[general_at + 4:]), fmt) if general_at >= 0 else None
    body = chars[:general_at] if general_at >= 0 else chars
    starts = [i for i, (char, escaped) in enumerate(body) if char in "=~" and not escaped]
    if not starts or _plain(body[:starts[0]]).strip():
        found.problem(where, t("this is not a multiple-choice question: its answers do not start with = or ~"),
                      t("latsar imports single-answer multiple choice only; leave this question out"))
        return None
    options = []
    for index, start in enumerate(starts):
        part = body[start + 1:starts[index + 1] if index + 1 < len(starts) else len(body)]
        text = _plain(part)
        if text.startswith("%"):
            found.problem(where, t("a weighted answer ('{weight}%') cannot be imported; an option is either the key "
                                   "(=) or wrong (~)", weight=text.split("%")[1]), t("remove the %…% weight"))
            return None
        split = _find(part, "#")
        answer, feedback = (part[:split], part[split + 1:]) if split >= 0 else (part, [])
        options.append(ImportedOption(_markup(_plain(answer), fmt), body[start][0] == "=",
                                      _markup(_plain(feedback), fmt) if _plain(feedback).strip() else None))
    keys = sum(option.correct for option in options)
    if keys != 1:
        found.problem(where, t("question has {count} answers marked = ; a latsar item has exactly one key", count=keys),
                      t("mark the correct answer with = and every other with ~"))
        return None
    return options, general


def _markup(text: str, fmt: str) -> str:
    text = text.strip()
    if fmt == "html":
        return html_to_markdown(text)
    if fmt == "markdown":
        return text
    return text_to_markdown(text)
