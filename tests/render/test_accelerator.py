"""reportlab's C accelerator (rl_accel) is installed, in use, and changes nothing in the output:
the same documents with and without it are byte-identical."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

# Renders a quiz set (booklets and tables), a handout and a score-report table of the mini
# curriculum; prints whether the accelerator served, then a digest per file.
SCRIPT = """
import hashlib, sys
if sys.argv[1] == "off":
    sys.modules["_rl_accel"] = None  # what reportlab sees where rl_accel is not installed
from pathlib import Path
from latsar.model.load import load_curriculum
from latsar.plan.quiz import plan_quiz
from latsar.render.pdf.handout import module_pdf
from latsar.render.pdf.quiz import quiz_set
from latsar.render.pdf.theme import make_theme
import reportlab.lib.rl_accel as accel
curriculum, _ = load_curriculum(Path(sys.argv[2]))
plan = plan_quiz(curriculum, curriculum.blueprint_by_id["kuis"])
theme = make_theme(curriculum.programme, "id")
files = quiz_set(curriculum, plan, theme)
files["module.pdf"] = module_pdf(curriculum, "mini", None, theme)
print("accelerated" if "fp_str" in accel._c_funcs else "python")
for name, data in sorted(files.items()):
    print(name, hashlib.sha256(data).hexdigest())
"""


def run(mode: str) -> list[str]:
    result = subprocess.run([sys.executable, "-c", SCRIPT, mode, str(FIXTURES / "mini" / "curriculum")],
                            capture_output=True, text=True, check=True)
    return result.stdout.splitlines()


def test_output_is_byte_identical_with_and_without_the_accelerator() -> None:
    on, off = run("on"), run("off")
    assert (on[0], off[0]) == ("accelerated", "python")
    assert len(on) > 5 and on[1:] == off[1:]
