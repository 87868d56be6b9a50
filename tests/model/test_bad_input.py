"""Every kind of bad input: one fixture each, the exact message and location, exit code 2,
several errors reported in one run, and nothing written to the output folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from latsar.cli import main

BAD = Path(__file__).resolve().parents[1] / "fixtures" / "bad"
TARGETS = {"module": "modules/mini.yaml", "items": "items/mini.yaml", "blueprint": "blueprints/kuis.yaml",
           "regulations": "regulations.yaml", "sources": "../seeds/sources.yaml"}

CASES = {
    "syntax-error.module.yaml": [
        "curriculum/modules/mini.yaml:4:13: YAML syntax error: mapping values are not allowed in this "
        "context; put text that contains ': ' in quotes, or use a block scalar (key: |)",
    ],
    "not-utf8.module.yaml": [
        "curriculum/modules/mini.yaml:2:18: file is not valid UTF-8 (byte 0xE9); save the file with UTF-8 "
        "encoding (in VS Code: 'Save with Encoding' → UTF-8)",
    ],
    "unknown-key.module.yaml": [
        "curriculum/modules/mini.yaml:2:1: unknown key 'titel'; did you mean 'title'?",
        "curriculum/modules/mini.yaml:4:1: unknown key 'descripton'; did you mean 'description'?",
    ],
    "missing-key.module.yaml": [
        "curriculum/modules/mini.yaml:1:1: missing required key 'hours'; add `hours:` to this mapping",
    ],
    "answer-points.module.yaml": [
        "curriculum/modules/mini.yaml:38:7: 'exercise_points': 2 lists of answer points for 1 exercises; "
        "give one list per question or exercise, in the same order",
    ],
    "missing-figure.module.yaml": [
        "curriculum/modules/mini.yaml:30:44: figure image 'tidak-ada.png' does not exist; give the path of a PNG "
        "or JPEG inside the project, relative to programme.yaml",
    ],
    "bad-level.module.yaml": [
        "curriculum/modules/mini.yaml:9:12: 'level': expected one of 'C1', 'C2', 'C3', 'C4', 'C5', 'C6', "
        "got 'C7'; use one of the values listed",
    ],
    "bad-values.blueprint.yaml": [
        "curriculum/blueprints/kuis.yaml:3:10: 'minutes': expected a number greater than 0, got -5; "
        "use a positive number",
        "curriculum/blueprints/kuis.yaml:4:11: 'versions': expected a whole number, got 'two'; "
        "write digits only, e.g. 6",
    ],
    "duplicate-id.items.yaml": [
        "curriculum/items/mini.yaml:26:9: duplicate item id 'mini-01'; the first one is at "
        "curriculum/items/mini.yaml:2:9; give each item its own id",
    ],
    "unknown-ref.items.yaml": [
        "curriculum/items/mini.yaml:13:21: unknown seed 'berita-ujii'; did you mean 'berita-uji'?",
        "curriculum/items/mini.yaml:15:16: unknown objective 'mini-3'; did you mean 'mini-2'?",
        "curriculum/items/mini.yaml:25:24: unknown section 'mini-pelayan'; did you mean 'mini-pelayanan'?",
        "curriculum/items/mini.yaml:37:24: unknown section 'mini-pelayan'; did you mean 'mini-pelayanan'?",
    ],
    "unknown-ref.blueprint.yaml": [
        "curriculum/blueprints/kuis.yaml:7:14: unknown module 'minii'; did you mean 'mini'?",
        "curriculum/blueprints/kuis.yaml:8:20: unknown item 'mini-6'; did you mean 'mini-06'?",
    ],
    "quote-not-found.module.yaml": [
        "curriculum/modules/mini.yaml:21:16: quotation not found in seed 'berita-uji'; closest passage, "
        "line 5 of berita-uji.txt: \"koordinasi antarinstansi perlu diperkuat agar ego sektoral hilang.\"; "
        "copy the words exactly",
    ],
    "item-keys.items.yaml": [
        "curriculum/items/mini.yaml:8:7: [M2] item 'mini-01' has no key; mark the correct option with "
        "`correct: true`",
        "curriculum/items/mini.yaml:21:49: [M2] item 'mini-02' has 2 keys (options 1, 2); keep "
        "`correct: true` on one option only",
        "curriculum/items/mini.yaml:34:16: [M2] option 3 repeats the text of option 1; make every option "
        "different",
    ],
    "too-many.blueprint.yaml": [
        "curriculum/blueprints/kuis.yaml:7:5: cell module=mini, levels=C2 asks for 5 items but the bank holds 2 "
        "usable (of 3 matching: 1 printed with key in a handout's evaluasi); write more items for this cell, or "
        "lower `count`",
    ],
    "template-undefined.module.yaml": [
        "curriculum/modules/mini.yaml:4:45: template variable 'instituion' is not defined; "
        "did you mean 'institution'?",
    ],
    # Inside a block scalar, at the line that holds the broken template (not at the `|`).
    "template-syntax.module.yaml": [
        "curriculum/modules/mini.yaml:8:3: template syntax error: unexpected '}'; available: agenda, cohort, date, "
        "institution, language, module_title, place, title, year",
    ],
    "enemies.items.yaml": [
        "curriculum/items/mini.yaml:2:78: item 'mini-01' names itself as its enemy; name another item",
        "curriculum/items/mini.yaml:2:87: unknown item 'mini-3'; did you mean 'mini-03'?",
    ],
    "registry.regulations.yaml": [
        "curriculum/regulations.yaml:3:17: unknown instrument 'Undang-Undang'; instruments: UU, PP, Perpres, "
        "Inpres, Keppres, PermenPANRB, SE MenPANRB, PerLAN, Keputusan Kepala LAN, Permenko PMK, PerKI, PerBKN, "
        "Kepmenkominfo, Keputusan Bersama",
        "curriculum/regulations.yaml:14:17: unknown regulation id 'uu-20-2032'; did you mean 'uu-20-2023'?",
        "curriculum/regulations.yaml:17:13: UU 5/2014 is listed twice; keep one entry (the other is "
        "regulations[1])",
    ],
    # The rough edges a trainer met writing a first module (issue 18), each as it was met.
    "flow-comma.items.yaml": [
        "curriculum/items/mini.yaml:9:63: unknown key 'tidak ada di berita.'; a comma inside { … } starts a new "
        "key: put the text in quotes, e.g. reason: \"Tidak disebut, tidak ada di berita.\"",
    ],
    "tab.module.yaml": [
        "curriculum/modules/mini.yaml:16:1: YAML syntax error: a TAB character here; indent with spaces, not tabs",
    ],
    "unclosed-quote.module.yaml": [
        "curriculum/modules/mini.yaml:10:11: YAML syntax error: the quote \" opened here is not closed; end the "
        "text with \" on this line, or write it as a block scalar (key: |)",
    ],
    "id-not-file-name.blueprint.yaml": [
        "curriculum/blueprints/kuis.yaml:1:5: id 'kuis-akhir' differs from the file name 'kuis.yaml'; rename the "
        "file to kuis-akhir.yaml, or set `id: kuis`",
    ],
    "duplicate-seed.sources.yaml": [
        "seeds/sources.yaml:8:7: duplicate seed id 'berita-uji'; the first one is at seeds/sources.yaml:1:7; "
        "give each seed its own id",
    ],
    # Short forms for live quizzes (Kahoot): a short form still too long, counted as the game shows
    # it (plain text: the `**` of bold are not counted); a mistyped key.
    "live-too-long.items.yaml": [
        "curriculum/items/mini.yaml:8:16: [G2] item 'mini-01': `live_stem` has 131 characters as Kahoot shows it, "
        "Kahoot takes at most 120; shorten it further: the short form is what the live quiz shows in place of the "
        "stem",
        "curriculum/items/mini.yaml:38:20: [G2] item 'mini-03': option 2's `live_text` has 82 characters as Kahoot "
        "shows it, Kahoot takes at most 75; shorten it further: the short form is what the live quiz shows in "
        "place of the option",
    ],
    # A short form that is more than the one line of plain text Kahoot shows: a heading, a block
    # quote, a list, a table, a negator emphasised in italics only. Inside a block scalar (`|`),
    # each is located at its own line; in a one-line value, at the value.
    "live-not-plain.items.yaml": [
        "curriculum/items/mini.yaml:9:7: [G2] item 'mini-01': `live_stem` is not plain text: Kahoot cannot show "
        "its heading; write it as one line of plain text, the only text Kahoot shows",
        "curriculum/items/mini.yaml:25:7: [G2] item 'mini-02': `live_stem` is not plain text: Kahoot cannot show "
        "its block quote; write it as one line of plain text, the only text Kahoot shows",
        "curriculum/items/mini.yaml:27:7: [G2] item 'mini-02': `live_stem` emphasises 'bukan' in bold or italics "
        "only, which Kahoot loses: it shows plain text; write it in capitals (BUKAN), which Kahoot keeps",
        "curriculum/items/mini.yaml:46:11: [G2] item 'mini-03': option 3's `live_text` is not plain text: Kahoot "
        "cannot show its list; write it as one line of plain text, the only text Kahoot shows",
        "curriculum/items/mini.yaml:63:68: [G2] item 'mini-04': option 3's `live_text` emphasises 'tidak' in bold or "
        "italics only, which Kahoot loses: it shows plain text; write it in capitals (TIDAK), which Kahoot keeps",
        "curriculum/items/mini.yaml:76:7: [G2] item 'mini-06': `live_stem` is not plain text: Kahoot cannot show "
        "its table; write it as one line of plain text, the only text Kahoot shows",
    ],
    "live-keys.items.yaml": [
        "curriculum/items/mini.yaml:8:5: unknown key 'live_stm'; did you mean 'live_stem'?",
        "curriculum/items/mini.yaml:37:68: unknown key 'live'; did you mean 'live_text'?",
    ],
    # Waivers (`waive:`), on an item as on a blueprint: a rule that does not exist or cannot be
    # waived there, and a waiver without its reason.
    "waive-unknown.items.yaml": [
        "curriculum/items/mini.yaml:15:20: unknown lint rule 'K66'; did you mean 'K6'?",
        "curriculum/items/mini.yaml:15:71: unknown lint rule 'T1'; rules that can be waived here: A1, B4, E1, E2, "
        "G1, I1, K1, K2, K3, K4, K6, K8, K9, K11, K12, L2, M4",
    ],
    "waive-unknown.blueprint.yaml": [
        "curriculum/blueprints/kuis.yaml:9:12: unknown lint rule 'G11'; did you mean 'G1'?",
        "curriculum/blueprints/kuis.yaml:10:12: unknown lint rule 'K6'; rules that can be waived here: G1",
    ],
    "waive-no-reason.blueprint.yaml": [
        "curriculum/blueprints/kuis.yaml:9:5: missing required key 'reason'; add `reason:` to this mapping",
        "curriculum/blueprints/kuis.yaml:10:24: 'reason': must not be empty; write the text",
    ],
    "alias-bomb.module.yaml": [
        "curriculum/modules/mini.yaml:5:8: YAML alias '*a' is not supported; write the value of '&a' out "
        "in full here",
    ],
}


def _install(fixture: str, curriculum: Path) -> None:
    kind = fixture.rsplit(".", 2)[-2]
    shutil.copyfile(BAD / fixture, curriculum / TARGETS[kind])


def _error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if not line.endswith(" errors")]


@pytest.mark.parametrize("fixture", sorted(CASES))
def test_check_reports_exact_messages(fixture: str, mini: Path, capsys: pytest.CaptureFixture) -> None:
    _install(fixture, mini)
    assert main(["check", "curriculum"]) == 2
    captured = capsys.readouterr()
    assert _error_lines(captured.err) == CASES[fixture]
    assert "Traceback" not in captured.err


@pytest.mark.parametrize("fixture", sorted(CASES))
def test_build_writes_nothing_on_bad_input(fixture: str, mini: Path, capsys: pytest.CaptureFixture) -> None:
    _install(fixture, mini)
    assert main(["build", "curriculum", "--out", "build"]) == 2
    assert not (mini.parent / "build").exists()


def test_every_fixture_has_a_case() -> None:
    assert sorted(p.name for p in BAD.glob("*.yaml")) == sorted(CASES)


def test_oversized_file_fails_fast(mini: Path, capsys: pytest.CaptureFixture) -> None:
    # 2 MiB of filler comment: generated here rather than committed.
    target = mini / "modules" / "mini.yaml"
    target.write_text(target.read_text() + ("# filler\n" * 240_000))
    assert main(["check", "curriculum"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("curriculum/modules/mini.yaml:1:1: file is too large (")
    assert err.endswith("bytes; the limit is 2,097,152); split it into several files (e.g. one item bank per module)")


def test_excluded_items_are_not_counted_as_available(mini: Path, capsys: pytest.CaptureFixture) -> None:
    blueprint = mini / "blueprints" / "kuis.yaml"
    blueprint.write_text(blueprint.read_text().replace("count: 2}", "count: 3}") + "exclude: [mini-03]\n")
    assert main(["check", "curriculum"]) == 2
    assert _error_lines(capsys.readouterr().err) == [
        "curriculum/blueprints/kuis.yaml:7:5: cell module=mini asks for 3 items but the bank holds 2 usable "
        "(of 5 matching: 1 excluded by the blueprint, 2 printed with key in a handout's evaluasi); write more "
        "items for this cell, or lower `count`"]


def test_errors_in_several_files_are_reported_together(mini: Path, capsys: pytest.CaptureFixture) -> None:
    _install("bad-values.blueprint.yaml", mini)
    _install("bad-level.module.yaml", mini)
    assert main(["check", "curriculum"]) == 2
    lines = _error_lines(capsys.readouterr().err)
    assert [line.split(":")[0] for line in lines] == ["curriculum/blueprints/kuis.yaml"] * 2 + [
        "curriculum/modules/mini.yaml"]


def test_template_error_inside_a_block_scalar_points_at_the_name(mini: Path, capsys: pytest.CaptureFixture) -> None:
    programme = mini / "programme.yaml"
    programme.write_text(programme.read_text() + "foreword: |\n  Disusun oleh {{ institution }}\n  untuk {{ cohrt }}.\n")
    assert main(["check", "curriculum"]) == 2
    assert _error_lines(capsys.readouterr().err) == [
        "curriculum/programme.yaml:10:12: template variable 'cohrt' is not defined; did you mean 'cohort'?"]


@pytest.mark.parametrize("expression, problem", [
    ("{{ year / 0 }}", "division by zero"),
    ("{{ year + 'x' }}", "unsupported operand type(s) for +: 'int' and 'str'"),
])
def test_failing_template_expression_is_located(expression: str, problem: str, mini: Path,
                                                capsys: pytest.CaptureFixture) -> None:
    module = mini / "modules" / "mini.yaml"
    module.write_text(module.read_text().replace("{{ institution }}", expression))
    assert main(["check", "curriculum"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert _error_lines(err) == [f"curriculum/modules/mini.yaml:4:14: template error: {problem}; available: "
                                 "agenda, cohort, date, institution, language, module_title, place, title, year"]


def test_foreword_is_checked_with_the_programme_values(mini: Path, capsys: pytest.CaptureFixture) -> None:
    programme = mini / "programme.yaml"
    programme.write_text(programme.read_text() + "foreword: Angkatan tahun {{ year + 1 }}.\n")
    assert main(["check", "curriculum"]) == 0


def test_a_logo_that_is_no_image_is_located(mini: Path, capsys: pytest.CaptureFixture) -> None:
    (mini / "logo.png").write_text("not an image")
    programme = mini / "programme.yaml"
    programme.write_text(programme.read_text() + "theme: {logo: logo.png}\n")
    assert main(["check", "curriculum"]) == 2
    assert _error_lines(capsys.readouterr().err) == [
        "curriculum/programme.yaml:8:15: logo file 'logo.png' is not a PNG or JPEG image; save the logo as .png or .jpg"]


def test_an_empty_seed_file_is_located(mini: Path, capsys: pytest.CaptureFixture) -> None:
    (mini.parent / "seeds" / "berita-uji.txt").write_text(" \n")
    assert main(["check", "curriculum"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert _error_lines(err) == ["seeds/sources.yaml:2:9: seed file 'berita-uji.txt' is empty; paste the article's "
                                 "text into it"]


def test_blueprint_instructions_may_use_quiz_names(mini: Path, capsys: pytest.CaptureFixture) -> None:
    blueprint = mini / "blueprints" / "kuis.yaml"
    text = blueprint.read_text()
    blueprint.write_text(text + "instructions: Kerjakan {{ count }} soal dalam {{ minutes }} menit (paket {{ version }}).\n")
    assert main(["check", "curriculum"]) == 0
    assert main(["quiz", "kuis", "curriculum", "--out", "out"]) == 0
    from pypdf import PdfReader

    booklet = PdfReader(mini.parent / "out" / "quizzes" / "kuis" / "soal-paket-B.pdf")
    assert "Kerjakan 2 soal dalam 10 menit (paket B)." in " ".join(booklet.pages[0].extract_text().split())
    blueprint.write_text(text + "instructions: Kerjakan {{ cuont }} soal.\n")
    assert main(["check", "curriculum"]) == 2
    assert _error_lines(capsys.readouterr().err)[-1] == (
        "curriculum/blueprints/kuis.yaml:8:27: template variable 'cuont' is not defined; did you mean 'count'?")
