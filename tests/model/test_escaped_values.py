"""A file without a backslash writes each value out in its text, so the loader looks for
placeholders and templates only in files whose text holds one; written with an escape ("\x54ODO:",
"\x7b{"), they are still found."""

from __future__ import annotations

from pathlib import Path

import pytest

from latsar.cli import main
from latsar.model.load import load_curriculum


def test_a_placeholder_written_with_an_escape_is_found(mini: Path, capsys: pytest.CaptureFixture) -> None:
    module = mini / "modules" / "mini.yaml"
    module.write_text(module.read_text().replace("title: Modul Uji", 'title: "\\x54ODO: judul modul"'))
    assert main(["check", "curriculum"]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        "curriculum/modules/mini.yaml:2:8: placeholder not filled: judul modul; replace the whole `TODO: …` "
        "value with your own")


def test_a_template_written_with_an_escape_is_filled(mini: Path) -> None:
    module = mini / "modules" / "mini.yaml"
    module.write_text(module.read_text().replace("description: Modul kecil untuk pengujian {{ institution }}.",
                                                 'description: "Modul kecil untuk pengujian \\x7b{ institution }}."'))
    assert "{{" not in module.read_text()
    curriculum, _ = load_curriculum(mini)
    assert curriculum.modules[0].description == "Modul kecil untuk pengujian BPSDM Uji."


def test_a_file_without_templates_keeps_its_text(mini: Path) -> None:
    module = mini / "modules" / "mini.yaml"
    module.write_text(module.read_text().replace("{{ institution }}", "BPSDM"))
    curriculum, _ = load_curriculum(mini)
    assert curriculum.modules[0].description == "Modul kecil untuk pengujian BPSDM."
