"""The bundled curriculum keeps its promises: counts, level spread, grounding in the seeds.

The citation test reads the YAML and the seeds with its own plain code, independently of the
loader's quotation matching, so a bug there cannot hide a bad quotation.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from latsar.model.load import load_curriculum
from latsar.summary import module_words

PROJECT = Path(__file__).resolve().parents[1]
CURRICULUM = PROJECT / "curriculum"
LEVEL_RANK = {f"C{n}": n for n in range(1, 7)}


def _yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _normalise(text: str) -> str:
    for curly, straight in (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'")):
        text = text.replace(curly, straight)
    return " ".join(text.split())


def _seeds() -> dict[str, str]:
    sources = _yaml(PROJECT / "seeds" / "sources.yaml")
    return {s["id"]: _normalise((PROJECT / "seeds" / s["file"]).read_text(encoding="utf-8")) for s in sources}


def _quotations():
    """Every (file, seed id, quoted words) in the curriculum, found by walking the raw YAML."""
    for path in sorted(CURRICULUM.glob("*/*.yaml")):
        stack = [_yaml(path)]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                if "seed" in node and ("quote" in node or "text" in node):
                    yield path.name, node["seed"], node.get("quote", node.get("text"))
                stack.extend(node.values())
            elif isinstance(node, list):
                stack.extend(node)


@pytest.fixture(scope="module")
def loaded():
    return load_curriculum(CURRICULUM)


def test_bundled_curriculum_checks_clean(loaded) -> None:
    curriculum, warnings = loaded
    assert [w.format() for w in warnings] == []
    assert [m.id for m in curriculum.modules] == ["wog", "agen-perubahan", "humas", "melayani",
                                                  "budaya-kinerja", "profesi"]


def test_every_module_says_where_it_sits_in_the_current_latsar(loaded) -> None:
    curriculum, _ = loaded
    programme = curriculum.programme
    # The 2018 agenda title (PerLAN 12/2018, revoked) must not frame the programme any more.
    assert "dalam NKRI" not in f"{programme.title} {programme.agenda}"
    for module in curriculum.modules:
        assert module.supports and "Agenda" in module.supports, module.id
        assert "Agenda" in module.description or "Agenda" in module.background, module.id


def test_reference_lists_carry_the_asn_law_and_literature(loaded) -> None:
    curriculum, _ = loaded
    for module in curriculum.modules:
        texts = [r.text for r in module.references]
        assert any("Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara" in t for t in texts), module.id
        assert not any("Nomor 5 Tahun 2014" in t for t in texts), module.id
        assert sum(r.kind in ("book", "article") for r in module.references) >= 2, module.id


def test_every_citation_occurs_verbatim_in_its_seed() -> None:
    seeds = _seeds()
    quotations = list(_quotations())
    assert len(quotations) > 60
    missing = [(f, s, q) for f, s, q in quotations if _normalise(q) not in seeds[s]]
    assert missing == []


def test_every_seed_is_cited_by_an_objective() -> None:
    cited = {c["seed"] for p in (CURRICULUM / "modules").glob("*.yaml")
             for o in _yaml(p)["objectives"] for c in o["citations"]}
    assert cited == set(_seeds())


def test_modules_meet_the_content_brief(loaded) -> None:
    curriculum, _ = loaded
    for module in curriculum.modules:
        levels = {o.level for o in module.objectives}
        assert 4 <= len(module.objectives) <= 6, module.id
        assert len(levels) >= 3 and max(LEVEL_RANK[lv] for lv in levels) >= 3, module.id
        assert 1800 <= module_words(module) <= 3500, (module.id, module_words(module))
        blocks = [b for c in module.chapters for s in c.sections for b in s.content]
        assert sum(hasattr(b, "quote") for b in blocks) >= 2, module.id
        cases = [b.case for b in blocks if hasattr(b, "case")]
        assert cases and all(len(case.questions) >= 2 for case in cases), module.id
        assert all(c.exercises and c.summary for c in module.chapters), module.id
        assert len(module.glossary) >= 6, module.id
        assert any(r.kind == "regulation" for r in module.references), module.id


def test_item_bank_counts_and_levels(loaded) -> None:
    curriculum, _ = loaded
    assert len(curriculum.items) >= 111
    # The bank's levels are the objectives' levels (no C1 item where no objective is C1).
    assert {i.level for i in curriculum.items} == {o.level for m in curriculum.modules for o in m.objectives}
    assert {i.objective for i in curriculum.items} == set(curriculum.objective_by_id)
    assert all(i.indicator for i in curriculum.items)
    for module in curriculum.modules:
        items = curriculum.items_of_module(module.id)
        assert len(items) >= 15, module.id
        assert len(Counter(i.level for i in items)) >= 3, module.id
    for item in curriculum.items:
        objective = curriculum.objective_by_id[item.objective]
        assert LEVEL_RANK[item.level] <= LEVEL_RANK[objective.level], item.id
        assert len(item.options) == 4 and sum(o.correct for o in item.options) == 1, item.id
        assert all(o.reason for o in item.options) and item.explanation, item.id


def test_no_all_or_none_options(loaded) -> None:
    curriculum, _ = loaded
    pattern = re.compile(r"semua (jawaban )?(benar|salah)|tidak ada yang benar", re.IGNORECASE)
    assert [i.id for i in curriculum.items if any(pattern.search(o.text) for o in i.options)] == []


def test_blueprints_cover_modules_in_proportion_to_hours(loaded) -> None:
    curriculum, _ = loaded
    hours = {m.id: m.hours for m in curriculum.modules}
    total_hours = sum(hours.values())
    for blueprint_id, total, versions in (("pre-test", 20, None), ("post-test", 30, 4)):
        blueprint = curriculum.blueprint_by_id[blueprint_id]
        per_module = Counter()
        for rule in blueprint.rules:
            per_module[rule.module] += rule.count
        assert sum(per_module.values()) == total
        assert set(per_module) == set(hours)
        for module_id, count in per_module.items():
            assert abs(count - total * hours[module_id] / total_hours) < 1, (blueprint_id, module_id)
        if versions:
            assert blueprint.versions == versions
    for module in curriculum.modules:
        evaluasi = curriculum.blueprint_by_id[f"evaluasi-{module.id}"]
        assert sum(r.count for r in evaluasi.rules) == 10
        assert {r.module for r in evaluasi.rules} == {module.id}


def test_pre_and_post_tests_match_the_objectives_and_never_reuse_printed_items(loaded) -> None:
    from latsar.plan.quiz import plan_quiz

    curriculum, _ = loaded
    printed = {p.item_id for m in curriculum.modules
               for p in plan_quiz(curriculum, curriculum.blueprint_by_id[f"evaluasi-{m.id}"]).versions[0].items}
    assert len(printed) == 60
    objectives = Counter(o.level for o in curriculum.objective_by_id.values())
    for blueprint_id in ("pre-test", "post-test"):
        plan = plan_quiz(curriculum, curriculum.blueprint_by_id[blueprint_id])
        assert not set(plan.master) & printed, blueprint_id
        levels = Counter(curriculum.item_by_id[i].level for i in plan.master)
        for level, count in objectives.items():
            share = count / sum(objectives.values())
            assert abs(levels[level] / len(plan.master) - share) <= 0.05, (blueprint_id, level, levels)


def test_the_bundled_programme_carries_a_small_square_emblem(loaded) -> None:
    from latsar.source.images import image_size

    curriculum, _ = loaded
    data = (CURRICULUM / curriculum.programme.theme.logo).read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) <= 16 * 1024  # embedded in every handout, guide and the book: keep it small
    width, height = image_size(data)
    assert width == height >= 300  # about 350 dpi at the 22 mm the title page prints it
