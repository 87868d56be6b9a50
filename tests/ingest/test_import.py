"""`latsar import`: latsar's own exports of the whole bundled bank come back item for item; what a
source cannot give becomes a placeholder `latsar check` reports at its place; bad input is
reported whole, at its lines and cells, and nothing is written."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import openpyxl
import pytest
import yaml

from latsar.errors import LatsarError
from latsar.ingest import import_files, import_to, write_template
from latsar.ingest.markup import html_to_markdown, normal, text_to_markdown
from latsar.model.load import load_curriculum
from latsar.model.schema import Blueprint, Rule
from latsar.plan.types import PlannedItem, QuizPlan, Version
from latsar.render.export import export_one
from latsar.text.markdown import parse, plain_text

PROJECT = Path(__file__).resolve().parents[2]
FORMATS = {"moodle": "moodle.xml", "gift": "gift.txt", "aiken": "aiken.txt"}


@pytest.fixture(scope="module")
def bundled():
    return load_curriculum(PROJECT / "curriculum")[0]


@pytest.fixture(scope="module")
def whole_bank(bundled):
    """A plan holding every item of the bundled bank with all its options in written order."""
    items = bundled.items
    planned = tuple(PlannedItem(i.id, tuple(range(len(i.options))), next(n for n, o in enumerate(i.options) if o.correct))
                    for i in items)
    blueprint = Blueprint(id="bank", title="Bank", minutes=60, seed=1, options=5, rules=[Rule(count=1)])
    return QuizPlan(blueprint, tuple(i.id for i in items), (Version("A", planned),))


def same(a: str, b: str) -> bool:
    return normal(parse(a).blocks) == normal(parse(b).blocks)


def imported(tmp_path: Path, name: str, data: bytes, module: str | None = "wog") -> list[dict]:
    path = tmp_path / name
    path.write_bytes(data)
    text, count, _ = import_files([path], module)
    items = yaml.safe_load(text)["items"]
    assert count == len(items)
    return items


@pytest.mark.parametrize("fmt", FORMATS)
def test_latsars_own_exports_of_the_whole_bank_come_back(tmp_path, bundled, whole_bank, fmt):
    data = export_one(bundled, whole_bank, fmt).files[FORMATS[fmt]]
    got = imported(tmp_path, FORMATS[fmt], data)
    assert len(got) == len(bundled.items) > 100
    # Aiken has no ids and plain text; Moodle XML and GIFT group by category, so match by id.
    pairs = list(zip(bundled.items, got)) if fmt == "aiken" else [(i, {g["id"]: g for g in got}[i.id]) for i in bundled.items]
    equal = (lambda a, b: plain_text(a) == plain_text(b)) if fmt == "aiken" else same
    for item, back in pairs:
        assert equal(item.stem, back["stem"]), item.id
        assert [equal(o.text, b["text"]) for o, b in zip(item.options, back["options"])] == [True] * len(item.options)
        assert [b.get("correct", False) for b in back["options"]] == [o.correct for o in item.options], item.id


@pytest.mark.parametrize("fmt", ["moodle", "gift"])
def test_everything_the_source_carries_is_kept(tmp_path, bundled, whole_bank, fmt):
    got = {g["id"]: g for g in imported(tmp_path, FORMATS[fmt], export_one(bundled, whole_bank, fmt).files[FORMATS[fmt]])}
    for item in bundled.items:
        back = got[item.id]
        assert (back["objective"], back["level"], back["difficulty"]) == (item.objective, item.level, item.difficulty)
        assert same(item.explanation, back["explanation"])
        assert all(same(o.reason, b["reason"]) for o, b in zip(item.options, back["options"])), item.id
        assert back.get("tags", []) == item.tags
        assert back.get("pin_options", False) == item.pin_options
        assert back["backing"]["section"].startswith("TODO: ")


def test_what_a_source_cannot_give_is_a_placeholder_check_reports_at_its_place(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(PROJECT / "tests" / "fixtures" / "mini", project)
    aiken = tmp_path / "bank.txt"
    aiken.write_text("Apa kepanjangan ASN?\nA. Aparatur Sipil Negara\nB. Aparat Sipil Nasional\n"
                     "C. Abdi Sipil Negara\nANSWER: A\n", encoding="utf-8")
    target = project / "curriculum" / "items" / "impor.yaml"
    import_to([aiken], "impor", target)
    text = target.read_text(encoding="utf-8")
    with pytest.raises(LatsarError) as caught:
        load_curriculum(project / "curriculum")
    messages = [d.format() for d in caught.value.diagnostics if "placeholder" in d.message]
    expected = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "TODO:" in line and not line.startswith("#"):
            column = line.index("'TODO:") + 1 if "'TODO:" in line else line.index("TODO:") + 1
            expected.append(f"{target}:{number}:{column}")
    assert len(messages) == len(expected) == 8  # objective, level, difficulty, 3 reasons, pembahasan, backing
    assert [m.split(": placeholder")[0] for m in messages] == expected
    assert any(m.endswith("placeholder not filled: Bloom level, C1–C6; replace the whole `TODO: …` value with your own")
               for m in messages)


def test_bad_aiken_lines_are_all_reported_and_nothing_is_written(tmp_path):
    source = tmp_path / "bad.txt"
    source.write_text("Soal satu?\nA. ya\nB. tidak\nANSWER: C\n\nSoal dua?\nbaris kedua\nA. x\nB. y\nANSWER: A\n\n"
                      "ANSWER: B\n\nSoal tiga?\nA. a\nB. b\n", encoding="utf-8")
    out = tmp_path / "out.yaml"
    with pytest.raises(LatsarError) as caught:
        import_to([source], "mini", out)
    assert [d.format() for d in caught.value.diagnostics] == [
        f"{source}:4:1: ANSWER 'C' names no option of the question on line 1 (options A, B); give the letter of "
        f"the correct option",
        f"{source}:7:1: a second line of question; Aiken's question is one line; join the lines, or import GIFT or "
        f"Moodle XML, which allow several",
        f"{source}:12:1: an ANSWER line without a question above it; put the question and its options before it",
        f"{source}:14:1: question has no ANSWER line; add `ANSWER: X` after its options",
    ]
    assert not out.exists()


def test_bad_moodle_questions_are_reported_at_their_lines(tmp_path):
    source = tmp_path / "bank.xml"
    source.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n'
        '<question type="truefalse"><name><text>tf</text></name></question>\n'
        '<question type="multichoice"><name><text>m1</text></name><questiontext format="html"><text>S?</text>'
        '</questiontext>\n<answer fraction="50"><text>a</text></answer>\n</question>\n'
        '<question type="multichoice"><single>false</single><questiontext><text>S</text></questiontext></question>\n'
        '</quiz>\n', encoding="utf-8")
    with pytest.raises(LatsarError) as caught:
        import_files([source], None)
    assert [d.format().split(";")[0] for d in caught.value.diagnostics] == [
        f"{source}:3:1: question of type 'truefalse' cannot be imported",
        f"{source}:5:1: answer worth 50 % cannot be imported",
        f"{source}:7:1: a multiple-answer question (<single>false</single>) cannot be imported",
    ]


def test_malformed_xml_is_located_and_entities_are_never_expanded(tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text('<?xml version="1.0"?>\n<quiz>\n<question type="multichoice">\n</quiz>\n', encoding="utf-8")
    with pytest.raises(LatsarError) as caught:
        import_files([broken], None)
    assert caught.value.diagnostics[0].format().startswith(f"{broken}:4:")
    bomb = tmp_path / "bomb.xml"
    entities = "".join(f'<!ENTITY e{n} "&e{n - 1};&e{n - 1};&e{n - 1};&e{n - 1};&e{n - 1};&e{n - 1};">' for n in range(1, 30))
    bomb.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY e0 "ha">{entities}]>\n<quiz><question '
                    f'type="multichoice"><questiontext><text>&e29;</text></questiontext></question></quiz>\n')
    started = time.perf_counter()
    with pytest.raises(LatsarError):
        import_files([bomb], None)  # the question has no options: refused, never expanded
    assert time.perf_counter() - started < 2


def test_bad_gift_questions_are_all_reported(tmp_path):
    source = tmp_path / "bank.gift"
    source.write_text("::a:: Dua kunci? {=satu =dua ~tiga}\n\n::b:: Berbobot? {=a ~%50%b ~c}\n\n"
                      "::c:: Isian {benar}\n\n::d:: Tanpa tutup {=a ~b\n", encoding="utf-8")
    with pytest.raises(LatsarError) as caught:
        import_files([source], None)
    assert [d.format().split(";")[0] for d in caught.value.diagnostics] == [
        f"{source}:1:1: question has 2 answers marked = ",
        f"{source}:3:1: a weighted answer ('50%') cannot be imported",
        f"{source}:5:1: this is not a multiple-choice question: its answers do not start with = or ~",
        f"{source}:7:1: no answer block {{ … }} closed in this question",
    ]


def test_the_excel_template_round_trip_and_its_cell_errors(tmp_path):
    template = tmp_path / "items.xlsx"
    assert "wrote" in write_template(template)
    book = openpyxl.load_workbook(template)
    sheet = book["items"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["id", "stem", "option_a"] and "indicator" in header
    row = dict.fromkeys(header, None)
    row.update(id="mini-10", stem="Nilai **dasar** ASN adalah ....", option_a="BerAKHLAK", option_b="Panca Prasetya",
               option_c="Sapta Marga", key="A", reason_a="Benar.", pembahasan="Lihat modul.", level="C1",
               objective="mini-1", difficulty="mudah", indicator="Peserta dapat menyebutkan nilai dasar ASN.")
    sheet.append([row[h] for h in header])
    bad = dict.fromkeys(header, None)
    bad.update(stem="", option_a="x", option_b="y", key="D")
    sheet.append([bad[h] for h in header])
    book.save(template)
    with pytest.raises(LatsarError) as caught:
        import_files([template], "mini")
    column = {name: n for n, name in enumerate(header, start=1)}
    assert [d.format().split(";")[0] for d in caught.value.diagnostics] == [
        f"{template}:3:{column['stem']}: row 3: the stem is empty",
        f"{template}:3:{column['option_a']}: row 3: options must fill A, B, C (up to E) without gaps",
        f"{template}:3:{column['key']}: row 3: key 'D' is not the letter of a filled option",
    ]
    sheet.delete_rows(3)
    book.save(template)
    item = yaml.safe_load(import_files([template], "mini")[0])["items"][0]
    assert item["id"] == "mini-10" and item["stem"] == "Nilai **dasar** ASN adalah ...."
    assert (item["objective"], item["level"], item["difficulty"]) == ("mini-1", "C1", "mudah")
    assert [o.get("correct", False) for o in item["options"]] == [True, False, False]
    assert item["options"][0]["reason"] == "Benar." and item["options"][1]["reason"].startswith("TODO: ")


def test_markup_conversion_is_exact_and_light():
    assert html_to_markdown("<p>Apa <strong>yang</strong> benar?</p>") == "Apa **yang** benar?"
    assert html_to_markdown("<p>C:\\data\\ &amp; *bintang* &lt;b&gt;</p>") == "C:\\\\data\\\\ & \\*bintang\\* <b>"
    assert text_to_markdown("1. bukan daftar") == "1\\. bukan daftar"
    assert same(html_to_markdown("<ol start=\"3\"><li>tiga</li><li>empat</li></ol>"), "3. tiga\n4. empat")


def test_the_command_line(tmp_path, capsys):
    from latsar.cli import main

    source = tmp_path / "bank.txt"
    source.write_text("Apa?\nA. a\nB. b\nC. c\nANSWER: B\n", encoding="utf-8")
    assert main(["import", str(source), "--module", "mini"]) == 0
    captured = capsys.readouterr()
    assert yaml.safe_load(captured.out)["items"][0]["id"] == "mini-01"
    assert "imported 1 item(s)" in captured.err
    out = tmp_path / "items.yaml"
    out.write_text("jangan ditimpa")
    assert main(["import", str(source), "--out", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err and out.read_text() == "jangan ditimpa"
    assert main(["import", "--template", str(tmp_path / "t.xlsx")]) == 0 and (tmp_path / "t.xlsx").is_file()


def test_text_that_is_not_utf8_and_images_are_reported_at_their_place(tmp_path):
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Apa?\nA. a\nB. \u201cb\u201d\n".encode("cp1252"))
    with pytest.raises(LatsarError) as caught:
        import_files([legacy], None)
    assert [d.format() for d in caught.value.diagnostics] == [
        f"{legacy}:3:4: not UTF-8 text (byte 0x93); save the file as UTF-8 (in Notepad: Save as › Encoding UTF-8)"]
    picture = tmp_path / "picture.xml"
    picture.write_text('<quiz>\n<question type="multichoice"><questiontext format="html"><text><![CDATA[<p>Lihat '
                       '<img src="@@PLUGINFILE@@/a.png"></p>]]></text></questiontext><answer fraction="100"><text>a'
                       '</text></answer></question>\n</quiz>\n', encoding="utf-8")
    with pytest.raises(LatsarError) as caught:
        import_files([picture], None)
    assert caught.value.diagnostics[0].format().startswith(
        f"{picture}:2:1: question holds an image, which a latsar item cannot carry")


def _template_row(path: Path, values: dict[str, str], header: list[str] | None = None) -> list[str]:
    """The template at `path` (or a workbook headed by `header`, as an older template was) with one row."""
    if header is None:
        write_template(path)
        book = openpyxl.load_workbook(path)
        header = [c.value for c in book["items"][1]]
    else:
        book = openpyxl.Workbook()
        book.active.append(header)
    sheet = book.worksheets[0]
    sheet.append([values.get(name) for name in header])
    book.save(path)
    return header


ROW = dict(id="mini-10", stem="Nilai dasar yang menjadi pedoman perilaku setiap ASN dalam melayani warga adalah ....",
           option_a="BerAKHLAK", option_b="Panca Prasetya Korps Pegawai Republik Indonesia", option_c="Sapta Marga",
           key="A", objective="mini-1", level="C1", difficulty="mudah", reason_a="Nilai dasar ASN.",
           reason_b="Janji anggota KORPRI.", reason_c="Pedoman prajurit TNI.", pembahasan="BerAKHLAK nilai dasar ASN.")


def test_the_excel_template_carries_the_short_forms_for_live_quizzes(tmp_path, mini):
    """Template → row → import → an items file → the curriculum loads the short forms."""
    template = tmp_path / "items.xlsx"
    header = _template_row(template, {**ROW, "live_stem": "Nilai dasar ASN adalah ....",
                                      "live_text_b": "Panca Prasetya KORPRI"})
    assert header[-6:] == ["live_stem", *(f"live_text_{x}" for x in "abcde")]
    text = import_files([template], "mini")[0]
    item = yaml.safe_load(text)["items"][0]
    assert item["stem"] == ROW["stem"] and item["live_stem"] == "Nilai dasar ASN adalah ...."
    assert [o.get("live_text") for o in item["options"]] == [None, "Panca Prasetya KORPRI", None]
    assert list(item)[list(item).index("stem") + 1] == "live_stem"  # beside the stem, as a writer puts it
    (mini / "items" / "impor.yaml").write_text(text.replace(item["backing"]["section"], "mini-pelayanan"),
                                               encoding="utf-8")
    loaded = load_curriculum(mini)[0].item_by_id["mini-10"]
    assert (loaded.live_stem, loaded.options[1].live_text) == ("Nilai dasar ASN adalah ....", "Panca Prasetya KORPRI")


def test_a_short_form_of_an_empty_option_is_reported_at_its_cell(tmp_path):
    template = tmp_path / "items.xlsx"
    header = _template_row(template, {**ROW, "live_text_d": "Sumpah Pemuda"})
    with pytest.raises(LatsarError) as caught:
        import_files([template], "mini")
    assert [d.format() for d in caught.value.diagnostics] == [
        f"{template}:2:{header.index('live_text_d') + 1}: row 2: live_text_d is the short form of option D, which "
        "is empty; write option_d, or move the short form to its option's column"]


def test_a_template_made_before_the_short_form_columns_still_imports(tmp_path):
    old = ["id", "stem", *(f"option_{x}" for x in "abcde"), "key", *(f"reason_{x}" for x in "abcde"), "pembahasan",
           "objective", "level", "difficulty", "indicator"]
    template = tmp_path / "old.xlsx"
    _template_row(template, ROW, header=old)
    item = yaml.safe_load(import_files([template], "mini")[0])["items"][0]
    assert item["stem"] == ROW["stem"] and "live_stem" not in item
    assert [o["text"] for o in item["options"]] == [ROW["option_a"], ROW["option_b"], ROW["option_c"]]
    assert not [o for o in item["options"] if "live_text" in o]
