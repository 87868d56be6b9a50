"""The exporter table, export_all / export_one, determinism and the import boundary."""

from __future__ import annotations

import datetime
import subprocess
import sys
import zipfile
import io

import pytest

import exportbank
from latsar.errors import LatsarError
from latsar.render.export import EXPORTERS, ExportRefused, export_all, export_one

FILES = {"moodle.xml", "gift.txt", "aiken.txt", "qti12-canvas.zip", "qti21.zip", "items.csv", "google-forms.gs",
         "kahoot.xlsx", "quizizz.xlsx"}


def test_one_table_lists_every_format_and_its_file(bank, main_plan):
    assert list(EXPORTERS) == ["moodle", "gift", "aiken", "qti12", "qti21", "csv", "forms", "kahoot", "quizizz"]
    for name, exporter in EXPORTERS.items():
        assert exporter.description
        assert set(exporter(bank, main_plan).files) == {exporter.file}, name
    assert {e.file for e in EXPORTERS.values()} == FILES


def test_export_all_writes_every_file_and_collects_warnings(main_export):
    assert set(main_export.files) == FILES
    warnings = "\n".join(main_export.warnings)
    assert "aiken.txt: Aiken carries one key and no feedback" in warnings
    # The pinned item is named wherever a format cannot keep its order on its own.
    for file in ("gift.txt", "aiken.txt", "qti12-canvas.zip"):
        assert any(w.startswith(f"{file}:") and exportbank.PINNED in w for w in main_export.warnings), file
    assert any(w.startswith("qti21.zip:") and exportbank.RENUMBERED in w for w in main_export.warnings)
    assert any(w.startswith("items.csv:") and exportbank.SPECIAL in w for w in main_export.warnings)


def test_export_one_matches_export_all(bank, main_plan, main_export):
    for name, exporter in EXPORTERS.items():
        assert export_one(bank, main_plan, name).files[exporter.file] == main_export.files[exporter.file]


def test_unknown_format_is_a_user_error_with_a_suggestion(bank, main_plan):
    with pytest.raises(LatsarError) as caught:
        export_one(bank, main_plan, "moodel")
    assert caught.value.message == "unknown export format 'moodel'; did you mean 'moodle'?"


def test_a_refusing_format_is_skipped_by_export_all_but_fails_export_one(bank, rich_plan, rich_export):
    assert set(rich_export.files) == FILES - {"aiken.txt"}
    assert any(w.startswith("aiken.txt not written") for w in rich_export.warnings)
    assert any("item 'layanan-1b'" in w for w in rich_export.warnings)
    with pytest.raises(ExportRefused):
        export_one(bank, rich_plan, "aiken")


def test_exports_are_byte_identical_from_fresh_objects(tmp_path, main_export):
    bank = exportbank.curriculum(tmp_path)
    again = export_all(bank, exportbank.main_plan(bank))
    assert again.files == main_export.files
    assert again.warnings == main_export.warnings


def test_zips_have_sorted_entries_fixed_dates_and_attributes(main_export):
    for name in ("qti12-canvas.zip", "qti21.zip"):
        with zipfile.ZipFile(io.BytesIO(main_export.files[name])) as archive:
            infos = archive.infolist()
            assert [i.filename for i in infos] == sorted(i.filename for i in infos)
            assert {i.date_time for i in infos} == {(2026, 1, 5, 0, 0, 0)}  # the programme's date
            assert {(i.create_system, i.external_attr >> 16) for i in infos} == {(3, 0o100644)}


def test_source_date_epoch_sets_the_zip_date(bank, main_plan, monkeypatch):
    epoch = int(datetime.datetime(2030, 6, 7, 8, 9, 10, tzinfo=datetime.timezone.utc).timestamp())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
    data = export_one(bank, main_plan, "qti21").files["qti21.zip"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2030, 6, 7, 8, 9, 10)}


def test_exports_load_neither_reportlab_nor_lxml():
    # lxml is a test dependency only, and reportlab belongs to render/pdf.
    code = ("import sys, latsar.render.export; "
            "print(sorted(m for m in ('reportlab', 'lxml') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
