"""Regulations cited in curriculum text, found by their usual Indonesian spellings.

"Undang-Undang Nomor 20 Tahun 2023", "UU No. 20 Tahun 2023" and "UU 20/2023" are one citation,
of (UU, 20, 2023). A following "jo. 10/2021" or "dan 3/2023" is a second citation of the same
kind of instrument. Only the shapes in `SPELLINGS` are recognised: a citation written otherwise
is not checked (docs/item-lint.md lists them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

# Registry instrument → the ways text writes it, longest first within each kind.
SPELLINGS: dict[str, tuple[str, ...]] = {
    "UU": ("Undang-Undang", "UU"),
    "PP": ("Peraturan Pemerintah", "PP"),
    "Perpres": ("Peraturan Presiden", "Perpres"),
    "Inpres": ("Instruksi Presiden", "Inpres"),
    "Keppres": ("Keputusan Presiden", "Keppres"),
    "PermenPANRB": ("Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
                    "Peraturan Menteri Negara Pendayagunaan Aparatur Negara", "Peraturan Menteri Negara PAN",
                    "Peraturan Menteri PANRB", "Peraturan Menteri PAN-RB", "Peraturan Menteri PAN RB",
                    "Peraturan MenPANRB", "Peraturan MenPAN-RB", "Peraturan MenPAN RB", "Peraturan MenPAN",
                    "PermenPANRB", "PermenPAN-RB", "PermenPAN RB", "PermenPAN"),
    "SE MenPANRB": ("Surat Edaran Menteri PANRB", "Surat Edaran MenPANRB", "SE MenPANRB", "SE MenPAN-RB"),
    "PerLAN": ("Peraturan Lembaga Administrasi Negara", "Peraturan LAN", "PerLAN"),
    "Keputusan Kepala LAN": ("Keputusan Kepala Lembaga Administrasi Negara", "Keputusan Kepala LAN",
                             "Kepka LAN"),
    "Permenko PMK": ("Peraturan Menteri Koordinator Bidang Pembangunan Manusia dan Kebudayaan",
                     "Peraturan Menko PMK", "Permenko PMK"),
    "PerKI": ("Peraturan Komisi Informasi", "PerKI"),
    "PerBKN": ("Peraturan Badan Kepegawaian Negara", "Peraturan BKN", "PerBKN"),
    "Kepmenkominfo": ("Keputusan Menteri Komunikasi dan Informatika", "Keputusan Menkominfo", "Kepmenkominfo"),
    "Keputusan Bersama": ("Keputusan Bersama Menteri PANRB", "Keputusan Bersama MenPANRB", "SKB MenPANRB"),
}

_KIND_OF = {spelling.lower(): kind for kind, spellings in SPELLINGS.items() for spelling in spellings}
_NAMES = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in sorted(_KIND_OF, key=len, reverse=True))
# "Nomor 20 Tahun 2023", "No. 20 Tahun 2023", "Nomor 94/K.1/PDP.07/2021", "20/2023", "Nomor 20/2023".
_NUMBER = (r"(?:(?:Nomor|No\.?)\s*(?P<long>[0-9][\w.]*(?:/[\w.-]+)*?)\s+Tahun\s+(?P<long_year>\d{4})"
           r"|(?:(?:Nomor|No\.?)\s*)?(?P<short>[0-9][\w.]*(?:/[A-Za-z][\w.-]*)*)\s*/\s*(?P<short_year>\d{4}))")
CITATION = re.compile(rf"(?<![\w-])(?P<name>{_NAMES})\s+{_NUMBER}(?!\w)", re.IGNORECASE)
YEAR = re.compile(r"\d{4}")
# Where a citation can begin: the first letter of a word that some spelling begins with, in either
# case (folded as in CITATION). Python's regular expressions do not skip ahead to such places by
# themselves (CITATION opens with a look-behind and a case-insensitive alternation), so they are
# found first and CITATION tried at each: the same matches, several times faster on long prose.
_STARTS = re.compile(rf"(?<![\w-])[{''.join(sorted({s[0] for s in _KIND_OF}))}]", re.IGNORECASE)
# "… jo. 10/2021", "… dan Nomor 3 Tahun 2023": another instrument of the same kind.
FOLLOWER = re.compile(rf"\s*(?:jo\.?|juncto|dan|serta|,)\s*{_NUMBER}(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class Citation:
    kind: str  # a key of SPELLINGS
    number: str
    year: int
    start: int  # character offsets in the scanned text
    end: int

    @property
    def key(self) -> tuple[str, str, int]:
        return self.kind, self.number.upper(), self.year

    def label(self) -> str:
        return f"{self.kind} {self.number}/{self.year}"


def _number(match: re.Match) -> tuple[str, int]:
    if match.group("long"):
        return match.group("long"), int(match.group("long_year"))
    return match.group("short"), int(match.group("short_year"))


def find_citations(text: str) -> Iterator[Citation]:
    """Every citation in `text`, in order."""
    if not YEAR.search(text):  # every citation ends in a year: most texts are passed over at once
        return
    for match in _citation_matches(text):
        kind = _KIND_OF[" ".join(match.group("name").lower().split())]
        number, year = _number(match)
        yield Citation(kind, number, year, match.start(), match.end())
        end = match.end()
        while (follow := FOLLOWER.match(text, end)) is not None:
            number, year = _number(follow)
            start = follow.start("long") if follow.group("long") else follow.start("short")
            yield Citation(kind, number, year, start, follow.end())
            end = follow.end()


def _citation_matches(text: str) -> Iterator[re.Match]:
    """`CITATION.finditer(text)`, tried only where a citation can begin."""
    end = 0
    for start in _STARTS.finditer(text):
        if start.start() >= end and (match := CITATION.match(text, start.start())) is not None:
            yield match
            end = match.end()


def registry_key(kind: str, number: str, year: int) -> tuple[str, str, int]:
    return kind, number.upper(), year
