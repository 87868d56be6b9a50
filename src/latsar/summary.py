"""The one-screen summary `latsar check` prints after a clean load."""

from __future__ import annotations

from collections import Counter

from latsar.messages import t
from latsar.model.curriculum import Curriculum
from latsar.model.schema import LEVELS
from latsar.text.markdown import plain_text


def module_words(module) -> int:
    """Words of a module's prose (text blocks and case bodies), as the content brief counts them."""
    total = 0
    for chapter in module.chapters:
        for section in chapter.sections:
            for block in section.content:
                if hasattr(block, "text"):
                    total += len(plain_text(block.text).split())
                elif hasattr(block, "case"):
                    total += len(plain_text(block.case.body).split())
    return total


def summary(curriculum: Curriculum) -> str:
    levels_header = " ".join(f"{level:>3}" for level in LEVELS)
    width = len(levels_header)
    lines = [f"{curriculum.programme.title} — {curriculum.programme.cohort} {curriculum.programme.year}", ""]
    # Each group header stands over its own level columns: objectives, then items.
    lines.append(f"{'':<16} {'':>3} {'':>6} {'':>4}  {t('objectives by level'):^{width}}  {'':>5} "
                 f"{t('items by level'):^{width}}".rstrip())
    lines.append(f"{t('module'):<16} {t('JP'):>3} {t('words'):>6} {t('obj'):>4}  {levels_header}  {t('items'):>5} "
                 f"{levels_header}")
    objective_total: Counter = Counter()
    item_total: Counter = Counter()
    for module in curriculum.modules:
        objectives = Counter(o.level for o in module.objectives)
        items = Counter(i.level for i in curriculum.items_of_module(module.id))
        objective_total.update(objectives)
        item_total.update(items)
        lines.append(f"{module.id:<16} {module.hours:>3} {module_words(module):>6} {len(module.objectives):>4}"
                     f"  {_counts(objectives)}  {sum(items.values()):>5} {_counts(items)}")
    lines.append(f"{t('total'):<16} {sum(m.hours for m in curriculum.modules):>3} {'':>6} "
                 f"{sum(objective_total.values()):>4}  {_counts(objective_total)}  "
                 f"{sum(item_total.values()):>5} {_counts(item_total)}")
    lines += ["", f"{t('blueprint'):<28} {t('items'):>5} {t('versions'):>8} {t('mode'):<8}  {t('feasible')}"]
    for blueprint in curriculum.blueprints:
        asked = sum(rule.count for rule in blueprint.rules)
        # A curriculum only loads when the bank can fill every blueprint, so each one is feasible here.
        lines.append(f"{blueprint.id:<28} {asked:>5} {blueprint.versions:>8} {blueprint.mode:<8}  {t('yes')}")
    lines.append(_exposure(curriculum))
    lines.append("\n" + t("seeds: {count}", count=len(curriculum.seeds)))
    return "\n".join(lines)


def _counts(counter: Counter) -> str:
    return " ".join(f"{counter.get(level, 0):>3}" for level in LEVELS)


def _exposure(curriculum: Curriculum) -> str:
    from latsar.plan.bank import Bank

    printed = Bank(curriculum).printed_with_key
    return t("handouts print {printed} items with their key; other quizzes draw only from the other {others}",
             printed=len(printed), others=len(curriculum.items) - len(printed))
