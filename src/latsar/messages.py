"""Every message latsar prints to a person, in Bahasa Indonesia or English, from one catalogue.

Messages are written in the code in English, as `t("unknown key '{key}'", key=name)`; the English
text is the gettext message id, and `locale/<lang>/LC_MESSAGES/latsar.mo` holds its translation
(compiled from the `.po` beside it with `python scripts/messages.py`). A message missing from a
catalogue still prints, in English, and the catalogue test names it. File names, line numbers,
keys and ids are values filled in, never translated.

The language: `LATSAR_LANG` (`id` or `en`) when set, else the programme's `language`, else
Indonesian. It is kept in a context variable, so a command (or a test) can set it for its own
run without touching anything global.
"""

from __future__ import annotations

import gettext
import os
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

DOMAIN = "latsar"
LOCALE = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("id", "en")
DEFAULT = "id"
ENVIRONMENT = "LATSAR_LANG"


def environment_language() -> str | None:
    """`LATSAR_LANG` when it names a language we speak."""
    value = os.environ.get(ENVIRONMENT, "").strip().lower()
    return value if value in LANGUAGES else None


_language: ContextVar[str] = ContextVar("latsar_language", default=environment_language() or DEFAULT)


def language() -> str:
    return _language.get()


def use_language(lang: str) -> None:
    """Speak `lang` from now on in this context (a command's run, a test)."""
    if lang in LANGUAGES:
        _language.set(lang)


@contextmanager
def speaking(lang: str | None) -> Iterator[None]:
    """Speak `lang` (when it is one we speak) inside the block, then as before."""
    token = _language.set(lang) if lang in LANGUAGES else None
    try:
        yield
    finally:
        if token is not None:
            _language.reset(token)


@lru_cache(maxsize=None)
def _catalogue(lang: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, localedir=LOCALE, languages=[lang], fallback=True)


def N_(message: str) -> str:
    """Marks a message kept in a table for the catalogue; `t` translates it where it is used."""
    return message


def t(message: str, /, **values: Any) -> str:
    """`message` in the current language, its `{name}` fields filled from `values`. Without values
    the text is returned as it stands (braces in it are literal)."""
    text = _catalogue(language()).gettext(message)
    if not values:
        return text
    try:
        return text.format_map(values)
    except (KeyError, IndexError, ValueError):  # a broken translation must not hide the message
        return message.format_map(values)
