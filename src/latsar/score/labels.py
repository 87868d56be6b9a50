"""Fixed words of the scoring outputs (answer template, report), read from `labels.yaml`.

Kept beside the scorer, in the same one-key-per-string form as `latsar/labels/*.yaml`, so the
lead can merge them into the shared label files without changing a caller.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Mapping

import yaml


@lru_cache(maxsize=None)
def score_labels(lang: str) -> Mapping[str, str]:
    # Cached: package data, never changed while the process runs.
    data = yaml.safe_load(resources.files(__package__).joinpath("labels.yaml").read_text(encoding="utf-8"))
    if lang not in data:
        raise KeyError(f"no scoring labels for language '{lang}' (known: {', '.join(sorted(data))})")
    return MappingProxyType({str(k): str(v) for k, v in data[lang].items()})
