"""The online quiz tools: google-forms.gs run against a recording stand-in of FormApp (in QuickJS),
its simulated responses export scored by latsar's own reader, and kahoot.xlsx and quizizz.xlsx
read back with openpyxl."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import random
import zipfile
from pathlib import Path

import openpyxl
import pytest
import quickjs

import exportbank
from latsar.labels import labels_for
from latsar.render.export import ExportRefused, export_one
from latsar.render.export import forms, kahoot, quizizz
from latsar.score.readers.common import ID_COLUMNS, NAME_COLUMNS, header_key
from latsar.text.markdown import plain_text

STANDIN = (Path(__file__).parent / "formapp_standin.js").read_text(encoding="utf-8")
PROJECT = Path(__file__).resolve().parents[3]


def run_script(script: bytes) -> dict:
    """Run google-forms.gs's createQuiz() against the stand-in; what it built, as data."""
    context = quickjs.Context()
    context.eval(STANDIN)
    context.eval(script.decode("utf-8"))
    context.eval("createQuiz();")
    return json.loads(context.eval("standinResult()"))


def questions(form: dict) -> list[dict]:
    return [item for item in form["items"] if item["type"] == "MULTIPLE_CHOICE"]


@pytest.fixture(scope="module")
def built(bank, main_plan):
    result = run_script(export_one(bank, main_plan, "forms").files[forms.FILE])
    assert len(result["forms"]) == 1
    return result


# --------------------------------------------------------------------------- Google Forms


def test_the_script_makes_a_quiz_with_required_identity_questions_first(built):
    form = built["forms"][0]
    assert form["isQuiz"] is True
    assert form["title"] == "Evaluasi / Uji & “Coba”"
    identity = form["items"][:3]
    assert [(i["type"], i["title"], i["required"]) for i in identity] == [
        ("TEXT", "Nama", True), ("TEXT", "NIP", True), ("TEXT", "Instansi", True)]
    assert "nomor peserta" in identity[1]["help"]
    assert "Waktu: 30 menit · Jumlah soal: 4" in form["description"]
    assert "Kerjakan sendiri." in form["description"]  # the blueprint's instructions, markup removed
    assert built["log"] == ["Evaluasi / Uji & “Coba”: https://docs.google.com/forms/d/standin/edit"]


def test_one_question_per_item_of_paket_a_with_exactly_the_key_correct(built, bank, main_plan):
    form = built["forms"][0]
    # A section per module in teaching order (layanan, then etika), paket A's order within each.
    kinds = [(i["type"], i["title"]) for i in form["items"][3:]]
    assert [t for k, t in kinds if k == "PAGE_BREAK"] == ["Pelayanan Publik / Dasar", "Etika & Integritas"]
    paket_a = [p.item_id for p in main_plan.versions[0].items]
    expected = [i for i in paket_a if i.startswith(("khusus", "layanan"))] + [i for i in paket_a if i.startswith("etika")]
    made = questions(form)
    assert [q["title"] for q in made] == [plain_text(bank.item_by_id[i].stem) for i in expected]
    for question, item_id in zip(made, expected):
        planned = next(p for p in main_plan.versions[0].items if p.item_id == item_id)
        item = bank.item_by_id[item_id]
        assert [c["value"] for c in question["choices"]] == [plain_text(item.options[i].text) for i in planned.choice_order]
        assert [c["isCorrect"] for c in question["choices"]].count(True) == 1
        assert question["choices"][planned.key_index]["isCorrect"] is True
        assert (question["points"], question["required"]) == (1, True)
        assert question["feedbackCorrect"] == plain_text(item.explanation)
        key_text = plain_text(item.options[planned.choice_order[planned.key_index]].text)
        assert question["feedbackIncorrect"].startswith(f"Jawaban yang benar: {key_text}\n\n")


def test_special_characters_reach_the_form_exactly(built, bank):
    special = next(q for q in questions(built["forms"][0]) if "tanda" in q["title"])
    assert special["title"] == plain_text(exportbank.SPECIAL_STEM)
    assert 'C:\\data\\ “dan”' in special["title"] and '"kutip"' in special["title"]


@pytest.mark.parametrize("text", ["a\u2028b\u2029c", '</script> "q" \\ \n \t', "é — “x” \x00 \u0007"])
def test_js_literal_is_javascript_that_gives_back_the_text(text):
    literal = forms.js_literal({"t": text})
    assert "\u2028" not in literal and "\u2029" not in literal
    context = quickjs.Context()
    assert json.loads(context.eval(f"JSON.stringify({literal})"))["t"] == text


@pytest.mark.parametrize("lang", ["id", "en"])
def test_identity_titles_are_names_the_score_reader_knows(lang):
    labels = labels_for(lang)
    assert header_key(labels["online_id"]) in ID_COLUMNS
    assert header_key(labels["online_name"]) in NAME_COLUMNS


def test_english_labels_reach_the_form(bank, main_plan):
    built = run_script(export_one(bank, main_plan, "forms", labels_for("en")).files[forms.FILE])
    titles = [i["title"] for i in built["forms"][0]["items"][:3]]
    assert titles == ["Name", "Participant ID", "Agency"]


# --------------------------------------------------------------------------- round trip


@pytest.fixture(scope="module")
def post_test():
    from latsar.model.load import load_curriculum
    from latsar.plan.quiz import plan_quiz

    curriculum = load_curriculum(PROJECT / "curriculum")[0]
    return curriculum, plan_quiz(curriculum, curriculum.blueprint_by_id["post-test"])


def responses_export(form: dict, participants: int, seed: int) -> tuple[list[list[str]], list[int]]:
    """What Forms' responses download would hold: Timestamp, the identity answers, then one column
    per question holding the chosen choice. The expected scores come from the form's own marks."""
    rng = random.Random(seed)
    made = questions(form)
    header = ["Timestamp", *(i["title"] for i in form["items"] if i["type"] == "TEXT"), *(q["title"] for q in made)]
    rows, scores = [header], []
    for n in range(participants):
        chosen = [rng.choice(q["choices"] + [None]) for q in made]
        scores.append(sum(bool(c and c["isCorrect"]) for c in chosen))
        rows.append([f"2026/12/06 9:{n:02d}:00 AM GMT+7", f"Peserta {n}", f"1990{n:04d}", "BPSDM Kalbar",
                     *(c["value"] if c else "" for c in chosen)])
    return rows, scores


def test_the_forms_responses_export_scores_with_latsar_score(tmp_path, post_test):
    from latsar.score.key import answer_key
    from latsar.score.readers import read_answers
    from latsar.score.results import participant_results
    from latsar.score.scoring import combine

    curriculum, plan = post_test
    form = run_script(export_one(curriculum, plan, "forms").files[forms.FILE])["forms"][0]
    assert len(questions(form)) == 30
    rows, scores = responses_export(form, 12, seed=3)
    path = tmp_path / "Post-test (Responses).csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows(rows)
    key = answer_key(curriculum, plan)
    parsed = read_answers(path, key)
    assert parsed.kind == "forms"
    scored = combine(key, [parsed])
    assert not scored.rejected
    results = participant_results(curriculum, key, scored)
    assert [r.raw for r in results] == scores
    assert [r.participant for r in results] == [f"1990{n:04d}" for n in range(12)]


# --------------------------------------------------------------------------- Kahoot


def kahoot_rows(data: bytes) -> list[tuple]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    return [tuple(c.value for c in row) for row in sheet.iter_rows()]


def test_kahoot_uses_the_template_layout_and_the_right_answer_number(bank, main_plan):
    result = export_one(bank, main_plan, "kahoot")
    rows = kahoot_rows(result.files[kahoot.FILE])
    assert rows[7] == kahoot.HEADER
    body = rows[8:]
    paket_a = main_plan.versions[0].items
    fitting = [p for p in paket_a if not kahoot.misfits(_entry(bank, main_plan, p.item_id))]
    assert [r[0] for r in body] == list(range(1, len(fitting) + 1))
    for row, planned in zip(body, fitting):
        item = bank.item_by_id[planned.item_id]
        assert row[1] == " ".join(plain_text(item.stem).split())
        answers = [a for a in row[2:6] if a]
        assert answers == [plain_text(item.options[i].text) for i in planned.choice_order]
        assert row[7] == planned.key_index + 1
        assert answers[row[7] - 1] == plain_text(next(o.text for o in item.options if o.correct))
        assert row[6] in kahoot.SECONDS and len(row[1]) <= 120 and all(len(a) <= 75 for a in answers)


def _entry(bank, plan, item_id):
    from latsar.render.export.online import paket_items

    return next(e for e in paket_items(bank, plan) if e.item.id == item_id)


def test_kahoot_leaves_out_what_does_not_fit_and_names_it_with_its_place(tmp_path):
    bank = exportbank.curriculum(tmp_path)
    long_stem = bank.item_by_id["etika-1a"].model_copy(update={"stem": "Panjang " * 20})
    items = tuple(long_stem if i.id == "etika-1a" else i for i in bank.items)
    from latsar.errors import Location

    bank = dataclasses.replace(bank, items=items, item_locations={"etika-1a": Location("items/etika.yaml", 12, 5)})
    plan = exportbank.main_plan(bank)
    result = export_one(bank, plan, "kahoot")
    rows = kahoot_rows(result.files[kahoot.FILE])
    assert "etika-1a" not in str(rows) and not any(r[1] and r[1].startswith("Panjang") for r in rows[8:])
    assert len(rows[8:]) == 3
    assert result.warnings[0] == "kahoot.xlsx: 1 of 4 items left out: they do not fit Kahoot's limits"
    assert ("items/etika.yaml:12:5: kahoot.xlsx: item 'etika-1a' left out: its question has 159 characters, "
            "Kahoot takes 120; write its short form for live quizzes (`live_stem:`, an option's `live_text:`), or "
            "use the Quizizz or Moodle export, which carry it") in result.warnings


def _shortened(tmp_path):
    """The synthetic bank with etika-1a too long for Kahoot in its stem and in its key, both with
    short forms, and layanan-2a with a long distractor and its short form."""
    bank = exportbank.curriculum(tmp_path)
    etika = bank.item_by_id["etika-1a"]
    options = [o.model_copy(update={"text": "Kunci yang ditulis sangat panjang " * 3, "live_text": "Kunci *singkat*"})
               if o.correct else o for o in etika.options]
    etika = etika.model_copy(update={"stem": "Panjang " * 20, "live_stem": "Pertanyaan **singkat**?",
                                     "options": options})
    layanan = bank.item_by_id["layanan-2a"]
    distractor = next(n for n, o in enumerate(layanan.options) if not o.correct)
    options = [o.model_copy(update={"text": "Pengecoh panjang " * 6, "live_text": "Pengecoh singkat"})
               if n == distractor else o for n, o in enumerate(layanan.options)]
    layanan = layanan.model_copy(update={"options": options})
    changed = {"etika-1a": etika, "layanan-2a": layanan}
    return dataclasses.replace(bank, items=tuple(changed.get(i.id, i) for i in bank.items))


def test_kahoot_takes_the_short_forms_and_keeps_the_key(tmp_path):
    bank = _shortened(tmp_path)
    plan = exportbank.main_plan(bank)
    result = export_one(bank, plan, "kahoot")
    body = kahoot_rows(result.files[kahoot.FILE])[8:]
    assert len(body) == len(plan.versions[0].items) == 4
    for row, planned in zip(body, plan.versions[0].items):
        item = bank.item_by_id[planned.item_id]
        answers = [a for a in row[2:6] if a]
        written = [item.options[i] for i in planned.choice_order]
        assert answers == [plain_text(o.live_text or o.text) for o in written]
        assert row[7] == planned.key_index + 1 and written[row[7] - 1].correct
    etika = next(row for row, p in zip(body, plan.versions[0].items) if p.item_id == "etika-1a")
    assert etika[1] == "Pertanyaan singkat?" and "Kunci singkat" in etika[2:6]
    assert etika[2 + etika[7] - 1] == "Kunci singkat"
    assert "Pengecoh singkat" in str(body) and "Pengecoh panjang" not in str(body)
    assert result.warnings == ["kahoot.xlsx: 2 of 4 questions in their short form for live quizzes (`live_stem:`, "
                               "`live_text:`); the printed quiz has the full text"]


@pytest.mark.parametrize("fmt", ["quizizz", "forms", "moodle", "csv"])
def test_the_other_exports_keep_the_full_text(tmp_path, fmt):
    bank = _shortened(tmp_path)
    files = export_one(bank, exportbank.main_plan(bank), fmt).files
    text = b"".join(files.values()) if fmt != "quizizz" else str(
        [c.value for row in openpyxl.load_workbook(io.BytesIO(files[quizizz.FILE])).active.iter_rows() for c in row]
    ).encode("utf-8")
    assert "Panjang Panjang".encode("utf-8") in text and b"Pengecoh panjang" in text
    assert "singkat".encode("utf-8") not in text


def test_kahoot_refuses_when_no_item_fits(tmp_path):
    bank = exportbank.curriculum(tmp_path)
    items = tuple(i.model_copy(update={"stem": "x" * 121}) for i in bank.items)
    bank = dataclasses.replace(bank, items=items)
    with pytest.raises(ExportRefused) as refused:
        export_one(bank, exportbank.main_plan(bank), "kahoot")
    assert len(refused.value.diagnostics) == 4


@pytest.mark.parametrize(("seconds", "minutes", "expected"), [(None, 30, 240), (None, 2, 30), (20, 30, 20),
                                                              (90, 1, 90)])
def test_the_time_per_question_is_the_blueprints_or_its_minutes_shared(bank, main_plan, seconds, minutes, expected):
    blueprint = main_plan.blueprint.model_copy(update={"question_seconds": seconds, "minutes": minutes})
    plan = dataclasses.replace(main_plan, blueprint=blueprint)
    rows = kahoot_rows(export_one(bank, plan, "kahoot").files[kahoot.FILE])
    assert {r[6] for r in rows[8:]} == {expected}


# --------------------------------------------------------------------------- Quizizz


def test_quizizz_holds_every_item_with_its_answer_number_and_explanation(bank, main_plan):
    sheet = openpyxl.load_workbook(io.BytesIO(export_one(bank, main_plan, "quizizz").files[quizizz.FILE])).active
    rows = [tuple(c.value for c in row) for row in sheet.iter_rows()]
    assert rows[0] == ("Question Text", "Question Type", "Option 1", "Option 2", "Option 3", "Option 4", "Option 5",
                       "Correct Answer", "Time in seconds", "Image Link", "Answer explanation")
    assert len(rows) == 1 + 4
    for row, planned in zip(rows[1:], main_plan.versions[0].items):
        item = bank.item_by_id[planned.item_id]
        assert row[0] == plain_text(item.stem) and row[1] == "Multiple Choice"
        assert row[2 + planned.key_index] == plain_text(next(o.text for o in item.options if o.correct))
        assert row[7] == planned.key_index + 1
        assert row[8] in quizizz.SECONDS
        assert row[10] == plain_text(item.explanation)


@pytest.mark.parametrize("file", [kahoot.FILE, quizizz.FILE])
def test_text_that_looks_like_a_formula_is_stored_as_text(tmp_path, file):
    bank = exportbank.curriculum(tmp_path)
    formula = '=HYPERLINK("http://x","klik")'
    items = tuple(i.model_copy(update={"stem": formula}) if i.id == "etika-1a" else i for i in bank.items)
    bank = dataclasses.replace(bank, items=items)
    data = export_one(bank, exportbank.main_plan(bank), file.split(".")[0]).files[file]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    cells = [c for row in openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows() for c in row]
    assert any(c.value == formula and c.data_type == "s" for c in cells)


def test_the_bundled_post_test_in_kahoot_and_quizizz(post_test):
    from latsar.render.export.online import paket_items

    curriculum, plan = post_test
    entries = paket_items(curriculum, plan)
    kahoot_result = export_one(curriculum, plan, "kahoot")
    rows = kahoot_rows(kahoot_result.files[kahoot.FILE])[8:]
    # Every item is there (2 of 30 were before the short forms), as Kahoot shows it: the short
    # stem where the item has one, and the right answer number pointing at the key's text.
    assert len(rows) == len(entries) == 30 and not [e.item.id for e in entries if kahoot.misfits(e)]
    assert sum(e.item.live_stem is not None for e in entries) >= 25
    assert [r[1] for r in rows] == [" ".join(plain_text(e.item.live_stem or e.item.stem).split()) for e in entries]
    assert [r[7] for r in rows] == [e.key + 1 for e in entries]
    for row, entry in zip(rows, entries):
        key = next(o for o in entry.item.options if o.correct)
        assert row[1 + row[7]] == " ".join(plain_text(key.live_text or key.text).split())
        assert len(row[1]) <= 120 and all(len(a) <= 75 for a in row[2:6] if a)
    assert not [w for w in kahoot_result.warnings if "left out" in w]
    sheet = openpyxl.load_workbook(io.BytesIO(export_one(curriculum, plan, "quizizz").files[quizizz.FILE])).active
    quizizz_rows = [tuple(c.value for c in row) for row in sheet.iter_rows()][1:]
    assert len(quizizz_rows) == len(entries) == 30
    assert [r[7] for r in quizizz_rows] == [e.key + 1 for e in entries]
