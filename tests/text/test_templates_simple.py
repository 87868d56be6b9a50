"""Simple templates ({{ name }}, {% if name %} … {% else %} … {% endif %}) are rendered without
Jinja2: the shortcut must give exactly what Jinja2 gives, and leave everything else to it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from latsar.text import sandbox
from latsar.text.templating import TemplateProblem, render, render_simple, Templates

PROJECT = Path(__file__).resolve().parents[2]
CONTEXT = {"title": "Pelatihan *Dasar*", "year": 2026, "agenda": "", "count": 0, "cohort": "Angkatan {{ XII }}",
           "minutes": 45, "flag": True, "nothing": None}


def jinja(text: str) -> str | None:
    try:
        return sandbox.render(sandbox.environment(), text, CONTEXT)
    except TemplateProblem:
        return None


PART = st.sampled_from(["teks ", "\n", "{{ title }}", "{{title}}", "{{  year  }}", "{{ agenda }}", "{{ count }}",
                        "{% if title %}", "{% if agenda %}", "{%if count%}", "{% if year %}", "{% else %}", "{% endif %}",
                        "{%endif%}", "{% elif year %}", "{{ missing }}", "{% if missing %}", "{{ flag }}", "{{ nothing }}",
                        "{{ none }}", "{{ true }}", "{{- title }}", "{{ title -}}", "{% if title -%}", "{#", "#}", "{", "}",
                        "}}", "%}", "{{ title | upper }}", "{{ year + 1 }}", "{% else year %}", "{% if %}", "{{ cohort }}",
                        " ", "\r\n", "{{ cohort }}}", "{{{ year }}"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(PART, max_size=12))
def test_generated_simple_templates_render_as_jinja2_renders_them(parts: list[str]) -> None:
    text = "".join(parts)
    simple = render_simple(text, CONTEXT)
    if simple is not None:
        assert simple == jinja(text)


@pytest.mark.parametrize("text, expected", [
    ("{{ title }} {{ year }}", "Pelatihan *Dasar* 2026"),
    ("a{% if agenda %} {{ agenda }}{% else %} tanpa agenda{% endif %}.", "a tanpa agenda."),
    ("{% if title %}{% if count %}x{% else %}y{% endif %}{% endif %}\n", "y\n"),
    ("tanpa templat", "tanpa templat"),
])
def test_simple_templates_are_rendered_without_jinja2(text: str, expected: str) -> None:
    assert render_simple(text, CONTEXT) == expected == jinja(text)


@pytest.mark.parametrize("text", ["{{ missing }}", "{{ flag }}", "{{ title | upper }}", "{% if year %}x", "{% endif %}",
                                  "{% if year %}{% else %}{% else %}{% endif %}", "{{- title }}", "{# c #}", "a\r\nb",
                                  "{{ none }}", "{% for x in title %}{% endfor %}", "{{{ year }}"])
def test_other_templates_go_to_jinja2(text: str) -> None:
    assert render_simple(text, CONTEXT) is None


def test_a_problem_is_still_found_by_jinja2() -> None:
    with pytest.raises(TemplateProblem, match="template variable 'missing' is not defined"):
        render(Templates(), "{{ title }} {{ missing }}", CONTEXT)


def test_checking_the_bundled_curriculum_loads_no_jinja2() -> None:
    code = ("import sys\nfrom pathlib import Path\nfrom latsar.model.load import load_curriculum\n"
            f"load_curriculum(Path({str(PROJECT / 'curriculum')!r}))\nprint('jinja2' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr
