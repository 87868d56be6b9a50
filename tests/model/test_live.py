"""Short forms for live quizzes (`live_stem:`, an option's `live_text:`): the schema offers them,
and a game played on them never reaches the item statistics. The located errors are in
test_bad_input.py (live-*.items.yaml), the export in render/export/test_export_online.py."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from latsar.errors import LatsarError
from latsar.model.jsonschema import schemas
from latsar.model.live import not_plain
from latsar.model.load import load_curriculum
from latsar.model.phrases import emphasis_lost_in_plain_text
from latsar.plan.quiz import plan_quiz
from latsar.score.key import answer_key
from latsar.score.readers import READERS, read_answers

SHORT = {"mini-01": "Siapa yang wajib melayani masyarakat menurut berita?",
         "mini-03": "Pelayanan yang baik adalah ...."}


def test_the_schema_offers_both_short_forms_with_their_limits() -> None:
    items = schemas()["items"]
    definitions = items.get("$defs") or items["definitions"]
    stem = definitions["Item"]["properties"]["live_stem"]
    text = definitions["Option"]["properties"]["live_text"]
    assert "120 characters" in stem["description"] and "75 characters" in text["description"]
    assert "live_stem" not in definitions["Item"].get("required", [])
    assert "live_text" not in definitions["Option"].get("required", [])


def _with_short_stems(mini: Path) -> None:
    items = mini / "items" / "mini.yaml"
    text = items.read_text(encoding="utf-8")
    for stem, short in (("Siapa yang menurut berita itu harus melayani masyarakat?", SHORT["mini-01"]),
                        ("Pelayanan yang baik digambarkan sebagai ....", SHORT["mini-03"])):
        text = text.replace(f"    stem: {stem}\n", f"    stem: {stem}\n    live_stem: \"{short}\"\n")
    items.write_text(text, encoding="utf-8")


def test_kahoot_results_are_not_scored(mini: Path, tmp_path: Path) -> None:
    """latsar reads no Kahoot report, and a table headed by the short stems, as a game's report
    is, is not taken for the Google Forms responses (matched by the full stem): a live game, asked
    in other words, never enters the item statistics."""
    _with_short_stems(mini)
    curriculum = load_curriculum(mini)[0]
    assert {i.id: i.live_stem for i in curriculum.items if i.live_stem} == SHORT
    key = answer_key(curriculum, plan_quiz(curriculum, curriculum.blueprint_by_id["kuis"]))
    assert not [kind for kind in READERS if "kahoot" in kind.lower()]
    report = tmp_path / "kahoot-results.csv"
    with report.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows([["Player", "NIP", *SHORT.values()],
                                   ["Ani", "199001", "Aparatur sipil negara", "wajah pemerintah di mata warga"]])
    with pytest.raises(LatsarError, match="cannot tell what kind of answers file this is"):
        read_answers(report, key)
    with pytest.raises(LatsarError, match=r"no column for 2 question\(s\) of quiz 'kuis'"):
        read_answers(report, key, "forms")


@pytest.mark.parametrize(("short_form", "structures", "lost"), [
    ("Manakah yang TIDAK sesuai dengan **prinsip** WoG?", [], []),  # capitals stay; bold on a non-negator is no cue
    ("Manakah yang **TIDAK** sesuai dengan prinsip WoG?", [], []),
    ("Manakah yang *tidak* sesuai dengan prinsip WoG?", [], ["tidak"]),
    ("Urutkan:\n\n1. data\n2. rapat", ["list"], []),
    ("# Soal\n\nApa tujuannya?", ["heading"], []),
    ("Apa tujuannya?\n\n```\nkode\n```", ["code block"], []),
    ("Lihat ![bagan](bagan.png) lalu jawab.", ["image"], []),
])
def test_a_short_form_is_one_line_of_plain_text(short_form: str, structures: list[str], lost: list[str]) -> None:
    """G2 reads a short form as Kahoot shows it: what it cannot show, and a negator's lost emphasis."""
    assert not_plain(short_form) == structures
    assert emphasis_lost_in_plain_text(short_form) == lost
