"""Publishing a build: build/ is always the old build or the new one, whole, and holds exactly what
its manifest lists (issue 12, items 2 and 3)."""

from __future__ import annotations

import errno
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from latsar.cli import main

import latsar.build
import latsar.publish


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (hidden ones included) with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_matches_manifest(out: Path, kept: tuple[str, ...] = ()) -> None:
    """On disk exactly the manifest's files (plus the manifest and folders other commands own)."""
    listed = {e["path"]: e for e in json.loads((out / "manifest.json").read_text())["files"]}
    on_disk = {k: v for k, v in snapshot(out).items() if k != "manifest.json" and k.split("/")[0] not in kept}
    assert set(on_disk) == set(listed)
    for path, data in on_disk.items():
        assert (len(data), hashlib.sha256(data).hexdigest()) == (listed[path]["bytes"], listed[path]["sha256"])


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


def add_second_quiz(mini: Path) -> None:
    text = (mini / "blueprints" / "kuis.yaml").read_text().replace("id: kuis", "id: kuis-dua")
    (mini / "blueprints" / "kuis-dua.yaml").write_text(text)


@pytest.fixture
def old_and_new(mini: Path, monkeypatch: pytest.MonkeyPatch):
    """An old build (two quizzes, title A) and the new build's rendered files (one quiz, title B)."""
    from latsar.build import BuildContext, BuildOptions, run_steps
    from latsar.model.load import load_curriculum

    add_second_quiz(mini)
    out = mini.parent / "build"
    assert main(["build", "curriculum", "--out", "build"]) == 0
    old = snapshot(out)
    (mini / "blueprints" / "kuis-dua.yaml").unlink()
    programme = mini / "programme.yaml"
    programme.write_text(programme.read_text().replace("Pelatihan Uji", "Pelatihan Baru"))
    curriculum, _ = load_curriculum(mini)
    rendered = run_steps(BuildContext(curriculum, BuildOptions(jobs=1)), tuple(latsar.build.STEPS))
    # Rendering is the same every time; only the publishing is under test, so render once and
    # replay the files into the build's outputs (which stream them to the staging folder).
    def replay(context, names, report=None, outputs=None):
        for path, data in sorted(rendered.files.items()):
            outputs.add(path, data)
        outputs.notes.extend(rendered.notes)
        return outputs

    monkeypatch.setattr(latsar.build, "run_steps", replay)
    return out, old, curriculum


def failing_at(k: int, error: BaseException):
    real, calls = latsar.publish.open_for_writing, [0]

    def opener(path: Path):
        calls[0] += 1
        if calls[0] == k:
            raise error
        return real(path)

    return opener, calls


def test_build_interrupted_at_every_write_leaves_the_old_build_whole(
        old_and_new, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    from latsar.errors import LatsarError

    out, old, curriculum = old_and_new
    opener, calls = failing_at(0, OSError())
    monkeypatch.setattr(latsar.publish, "open_for_writing", opener)
    assert main(["build", "curriculum", "--out", "build"]) == 0
    new, writes = snapshot(out), calls[0]
    assert writes > 20 and new != old and not any(p.startswith("quizzes/kuis-dua") for p in new)
    assert_matches_manifest(out)
    for k in range(1, writes + 1):
        for error in (OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt()):
            _restore(out, old)
            opener, _ = failing_at(k, error)
            monkeypatch.setattr(latsar.publish, "open_for_writing", opener)
            with pytest.raises(LatsarError if isinstance(error, OSError) else KeyboardInterrupt):
                latsar.build.build(curriculum, out)
            assert snapshot(out) == old, (k, error)
            assert leftovers(out) == [], (k, error)
    # As the user sees it: a located message and exit 2, the last file's write failing.
    monkeypatch.setattr(latsar.publish, "open_for_writing", failing_at(writes, OSError(errno.ENOSPC, "No space left on device"))[0])
    assert main(["build", "curriculum", "--out", "build"]) == 2
    assert capsys.readouterr().err.splitlines()[-1].startswith("build/manifest.json: cannot write (No space left on device); ")
    assert snapshot(out) == old


def _restore(out: Path, files: dict[str, bytes]) -> None:
    import shutil

    shutil.rmtree(out, ignore_errors=True)
    for path, data in files.items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_bytes(data)


def test_build_interrupted_during_the_swap_leaves_the_old_build(
        old_and_new, monkeypatch: pytest.MonkeyPatch) -> None:
    out, old, _ = old_and_new
    real_rename = latsar.publish.os.rename
    monkeypatch.setattr(latsar.publish, "exchange", lambda first, second: False)  # the two-rename path

    def rename(source, destination):
        if ".staging-" in str(source):
            raise KeyboardInterrupt
        real_rename(source, destination)

    monkeypatch.setattr(latsar.publish.os, "rename", rename)
    assert main(["build", "curriculum", "--out", "build"]) != 0
    assert snapshot(out) == old and leftovers(out) == []
    monkeypatch.setattr(latsar.publish.os, "rename", real_rename)
    assert main(["build", "curriculum", "--out", "build"]) == 0  # the two-rename path works too
    assert_matches_manifest(out)
    assert leftovers(out) == []


def test_a_killed_build_is_repaired_by_the_next(mini: Path) -> None:
    """kill -9 between the two renames of the fallback swap: the old build sits aside, the staging
    folder is half full. The next run puts the old one back, then publishes and cleans up."""
    assert main(["build", "curriculum", "--out", "build"]) == 0
    out = mini.parent / "build"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    out.rename(out.parent / f".build.old-{dead}-x1")
    (out.parent / f".build.staging-{dead}-x2" / "modules").mkdir(parents=True)
    latsar.publish._recover(out)
    assert (out / "manifest.json").is_file() and leftovers(out) == []
    assert_matches_manifest(out)


def test_removed_blueprint_leaves_no_stale_files_and_scores_are_kept(mini: Path) -> None:
    add_second_quiz(mini)
    assert main(["build", "curriculum", "--out", "build"]) == 0
    out = mini.parent / "build"
    assert (out / "quizzes" / "kuis-dua" / "kunci.csv").is_file()
    (out / "scores" / "kuis").mkdir(parents=True)
    (out / "scores" / "kuis" / "scores.csv").write_text("participant\n007\n")
    (mini / "blueprints" / "kuis-dua.yaml").unlink()
    assert main(["build", "curriculum", "--out", "build"]) == 0
    assert not (out / "quizzes" / "kuis-dua").exists() and not (out / "exports" / "kuis-dua").exists()
    assert (out / "scores" / "kuis" / "scores.csv").read_text() == "participant\n007\n"
    assert_matches_manifest(out, kept=("scores",))


def test_export_folder_is_replaced_whole_and_the_build_manifest_follows(mini: Path) -> None:
    assert main(["build", "curriculum", "--out", "build"]) == 0
    out = mini.parent / "build"
    assert main(["export", "kuis", "curriculum", "-f", "gift", "--out", "build"]) == 0
    assert sorted(p.name for p in (out / "exports" / "kuis").iterdir()) == ["gift.txt", "manifest.json"]
    assert_matches_manifest(out)
    part = json.loads((out / "exports" / "kuis" / "manifest.json").read_text())
    assert [f["path"] for f in part["files"]] == ["exports/kuis/gift.txt"]


def test_quiz_command_interrupted_leaves_its_folder_whole(mini: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["quiz", "kuis", "curriculum", "--out", "build"]) == 0
    folder = mini.parent / "build" / "quizzes" / "kuis"
    old = snapshot(folder)
    opener, _ = failing_at(3, OSError(errno.EIO, "Input/output error"))
    monkeypatch.setattr(latsar.publish, "open_for_writing", opener)
    assert main(["quiz", "kuis", "curriculum", "--out", "build", "--lang", "en"]) == 2
    assert snapshot(folder) == old and leftovers(folder) == []


def test_a_folder_latsar_did_not_write_is_not_replaced(mini: Path, capsys: pytest.CaptureFixture) -> None:
    mine = mini.parent / "mine"
    mine.mkdir()
    (mine / "thesis.docx").write_text("two years of work")
    assert main(["build", "curriculum", "--out", "mine"]) == 2
    assert capsys.readouterr().err.strip() == (
        "mine: holds files latsar did not write (no manifest.json); choose a new or empty output folder (--out)")
    assert snapshot(mine) == {"thesis.docx": b"two years of work"} and leftovers(mine) == []


def test_staging_streams_files_and_records_them(tmp_path: Path) -> None:
    from latsar.publish import publishing

    with publishing(tmp_path / "out") as stage:
        with stage.open("big/part.bin") as stream:
            for _ in range(3):
                stream.write(b"abc")
        stage.write("small.txt", b"x")
        assert not (tmp_path / "out").exists()  # nothing visible until the end
    assert snapshot(tmp_path / "out") == {"big/part.bin": b"abcabcabc", "small.txt": b"x"}
    assert stage.written["big/part.bin"].sha256 == hashlib.sha256(b"abcabcabc").hexdigest()
    with pytest.raises(ValueError):
        with publishing(tmp_path / "out") as stage:
            stage.write("../escape.txt", b"x")
    assert not (tmp_path / "escape.txt").exists() and leftovers(tmp_path / "out") == []


@pytest.mark.parametrize("k", [1, 7, 20])
def test_init_into_a_full_disk_leaves_no_half_copied_folder(k: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture) -> None:
    import shutil

    monkeypatch.chdir(tmp_path)
    real, calls = shutil.copyfile, [0]

    def copyfile(source, destination, **options):
        calls[0] += 1
        if calls[0] == k:
            raise OSError(errno.ENOSPC, "No space left on device", str(destination))
        return real(source, destination, **options)

    monkeypatch.setattr(shutil, "copyfile", copyfile)
    assert main(["init", "baru"]) == 2
    assert capsys.readouterr().err.strip() == (
        "baru: cannot write (No space left on device); check the folder's permissions and free space, "
        "or choose another folder")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_init_into_a_read_only_folder_is_a_user_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture) -> None:
    import tempfile

    monkeypatch.chdir(tmp_path)

    def refused(*args, **options):  # what a read-only parent answers (root ignores chmod)
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkdtemp", refused)
    assert main(["init", "baru"]) == 2
    assert capsys.readouterr().err.strip() == (
        "baru: cannot write (Permission denied); check the folder's permissions and free space, "
        "or choose another folder")
    assert list(tmp_path.iterdir()) == []
