"""The versions document and scoring answer sheets back to master items."""

from __future__ import annotations

import json

import pytest

from latsar.errors import LatsarError
from latsar.plan.quiz import plan_quiz, score_version, versions_document


@pytest.fixture(scope="module")
def plan(kit):
    items = kit.simple_bank(6, objectives=2, options=5, key=4) + [
        kit.item("pinned", "wog-1", key=1, pinned=True)
    ]
    return plan_quiz(kit.curriculum(items), kit.blueprint([{"count": 5}], versions=3, seed=11))


def scalars(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from scalars(v)
    elif isinstance(value, list):
        for v in value:
            yield from scalars(v)
    else:
        yield value


def test_the_document_is_plain_sorted_json(plan):
    document = versions_document(plan)
    text = json.dumps(document)
    assert json.loads(text) == document
    assert text == json.dumps(document, sort_keys=True)  # keys already in sorted order
    assert all(type(v) in (str, int) for v in scalars(document))  # no floats, bools or None


def test_the_document_describes_every_version(plan):
    document = versions_document(plan)
    assert {k: document[k] for k in ("blueprint", "format", "mode", "options", "seed")} == {
        "blueprint": "kuis",
        "format": "latsar-versions/1",
        "mode": "shuffle",
        "options": 4,
        "seed": 11,
    }
    assert document["master"] == list(plan.master)
    for entry, version in zip(document["versions"], plan.versions):
        assert entry["code"] == version.code
        assert entry["form"] == list(plan.master)
        assert entry["items"] == [
            {"item": p.item_id, "key": p.key_letter, "order": list(p.choice_order), "position": n}
            for n, p in enumerate(version.items, start=1)
        ]


def test_scoring_from_the_document_or_the_plan_agrees(plan):
    version = plan.versions[2]
    sheet = ["a", None, " b ", "", "D"]
    expected = {
        p.item_id: answer is not None and answer.strip().upper() == p.key_letter
        for p, answer in zip(version.items, sheet)
    }
    from_document = score_version(json.loads(json.dumps(versions_document(plan))), "C", sheet)
    assert from_document == score_version(plan, "C", sheet) == [expected[i] for i in plan.master]


def test_a_sheet_of_the_wrong_length_is_refused(plan):
    with pytest.raises(
        LatsarError, match="paket A of 'kuis' has 5 questions, the answer sheet has 4 answers"
    ):
        score_version(plan, "A", ["A", "B", "C", "D"])


def test_an_unknown_version_is_refused_with_the_known_ones(plan):
    with pytest.raises(LatsarError, match="quiz 'kuis' has no paket 'E'; its versions are A, B, C"):
        score_version(plan, "E", ["A"] * 5)
    with pytest.raises(LatsarError, match="has no paket 'a'"):
        score_version(plan, "a", ["A"] * 5)


def test_parallel_forms_score_each_version_own_items(kit):
    curriculum = kit.curriculum(kit.simple_bank(12))
    plan = plan_quiz(curriculum, kit.blueprint([{"count": 4}], versions=3, mode="parallel"))
    document = versions_document(plan)
    for entry, version in zip(document["versions"], plan.versions):
        assert sorted(entry["form"]) == sorted(p.item_id for p in version.items)
        assert entry["form"] == [i for i in plan.master if i in entry["form"]]
        assert (
            score_version(document, version.code, [p.key_letter for p in version.items])
            == [True] * 4
        )
