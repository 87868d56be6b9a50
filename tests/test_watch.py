"""`--watch`: the loop driven by a fake change stream, what a change touches, and the incremental
build writing the same bytes as a full build while leaving untouched files alone."""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path

import pytest

from latsar.build import build
from latsar.model.load import load_curriculum
from latsar.watch import file_changes, watch_loop
from latsar.watch.session import BuildSession, CheckSession
from latsar.watch.touched import Touched, touched_by


def test_loop_runs_once_then_per_batch_and_ends_on_ctrl_c() -> None:
    seen: list[frozenset[Path]] = []

    def changes():
        yield frozenset({Path("a.yaml")})
        yield frozenset()  # nothing of ours changed: no run
        yield frozenset({Path("b.yaml")})
        raise KeyboardInterrupt

    watch_loop(seen.append, changes())
    assert seen == [frozenset(), frozenset({Path("a.yaml")}), frozenset({Path("b.yaml")})]


def test_ctrl_c_during_a_run_ends_quietly() -> None:
    def run(changed: frozenset[Path]) -> None:
        raise KeyboardInterrupt

    watch_loop(run, iter([]))  # returns instead of raising


def test_what_a_change_touches(mini: Path) -> None:
    known = frozenset(p.resolve() for p in mini.rglob("*.yaml"))
    module, blueprint = mini / "modules" / "mini.yaml", mini / "blueprints" / "kuis.yaml"
    assert touched_by(mini, frozenset({module, mini / "items" / "mini.yaml"}), known) == Touched(
        modules=frozenset({"mini"}))
    assert touched_by(mini, frozenset({blueprint}), known) == Touched(blueprints=frozenset({"kuis"}))
    for other in (mini / "programme.yaml", mini.parent / "seeds" / "berita-uji.txt"):
        assert touched_by(mini, frozenset({other}), known).everything
    new = mini / "blueprints" / "baru.yaml"
    new.write_text("id: baru\n")
    assert touched_by(mini, frozenset({new}), known).everything  # a new file: everything
    new.unlink()
    assert touched_by(mini, frozenset({new}), known).everything  # a removed one too


def _files(out: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(out).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*")
            if p.is_file()}


def test_incremental_build_rewrites_only_what_the_change_touches(mini: Path) -> None:
    lines: list[str] = []
    session = BuildSession(mini, mini.parent / "out", None, lines.append)
    session(frozenset())
    out = Path("out")  # as messages show it, relative to the current folder
    before = _files(out)
    assert "rebuilt all" in lines[-1]

    blueprint = mini / "blueprints" / "kuis.yaml"
    blueprint.write_text(blueprint.read_text().replace("minutes: 10", "minutes: 15"))
    lines.clear()
    session(frozenset({blueprint}))
    after = _files(out)
    changed = sorted(path for path in after if after[path] != before.get(path))
    assert changed and all(path.startswith(("quizzes/kuis/", "exports/kuis/")) or path == "manifest.json"
                           for path in changed), changed
    assert [line.split(" (")[0] for line in lines if line.startswith("rebuilt")] == [
        f"rebuilt {out}/quizzes/kuis", f"rebuilt {out}/exports/kuis"]

    module = mini / "modules" / "mini.yaml"
    module.write_text(module.read_text().replace("title: Modul Uji", "title: Modul Uji Coba"))
    lines.clear()
    session(frozenset({module}))
    rebuilt = [line for line in lines if line.startswith("rebuilt")]
    assert rebuilt[0].startswith(f"rebuilt {out}/modules/mini.pdf (") and rebuilt[0].endswith(" s after the save)")

    # Every file is what a full build of the same curriculum writes, and the manifest vouches for it.
    full = mini.parent / "full"
    build(load_curriculum(mini)[0], full)
    for path, (data, _) in _files(out).items():
        if path.startswith(("modules/", "quizzes/kuis/soal", "exports/kuis/moodle")):
            assert data == (full / path).read_bytes(), path
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["inputs"] == json.loads((full / "manifest.json").read_text())["inputs"]
    for entry in manifest["files"]:
        assert hashlib.sha256((out / entry["path"]).read_bytes()).hexdigest() == entry["sha256"], entry["path"]


def test_errors_are_printed_and_changes_kept_until_it_loads(mini: Path) -> None:
    lines: list[str] = []
    session = BuildSession(mini, mini.parent / "out", None, lines.append)
    session(frozenset())
    module = mini / "modules" / "mini.yaml"
    good = module.read_text()
    module.write_text(good.replace("hours: 2", "hours: dua"))
    lines.clear()
    session(frozenset({module}))
    assert "curriculum/modules/mini.yaml:3:8: 'hours': expected a whole number, got 'dua'" in lines[1]
    assert lines[-1].startswith("0 warning(s), 1 error(s)")
    module.write_text(good.replace("title: Modul Uji", "title: Modul Diperbaiki"))
    lines.clear()
    session(frozenset())  # the earlier change is still pending
    assert any(line.startswith("rebuilt out/modules/mini.pdf") for line in lines)


def test_check_session_prints_the_errors_of_each_save(mini: Path) -> None:
    lines: list[str] = []
    session = CheckSession(mini, lines.append)
    session(frozenset())
    assert lines == ["0 warning(s), 0 error(s); watching for changes (Ctrl-C ends)"]
    blueprint = mini / "blueprints" / "kuis.yaml"
    blueprint.write_text(blueprint.read_text().replace("minutes: 10", "minutes: -1"))
    session(frozenset({blueprint}))
    assert lines[-2] == ("curriculum/blueprints/kuis.yaml:3:10: 'minutes': expected a number greater than 0, "
                         "got -1; use a positive number")


def test_file_changes_reports_a_save(tmp_path: Path) -> None:
    """The one test on the real file system: a save is seen (and an editor's swap file is not)."""
    target = tmp_path / "modul.yaml"
    target.write_text("a: 1\n")

    def save() -> None:
        (tmp_path / ".modul.yaml.swp").write_text("x")
        target.write_text("a: 2\n")

    timer = threading.Timer(0.3, save)
    timer.start()
    batch = next(file_changes(tmp_path))
    timer.join()
    assert batch == frozenset({target})


def test_check_watch_on_the_command_line(mini: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture) -> None:
    import latsar.watch
    from latsar.cli import main

    blueprint = mini / "blueprints" / "kuis.yaml"

    def saves(*folders: Path):
        assert mini.resolve() in [f.resolve() for f in folders]
        blueprint.write_text(blueprint.read_text().replace("minutes: 10", "minutes: -1"))
        yield frozenset({blueprint})
        raise KeyboardInterrupt  # Ctrl-C

    monkeypatch.setattr(latsar.watch, "file_changes", saves)
    assert main(["check", "curriculum", "--watch"]) == 0
    err = capsys.readouterr().err
    assert "changed: kuis.yaml" in err
    assert "curriculum/blueprints/kuis.yaml:3:10: 'minutes': expected a number greater than 0" in err
    assert "Traceback" not in err


def test_build_watch_on_the_command_line(mini: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture) -> None:
    import latsar.watch
    from latsar.cli import main

    module = mini / "modules" / "mini.yaml"

    def saves(*folders: Path):
        module.write_text(module.read_text().replace("title: Modul Uji", "title: Modul Baru"))
        yield frozenset({module})
        raise KeyboardInterrupt

    monkeypatch.setattr(latsar.watch, "file_changes", saves)
    assert main(["build", "curriculum", "--watch"]) == 0
    err = capsys.readouterr().err
    assert "rebuilt all" in err and "rebuilt build/modules/mini.pdf (" in err
    assert (mini.parent / "build" / "modules" / "mini.pdf").is_file()
