"""The regulation registry (`regulations.yaml`) and the regulations cited in curriculum text.

Errors: a registry entry of an unknown instrument, or pointing at an id the registry lacks.
Warnings, for any text of the programme, modules, items and blueprints (seed quotations excepted):
R1, a citation the registry does not hold; R2, a revoked or ended regulation cited without marking
it as history. A citation is marked as history when the sentence it stands in (for an item: any
text of the item) says so with one of `HISTORY_WORDS`, e.g. "UU 5/2014, yang telah dicabut …".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator

from latsar.errors import Diagnostic, Location, did_you_mean
from latsar.messages import N_, t
from latsar.model.citations import SPELLINGS, Citation, find_citations, registry_key
from latsar.model.schema import Regulation, RegulationRegistry
from latsar.source.yamlfile import SourceDoc, texts

if TYPE_CHECKING:
    from latsar.model.load import Loaded

REGISTRY_FILE = "regulations.yaml"
HISTORY_WORDS = ("dicabut", "mencabut", "diganti", "digantikan", "menggantikan", "mengganti", "berakhir",
                 "tidak berlaku", "tidak lagi berlaku", "sebelumnya", "semula", "dahulu", "dulu", "lama",
                 "pernah", "sejarah", "riwayat")
_HISTORY = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in HISTORY_WORDS) + r")\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])|\n\s*\n|\n\s*[-*]\s")
# Keys whose text is not the curriculum's own words: verbatim seed quotations, ids and file names.
_SKIPPED_KEYS = frozenset({"quote", "citations", "seed", "id", "file", "objective", "section", "objectives"})
_REASONS = {"revoked": N_("{regulation} ({title}) was revoked"),
            "revoked by": N_("{regulation} ({title}) was revoked by {by}"),
            "ended": N_("{regulation} ({title}) has ended")}


def label(regulation: Regulation) -> str:
    return f"{regulation.instrument} {regulation.number}/{regulation.year}"


@dataclass(frozen=True)
class Registry:
    by_id: dict[str, Regulation]
    by_key: dict[tuple[str, str, int], Regulation]

    @classmethod
    def of(cls, registry: RegulationRegistry | None) -> "Registry":
        entries = registry.regulations if registry else []
        return cls({r.id: r for r in entries},
                   {registry_key(r.instrument, r.number, r.year): r for r in entries})

    def name(self, regulation_id: str | None) -> str:
        regulation = self.by_id.get(regulation_id or "")
        return label(regulation) if regulation else ""


# --------------------------------------------------------------------------- the registry itself


def check_registry(doc: SourceDoc, registry: RegulationRegistry) -> Iterator[Diagnostic]:
    """Errors in regulations.yaml: unknown instruments and ids, duplicates."""
    ids = {r.id for r in registry.regulations}
    seen: dict[tuple[str, str, int], int] = {}
    for n, regulation in enumerate(registry.regulations):
        if regulation.instrument not in SPELLINGS:
            yield Diagnostic(doc.locate(("regulations", n, "instrument")),
                             t("unknown instrument '{name}'", name=regulation.instrument),
                             did_you_mean(regulation.instrument, SPELLINGS)
                             or t("instruments: {names}", names=", ".join(SPELLINGS)))
        for field, refs in (("amended_by", regulation.amended_by), ("revoked_by", [regulation.revoked_by]),
                            ("successor", [regulation.successor])):
            for m, ref in enumerate(refs):
                if ref is not None and ref not in ids:
                    path = ("regulations", n, field) + ((m,) if field == "amended_by" else ())
                    yield Diagnostic(doc.locate(path), t("unknown regulation id '{id}'", id=ref),
                                     did_you_mean(ref, ids) or t("add that regulation to the registry first"))
        key = registry_key(regulation.instrument, regulation.number, regulation.year)
        if key in seen:
            yield Diagnostic(doc.locate(("regulations", n, "number")),
                             t("{regulation} is listed twice", regulation=label(regulation)),
                             t("keep one entry (the other is regulations[{index}])", index=seen[key]))
        seen.setdefault(key, n)


# --------------------------------------------------------------------------- citations in text


def _texts(data: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    return texts(data, _SKIPPED_KEYS, path)


def _sentence(text: str, citation: Citation) -> str:
    starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text) if m.end() <= citation.start]
    end = next((m.start() for m in _SENTENCE_END.finditer(text, citation.end)), len(text))
    return text[starts[-1]:end]


def _locate(doc: SourceDoc, path: tuple, text: str, citation: Citation) -> Location:
    """The citation's own line and column: the n-th occurrence of its first word in the value
    (folding a long line changes only whitespace, so words keep their order)."""
    word = text[citation.start:citation.end].split()[0]
    where = doc.locate(path)
    for _ in range(text.count(word, 0, citation.start)):
        where = doc.find_after(where, word)
        where = Location(where.path, where.line, where.column + 1)
    return doc.find_after(where, word)


def _unit(doc_kind: str, path: tuple, data: Any) -> str:
    """The text a citation may be marked as history in: the whole item for items."""
    if doc_kind == "items" and len(path) >= 2 and path[0] == "items":
        return " ".join(text for _, text in _texts(data["items"][path[1]]))
    return ""


def check_text(doc: SourceDoc, doc_kind: str, registry: Registry, has_registry: bool) -> Iterator[Diagnostic]:
    for path, text in _texts(doc.data):
        for citation in find_citations(text):
            regulation = registry.by_key.get(citation.key)
            if regulation is None:
                yield _unknown(_locate(doc, path, text, citation), citation, registry, has_registry)
            elif regulation.status in _REASONS:
                context = _sentence(text, citation) + " " + _unit(doc_kind, path, doc.data)
                if not _HISTORY.search(context):
                    yield _not_history(_locate(doc, path, text, citation), regulation, registry)


def _unknown(where: Location, citation: Citation, registry: Registry, has_registry: bool) -> Diagnostic:
    if not has_registry:
        hint = t("create curriculum/{file} listing the regulations the curriculum cites", file=REGISTRY_FILE)
    else:
        known = [label(r) for r in registry.by_id.values()]
        hint = did_you_mean(citation.label(), known) or t("check the number and year")
        hint += "; " + t("a regulation not in {file} is not verified: add it there with its status",
                         file=REGISTRY_FILE)
    return Diagnostic(where, t("regulation '{regulation}' is not in the registry", regulation=citation.label()),
                      hint, severity="warning", rule="R1")


def _not_history(where: Location, regulation: Regulation, registry: Registry) -> Diagnostic:
    by = registry.name(regulation.revoked_by) if regulation.status == "revoked" else ""
    now = registry.name(regulation.successor or regulation.revoked_by)
    status = regulation.status + (" by" if by else "")
    message = t(_REASONS[status], regulation=label(regulation), title=regulation.title, by=by)
    word = "dicabut" if regulation.status == "revoked" else "berakhir"
    hint = (t("cite {now}, or mark it as history in the same sentence, e.g. \"yang telah {word}\"", now=now, word=word)
            if now else t("mark it as history in the same sentence, e.g. \"yang telah {word}\"", word=word))
    return Diagnostic(where, message, hint, severity="warning", rule="R2")


def run(loaded: "Loaded") -> list[Diagnostic]:
    """R1 and R2 over every file the curriculum wrote itself."""
    registry = Registry.of(loaded.registry[1] if loaded.registry else None)
    docs = [(loaded.programme[0], "programme")] + [(doc, kind) for kind, files in loaded.files.items()
                                                   for doc, _ in files]
    found: list[Diagnostic] = []
    for doc, kind in docs:
        found.extend(check_text(doc, kind, registry, loaded.registry is not None))
    return found
