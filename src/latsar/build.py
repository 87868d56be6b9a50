"""Build orchestration: produce every output in memory, then write them all atomically.

Rendering happens before anything touches the output folder, so a failure leaves `build/` as it
was; each file is written to a temporary name beside its target and renamed into place.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from latsar import __version__
from latsar.model.curriculum import Curriculum


@dataclass
class Outputs:
    """Files to write, by path relative to the output folder (always with forward slashes)."""

    files: dict[str, bytes] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add(self, path: str, content: bytes | str) -> None:
        self.files[path] = content.encode("utf-8") if isinstance(content, str) else content


@dataclass(frozen=True)
class BuildOptions:
    lang: str | None = None  # overrides programme.language for fixed labels
    only: frozenset[str] = frozenset()  # blueprint ids to build; empty = all


Step = Callable[[Curriculum, BuildOptions, Outputs], None]


def schema_step(curriculum: Curriculum, options: BuildOptions, outputs: Outputs) -> None:
    from latsar.model.jsonschema import schema_files

    for name, text in schema_files().items():
        outputs.add(f"schema/{name}", text)


def summary_step(curriculum: Curriculum, options: BuildOptions, outputs: Outputs) -> None:
    from latsar.summary import summary

    outputs.add("reports/summary.txt", summary(curriculum, {}) + "\n")


# Steps in build order; later issues add theirs here.
STEPS: dict[str, Step] = {
    "schema": schema_step,
    "summary": summary_step,
}


def build(curriculum: Curriculum, out: Path, options: BuildOptions = BuildOptions(),
          steps: dict[str, Step] | None = None) -> Outputs:
    outputs = Outputs()
    for step in (steps or STEPS).values():
        step(curriculum, options, outputs)
    outputs.add("manifest.json", manifest(curriculum, outputs))
    write_all(out, outputs.files)
    return outputs


def manifest(curriculum: Curriculum, outputs: Outputs) -> str:
    document = {
        "latsar": __version__,
        "inputs": dict(curriculum.input_hashes),
        "seeds": {b.id: b.seed for b in curriculum.blueprints},
        "files": [
            {"path": path, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for path, data in sorted(outputs.files.items())
        ],
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_all(out: Path, files: dict[str, bytes]) -> None:
    for relative, data in sorted(files.items()):
        write_atomic(out / relative, data)


def write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
