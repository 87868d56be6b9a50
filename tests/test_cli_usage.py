"""Command-line misuse, run against the installed `latsar` entry point as a user types it: one
line naming what is wrong and how to fix it, exit 2, never a traceback."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from latsar.cli import app_commands



ENTRY = Path(sys.executable).with_name("latsar")
SCORING = Path(__file__).parent / "fixtures" / "scoring"


def latsar(*args: str, cwd: Path, env: dict[str, str] | None = None, **kwargs) -> subprocess.CompletedProcess:
    options = {"capture_output": True, "text": True, "timeout": 120, **kwargs}
    return subprocess.run([str(ENTRY), *args], cwd=cwd, env={**os.environ, "COLUMNS": "200", **(env or {})},
                          **options)


@pytest.fixture
def project(mini: Path) -> Path:
    return mini.parent


MISUSE = [
    # (argv, exact first line of stderr)
    (["bogus"], f"latsar: unknown command 'bogus'; commands: {', '.join(app_commands())} (see `latsar --help`)"),
    (["bild"], "latsar: unknown command 'bild'; did you mean 'build'? (see `latsar --help`)"),
    (["--verbose"], "latsar: unknown option '--verbose'; did you mean '--version'? (see `latsar --help`)"),
    (["check", "--strikt"], "latsar check: unknown option '--strikt'; did you mean '--strict'? "
                            "(see `latsar check --help`)"),
    (["check", "--strict=yes"], "latsar check: option '--strict' does not take a value (see `latsar check --help`)"),
    (["check", "nowhere"], "nowhere: does not exist; point at a curriculum folder (the one holding programme.yaml) "
                           "or its project folder, or create one with `latsar init DIR`"),
    (["build", "--outt", "x"], "latsar build: unknown option '--outt'; did you mean '--out'? "
                               "(see `latsar build --help`)"),
    (["build", "--out"], "latsar build: option '--out' requires an argument (see `latsar build --help`)"),
    (["build", "--lang", "inggris"], "--lang: unknown language 'inggris'; use id (Bahasa Indonesia) or en (English)"),
    (["build", "--lang", "EN"], "--lang: unknown language 'EN'; use id (Bahasa Indonesia) or en (English)"),
    (["build", "nowhere"], "nowhere: does not exist; point at a curriculum folder (the one holding programme.yaml) "
                           "or its project folder, or create one with `latsar init DIR`"),
    (["quiz"], "latsar quiz: missing argument BLUEPRINT; blueprints here: evaluasi-mini, kuis (see `latsar quiz --help`)"),
    (["quiz", "kuiz"], "unknown blueprint 'kuiz'; did you mean 'kuis'?"),
    (["quiz", "kuis", "--lang"], "latsar quiz: option '--lang' requires an argument (see `latsar quiz --help`)"),
    (["quiz", "kuis", "--lnag", "en"], "latsar quiz: unknown option '--lnag'; did you mean '--lang'? "
                                       "(see `latsar quiz --help`)"),
    (["quiz", "kuis", "nowhere"], "nowhere: does not exist; point at a curriculum folder (the one holding "
                                  "programme.yaml) or its project folder, or create one with `latsar init DIR`"),
    (["export"], "latsar export: missing argument BLUEPRINT; blueprints here: evaluasi-mini, kuis (see `latsar export --help`)"),
    (["export", "kuis", "-f"], "latsar export: option '-f' requires an argument (see `latsar export --help`)"),
    (["export", "kuis", "-f", "moodel"], "unknown export format 'moodel'; did you mean 'moodle'?"),
    (["export", "kuis", "--formats", "gift"], "latsar export: unknown option '--formats'; did you mean '--format'? "
                                              "(see `latsar export --help`)"),
    (["score"], "latsar score: missing argument BLUEPRINT; blueprints here: evaluasi-mini, kuis (see `latsar score --help`)"),
    (["score", "kuis"], "latsar score: missing argument ANSWERS (see `latsar score --help`)"),
    (["score", "kuis", "missing.csv"], "missing.csv: answers file not found; "
                                       "check the path and the file name"),
    (["score", "kuis", "a.csv", "--format"], "latsar score: option '--format' requires an argument "
                                             "(see `latsar score --help`)"),
    (["score", "kuis", "a.csv", "--cohrt", "X"], "latsar score: unknown option '--cohrt'; did you mean '--cohort'? "
                                                 "(see `latsar score --help`)"),
    (["score", "kuis", "a.csv", "-c", "nowhere"], "nowhere: does not exist; point at a curriculum folder (the one "
                                                  "holding programme.yaml) or its project folder, or create one with "
                                                  "`latsar init DIR`"),
    (["init"], "latsar init: missing argument DEST (see `latsar init --help`)"),
    (["init", "curriculum"], "curriculum: folder is not empty; choose a new folder name"),
    (["init", "baru", "--force"], "latsar init: unknown option '--force'; options: --help (see `latsar init --help`)"),
    (["schema", "--out"], "latsar schema: option '--out' requires an argument (see `latsar schema --help`)"),
    (["labels", "--lang"], "latsar labels: option '--lang' requires an argument (see `latsar labels --help`)"),
    (["labels", "--lang", "xx"], "--lang: unknown language 'xx'; use id (Bahasa Indonesia) or en (English)"),
    (["labels", "extra"], "latsar labels: got unexpected extra argument(s) (extra) (see `latsar labels --help`)"),
]


@pytest.mark.parametrize("argv, line", MISUSE, ids=[" ".join(a) for a, _ in MISUSE])
def test_misuse_is_one_line_and_exit_2(argv: list[str], line: str, project: Path) -> None:
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    done = latsar(*argv, cwd=project)
    assert "Traceback" not in done.stderr
    assert (done.returncode, done.stderr.strip()) == (2, line)
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before  # nothing written


def test_latsar_alone_prints_the_help(project: Path) -> None:
    done = latsar(cwd=project)
    assert done.returncode == 0 and done.stdout.startswith("Usage: latsar [OPTIONS] COMMAND [ARGS]...")
    assert "  build " in done.stdout and "--install-completion" in done.stdout


def test_version(project: Path) -> None:
    from latsar import __version__

    for flag in ("--version", "-V"):
        done = latsar(flag, cwd=project)
        assert (done.returncode, done.stdout) == (0, f"latsar {__version__}\n")


def test_shell_completion_is_offered(project: Path) -> None:
    done = latsar("--show-completion", "bash", cwd=project, env={"SHELL": "/bin/bash"})
    assert done.returncode == 0 and "_LATSAR_COMPLETE" in done.stdout


def _wait_until_writing(project: Path, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while not any(project.glob(".build.staging-*/**/*.*")):
        assert process.poll() is None, "the build ended before it was interrupted"
        assert time.monotonic() < deadline, "the build never started writing"
        time.sleep(0.005)


def _hear_ctrl_c() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_prints_one_line_and_exits_130(tmp_path: Path) -> None:
    # Ctrl-C is pressed once the build is writing (its staging folder holds a file), so it lands
    # inside the work however fast or busy the machine is.
    assert latsar("init", "p", cwd=tmp_path).returncode == 0
    # A terminal's foreground command hears Ctrl-C even when the tests run where it is ignored
    # (a shell's background job inherits SIGINT ignored, and Python keeps it so).
    process = subprocess.Popen([str(ENTRY), "build"], cwd=tmp_path / "p", stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True,
                               preexec_fn=_hear_ctrl_c)
    _wait_until_writing(tmp_path / "p", process)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal does: to latsar and its workers
    sent = time.monotonic()
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert time.monotonic() - sent < 3  # workers are stopped, not waited for
    assert len(err.splitlines()) == 1 and err.startswith("latsar: ") and "Ctrl-C" in err
    assert not (tmp_path / "p" / "build").exists()  # nothing half-written


def test_commands_work_from_inside_the_curriculum(project: Path) -> None:
    inside = project / "curriculum" / "modules"
    assert latsar("check", cwd=inside).returncode == 0
    done = latsar("quiz", "kuis", cwd=inside)
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(r"wrote \d+ files to \.\./\.\./build/quizzes/kuis/\n", done.stdout)
    assert (project / "build" / "quizzes" / "kuis" / "kunci-jawaban.pdf").is_file()
    assert not (inside / "build").exists()


def test_english_build_does_not_overwrite_the_indonesian_one(project: Path) -> None:
    assert latsar("build", "--quiet", cwd=project).returncode == 0
    indonesian = (project / "build" / "manifest.json").read_bytes()
    done = latsar("build", "--lang", "en", cwd=project)
    assert done.returncode == 0 and done.stdout.endswith("files to build-en/\n")
    assert (project / "build" / "manifest.json").read_bytes() == indonesian
    assert (project / "build-en" / "modules" / "mini.pdf").is_file()


def test_init_names_the_next_step(tmp_path: Path) -> None:
    done = latsar("init", "pelatihan", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout.splitlines()[-1] == "next: cd pelatihan && latsar check && latsar build"


def test_quiz_prints_the_lint_warnings_build_prints(project: Path) -> None:
    items = project / "curriculum" / "items" / "mini.yaml"
    items.write_text(items.read_text().replace("Siapa yang menurut berita itu", "Siapa yang biasanya"))
    warning = "[K1] item 'mini-01': vague qualifier 'biasanya' in the stem"
    assert warning in latsar("build", cwd=project).stderr
    assert warning in latsar("quiz", "kuis", cwd=project).stderr


def test_progress_and_summary_only_on_a_terminal(project: Path) -> None:
    import pty

    piped = latsar("build", cwd=project)
    assert piped.stderr.startswith("note: ") and "time" not in piped.stderr  # no progress or summary in a pipe
    main, child = pty.openpty()
    try:
        done = latsar("build", cwd=project, stderr=child, stdout=subprocess.PIPE, capture_output=False)
        os.close(child)
        shown = _read_all(main)
    finally:
        os.close(main)
    assert done.returncode == 0
    for row in ("modules", "quizzes", "exports", "time"):
        assert row in shown
    quiet = latsar("build", "--quiet", cwd=project)
    assert quiet.stdout == "" and quiet.stderr == piped.stderr  # notes stay; the rest is silent


def _read_all(fd: int) -> str:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture
def answers(project: Path) -> Path:
    shutil.copy(SCORING / "rows.csv", project / "rows.csv")
    return project / "rows.csv"


def test_score_exits_1_when_rows_are_rejected(project: Path, answers: Path) -> None:
    done = latsar("score", "kuis", "rows.csv", cwd=project)
    assert done.returncode == 1
    assert "row(s) rejected (listed above and in rejected.csv)" in done.stderr
    assert (project / "build" / "scores" / "kuis" / "rejected.csv").is_file()
    assert latsar("score", "kuis", "rows.csv", "--allow-rejected", cwd=project).returncode == 0
    assert not (project / "curriculum" / "stats").exists()  # a trial run leaves the bank alone
    assert latsar("score", "kuis", "rows.csv", "--allow-rejected", "--update-bank", cwd=project).returncode == 0
    assert list((project / "curriculum" / "stats").glob("kuis*.yaml"))
