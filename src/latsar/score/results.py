"""Per-participant results: raw score, percentage, pass/fail, sub-scores per module and objective,
and, with a pre-test, the normalised gain (Hake 1998) per participant and for the class."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping

import numpy as np

from latsar.model.curriculum import Curriculum
from latsar.score.key import AnswerKey
from latsar.score.scoring import Scored, identity
from latsar.score.settings import Settings
from latsar.score.stats import defined_mean


@dataclass(frozen=True)
class ParticipantResult:
    participant: str
    name: str
    version: str
    source: str  # file:row the answers came from
    raw: int
    max: int
    percent: float
    passed: bool
    modules: tuple[tuple[str, float], ...]  # (module id, percent; NaN when none of its items shown)
    objectives: tuple[tuple[str, float], ...]
    pre: float = math.nan  # pre-test percent, when given
    gain: float = math.nan  # normalised gain g
    gain_band: str = ""


@dataclass(frozen=True)
class ClassGain:
    matched: int  # participants with both scores
    pre_mean: float
    post_mean: float
    g: float  # Hake's class gain from the class means: (<post> − <pre>) / (100 − <pre>)
    band: str
    mean_of_g: float  # the mean of the individual gains, for comparison
    post_only: tuple[str, ...]  # participants without a pre-test score
    pre_only: tuple[str, ...]  # pre-test participants missing from the post-test


def participant_results(curriculum: Curriculum, key: AnswerKey, scored: Scored) -> list[ParticipantResult]:
    x, shown = scored.x, scored.shown
    raw = x.sum(axis=1).astype(int)
    most = shown.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        percent = 100 * raw / most
    modules = _sub_scores(scored, curriculum, [m.id for m in curriculum.modules], "module")
    objectives = _sub_scores(scored, curriculum, [o.id for m in curriculum.modules for o in m.objectives], "objective")
    return [
        ParticipantResult(
            a.participant, a.name, a.version, f"{a.source}:{a.row}", int(raw[n]), int(most[n]), float(percent[n]),
            bool(percent[n] >= key.blueprint.pass_mark), modules[n], objectives[n],
        )
        for n, a in enumerate(scored.participants)
    ]


def _sub_scores(scored: Scored, curriculum: Curriculum, groups: list[str],
                kind: str) -> list[tuple[tuple[str, float], ...]]:
    """Per participant, (group id, percent) for each group that has items in the quiz."""
    columns = {}
    for group in groups:
        found = [i for i, item_id in enumerate(scored.items) if _group_of(curriculum, item_id, kind) == group]
        if found:
            columns[group] = found
    with np.errstate(divide="ignore", invalid="ignore"):
        values = {g: 100 * (scored.x[:, c] * scored.shown[:, c]).sum(axis=1) / scored.shown[:, c].sum(axis=1)
                  for g, c in columns.items()}
    return [tuple((g, float(v[n])) for g, v in values.items()) for n in range(len(scored.participants))]


def _group_of(curriculum: Curriculum, item_id: str, kind: str) -> str:
    item = curriculum.item_by_id[item_id]
    return curriculum.module_of_item(item).id if kind == "module" else item.objective


def normalised_gain(pre: float, post: float) -> float:
    """g = (post − pre) / (100 − pre); undefined (NaN) when the pre-test was already 100 %."""
    return math.nan if pre >= 100 else (post - pre) / (100 - pre)


def with_gains(results: list[ParticipantResult], pre: Mapping[str, float],
               settings: Settings) -> tuple[list[ParticipantResult], ClassGain]:
    """The results with each participant's gain, matched on the participant id."""
    pre_by_id = {identity(who): value for who, value in pre.items()}
    out, matched = [], []
    for r in results:
        before = pre_by_id.get(identity(r.participant), math.nan)
        g = math.nan if math.isnan(before) else normalised_gain(before, r.percent)
        out.append(ParticipantResult(**{**r.__dict__, "pre": before, "gain": g,
                                        "gain_band": "" if math.isnan(g) else settings.gain.label(g)}))
        if not math.isnan(before):
            matched.append((before, r.percent, g))
    return out, _class_gain(results, pre, matched, settings)


def _class_gain(results: list[ParticipantResult], pre: Mapping[str, float],
                matched: list[tuple[float, float, float]], settings: Settings) -> ClassGain:
    post_ids = {identity(r.participant) for r in results}
    pre_ids = {identity(who) for who in pre}
    pre_mean = defined_mean(m[0] for m in matched)
    post_mean = defined_mean(m[1] for m in matched)
    g = math.nan if math.isnan(pre_mean) else normalised_gain(pre_mean, post_mean)
    return ClassGain(
        len(matched), pre_mean, post_mean, g, "" if math.isnan(g) else settings.gain.label(g),
        defined_mean(m[2] for m in matched),
        tuple(r.participant for r in results if identity(r.participant) not in pre_ids),
        tuple(who for who in pre if identity(who) not in post_ids),
    )

