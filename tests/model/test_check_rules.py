"""The rules that keep a curriculum honest (issue 15): each with a small fixture in
tests/fixtures/lint/ (replacing one file of the mini curriculum) and its exact messages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from latsar.cli import main

LINT = Path(__file__).resolve().parents[1] / "fixtures" / "lint"
TARGETS = {"items": "items/mini.yaml", "blueprint": "blueprints/kuis.yaml", "module": "modules/mini.yaml"}


def _install(fixture: str, curriculum: Path) -> None:
    kind = fixture.rsplit(".", 2)[-2]
    shutil.copyfile(LINT / fixture, curriculum / TARGETS[kind])


def _warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ": warning: " in line]


def test_regulations_unknown_or_revoked_are_reported(mini: Path, capsys: pytest.CaptureFixture) -> None:
    _install("citations.items.yaml", mini)
    assert main(["check", "curriculum", "--strict"]) == 1
    assert _warnings(capsys.readouterr().err) == [
        "curriculum/items/mini.yaml:10:69: warning: [R2] UU 5/2014 (Aparatur Sipil Negara) was revoked by "
        "UU 20/2023; cite UU 20/2023, or mark it as history in the same sentence, e.g. \"yang telah dicabut\"",
        "curriculum/items/mini.yaml:11:62: warning: [R1] regulation 'PP 99/2099' is not in the registry; check "
        "the number and year; a regulation not in regulations.yaml is not verified: add it there with its status",
    ]


def test_history_is_marked_per_sentence_in_modules(mini: Path, capsys: pytest.CaptureFixture) -> None:
    module = mini / "modules" / "mini.yaml"
    module.write_text(module.read_text().replace(
        "background: Latar belakang singkat.",
        "background: Dahulu UU 5/2014 mengatur ASN. Kini Undang-Undang Nomor 5 Tahun 2014 masih dikutip."))
    assert main(["check", "curriculum"]) == 0
    assert _warnings(capsys.readouterr().err) == [
        "curriculum/modules/mini.yaml:5:49: warning: [R2] UU 5/2014 (Aparatur Sipil Negara) was revoked by "
        "UU 20/2023; cite UU 20/2023, or mark it as history in the same sentence, e.g. \"yang telah dicabut\""]


def test_without_a_registry_every_citation_is_unverified(mini: Path, capsys: pytest.CaptureFixture) -> None:
    (mini / "regulations.yaml").unlink()
    module = mini / "modules" / "mini.yaml"
    module.write_text(module.read_text().replace("background: Latar belakang singkat.",
                                                 "background: Pasal 10 UU 20/2023 jo. 5/2014."))
    assert main(["check", "curriculum"]) == 0
    assert _warnings(capsys.readouterr().err) == [
        "curriculum/modules/mini.yaml:5:22: warning: [R1] regulation 'UU 20/2023' is not in the registry; create "
        "curriculum/regulations.yaml listing the regulations the curriculum cites",
        "curriculum/modules/mini.yaml:5:37: warning: [R1] regulation 'UU 5/2014' is not in the registry; create "
        "curriculum/regulations.yaml listing the regulations the curriculum cites"]


def test_docs_list_every_recognised_spelling() -> None:
    from latsar.model.citations import SPELLINGS

    docs = (Path(__file__).resolve().parents[2] / "docs" / "item-lint.md").read_text(encoding="utf-8")
    for kind, spellings in SPELLINGS.items():
        assert f"| `{kind}` | {', '.join(spellings)} |" in docs
