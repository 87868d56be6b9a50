"""Templates are bounded and deterministic (issue 12, item 6): what a curriculum needs and nothing
else; recursion, huge values and random names give a located error, never a traceback or a hang."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from latsar.cli import main

AVAILABLE = "available: agenda, cohort, date, institution, language, module_title, place, title, year"


@pytest.mark.parametrize("expression, message", [
    ("{% macro f(n) %}{{ f(n+1) }}{% endmacro %}{{ f(0) }}",
     "template tag 'macro' is not available in curriculum text; use {{ name }} and {% if %} … {% endif %}"),
    ("{% for x in institution %}{{ x }}{% endfor %}",
     "template tag 'for' is not available in curriculum text; use {{ name }} and {% if %} … {% endif %}"),
    ("{{ 'x' * 1000000000 }}",
     f"template error: the value would be 1,000,000,000 characters long (at most 100,000); {AVAILABLE}"),
    ("{{ year ** 10000000 }}", f"template error: the power 2026 ** 10000000 is too large; {AVAILABLE}"),
    ("{{ institution.ljust(1000000000) }}",
     f"template error: calls are not available in curriculum text; use the values as {{{{ name }}}}; {AVAILABLE}"),
    ("{{ lipsum() }}", "template variable 'lipsum' is not defined; " + AVAILABLE),
    ("{{ range(3) }}", "template variable 'range' is not defined; did you mean 'language'?"),
    ("{{ cycler('a', 'b').next() }}", "template variable 'cycler' is not defined; did you mean 'year'?"),
    ("{{ joiner() }}", "template variable 'joiner' is not defined; " + AVAILABLE),
    ("{{ [institution, cohort] | random }}", "template filter 'random' is not available in curriculum text; "
     "available filters: abs, capitalize, d, default, first, int, join, last, length, lower, round, string, striptags, "
     "title, trim, upper"),
])
def test_unbounded_or_random_templates_are_located(expression: str, message: str, mini: Path,
                                                   capsys: pytest.CaptureFixture) -> None:
    module = mini / "modules" / "mini.yaml"
    module.write_text(module.read_text().replace("{{ institution }}", expression))
    started = time.perf_counter()
    assert main(["check", "curriculum"]) == 2
    assert time.perf_counter() - started < 5
    err = capsys.readouterr().err
    assert "Traceback" not in err
    line = next(line for line in err.splitlines() if line.startswith("curriculum/modules/mini.yaml:4:"))
    assert line.split(": ", 1)[1] == message


def test_what_a_curriculum_needs_still_works(mini: Path, capsys: pytest.CaptureFixture) -> None:
    module = mini / "modules" / "mini.yaml"
    module.write_text(module.read_text().replace(
        "{{ institution }}", "{{ institution | upper }}{% if year > 2025 %} ({{ year }}){% endif %}"))
    assert main(["check", "curriculum"]) == 0
