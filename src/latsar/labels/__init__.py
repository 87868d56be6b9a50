"""Fixed labels of the printed documents (Daftar Isi, Bab, Kunci Jawaban, …), read from data.

`id.yaml` and `en.yaml` hold one string per key; a programme may override single keys. The
loader checks a programme's overrides against `LABEL_KEYS` so a misspelt key is reported with
its YAML location; `labels_for` refuses unknown keys as a last guard.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import yaml

from latsar.errors import LatsarError, did_you_mean
from latsar.messages import t

LANGUAGES: tuple[str, ...] = ("id", "en")
FOLDER = Path(__file__).parent  # the package's own files, found without importlib.resources (a few ms of every start)


class Labels(Mapping[str, str]):
    """A frozen, hashable mapping from label key to text, for one language."""

    __slots__ = ("_lang", "_data", "_hash")

    def __init__(self, lang: str, data: Mapping[str, str]):
        object.__setattr__(self, "_lang", lang)
        object.__setattr__(self, "_data", MappingProxyType(dict(sorted(data.items()))))
        # Hashed once: every quiz_styles(theme) look-up hashes the theme, and so its ~230 labels.
        object.__setattr__(self, "_hash", hash((lang, tuple(self._data.items()))))

    def __setattr__(self, name, value):
        raise AttributeError("Labels are read-only")

    @property
    def lang(self) -> str:
        return self._lang

    def __getitem__(self, key: str) -> str:
        try:
            return self._data[key]
        except KeyError:
            raise KeyError(f"no label '{key}' (known: {', '.join(self._data)})") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        return self._hash

    def __repr__(self) -> str:
        return f"Labels({self._lang!r}, {len(self._data)} keys)"

    def __reduce__(self):
        # The mapping proxy inside does not pickle; rebuild from a plain dict (for worker processes).
        return Labels, (self._lang, dict(self._data))


@lru_cache(maxsize=None)
def _builtin(lang: str) -> Mapping[str, str]:
    # Cached: the files are package data and never change while the process runs.
    text = (FOLDER / f"{lang}.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: read at import
    return MappingProxyType({str(k): str(v) for k, v in data.items()})


def _keys() -> frozenset[str]:
    return frozenset(_builtin("id"))


LABEL_KEYS: frozenset[str] = _keys()


def labels_for(lang: str, overrides: Mapping[str, str] | None = None) -> Labels:
    """The labels of `lang` with the programme's single-label `overrides` applied."""
    if lang not in LANGUAGES:
        raise LatsarError(t("unknown label language '{lang}'; expected one of {languages}", lang=lang,
                            languages=", ".join(LANGUAGES)))
    overrides = dict(overrides or {})
    unknown = sorted(set(overrides) - LABEL_KEYS)
    if unknown:
        nothing_close = t("no close match")
        hints = [f"'{key}' ({did_you_mean(key, LABEL_KEYS) or nothing_close})" for key in unknown]
        raise LatsarError(t("unknown label key {keys}", keys=", ".join(hints)))
    return Labels(lang, {**_builtin(lang), **overrides})


def format_date(date, labels: Mapping[str, str]) -> str:
    """A date as the documents print it, e.g. "5 Januari 2026" (month names are labels)."""
    return f"{date.day} {labels[f'month_{date.month:02d}']} {date.year}"
