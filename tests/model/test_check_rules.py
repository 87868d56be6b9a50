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
    """The fixture in place, and quizzes small enough for its few items (one for the handout's
    evaluasi, one for kuis, which may not reuse it)."""
    kind = fixture.rsplit(".", 2)[-2]
    shutil.copyfile(LINT / fixture, curriculum / TARGETS[kind])
    for blueprint in ("kuis", "evaluasi-mini"):
        path = curriculum / "blueprints" / f"{blueprint}.yaml"
        path.write_text(path.read_text().replace("count: 2}", "count: 1}"))


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


def test_key_length_cues_per_item_and_per_bank(mini: Path, capsys: pytest.CaptureFixture) -> None:
    _install("key-length.items.yaml", mini)
    assert main(["check", "curriculum", "--strict"]) == 1
    assert _warnings(capsys.readouterr().err) == [
        "curriculum/items/mini.yaml:3:1: warning: [K6B] the key is the strictly longest option in 4 of 10 items "
        "(40%; at most 30%); test-wise participants pick the longest option: shorten keys or lengthen distractors",
        "curriculum/items/mini.yaml:6:23: warning: [K6] item 'mini-01': the key (47 characters) is at least 10 % "
        "longer than every distractor (longest 22, mean 20); make the options of similar length",
        "curriculum/items/mini.yaml:9:23: warning: [K6] item 'mini-02': the key (25 characters) is at least 10 % "
        "longer than every distractor (longest 14, mean 13); make the options of similar length",
    ]


def test_levels_far_below_and_missing_indicators(mini: Path, capsys: pytest.CaptureFixture) -> None:
    _install("levels.items.yaml", mini)
    assert main(["check", "curriculum", "--strict"]) == 1
    assert _warnings(capsys.readouterr().err) == [
        "curriculum/items/mini.yaml:3:9: warning: [I1] item 'mini-01' has no `indicator:`; write the indikator "
        "soal the kisi-kisi prints, e.g. \"Disajikan kasus …, peserta dapat menentukan …\"",
        "curriculum/items/mini.yaml:17:12: warning: [L2] item 'mini-02' is at C1, far below its objective's level "
        "C3; ask for C2 or above, or point the item at a lower objective",
    ]


def test_similar_items_are_reported_unless_declared_enemies(mini: Path, capsys: pytest.CaptureFixture) -> None:
    _install("similar.items.yaml", mini)
    assert main(["check", "curriculum", "--strict"]) == 1
    assert _warnings(capsys.readouterr().err) == [
        "curriculum/items/mini.yaml:8:10: warning: [E1] items 'mini-01' and 'mini-02' are near-duplicates (78% of "
        "their stem and key words shared: 'antarinstansi', 'birokrasi', 'diwujudkan', 'gotong', 'koordinasi', "
        "'nilai', 'royong'); rewrite one, or declare them `enemies:`",
        "curriculum/items/mini.yaml:16:10: warning: [E2] item 'mini-03' gives away the key of 'mini-04' (its words "
        "'budaya', 'kelompok', 'kerja'); reword one, or declare `enemies: [mini-03]` on 'mini-04' so they never "
        "share a version",
    ]


def test_exposure_shows_in_feasibility(mini: Path, capsys: pytest.CaptureFixture) -> None:
    kuis = mini / "blueprints" / "kuis.yaml"
    kuis.write_text(kuis.read_text().replace("count: 2}", "count: 4}"))
    assert main(["check", "curriculum"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "curriculum/blueprints/kuis.yaml:7:5: cell module=mini asks for 4 items but the bank holds 3 usable (of 5 "
        "matching: 2 printed with key in a handout's evaluasi); write more items for this cell, or lower `count`"]


def test_kisi_kisi_prints_the_item_indicator(mini: Path) -> None:
    from pypdf import PdfReader

    assert main(["quiz", "kuis", "curriculum", "--out", "out"]) == 0
    reader = PdfReader(mini.parent / "out" / "quizzes" / "kuis" / "kisi-kisi.pdf")
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Peserta dapat menyebutkan siapa yang harus melayani masyarakat menurut berita." in text  # mini-01
    assert "Peserta dapat menjelaskan gambaran pelayanan yang baik." in text  # mini-03
    assert "Peserta dapat menjelaskan pelayanan publik." not in text  # their objective's own indicator


def test_items_kahoot_would_leave_out_are_named_with_the_short_form_that_keeps_them(
        mini: Path, capsys: pytest.CaptureFixture) -> None:
    """G1: a stem or option over Kahoot's limits without a short form (mini-01, mini-03); mini-04
    has its short forms and mini-06 waives the rule: neither is named."""
    _install("live.items.yaml", mini)
    assert main(["check", "curriculum"]) == 0  # a warning: the build goes on without these items
    capsys.readouterr()
    assert main(["check", "curriculum", "--strict"]) == 1
    assert _warnings(capsys.readouterr().err) == [
        "curriculum/items/mini.yaml:7:11: warning: [G1] item 'mini-01': Kahoot will leave it out: its question has "
        "150 characters, Kahoot takes 120; add `live_stem:`, the same question in at most 120 characters, and Kahoot "
        "keeps the item",
        "curriculum/items/mini.yaml:36:16: warning: [G1] item 'mini-03': Kahoot will leave it out: option 2 has 85 "
        "characters, Kahoot takes 75; add `live_text:` to the option, the same answer in at most 75 characters, and "
        "Kahoot keeps the item",
    ]


def test_items_kahoot_would_show_changed_are_named(mini: Path, capsys: pytest.CaptureFixture) -> None:
    """G1 also names what Kahoot's one line of plain text changes: a table in a stem (mini-01), a
    list in an option (mini-03), a negator emphasised in bold only (mini-02); TIDAK in capitals
    (mini-04) and a table under a short form (mini-06) are not named."""
    _install("live-changed.items.yaml", mini)
    assert main(["check", "curriculum", "--strict"]) == 1
    assert _warnings(capsys.readouterr().err) == [
        "curriculum/items/mini.yaml:7:11: warning: [G1] item 'mini-01': Kahoot will show it changed: the stem's "
        "table is run into one line of plain text; add `live_stem:`, the same question as one line of plain text in "
        "at most 120 characters",
        "curriculum/items/mini.yaml:28:11: warning: [G1] item 'mini-02': Kahoot will show it changed: the emphasis "
        "on 'tidak' is lost, Kahoot shows plain text; write it in capitals (TIDAK), which Kahoot keeps, or add "
        "`live_stem:`",
        "curriculum/items/mini.yaml:44:15: warning: [G1] item 'mini-03': Kahoot will show it changed: option 2's "
        "list is run into one line of plain text; add `live_text:` to the option, the same answer as one line of "
        "plain text in at most 75 characters",
    ]


def test_a_quiz_printing_five_options_is_named_as_kahoot_leaves_out_all(
        mini: Path, capsys: pytest.CaptureFixture) -> None:
    """G1 on a blueprint: Kahoot takes 4 answers, so a quiz printing 5 options loses every question
    there (the export refuses it, saying how to keep them). Its items have 5 options, so the quiz is
    otherwise sound."""
    _install("live-changed.items.yaml", mini)
    _install("five-options.blueprint.yaml", mini)
    assert main(["check", "curriculum", "--strict"]) == 1
    assert _warnings(capsys.readouterr().err)[0] == (
        "curriculum/blueprints/kuis.yaml:6:10: warning: [G1] quiz 'kuis': Kahoot will leave out every question: the "
        "quiz prints 5 options, Kahoot takes 4; print 4 (`options: 4`) if the quiz is played on Kahoot; the Quizizz "
        "and Moodle exports carry 5")
    assert main(["export", "kuis", "curriculum", "--out", "out", "-f", "kahoot"]) == 2
    assert capsys.readouterr().err.splitlines()[-1].endswith(
        "kahoot.xlsx: item 'mini-03' left out: it prints 5 options, Kahoot takes 4; print 4 options (`options: 4` "
        "in the blueprint) for Kahoot, or use the Quizizz or Moodle export, which carry 5")
    assert main(["export", "kuis", "curriculum", "--out", "out", "-f", "quizizz"]) == 0



def test_a_quiz_of_five_options_never_played_on_kahoot_waives_g1(mini: Path, capsys: pytest.CaptureFixture) -> None:
    """A blueprint takes `waive:` as an item does: its G1 (5 options) silenced with a reason, the
    quiz passes `check --strict`; the same quiz without the waiver keeps its warning."""
    _install("five-options.items.yaml", mini)
    _install("five-options.blueprint.yaml", mini)
    assert main(["check", "curriculum", "--strict"]) == 1
    assert _warnings(capsys.readouterr().err) == [
        "curriculum/blueprints/kuis.yaml:6:10: warning: [G1] quiz 'kuis': Kahoot will leave out every question: the "
        "quiz prints 5 options, Kahoot takes 4; print 4 (`options: 4`) if the quiz is played on Kahoot; the Quizizz "
        "and Moodle exports carry 5"]
    _install("five-options-waived.blueprint.yaml", mini)
    assert main(["check", "curriculum", "--strict"]) == 0
    assert _warnings(capsys.readouterr().err) == []
