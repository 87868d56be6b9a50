"""The command line: fast help without reportlab, init, schema, build outputs and manifest."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from latsar.cli import main
from latsar.model.jsonschema import schemas
from latsar.source.yamlfile import read_yaml


def test_help_does_not_import_reportlab() -> None:
    code = "import sys, latsar.cli; sys.exit(1 if any(m.startswith('reportlab') for m in sys.modules) else 0)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_help_does_not_import_the_image_libraries() -> None:
    heavy = ("cv2", "numpy", "pypdfium2", "zxingcpp", "segno")
    code = (f"import sys, latsar.cli\nsys.argv = ['latsar', '--help']\ntry: latsar.cli.run()\nexcept SystemExit: pass\n"
            f"sys.exit(1 if [m for m in sys.modules if m.split('.')[0] in {heavy!r}] else 0)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0


def test_help_lists_commands(capsys: pytest.CaptureFixture) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for command in ("check", "build", "init", "schema"):
        assert f"  {command} " in out


def test_check_clean_mini(mini: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["check", "curriculum", "--strict"]) == 0
    out = capsys.readouterr().out
    assert "mini" in out and "0 warning(s), 0 errors" in out


def test_strict_fails_on_warnings(mini: Path, capsys: pytest.CaptureFixture) -> None:
    items = mini / "items" / "mini.yaml"
    items.write_text(items.read_text().replace("Siapa yang menurut berita itu", "Siapa yang biasanya"))
    assert main(["check", "curriculum"]) == 0
    assert main(["check", "curriculum", "--strict"]) == 1
    assert "[K1] item 'mini-01': vague qualifier 'biasanya' in the stem" in capsys.readouterr().err


def test_build_writes_manifest_matching_files(mini: Path) -> None:
    assert main(["build", "curriculum", "--out", "out"]) == 0
    out = mini.parent / "out"
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["inputs"]["curriculum/programme.yaml"] == hashlib.sha256(
        (mini / "programme.yaml").read_bytes()).hexdigest()
    assert manifest["seeds"] == {"evaluasi-mini": 3, "kuis": 7}
    for entry in manifest["files"]:
        data = (out / entry["path"]).read_bytes()
        assert (len(data), hashlib.sha256(data).hexdigest()) == (entry["bytes"], entry["sha256"])
    assert not list(out.rglob(".*"))  # no temporary files left behind


def test_build_is_deterministic(mini: Path) -> None:
    assert main(["build", "curriculum", "--out", "one"]) == 0
    assert main(["build", "curriculum", "--out", "two"]) == 0
    one, two = mini.parent / "one", mini.parent / "two"
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files and files == sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file())
    for f in files:
        assert (one / f).read_bytes() == (two / f).read_bytes(), f


def test_init_copies_a_curriculum_that_checks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["init", "baru"]) == 0
    assert (tmp_path / "baru" / "curriculum" / "programme.yaml").is_file()
    assert (tmp_path / "baru" / "seeds" / "sources.yaml").is_file()
    assert main(["init", "baru"]) == 2  # refuses a non-empty folder
    assert "folder is not empty" in capsys.readouterr().err


@pytest.mark.parametrize("root", ["mini", "bundled"])
def test_schema_validates_yaml(root: str, mini: Path) -> None:
    folder = mini if root == "mini" else Path(__file__).resolve().parents[1] / "curriculum"
    found = schemas()
    checked = 0
    for kind, pattern in (("programme", "programme.yaml"), ("module", "modules/*.yaml"),
                          ("items", "items/*.yaml"), ("blueprint", "blueprints/*.yaml"),
                          ("regulations", "regulations.yaml")):
        for file in sorted(folder.glob(pattern)):
            jsonschema.validate(_json_ready(read_yaml(file).data), found[kind])
            checked += 1
    assert checked >= (5 if root == "mini" else 22)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"id": "x", "level": "C7"}, found["module"])


def _json_ready(data):
    """YAML dates become strings, as an editor's YAML extension sees them."""
    if isinstance(data, dict):
        return {k: _json_ready(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_json_ready(v) for v in data]
    return data.isoformat() if hasattr(data, "isoformat") else data


def test_schema_command_writes_files(mini: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["schema", "--out", "s"]) == 0
    names = sorted(p.name for p in (mini.parent / "s").iterdir())
    assert names == ["blueprint.schema.json", "items.schema.json", "module.schema.json",
                     "programme.schema.json", "regulations.schema.json", "sources.schema.json"]


def test_export_command_writes_requested_formats(mini: Path, capsys: pytest.CaptureFixture) -> None:
    import xml.etree.ElementTree as ET

    assert main(["export", "kuis", "curriculum", "-f", "moodle", "-f", "csv", "--out", "out"]) == 0
    folder = mini.parent / "out" / "exports" / "kuis"
    assert sorted(p.name for p in folder.iterdir()) == ["items.csv", "manifest.json", "moodle.xml"]
    questions = ET.parse(folder / "moodle.xml").getroot().findall("question[@type='multichoice']")
    assert len(questions) == 2


@pytest.mark.parametrize("argv, message", [
    (["export", "kuiz", "curriculum"], "unknown blueprint 'kuiz'; did you mean 'kuis'?"),
    (["export", "kuis", "curriculum", "-f", "moodel"], "unknown export format 'moodel'; did you mean 'moodle'?"),
])
def test_export_command_bad_names(argv, message, mini: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(argv + ["--out", "out"]) == 2
    assert capsys.readouterr().err.strip() == message
    assert not (mini.parent / "out").exists()


def test_labels_command_lists_overridable_keys(capsys: pytest.CaptureFixture) -> None:
    assert main(["labels", "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) > 50 and any(line.startswith("contents: Contents") for line in lines)


def test_unknown_label_override_is_located(mini: Path, capsys: pytest.CaptureFixture) -> None:
    programme = mini / "programme.yaml"
    programme.write_text(programme.read_text() + "labels:\n  contentz: Isi\n")
    assert main(["check", "curriculum"]) == 2
    assert capsys.readouterr().err.strip() == (
        "curriculum/programme.yaml:9:3: unknown label 'contentz'; did you mean 'contents'?")


def test_a_command_leaves_its_objects_to_the_exit(mini: Path) -> None:
    """After the command, what it made is frozen (gc.freeze): Python's shutdown does not walk it
    all once more (0.3 s after a build)."""
    code = ("import atexit, gc, sys\n"
            "atexit.register(lambda: print('frozen', gc.get_freeze_count(), file=sys.stderr))\n"
            "sys.argv = ['latsar', 'build', '-q']\nfrom latsar.entry import run\nrun()\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=mini.parent, capture_output=True, text=True)
    frozen = int(done.stderr.split("frozen ")[-1])
    assert done.returncode == 0 and frozen > 50_000, done.stderr


def test_build_in_workers_equals_serial_build(mini: Path) -> None:
    from latsar.build import BuildOptions, build
    from latsar.model.load import load_curriculum

    curriculum, _ = load_curriculum(mini)

    def built(folder: str, jobs: int) -> dict[str, bytes]:
        out = mini.parent / folder
        made = build(curriculum, out, BuildOptions(jobs=jobs)).sizes
        on_disk = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
        assert {path: len(data) for path, data in on_disk.items() if path != "manifest.json"} == made
        return on_disk

    in_workers = built("in-workers", 2)
    assert any(name.startswith("modules/") for name in in_workers)
    assert built("serial", 1) == in_workers


def test_build_pieces_longest_first_and_big_quizzes_alone(mini: Path) -> None:
    """The module handouts and the book are one piece (the book takes the handouts' layouts),
    the costliest; a quiz with as many versions as its own workers need runs alone (in this
    process, which starts them), the others share workers."""
    from latsar.build import STEPS, BuildContext, BuildOptions
    from latsar.model.load import load_curriculum
    from latsar.render.pdf.quiz.parallel import PARALLEL_MIN

    blueprint = mini / "blueprints" / "kuis.yaml"
    blueprint.write_text(blueprint.read_text().replace("versions: 2", f"versions: {PARALLEL_MIN}"))
    context = BuildContext(load_curriculum(mini)[0], BuildOptions(jobs=2))
    handouts = {part.args: part for part in STEPS["handouts"](context)}
    facilitator_guides = [part.cost for args, part in handouts.items() if args]
    assert facilitator_guides and handouts[()].cost > 10 * max(facilitator_guides)
    quizzes = {part.args[0]: part for part in STEPS["quizzes"](context)}
    assert quizzes["kuis"].alone and not quizzes["evaluasi-mini"].alone
    assert quizzes["kuis"].cost > quizzes["evaluasi-mini"].cost


def test_one_quiz_starts_no_workers(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`latsar quiz X` has one piece of work worth the name: forking workers would only cost."""
    import latsar.build

    started: list[int] = []
    monkeypatch.setattr(latsar.build, "_in_workers", lambda *args: started.append(1) or {})
    monkeypatch.setattr(latsar.build, "free_cores", lambda: 2)
    assert main(["quiz", "kuis", "curriculum", "--out", "out"]) == 0
    assert not started
    assert main(["build", "curriculum", "--out", "all"]) == 0
    assert started == [1]


def test_unusable_output_folder_is_a_user_error(mini: Path, capsys: pytest.CaptureFixture) -> None:
    (mini.parent / "taken").write_text("not a folder")
    assert main(["build", "curriculum", "--out", "taken"]) == 2
    assert main(["init", "taken"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "taken: is a file, not a folder; choose another output folder (--out)",
        "taken: is a file, not a folder; choose a new folder name"]


def test_bad_source_date_epoch_is_a_user_error(mini: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    assert main(["build", "curriculum", "--out", "out"]) == 2
    assert capsys.readouterr().err.startswith(
        "SOURCE_DATE_EPOCH: expected whole seconds since 1970-01-01, got 'yesterday'")
    assert not (mini.parent / "out").exists()


@pytest.mark.parametrize("where", ["latsar.cli.environment_language", "latsar.cli.main"])
def test_ctrl_c_outside_the_command_itself_is_one_line(mini: Path, where: str) -> None:
    """Ctrl-C while the command line loads or picks its language (before typer can report it)."""
    module, name = where.rsplit(".", 1)
    code = (f"import sys, {module}\n"
            "def interrupted(*args, **kwargs):\n    raise KeyboardInterrupt\n"
            f"{module}.{name} = interrupted\n"
            "sys.argv = ['latsar', 'build', '-q']\nfrom latsar.entry import run\nrun()\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=mini.parent, capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (130, "latsar: interrupted (Ctrl-C)\n")
