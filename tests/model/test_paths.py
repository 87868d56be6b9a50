"""Paths stay inside the project (issue 12, item 5): seeds, logos and every YAML file read resolve
inside the project, are regular files, and are read with a size limit; nothing hangs, nothing
outside the project is read or echoed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from latsar.cli import main


def errors(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.strip()]


def set_seed_file(mini: Path, name: str) -> None:
    sources = mini.parent / "seeds" / "sources.yaml"
    sources.write_text(sources.read_text().replace("file: berita-uji.txt", f"file: {name}"))


@pytest.mark.parametrize("named, reason", [
    ("/proc/self/environ", "is an absolute path; put the article in seeds as a UTF-8 text file"),
    ("../../etc/passwd", "points outside the project folder"),
    ("/dev/zero", "is an absolute path"),
])
def test_a_seed_file_outside_the_project_is_refused_unread(named: str, reason: str, mini: Path,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setenv("LATSAR_TEST_SECRET", "s3cr3t-token")
    set_seed_file(mini, named)
    assert main(["check", "curriculum"]) == 2
    err = capsys.readouterr().err
    assert "s3cr3t-token" not in err and "root:" not in err and "Traceback" not in err
    assert errors(err)[0].startswith(f"seeds/sources.yaml:2:9: seed file '{named}' {reason}")


def test_a_seed_symlinked_out_of_the_project_is_refused(mini: Path, tmp_path_factory, capsys) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "secret.txt"
    outside.write_text("PASSWORD=hunter2\n")
    link = mini.parent / "seeds" / "link.txt"
    link.symlink_to(outside)
    set_seed_file(mini, "link.txt")
    assert main(["check", "curriculum"]) == 2
    err = capsys.readouterr().err
    assert "hunter2" not in err
    assert errors(err)[0].startswith("seeds/sources.yaml:2:9: seed file 'link.txt' points outside the project folder")


def test_a_fifo_seed_is_refused_without_hanging(mini: Path, capsys: pytest.CaptureFixture) -> None:
    os.mkfifo(mini.parent / "seeds" / "pipe.txt")
    set_seed_file(mini, "pipe.txt")
    assert main(["check", "curriculum"]) == 2
    assert errors(capsys.readouterr().err)[0] == (
        "seeds/sources.yaml:2:9: seed file 'pipe.txt' is a pipe (FIFO), not a file; put the article in seeds "
        "as a UTF-8 text file")


@pytest.mark.parametrize("make, message", [
    (lambda p: p.mkdir(), "curriculum/items/extra.yaml:1:1: is a folder, not a file; replace it with a regular "
                          "UTF-8 text file, or remove it"),
    (lambda p: os.mkfifo(p), "curriculum/items/extra.yaml:1:1: is a pipe (FIFO), not a file; replace it with a "
                             "regular UTF-8 text file, or remove it"),
])
def test_odd_files_named_yaml_are_located(make, message: str, mini: Path, capsys: pytest.CaptureFixture) -> None:
    make(mini / "items" / "extra.yaml")
    assert main(["check", "curriculum"]) == 2
    assert errors(capsys.readouterr().err) == [message]


def test_a_yaml_file_linked_to_dev_zero_is_refused(mini: Path, capsys: pytest.CaptureFixture) -> None:
    (mini / "items" / "zero.yaml").symlink_to("/dev/zero")
    assert main(["check", "curriculum"]) == 2
    assert errors(capsys.readouterr().err)[0].startswith(
        "curriculum/items/zero.yaml: symlink points outside the project folder")


def test_a_logo_outside_the_project_or_a_folder_is_refused(mini: Path, capsys: pytest.CaptureFixture) -> None:
    programme = mini / "programme.yaml"
    text = programme.read_text()
    programme.write_text(text + "theme: {logo: /etc/passwd}\n")
    assert main(["check", "curriculum"]) == 2
    assert errors(capsys.readouterr().err) == [
        "curriculum/programme.yaml:8:15: logo file '/etc/passwd' is an absolute path; give the path of a PNG or "
        "JPEG inside the project, relative to programme.yaml, or remove `logo:`"]
    (mini / "logo.png").mkdir()
    programme.write_text(text + "theme: {logo: logo.png}\n")
    assert main(["check", "curriculum"]) == 2
    assert errors(capsys.readouterr().err)[0].startswith(
        "curriculum/programme.yaml:8:15: logo file 'logo.png' is a folder, not a file; ")


def test_a_seeds_folder_outside_the_project_is_refused(mini: Path, capsys: pytest.CaptureFixture) -> None:
    programme = mini / "programme.yaml"
    programme.write_text(programme.read_text() + "seeds: /etc\n")
    assert main(["check", "curriculum"]) == 2
    assert errors(capsys.readouterr().err)[0].startswith(
        "curriculum/programme.yaml:8:8: seeds folder '/etc' is an absolute path")


def test_yml_and_upper_case_files_are_named_not_skipped_silently(mini: Path, capsys: pytest.CaptureFixture) -> None:
    (mini / "items" / "lain.yml").write_text("items: []\n")
    (mini / "items" / "LAIN.YAML").write_text("items: []\n")
    assert main(["check", "curriculum"]) == 0
    err = capsys.readouterr().err
    assert "curriculum/items/LAIN.YAML: warning: skipped: only files ending in .yaml (lower case) are read; rename it to " \
           "LAIN.yaml" in err
    assert "curriculum/items/lain.yml: warning: skipped: only files ending in .yaml (lower case) are read; rename it to " \
           "lain.yaml" in err


def test_an_unreadable_file_is_located(mini: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    import errno

    import latsar.source.files

    def denied(path, mode="r", *args, **kwargs):  # what a file without read permission answers
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(latsar.source.files, "open", denied, raising=False)
    assert main(["check", "curriculum"]) == 2
    lines = errors(capsys.readouterr().err)
    assert "Traceback" not in "\n".join(lines)
    assert lines[0] == ("curriculum/programme.yaml:1:1: cannot be read (Permission denied); replace it with a "
                        "regular UTF-8 text file, or remove it")


def test_a_statistics_file_linked_from_outside_the_project_is_refused(mini: Path, tmp_path_factory,
                                                                      capsys: pytest.CaptureFixture) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "stats.yaml"
    outside.write_text("token: hunter2\n")
    (mini / "stats").mkdir()
    (mini / "stats" / "kuis-x.yaml").symlink_to(outside)
    assert main(["check", "curriculum"]) == 2
    err = capsys.readouterr().err
    assert "hunter2" not in err
    assert errors(err)[0].startswith("curriculum/stats/kuis-x.yaml: ")
    assert "points outside the project folder" in errors(err)[0]
