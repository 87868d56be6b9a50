"""Read one YAML file safely, keeping the line and column of every key and value.

Only the YAML core schema is read (no Python tags). Aliases are refused, which also defeats
"billion laughs" files: the file is read as a stream of parser events, in which an alias is one
small event naming its anchor (nothing is expanded), so reading is linear in the file's size and
the first alias stops it. Oversized files are refused before they are parsed.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Iterator

import yaml
import yaml.resolver

from latsar.errors import Diagnostic, LatsarError, Location
from latsar.messages import N_, t

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
STR_TAG = "tag:yaml.org,2002:str"

PathKey = tuple[Any, ...]


@dataclass(frozen=True)
class SourceDoc:
    """A YAML file's data and where each part of it was written."""

    display: str  # the path as messages show it
    data: Any
    value_marks: dict[PathKey, tuple[int, int]]  # path → (line, column), both 1-based
    key_marks: dict[PathKey, tuple[int, int]]  # path of a mapping entry → where its key is written
    text: str = ""  # the file as read, for pointing inside long values

    @cached_property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    def may_hold(self, needle: str) -> bool:
        """Whether a text value of the file may hold `needle` (no spaces in it). YAML writes every
        value out in the file's text, but for line breaks it folds into spaces and escapes (which
        only a backslash starts): in a file without a backslash, a needle its text does not hold is
        in no value, and the values need not be walked. True when the text is not known."""
        return not self.text or "\\" in self.text or needle in self.text

    def find_after(self, location: Location, needle: str) -> Location:
        """Where `needle` first occurs at or after `location` (e.g. a name inside a block scalar)."""
        lines = self.lines
        for number in range(max(location.line, 1), len(lines) + 1):
            start = location.column - 1 if number == location.line else 0
            column = lines[number - 1].find(needle, start)
            if column >= 0:
                return Location(location.path, number, column + 1)
        return location

    def locate_line(self, location: Location, text: str, line: int) -> Location:
        """Where line `line` (1-based) of `text`, the value written at `location`, starts in the
        file: in a block scalar (`|`, `>`), that many lines below its indicator, at its first
        character, where that line reads so (a folded one may not); else `location` itself."""
        lines, number = self.lines, location.line + line
        indicator = lines[location.line - 1][location.column - 1:location.column] if 0 < location.line <= len(lines) else ""
        wanted = text.split("\n")[line - 1].strip() if 0 < line <= text.count("\n") + 1 else ""
        if indicator in ("|", ">") and wanted and number <= len(lines) and lines[number - 1].strip() == wanted:
            written = lines[number - 1]
            return Location(location.path, number, len(written) - len(written.lstrip()) + 1)
        return location

    def locate(self, path: PathKey, *, key: bool = False) -> Location:
        """Where `path` is written; falls back to the nearest written ancestor."""
        path = tuple(path)
        marks = self.key_marks if key else self.value_marks
        while path:
            if path in marks:
                return Location(self.display, *marks[path])
            if path in self.value_marks:
                return Location(self.display, *self.value_marks[path])
            path = path[:-1]
        line, col = self.value_marks.get((), (1, 1))
        return Location(self.display, line, col)


def texts(data: Any, skipped: frozenset[str] = frozenset(), path: PathKey = ()) -> Iterator[tuple[PathKey, str]]:
    """Every string value in read YAML data with its path, in document order, leaving out the keys in
    `skipped`. Walked with a stack: nested generators would pass each text up through every level."""
    stack = [(path, data)]
    while stack:
        path, data = stack.pop()
        if isinstance(data, str):
            yield path, data
        elif isinstance(data, dict):
            stack.extend((path + (key,), value) for key, value in reversed(data.items()) if key not in skipped)
        elif isinstance(data, list):
            stack.extend((path + (n,), value) for n, value in reversed(list(enumerate(data))))


def display_path(path: Path) -> str:
    """`path` relative to the current folder, as the user would type it. Folders on the way are
    resolved, the file itself is not: a symlink is named by its own name, not its target's."""
    absolute = Path(os.path.abspath(path))
    for base in (Path(os.path.abspath(Path.cwd())), Path.cwd().resolve()):
        for candidate in (absolute, absolute.parent.resolve() / absolute.name):
            if candidate.is_relative_to(base):
                return str(candidate.relative_to(base))
    return str(path)


def read_text(path: Path, display: str) -> str:
    """A file's text as UTF-8, or a located error saying how to fix the encoding or size."""
    from latsar.source.files import Refused, TooLarge, read_bounded

    try:
        raw = read_bounded(path, MAX_FILE_BYTES)
    except Refused as exc:
        large = isinstance(exc, TooLarge)
        raise LatsarError([Diagnostic(
            Location(display, 1, 1), t("file {problem}", problem=exc) if large else str(exc),
            t("split it into several files (e.g. one item bank per module)") if large
            else t("replace it with a regular UTF-8 text file, or remove it"))]) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LatsarError([Diagnostic(
            Location(display, line, column),
            t("file is not valid UTF-8 (byte 0x{byte:02X}{note})", byte=raw[exc.start],
              note=_cp1252_note(raw[exc.start])),
            t("save the file with UTF-8 encoding (in VS Code: 'Save with Encoding' → UTF-8)"))]) from None


# Bytes that Windows-1252 (what Word and Excel on Windows save) uses for typographic punctuation.
CP1252_PUNCTUATION = {0x85: "…", 0x91: "‘", 0x92: "’", 0x93: "“", 0x94: "”", 0x96: "–", 0x97: "—"}


def _cp1252_note(byte: int) -> str:
    char = CP1252_PUNCTUATION.get(byte)
    return t(", a Windows-1252 {char} pasted from Word or Excel", char=char) if char else ""


def read_yaml(path: Path, display: str | None = None) -> SourceDoc:
    display = display or display_path(path)
    text = read_text(path, display)
    control = control_characters(text, display)
    if control:
        raise LatsarError(control)
    builder = _Builder(display)
    try:
        data = builder.build(_events(text))
    except yaml.MarkedYAMLError as exc:
        builder.problems.append(_syntax_problem(text, display, exc))
    except _Stop:
        pass
    if builder.problems:
        raise LatsarError(builder.problems)
    return SourceDoc(display, data if data is not None else {}, builder.value_marks, builder.key_marks, text)


def _events(text: str) -> Iterator[Any]:
    """The file's parser events, as `yaml.parse` yields them, taken straight from the parser (its
    generator and `check_event` cost a tenth of reading a file); the parser gives None at the end."""
    return iter(_Loader(text).get_event, None)


# Characters that have no place in curriculum text: C0 and C1 controls but tab, line feed and
# carriage return (YAML refuses them, XML exports cannot hold them), and the non-characters.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
MAX_REPORTED = 20  # control characters reported per file


def control_characters(text: str, display: str) -> list[Diagnostic]:
    """Every raw control character, located (the first MAX_REPORTED)."""
    found = []
    for match in CONTROL.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        found.append(Diagnostic(Location(display, line, column), control_message(match.group()),
                                t("delete it (such characters come with text pasted from PDFs or word processors)")))
        if len(found) == MAX_REPORTED:
            break
    return found


def control_message(char: str) -> str:
    return t("control character U+{code:04X} in the text", code=ord(char))


def _syntax_problem(text: str, display: str, exc: yaml.MarkedYAMLError) -> Diagnostic:
    """The syntax error where the writer must look: an unclosed quote where it opens (the parser
    notices only lines later), a TAB named as such."""
    opened = _unclosed_quote(text, exc)
    if opened is not None:
        quote = text.splitlines()[opened.line][opened.column]
        return Diagnostic(Location(display, opened.line + 1, opened.column + 1),
                          t("YAML syntax error: the quote {quote} opened here is not closed", quote=quote),
                          t("end the text with {quote} on this line, or write it as a block scalar (key: |)",
                            quote=quote))
    mark = exc.problem_mark or exc.context_mark
    where = Location(display, mark.line + 1, mark.column + 1) if mark else Location(display)
    if mark is not None and _char_at(text, mark) == "\t":
        return Diagnostic(where, t("YAML syntax error: a TAB character here"), t("indent with spaces, not tabs"))
    problem = exc.problem or exc.context or N_("invalid YAML")
    # libyaml's own words, in the reader's language where the catalogue knows them (LIBYAML_PROBLEMS)
    return Diagnostic(where, t("YAML syntax error: {problem}", problem=t(problem)), t(_syntax_hint(problem)))


# What libyaml says most often, for the catalogue.
LIBYAML_PROBLEMS = (
    N_("invalid YAML"), N_("mapping values are not allowed in this context"), N_("did not find expected key"),
    N_("found character that cannot start any token"), N_("could not find expected ':'"),
    N_("did not find expected ',' or ']'"), N_("did not find expected ',' or '}'"),
    N_("found unexpected end of stream"), N_("did not find expected '-' indicator"),
    N_("found a tab character that violates indentation"), N_("found unknown escape character"),
    N_("block sequence entries are not allowed in this context"),
)


def _char_at(text: str, mark) -> str:
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    return line[mark.column] if mark.column < len(line) else ""


def _unclosed_quote(text: str, exc: yaml.MarkedYAMLError):
    """Where a quoted text that swallowed the lines after it begins, if that caused `exc`."""
    if exc.context == "while scanning a quoted scalar" and exc.context_mark is not None:
        return exc.context_mark
    failed_at = exc.problem_mark.line if exc.problem_mark is not None else -1
    opened = None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if token.start_mark.line > failed_at:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") \
                    and token.start_mark.line != token.end_mark.line:
                opened = token
    except yaml.MarkedYAMLError:
        pass
    if opened is not None and opened.end_mark.line == failed_at:
        return opened.start_mark
    return None


def _syntax_hint(problem: str) -> str:
    if "tab" in problem:
        return N_("indent with spaces, not tabs")
    if "mapping values are not allowed" in problem:
        return N_("put text that contains ': ' in quotes, or use a block scalar (key: |)")
    if "expected <block end>" in problem or "indentation" in problem:
        return N_("check the indentation of this line against the lines above")
    return N_("check quotes, colons and indentation around this place")


@lru_cache(maxsize=1024)
def _plain_tag(value: str) -> str:
    """The tag YAML 1.1 gives a plain scalar (int, float, bool, null, timestamp or str): keys and
    short values repeat, so each is resolved once."""
    return _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))


_RESOLVER = yaml.resolver.Resolver()  # safe to share: without path resolvers it keeps no state


class _Stop(Exception):
    """Reading cannot go on safely (alias, excessive nesting); the problem is already recorded."""


@dataclass
class _Frame:
    container: dict | list
    path: PathKey
    key: str | None = None
    keys_seen: dict | None = None


class _Builder:
    """Builds plain data from the YAML event stream: iterative (no recursion limit to hit),
    recording marks, refusing aliases and merge keys, and collecting duplicate-key problems."""

    def __init__(self, display: str):
        self.display = display
        self.value_marks: dict[PathKey, tuple[int, int]] = {}
        self.key_marks: dict[PathKey, tuple[int, int]] = {}
        self.problems: list[Diagnostic] = []
        # One per file: a constructor keeps every node it has built, so a shared one would grow
        # with every file any load ever read.
        self._constructor = yaml.constructor.SafeConstructor()

    def _where(self, mark) -> Location:
        return Location(self.display, mark.line + 1, mark.column + 1)

    def _fail(self, mark, message: str, hint: str) -> None:
        self.problems.append(Diagnostic(self._where(mark), message, hint))
        raise _Stop

    def build(self, events) -> Any:
        stack: list[_Frame] = []
        documents = 0
        root: Any = None
        value_marks, scalar_event = self.value_marks, yaml.ScalarEvent
        for event in events:
            kind = type(event)
            if kind is scalar_event:  # most events: tested first, a mapping's value inline
                top = stack[-1] if stack else None
                if top is not None and top.keys_seen is not None:
                    if top.key is None:
                        self._take_key(top, event)
                        continue
                    mark = event.start_mark
                    value_marks[top.path + (top.key,)] = (mark.line + 1, mark.column + 1)
                    value = self._scalar(event)
                    if not top.key.startswith("\x00duplicate:"):  # a duplicate key's value is dropped
                        top.container[top.key] = value
                    top.key = None
                    continue
                self._path_for(stack, event)  # records the value's mark
                root = self._attach(stack, self._scalar(event), root)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                path = self._path_for(stack, event)
                if len(stack) >= MAX_DEPTH:
                    self._fail(event.start_mark, t("nesting deeper than {depth} levels", depth=MAX_DEPTH),
                               t("flatten the structure"))
                is_map = kind is yaml.MappingStartEvent
                stack.append(_Frame({} if is_map else [], path, None, {} if is_map else None))
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                frame = stack.pop()
                root = self._attach(stack, frame.container, root)
            elif kind is yaml.DocumentStartEvent or kind is yaml.AliasEvent:
                documents = self._refuse(event, documents + (kind is yaml.DocumentStartEvent))
        return root

    def _refuse(self, event, documents: int) -> int:
        """Stop at an alias or a second document (one file holds one document, written out)."""
        if isinstance(event, yaml.AliasEvent):
            self._fail(event.start_mark, t("YAML alias '*{anchor}' is not supported", anchor=event.anchor),
                       t("write the value of '&{anchor}' out in full here", anchor=event.anchor))
        if documents > 1:
            self._fail(event.start_mark, t("more than one YAML document in the file"),
                       t("remove the `---` line; one file holds one document"))
        return documents

    def _path_for(self, stack: list[_Frame], event) -> PathKey:
        if not stack:
            path: PathKey = ()
        else:
            top = stack[-1]
            if top.keys_seen is not None and top.key is None:
                self._fail(event.start_mark, t("a key must be plain text"),
                           t("write the key as a word, e.g. `title:`"))
            path = top.path + ((top.key,) if top.keys_seen is not None else (len(top.container),))
        self.value_marks[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
        return path

    def _take_key(self, frame: _Frame, event) -> None:
        value = self._scalar(event)
        if event.value == "<<" and event.implicit[0]:
            self._fail(event.start_mark, t("YAML merge keys (<<) are not supported"),
                       t("write the keys out in full"))
        if not isinstance(value, str):
            value = str(value)
        if value in frame.keys_seen:
            first = frame.keys_seen[value]
            self.problems.append(Diagnostic(self._where(event.start_mark), t("duplicate key '{key}'", key=value),
                                            t("the first one is at line {line}; keep only one",
                                              line=first.line + 1)))
            value = f"\x00duplicate:{value}:{event.start_mark.line}"  # keep parsing, drop the value
        else:
            frame.keys_seen[value] = event.start_mark
            self.key_marks[frame.path + (value,)] = (event.start_mark.line + 1, event.start_mark.column + 1)
        frame.key = value

    def _attach(self, stack: list[_Frame], value: Any, root: Any) -> Any:
        if not stack:
            return value
        top = stack[-1]
        if top.keys_seen is None:
            top.container.append(value)
        else:
            if not top.key.startswith("\x00duplicate:"):
                top.container[top.key] = value
            top.key = None
        return root

    def _scalar(self, event) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            # Quoted and block scalars are text; plain ones may be numbers, dates, booleans, null.
            tag = _plain_tag(event.value) if event.implicit[0] else STR_TAG
        if tag == STR_TAG and (event.style != '"' or not CONTROL.search(event.value)):
            # What the constructor would make of it, without building a node. The file's raw text has
            # no control characters (read_yaml refused it otherwise): only escapes, which double
            # quotes alone allow ("\x01"), could have made one.
            return event.value
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            value = self._constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            self._fail(event.start_mark, t("unsupported YAML value: {problem}", problem=exc.problem),
                       t("remove the tag (!…) and write plain text, numbers or dates"))
        except (ValueError, OverflowError) as exc:  # a date such as 2026-02-30
            self.problems.append(Diagnostic(self._where(event.start_mark),
                                            t("impossible date '{value}': {problem}", value=event.value, problem=exc),
                                            t("write a real date as YYYY-MM-DD")))
            return event.value
        if isinstance(value, str) and CONTROL.search(value):
            # Written as an escape ("\x01", "\0") inside double quotes: the raw text was clean.
            self.problems.append(Diagnostic(self._where(event.start_mark), control_message(CONTROL.search(value).group()),
                                            t("remove the escape sequence (\\x.., \\0, \\u..) from the text")))
        return value
