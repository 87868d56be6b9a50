"""Item statistics written beside the curriculum and read back for `latsar check` and blueprints."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from latsar.errors import LatsarError
from latsar.score.feedback import read_stats, slug, stats_path

RECORD = {"n": 40, "p": 0.5, "D": 0.3, "r_pbis": 0.3, "flags": [], "action": "keep"}


def write(root: Path, name: str, cohort: str, date: str, records: dict[str, dict]) -> None:
    items = [{"item": item, "date": date, **{**RECORD, **changes}} for item, changes in records.items()]
    (root / "stats").mkdir(exist_ok=True)
    (root / "stats" / name).write_text(yaml.safe_dump({"blueprint": "post-test", "cohort": cohort, "items": items}),
                                       encoding="utf-8")


def test_slug_and_path():
    assert slug("Angkatan XII") == "angkatan-xii"
    assert slug("Angkatan 3 / 2026") == "angkatan-3-2026"
    assert stats_path(Path("c"), "post-test", "Angkatan XII") == Path("c/stats/post-test-angkatan-xii.yaml")


def test_no_stats_folder_means_nothing_flagged(tmp_path):
    assert read_stats(tmp_path) == (frozenset(), {})


def test_the_latest_record_of_each_item_decides(tmp_path):
    write(tmp_path, "post-test-a.yaml", "Angkatan I", "2026-03-01", {
        "wog-01": {"action": "drop", "flags": ["negative discrimination: D = -0.20"]},
        "wog-02": {"action": "revise", "flags": ["low discrimination: D = 0.10 (jelek)"]},
        "wog-03": {"action": "drop", "flags": ["negative point-biserial: r = -0.05"]},
    })
    write(tmp_path, "post-test-b.yaml", "Angkatan II", "2026-09-01", {
        "wog-01": {"action": "keep"},  # revised since, and now fine
        "wog-04": {"action": "revise", "flags": []},
    })
    dropped, flagged = read_stats(tmp_path)
    assert dropped == frozenset({"wog-03"})
    assert flagged == {
        "wog-02": ("post-test, Angkatan I, 2026-03-01: low discrimination: D = 0.10 (jelek)",),
        "wog-03": ("post-test, Angkatan I, 2026-03-01: negative point-biserial: r = -0.05",),
        "wog-04": ("post-test, Angkatan II, 2026-09-01: revise",),
    }


def test_a_bad_stats_file_is_located(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "post-test-a.yaml", "Angkatan I", "2026-03-01", {"wog-01": {"action": "delete"}})
    with pytest.raises(LatsarError) as caught:
        read_stats(Path("."))
    assert caught.value.message == ("stats/post-test-a.yaml:5:11: 'action': expected one of 'keep', 'revise', "
                                    "'drop', got 'delete'; use one of the values listed")


def test_reading_stats_does_not_load_numpy():
    # The curriculum loader calls read_stats on every `latsar check`; it must stay light.
    import subprocess
    import sys

    code = "import sys\nfrom latsar.score.feedback import read_stats\nprint('numpy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "False\n"
