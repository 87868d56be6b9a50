"""The rough edges a trainer met writing a first module (issue 18), each reproduced as met.
(The syntax, flow-mapping, id and seed ones are bad-input fixtures in test_bad_input.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from latsar.cli import main
from latsar.model.lint import item_findings, question_part
from latsar.model.load import load_curriculum
from latsar.model.schema import Item

PROJECT = Path(__file__).resolve().parents[2]


def test_module_without_evaluasi_blueprint_warns(mini: Path, capsys: pytest.CaptureFixture) -> None:
    (mini / "blueprints" / "evaluasi-mini.yaml").unlink()
    assert main(["check", "curriculum"]) == 0
    assert main(["check", "curriculum", "--strict"]) == 1
    assert ("curriculum/modules/mini.yaml:1:5: warning: module 'mini' has no blueprint 'evaluasi-mini': its handout "
            "will have no Evaluasi and no Kunci Jawaban; create it with `latsar new blueprint evaluasi-mini`"
            ) in capsys.readouterr().err.splitlines()


def test_programme_values_reach_authors_and_signatory(mini: Path) -> None:
    programme = mini / "programme.yaml"
    programme.write_text(programme.read_text() + "authors:\n  - Tim Widyaiswara {{ institution }}\n"
                         "signatory: {name: Dr. Sari, role: 'Kepala {{ institution }} {{ place }}'}\n")
    curriculum, _ = load_curriculum(mini)
    assert curriculum.programme.authors == ["Tim Widyaiswara BPSDM Uji"]
    assert curriculum.programme.signatory.role == "Kepala BPSDM Uji Pontianak"


def test_foreword_and_label_overrides_still_render_later(mini: Path) -> None:
    programme = mini / "programme.yaml"
    programme.write_text(programme.read_text() + "foreword: Bahan ajar {{ module_title }}.\n"
                         "labels: {quiz_instructions_text: 'Kerjakan {{ count }} soal.'}\n")
    curriculum, _ = load_curriculum(mini)
    assert curriculum.programme.foreword == "Bahan ajar {{ module_title }}."
    assert curriculum.programme.labels["quiz_instructions_text"] == "Kerjakan {{ count }} soal."


def _item(stem: str) -> Item:
    options = [{"text": text, "reason": "Alasan."} for text in ("Menetapkan target", "Menambah rapat",
                                                                  "Menunda kegiatan", "Mengganti pegawai")]
    options[0]["correct"] = True
    return Item.model_validate({"id": "x-01", "objective": "x-1", "level": "C3", "difficulty": "sedang",
                                "stem": stem, "options": options, "explanation": "Pembahasan.",
                                "backing": {"section": "x"}})


@pytest.mark.parametrize("stem, flagged", [
    ("Dinas X tidak punya target kinerja tahunan. Apa langkah pertama yang paling tepat?", False),
    ("Menurut UU No. 20 Tahun 2023, yang tidak termasuk fungsi ASN adalah ....", True),
    ("Dinas X tidak punya target. Langkah berikut yang tidak tepat adalah ....", True),
    ("Dinas X tidak punya target. Langkah berikut yang **TIDAK** tepat adalah ....", False),
])
def test_negative_stem_reads_only_the_question(stem: str, flagged: bool) -> None:
    assert any(finding[0] == "K4" for finding in item_findings(_item(stem))) == flagged


def test_question_part_is_the_last_sentence() -> None:
    assert question_part("Dinas X tidak punya target. Apa yang dilakukan?") == "Apa yang dilakukan?"
    assert question_part("Pasal 10 UU No. 20 menyebut ....") == "Pasal 10 UU No. 20 menyebut ...."


def test_summary_headers_stand_over_their_columns(mini: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["check", "curriculum"]) == 0
    lines = capsys.readouterr().out.splitlines()
    groups, columns = next((lines[n - 1], line) for n, line in enumerate(lines) if line.startswith("module"))
    first_c1, second_c1 = columns.index(" C1"), columns.index(" C1", columns.index("items"))
    assert groups[first_c1:first_c1 + 24].strip() == "objectives by level"
    assert groups[second_c1:].strip() == "items by level"


def test_no_developer_paths_in_what_users_get() -> None:
    shipped = [PROJECT / "README.md", *(PROJECT / "docs").glob("*.md"), *(PROJECT / "curriculum").rglob("*.yaml"),
               *(PROJECT / "seeds").glob("*.yaml")]
    assert len(shipped) > 10
    assert [p.name for p in shipped if "../shared" in p.read_text(encoding="utf-8")] == []
