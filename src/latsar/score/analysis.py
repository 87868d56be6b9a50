"""Item analysis: the numbers of `stats`, their categories, flags and a recommended action per
item (keep / revise / drop), and the same aggregated per objective and per Bloom level."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Mapping

import numpy as np

from latsar.model.curriculum import Curriculum
from latsar.model.schema import LEVELS
from latsar.score import stats
from latsar.score.key import AnswerKey
from latsar.score.scoring import Scored
from latsar.score.settings import Settings
from latsar.score.text import Phrase, phrase

ACTIONS: tuple[str, ...] = ("keep", "revise", "drop")
OPTION_LETTERS = "abcdefghij"  # authored order; printed letters differ from version to version


@dataclass(frozen=True)
class OptionResult:
    index: int  # authored index
    key: bool
    share: float  # of everyone shown the item
    upper: float  # of the upper group
    lower: float  # of the lower group

    @property
    def letter(self) -> str:
        return OPTION_LETTERS[self.index]


@dataclass(frozen=True)
class ItemResult:
    number: int  # 1-based position in the master form (the kisi-kisi)
    item_id: str
    module: str
    objective: str
    level: str
    n: int
    p: float
    difficulty: str
    pa: float
    pb: float
    d: float
    discrimination: str
    r: float  # corrected point-biserial
    point_biserial: str
    alpha_deleted: float
    options: tuple[OptionResult, ...]  # empty when the input had right/wrong only
    omit: float  # share with no answer (NaN without options)
    flags: tuple[Phrase, ...]  # worded by latsar.score.text.Phrase.text in each output's language
    action: str


@dataclass(frozen=True)
class FormResult:
    label: Phrase | None  # None for the whole quiz, else "paket A" …
    reliability: stats.Reliability
    category: str
    acceptable: bool

    def name(self, labels: Mapping[str, str]) -> str:
        return self.label.text(labels) if self.label else ""


@dataclass(frozen=True)
class GroupResult:
    """An objective or a Bloom level: its items' mean indices and the class's mean sub-score."""

    id: str
    items: int
    mean_p: float
    mean_d: float
    mean_r: float
    actions: tuple[tuple[str, int], ...]  # (action, count) for keep, revise, drop
    mean_percent: float  # the class's mean percentage on these items
    mastered: bool


@dataclass(frozen=True)
class Analysis:
    n: int
    items: tuple[ItemResult, ...]
    forms: tuple[FormResult, ...]
    objectives: tuple[GroupResult, ...]
    levels: tuple[GroupResult, ...]
    settings: Settings
    mastery_percent: float


def analyse(curriculum: Curriculum, key: AnswerKey, scored: Scored, settings: Settings) -> Analysis:
    x, shown = scored.x, scored.shown
    p = stats.difficulty(x, shown)
    pa, pb = stats.upper_lower(x, shown, settings.group_fraction)
    r = stats.point_biserial(x, shown)
    forms, alpha_deleted = _forms(scored, settings)
    options, omit = _options(key, scored, settings)
    items = []
    for i, item_id in enumerate(scored.items):
        item = curriculum.item_by_id[item_id]
        n = int(shown[:, i].sum())
        numbers = dict(p=float(p[i]), pa=float(pa[i]), pb=float(pb[i]), d=float(pa[i] - pb[i]), r=float(r[i]))
        flags, action = judge(numbers, options[i], float(omit[i]), n, settings)
        items.append(ItemResult(
            i + 1, item_id, curriculum.module_of_item(item).id, item.objective, item.level, n,
            numbers["p"], settings.difficulty.label(numbers["p"]), numbers["pa"], numbers["pb"], numbers["d"],
            settings.discrimination.label(numbers["d"]), numbers["r"], settings.point_biserial.label(numbers["r"]),
            float(alpha_deleted[i]), options[i], float(omit[i]), flags, action,
        ))
    mastery = key.blueprint.pass_mark if settings.mastery_percent is None else settings.mastery_percent
    return Analysis(len(scored.participants), tuple(items), forms,
                    _groups(scored, items, lambda it: it.objective, _objective_order(curriculum), mastery),
                    _groups(scored, items, lambda it: it.level, LEVELS, mastery), settings, mastery)


def _forms(scored: Scored, settings: Settings) -> tuple[tuple[FormResult, ...], np.ndarray]:
    """Reliability per form (one form unless parallel versions gave people different items), and
    each item's alpha-if-deleted from the largest form holding it."""
    groups: dict[tuple[bool, ...], list[int]] = defaultdict(list)
    for row, mask in enumerate(scored.shown):
        groups[tuple(mask)].append(row)
    alpha_deleted = np.full(len(scored.items), np.nan)
    forms = []
    for mask, rows in sorted(groups.items(), key=lambda g: (-len(g[1]), g[1][0])):
        columns = np.flatnonzero(mask)
        block = scored.x[np.ix_(rows, columns)]
        result = stats.reliability(block)
        fill = np.isnan(alpha_deleted[columns])
        alpha_deleted[columns[fill]] = stats.alpha_if_deleted(block)[fill]
        label = None if len(groups) == 1 else _form_label(scored, rows)
        forms.append(FormResult(label, result, settings.reliability.label(result.kr20),
                                not math.isnan(result.kr20) and result.kr20 >= settings.reliable_from))
    return tuple(forms), alpha_deleted


def _form_label(scored: Scored, rows: list[int]) -> Phrase:
    versions = sorted({scored.participants[row].version for row in rows} - {""})
    return phrase("form_versions", versions="/".join(versions)) if versions else phrase("form_size", n=len(rows))


def _options(key: AnswerKey, scored: Scored, settings: Settings) -> tuple[list[tuple[OptionResult, ...]], np.ndarray]:
    """Per item, its printed options (authored order) with the share choosing each, overall and
    in the upper and lower groups; and the share giving no answer."""
    k = len(scored.items)
    if not scored.has_choices:
        return [()] * k, np.full(k, np.nan)
    width = max(len(item.options) for item in key.items.values())
    upper, lower = stats.group_weights((scored.x * scored.shown).sum(axis=1), settings.group_fraction)
    shown = scored.shown & (scored.choices != stats.UNKNOWN)
    everyone = stats.option_shares(scored.choices, shown, width)
    top = stats.option_shares(scored.choices, shown, width, upper)
    bottom = stats.option_shares(scored.choices, shown, width, lower)
    results = []
    for i, item_id in enumerate(scored.items):
        correct = key.correct_option(item_id)
        results.append(tuple(
            OptionResult(o, o == correct, float(everyone[i, o]), float(top[i, o]), float(bottom[i, o]))
            for o in key.printed_options(item_id)
        ))
    return results, everyone[:, -1]


def judge(numbers: dict[str, float], options: tuple[OptionResult, ...], omit: float, n: int,
          settings: Settings) -> tuple[tuple[Phrase, ...], str]:
    """Flags (reasons, worst first) and the recommended action for one item. A flag is a phrase
    whose label (`flag_<kind>` in latsar/labels) words it in the report's language."""
    if n == 0:
        return (phrase("flag_unseen"),), "keep"
    d, r = numbers["d"], numbers["r"]
    drop = [phrase("flag_negative_discrimination", d=d)] if d < 0 else []
    drop += [phrase("flag_negative_point_biserial", r=r)] if r < 0 else []
    low = 0 <= d <= settings.revise_discrimination
    revise = [phrase("flag_low_discrimination", d=d, category=settings.discrimination.label(d))] if low else []
    if math.isnan(r):
        revise.append(phrase("flag_no_variance"))
    elif 0 <= r < settings.revise_point_biserial:
        revise.append(phrase("flag_low_point_biserial", r=r, category=settings.point_biserial.label(r)))
    revise += [phrase("flag_upper_distractor", letter=o.letter, upper=o.upper, lower=o.lower)
               for o in options if not o.key and o.upper > o.lower]
    minor = [phrase("flag_weak_distractor", letter=o.letter, share=o.share, limit=settings.distractor_min_share)
             for o in options if not o.key and o.share < settings.distractor_min_share]
    minor += [phrase("flag_omits", share=omit, limit=settings.omit_max_share)] if omit > settings.omit_max_share else []
    action = "drop" if drop else "revise" if revise else "keep"
    if action == "drop" and n < settings.min_n_for_drop:
        action = "revise"
        minor.append(phrase("flag_not_dropped", n=n, needed=settings.min_n_for_drop))
    return tuple(drop + revise + minor), action


def _objective_order(curriculum: Curriculum) -> tuple[str, ...]:
    return tuple(o.id for m in curriculum.modules for o in m.objectives)


def _groups(scored: Scored, items: list[ItemResult], group_of, order: tuple[str, ...],
            mastery: float) -> tuple[GroupResult, ...]:
    members: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        members[group_of(item)].append(i)
    return tuple(_group(scored, items, group, members[group], mastery) for group in order if group in members)


def _group(scored: Scored, items: list[ItemResult], group: str, columns: list[int], mastery: float) -> GroupResult:
    chosen = [items[i] for i in columns]
    shown = scored.shown[:, columns]
    with np.errstate(divide="ignore", invalid="ignore"):
        percent = 100 * (scored.x[:, columns] * shown).sum(axis=1) / shown.sum(axis=1)
    mean = float(np.nanmean(percent)) if np.isfinite(percent).any() else math.nan
    return GroupResult(
        group, len(chosen), stats.defined_mean(i.p for i in chosen), stats.defined_mean(i.d for i in chosen),
        stats.defined_mean(i.r for i in chosen),
        tuple((action, sum(i.action == action for i in chosen)) for action in ACTIONS),
        mean, not math.isnan(mean) and mean >= mastery,
    )

