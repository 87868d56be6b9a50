"""The answers readers, one per input kind, and the detection of a file's kind from its header.

`READERS` is the one table of kinds: the CLI's `--format` choices are its keys, and detection
tries them in its order (the most distinctive headers first).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, NamedTuple

from latsar.errors import did_you_mean
from latsar.messages import N_, t
from latsar.score.key import AnswerKey
from latsar.score.readers import forms, matrix, moodle, scans, template
from latsar.score.readers.common import ID_COLUMNS, VERSION_COLUMNS, Parsed, find_column, header_key
from latsar.score.table import Table, fail, read_table


class Reader(NamedTuple):
    describe: str
    looks_like: Callable[[Table, AnswerKey], bool]
    read: Callable[[Table, AnswerKey], Parsed]


def _is_moodle(table: Table, key: AnswerKey) -> bool:
    return bool(moodle.numbered(table, moodle.RESPONSE))


def _is_template(table: Table, key: AnswerKey) -> bool:
    identity = find_column(table, ID_COLUMNS + VERSION_COLUMNS) is not None
    return identity and bool(template.question_columns(table))


def _is_matrix(table: Table, key: AnswerKey) -> bool:
    return bool(matrix.item_columns(table, key))


def _is_forms(table: Table, key: AnswerKey) -> bool:
    return header_key(table.header[0]) in forms.TIMESTAMP or any(forms.stem_item(key, h) for h in table.header)


def _is_scans(table: Table, key: AnswerKey) -> bool:
    return scans.looks_like(table)


READERS: dict[str, Reader] = {
    "moodle": Reader(N_("Moodle quiz Responses report (Response 1, Response 2, …)"), _is_moodle, moodle.read),
    "scans": Reader(N_("latsar scan's scans.csv (file, page, participant, …, review)"), _is_scans, scans.read),
    "template": Reader(N_("latsar answer sheet (no_peserta, nama, paket, 1, 2, …)"), _is_template, template.read),
    "matrix": Reader(N_("0/1 matrix (participant id, then one column per item id)"), _is_matrix, matrix.read),
    "forms": Reader(N_("Google Forms responses (Timestamp, …, one column per question stem)"), _is_forms,
                    forms.read),
}


def detect(table: Table, key: AnswerKey) -> str:
    for kind, reader in READERS.items():
        if reader.looks_like(table, key):
            return kind
    kinds = "; ".join(f"{kind}: {t(reader.describe)}" for kind, reader in READERS.items())
    raise fail(table.at(1, 1), t("cannot tell what kind of answers file this is from its header ({kinds})",
                                 kinds=kinds),
               t("fix the header, or name the kind with --format {kinds}", kinds="|".join(READERS)))


def read_answers(path: Path, key: AnswerKey, fmt: str | None = None) -> Parsed:
    """One answers file read into participants' answers and rejected rows."""
    if fmt is not None and fmt not in READERS:
        hint = did_you_mean(fmt, READERS) or t("use one of {kinds}", kinds=", ".join(READERS))
        raise fail(None, t("--format: unknown kind '{kind}'", kind=fmt), hint)
    table = read_table(path)
    kind = fmt or detect(table, key)
    return READERS[kind].read(table, key)
