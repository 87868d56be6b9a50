"""Placeholders (`TODO: …` values) are reported at their exact place, and only once."""

from __future__ import annotations

from pathlib import Path

import pytest

from latsar.cli import main
from latsar.source.placeholders import as_yaml, is_placeholder, placeholder


def _errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if not line.endswith(" errors")]


def test_placeholder_is_quoted_yaml() -> None:
    assert placeholder("judul modul") == "TODO: judul modul"
    assert as_yaml("judul: modul") == '"TODO: judul: modul"'
    assert is_placeholder("  TODO: x") and not is_placeholder("Catatan TODO: x") and not is_placeholder(3)


def test_unfilled_placeholders_are_located_and_nothing_else_is_said(mini: Path, capsys: pytest.CaptureFixture) -> None:
    module = mini / "modules" / "mini.yaml"
    text = module.read_text()
    text = text.replace("title: Modul Uji", f"title: {as_yaml('judul modul')}")
    text = text.replace("hours: 2", f"hours: {as_yaml('jam pelajaran (JP), angka')}")
    text = text.replace("  - id: mini-2\n", f"  - id: {as_yaml('id tujuan, mis. mini-2')}\n")
    module.write_text(text)
    assert main(["check", "curriculum"]) == 2
    assert _errors(capsys.readouterr().err) == [
        "curriculum/modules/mini.yaml:2:8: placeholder not filled: judul modul; replace the whole `TODO: …` "
        "value with your own",
        "curriculum/modules/mini.yaml:3:8: placeholder not filled: jam pelajaran (JP), angka; replace the whole "
        "`TODO: …` value with your own",
        "curriculum/modules/mini.yaml:15:9: placeholder not filled: id tujuan, mis. mini-2; replace the whole "
        "`TODO: …` value with your own",
    ]


def test_placeholder_in_programme_and_seeds(mini: Path, capsys: pytest.CaptureFixture) -> None:
    programme = mini / "programme.yaml"
    programme.write_text(programme.read_text().replace("place: Pontianak", f"place: {as_yaml('kota')}"))
    sources = mini.parent / "seeds" / "sources.yaml"
    sources.write_text(sources.read_text().replace("date: 2020-01-15", f"date: {as_yaml('tanggal terbit')}"))
    assert main(["check", "curriculum"]) == 2
    assert [line.split(": placeholder")[0] for line in _errors(capsys.readouterr().err)] == [
        "curriculum/programme.yaml:5:8", "seeds/sources.yaml:6:9"]


def test_a_seed_file_placeholder_is_not_also_missing(mini: Path, capsys: pytest.CaptureFixture) -> None:
    sources = mini.parent / "seeds" / "sources.yaml"
    sources.write_text(sources.read_text().replace("file: berita-uji.txt", f"file: {as_yaml('nama berkas')}"))
    assert main(["check", "curriculum"]) == 2
    assert _errors(capsys.readouterr().err) == [
        "seeds/sources.yaml:2:9: placeholder not filled: nama berkas; replace the whole `TODO: …` value with your own"]
