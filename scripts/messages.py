"""Keep the message catalogues in step with the code (a developer's tool; needs babel, a test extra).

    python scripts/messages.py

extracts every `t("…")` and `N_("…")` message from src/latsar, merges it into
src/latsar/locale/{id,en}/LC_MESSAGES/latsar.po (existing translations kept; a new message gets an
empty Indonesian translation to write, and itself as the English one; messages gone from the code
are dropped), and compiles each .po into the .mo that latsar reads at run time.
"""

from __future__ import annotations

import ast
import datetime
import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "latsar"
LOCALE = SOURCE / "locale"
LANGUAGES = ("id", "en")


def extracted() -> dict[str, list[str]]:
    """Every message id in the code, with where it is used."""
    found: dict[str, list[str]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
            SOURCE, method_map=[("**.py", "python")], keywords={"t": None, "N_": None}, comment_tags=()):
        if isinstance(message, str):
            found.setdefault(message, []).append(f"{filename}:{lineno}")
    for message, where in in_fstrings():
        found.setdefault(message, []).append(where)
    return found


def in_fstrings() -> list[tuple[str, str]]:
    """`t("…")`/`N_("…")` inside an f-string's {…} field, which babel's Python extractor does not read
    (before Python 3.12 an f-string is one token to it): found in the syntax tree instead."""
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        for fstring in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(fstring, ast.JoinedStr):
                found += [(call.args[0].value, f"{path.relative_to(SOURCE)}:{call.lineno}")
                          for call in ast.walk(fstring) if isinstance(call, ast.Call)
                          and isinstance(call.func, ast.Name) and call.func.id in ("t", "N_") and call.args
                          and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)]
    return found


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "latsar.po"


def read_catalogue(lang: str) -> Catalog:
    path = po_path(lang)
    if not path.is_file():
        return Catalog(locale=lang, domain="latsar")
    with path.open("rb") as stream:
        return read_po(stream, locale=lang, domain="latsar")


def merged(lang: str, messages: dict[str, list[str]]) -> Catalog:
    old = read_catalogue(lang)
    catalogue = Catalog(locale=lang, domain="latsar", project="latsar", version="", fuzzy=False,
                        header_comment=f"# latsar messages: {'Bahasa Indonesia' if lang == 'id' else 'English'}.")
    for message in sorted(messages):
        kept = old.get(message)
        text = kept.string if kept is not None and kept.string else ("" if lang == "id" else message)
        catalogue.add(message, text)
    return catalogue


def write(lang: str, catalogue: Catalog) -> None:
    path = po_path(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalogue, width=0, no_location=True, omit_header=False, sort_output=True)
    # Dates and the babel version would change every run; the catalogue is data, not an event.
    text = "\n".join(line for line in buffer.getvalue().decode("utf-8").splitlines()
                     if not line.startswith(('"POT-Creation-Date', '"PO-Revision-Date', '"Generated-By'))) + "\n"
    path.write_text(text, encoding="utf-8")
    compile_mo(lang)


def compile_mo(lang: str) -> None:
    catalogue = read_catalogue(lang)
    # babel stamps "now" into a catalogue without dates; a fixed stamp keeps the .mo reproducible.
    catalogue.creation_date = catalogue.revision_date = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
    with po_path(lang).with_suffix(".mo").open("wb") as stream:
        write_mo(stream, catalogue, use_fuzzy=False)


def main() -> None:
    messages = extracted()
    for lang in LANGUAGES:
        catalogue = merged(lang, messages)
        write(lang, catalogue)
        missing = [m.id for m in catalogue if m.id and not m.string]
        print(f"{po_path(lang).relative_to(ROOT)}: {len(messages)} messages, {len(missing)} untranslated")


if __name__ == "__main__":
    main()
