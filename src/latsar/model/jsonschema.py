"""JSON Schema of every file kind, for editors (VS Code's YAML extension) and for tests."""

from __future__ import annotations

import json

from pydantic import TypeAdapter

from latsar.model.schema import FILE_KINDS, SeedSource

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schemas() -> dict[str, dict]:
    found = {kind: model.model_json_schema() for kind, model in FILE_KINDS.items()}
    found["sources"] = TypeAdapter(list[SeedSource]).json_schema()
    for kind, schema in found.items():
        schema["$schema"] = SCHEMA_DIALECT
        schema.setdefault("title", kind)
    return found


def schema_files() -> dict[str, str]:
    return {f"{kind}.schema.json": json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
            for kind, schema in schemas().items()}
