"""Cross-file checks: unique ids, references that resolve, quotations found in their seeds,
items with exactly one key, blueprints the bank can satisfy."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from latsar.errors import Diagnostic, Location, did_you_mean
from latsar.messages import N_, t
from latsar.model import live, waivers
from latsar.model.schema import LEVELS
from latsar.source.quotes import FoldedText, find_quote, fold, fold_plain
from latsar.source.yamlfile import SourceDoc

if TYPE_CHECKING:
    from latsar.model.load import Loaded

Where = tuple[SourceDoc, tuple]


def run(loaded: "Loaded") -> list[Diagnostic]:
    index = _Index(loaded)
    found: list[Diagnostic] = list(index.duplicates)
    for check in (_programme, _modules, _items, _blueprints, _waivers, _uncited_seeds, _modules_without_evaluasi):
        found.extend(check(loaded, index))
    if not any(d.severity == "error" for d in found):
        found.extend(_feasibility(loaded))
    return found


def _at(where: Where, *more, key: bool = False) -> Location:
    doc, path = where
    return doc.locate(path + more, key=key)


def _unknown(kind: str, ref: str, known: Iterable[str], where: Location) -> Diagnostic:
    known = sorted(set(known))
    listed = ", ".join(known[:12]) + (" …" if len(known) > 12 else "")
    noun = t(KINDS[kind])
    hint = did_you_mean(ref, known) or (t("known: {ids}", ids=listed) if known
                                        else t("define the {kind} first", kind=noun))
    return Diagnostic(where, t("unknown {kind} '{id}'", kind=noun, id=ref), hint)


# The kinds of ids, as messages name them.
KINDS = {"module": N_("module"), "objective": N_("objective"), "chapter": N_("chapter"), "section": N_("section"),
         "item": N_("item"), "blueprint": N_("blueprint"), "seed": N_("seed")}


class _Index:
    """Every id defined anywhere, with where it was first defined; duplicates noted."""

    def __init__(self, loaded: "Loaded"):
        self.defined: dict[str, dict[str, Where]] = {k: {} for k in
                                                     ("module", "objective", "chapter", "section", "item", "blueprint")}
        self.duplicates: list[Diagnostic] = []
        self.objective_module: dict[str, str] = {}
        self.objective_level: dict[str, str] = {}
        self.section_module: dict[str, str] = {}
        self.seeds: dict[str, tuple] = {}
        self.folded: dict[str, FoldedText] = {}
        self.root: Path = loaded.root  # the curriculum folder, where programme.yaml is
        for seed, doc, position in loaded.seeds:
            self.seeds[seed.source.id] = (seed, doc, position)
        for doc, module in loaded.files["modules"]:
            self._define("module", module.id, (doc, ("id",)))
            for n, objective in enumerate(module.objectives):
                self._define("objective", objective.id, (doc, ("objectives", n, "id")))
                self.objective_module[objective.id] = module.id
                self.objective_level[objective.id] = objective.level
            for c, chapter in enumerate(module.chapters):
                self._define("chapter", chapter.id, (doc, ("chapters", c, "id")))
                for s, section in enumerate(chapter.sections):
                    self._define("section", section.id, (doc, ("chapters", c, "sections", s, "id")))
                    self.section_module[section.id] = module.id
        for doc, bank in loaded.files["items"]:
            for n, item in enumerate(bank.items):
                self._define("item", item.id, (doc, ("items", n, "id")))
        for doc, blueprint in loaded.files["blueprints"]:
            self._define("blueprint", blueprint.id, (doc, ("id",)))

    def _define(self, kind: str, ident: str, where: Where) -> None:
        first = self.defined[kind].get(ident)
        if first is None:
            self.defined[kind][ident] = where
            return
        noun = t(KINDS[kind])
        self.duplicates.append(Diagnostic(_at(where), t("duplicate {kind} id '{id}'", kind=noun, id=ident),
                                          t("the first one is at {where}; give each {kind} its own id",
                                            where=_at(first), kind=noun)))

    def folded_seed(self, seed_id: str) -> FoldedText:
        if seed_id not in self.folded:
            self.folded[seed_id] = fold(self.seeds[seed_id][0].text)
        return self.folded[seed_id]

    def quotation(self, seed_id: str, quote: str, seed_where: Location, quote_where: Location) -> Iterator[Diagnostic]:
        if seed_id not in self.seeds:
            yield _unknown("seed", seed_id, self.seeds, seed_where)
            return
        seed = self.seeds[seed_id][0]
        match = find_quote(quote, seed.text, self.folded_seed(seed_id))
        if not match.found:
            yield Diagnostic(quote_where, t("quotation not found in seed '{id}'", id=seed_id),
                             t("closest passage, line {line} of {file}: \"{passage}\"; copy the words exactly",
                               line=match.line, file=seed.path.name, passage=match.passage))


def _programme(loaded: "Loaded", index: _Index) -> Iterator[Diagnostic]:
    doc, programme = loaded.programme
    listed = Counter(programme.modules)
    for n, module_id in enumerate(programme.modules):
        if module_id not in index.defined["module"]:
            yield _unknown("module", module_id, index.defined["module"], doc.locate(("modules", n)))
        elif listed[module_id] > 1 and programme.modules.index(module_id) != n:
            yield Diagnostic(doc.locate(("modules", n)), t("module '{id}' is listed twice", id=module_id),
                             t("list it once"))
    for module_id, where in index.defined["module"].items():
        if module_id not in listed:
            yield Diagnostic(_at(where), t("module '{id}' is not listed in programme.yaml `modules`", id=module_id),
                             t("add it to the `modules:` list at {where}", where=doc.locate(("modules",))))
    yield from _labels(doc, programme)
    yield from _logo(loaded.root, doc, programme.theme.logo, ("theme", "logo"))
    for n, logo in enumerate(programme.theme.partner_logos):
        yield from _logo(loaded.root, doc, logo, ("theme", "partner_logos", n))


# The covers can draw PNG and JPEG; a file is told by its first bytes, whatever its name.
IMAGE_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")
LOGO_LIMIT = 8 * 1024 * 1024  # bytes: a print-quality logo is well under 1 MB


def _logo(root: Path, doc: SourceDoc, logo: str | None, key: tuple) -> Iterator[Diagnostic]:
    if not logo:
        return
    from latsar.source.files import Refused, inside, read_bounded

    try:
        data = read_bounded(inside(root.resolve().parent, root, logo), LOGO_LIMIT)
    except Refused as exc:
        yield Diagnostic(doc.locate(key), t("logo file '{file}' {problem}", file=logo, problem=exc),
                         t("give the path of a PNG or JPEG inside the project, relative to programme.yaml, "
                           "or remove `logo:`"))
        return
    if not data.startswith(IMAGE_SIGNATURES):
        yield Diagnostic(doc.locate(key), t("logo file '{file}' is not a PNG or JPEG image", file=logo),
                         t("save the logo as .png or .jpg"))
        return
    yield from _logo_size(doc.locate(key), logo, data)


def _figure(root: Path, doc: SourceDoc, image: str, key: tuple) -> Iterator[Diagnostic]:
    """A figure's image: a PNG or JPEG inside the project, no larger than a logo may be."""
    from latsar.source.files import Refused, inside, read_bounded

    try:
        data = read_bounded(inside(root.resolve().parent, root, image), LOGO_LIMIT)
    except Refused as exc:
        yield Diagnostic(doc.locate(key), t("figure image '{image}' {problem}", image=image, problem=exc),
                         t("give the path of a PNG or JPEG inside the project, relative to programme.yaml"))
        return
    if not data.startswith(IMAGE_SIGNATURES):
        yield Diagnostic(doc.locate(key), t("figure image '{image}' is not a PNG or JPEG image", image=image),
                         t("save the image as .png or .jpg"))


LOGO_PIXELS = 25_000_000  # a 300 dpi logo 10 cm wide is about 1 megapixel
LOGO_ASPECT = 4.0  # width over height (or height over width) that a cover or title page can hold


def _logo_size(where, logo: str, data: bytes) -> Iterator[Diagnostic]:
    """A decompression bomb, or a banner no page can hold at the logo's height: refused here,
    before reportlab tries to decode or place it."""
    from latsar.source.images import image_size

    size = image_size(data)
    if size is None or 0 in size:
        yield Diagnostic(where, t("logo file '{logo}' has no readable image size", logo=logo),
                         t("save the logo again as .png or .jpg"))
    elif size[0] * size[1] > LOGO_PIXELS:
        width, height = (format(side, ",") for side in size)
        yield Diagnostic(where, t("logo file '{logo}' is {width} × {height} pixels (at most {limit} megapixels)",
                                  logo=logo, width=width, height=height, limit=LOGO_PIXELS // 1_000_000),
                         t("resize it: 1,000 pixels across is plenty for print"))
    elif max(size) / min(size) > LOGO_ASPECT:
        fields = {"logo": logo, "width": size[0], "height": size[1], "limit": format(LOGO_ASPECT, "g"),
                  "ratio": format(max(size) / min(size), ".1f")}
        shape = (t("logo file '{logo}' is {width} × {height} pixels, {ratio} times as wide as high; a cover holds "
                   "at most {limit}:1", **fields) if size[0] > size[1] else
                 t("logo file '{logo}' is {width} × {height} pixels, {ratio} times as high as wide; a cover holds "
                   "at most {limit}:1", **fields))
        yield Diagnostic(where, shape, t("crop it to the emblem, or use a squarer version of the logo"))


def _labels(doc: SourceDoc, programme) -> Iterator[Diagnostic]:
    from latsar.labels import LABEL_KEYS

    for key in programme.labels:
        if key not in LABEL_KEYS:
            yield Diagnostic(doc.locate(("labels", key), key=True), t("unknown label '{key}'", key=key),
                             did_you_mean(key, LABEL_KEYS) or t("see `latsar labels` for the label keys"))


def _modules(loaded: "Loaded", index: _Index) -> Iterator[Diagnostic]:
    for doc, module in loaded.files["modules"]:
        own = {o.id for o in module.objectives}
        for n, objective in enumerate(module.objectives):
            for c, citation in enumerate(objective.citations):
                base = ("objectives", n, "citations", c)
                yield from index.quotation(citation.seed, citation.quote, doc.locate(base + ("seed",)),
                                           doc.locate(base + ("quote",)))
        for c, chapter in enumerate(module.chapters):
            for n, ref in enumerate(chapter.objectives):
                if ref not in own:
                    yield _unknown("objective", ref, own, doc.locate(("chapters", c, "objectives", n)))
            for s, section in enumerate(chapter.sections):
                for b, block in enumerate(section.content):
                    yield from _block(doc, ("chapters", c, "sections", s, "content", b), block, own, index)


def _block(doc: SourceDoc, path: tuple, block, own: set[str], index: _Index) -> Iterator[Diagnostic]:
    quote = getattr(block, "quote", None)
    if quote is not None:
        yield from index.quotation(quote.seed, quote.text, doc.locate(path + ("quote", "seed")),
                                   doc.locate(path + ("quote", "text")))
    figure = getattr(block, "figure", None)
    if figure is not None:
        yield from _figure(index.root, doc, figure.image, path + ("figure", "image"))
    case = getattr(block, "case", None)
    if case is not None:
        for n, ref in enumerate(case.objectives):
            if ref not in own:
                yield _unknown("objective", ref, own, doc.locate(path + ("case", "objectives", n)))


def _items(loaded: "Loaded", index: _Index) -> Iterator[Diagnostic]:
    objectives = index.objective_module
    for doc, bank in loaded.files["items"]:
        for n, item in enumerate(bank.items):
            base = ("items", n)
            if item.objective not in objectives:
                yield _unknown("objective", item.objective, objectives, doc.locate(base + ("objective",)))
            elif LEVELS.index(item.level) > LEVELS.index(index.objective_level[item.objective]):
                yield Diagnostic(doc.locate(base + ("level",)),
                                 t("[L1] item level {level} is above its objective's level {objective_level}",
                                   level=item.level, objective_level=index.objective_level[item.objective]),
                                 t("lower the item's level, or point it at a higher objective"))
            yield from _options(doc, base, item)
            yield from live.short_form_errors(doc, base, item)
            yield from _backing(doc, base, item, index)
            yield from _enemies(doc, base, item, index)


def _enemies(doc: SourceDoc, base: tuple, item, index: _Index) -> Iterator[Diagnostic]:
    for n, enemy in enumerate(item.enemies):
        where = doc.locate(base + ("enemies", n))
        if enemy == item.id:
            yield Diagnostic(where, t("item '{id}' names itself as its enemy", id=item.id), t("name another item"))
        elif enemy not in index.defined["item"]:
            yield _unknown("item", enemy, index.defined["item"], where)


def _options(doc: SourceDoc, base: tuple, item) -> Iterator[Diagnostic]:
    keys = [n for n, option in enumerate(item.options) if option.correct]
    if not keys:
        yield Diagnostic(doc.locate(base + ("options",)), t("[M2] item '{id}' has no key", id=item.id),
                         t("mark the correct option with `correct: true`"))
    for extra in keys[1:]:
        yield Diagnostic(doc.locate(base + ("options", extra, "correct")),
                         t("[M2] item '{id}' has {count} keys (options {options})", id=item.id, count=len(keys),
                           options=", ".join(str(k + 1) for k in keys)),
                         t("keep `correct: true` on one option only"))
    seen: dict[str, int] = {}
    for n, option in enumerate(item.options):
        text = fold_plain(option.text).lower().rstrip(".;,")
        if not any(ch.isalnum() for ch in text):
            yield Diagnostic(doc.locate(base + ("options", n, "text")), t("[M3] option {n} has no words", n=n + 1),
                             t("write the option"))
        elif text in seen:
            yield Diagnostic(doc.locate(base + ("options", n, "text")),
                             t("[M2] option {n} repeats the text of option {first}", n=n + 1, first=seen[text] + 1),
                             t("make every option different"))
        else:
            seen[text] = n


def _backing(doc: SourceDoc, base: tuple, item, index: _Index) -> Iterator[Diagnostic]:
    backing, where = item.backing, doc.locate(base + ("backing",))
    by_quote = backing.seed is not None or backing.quote is not None
    if by_quote == (backing.section is not None):
        yield Diagnostic(where, t("a backing names either `seed` and `quote`, or `section`"),
                         t("write `backing: {seed: …, quote: \"…\"}` or `backing: {section: …}`"))
    elif backing.section is not None:
        if backing.section not in index.section_module:
            yield _unknown("section", backing.section, index.section_module,
                           doc.locate(base + ("backing", "section")))
    elif backing.seed is None or backing.quote is None:
        yield Diagnostic(where, t("a seed backing needs both `seed` and `quote`"), t("add the missing key"))
    else:
        yield from index.quotation(backing.seed, backing.quote, doc.locate(base + ("backing", "seed")),
                                   doc.locate(base + ("backing", "quote")))


def _waivers(loaded: "Loaded", index: _Index) -> Iterator[Diagnostic]:
    """Every waiver, of an item or a blueprint, names a rule its owner can waive."""
    return waivers.unknown_rules(loaded)


def _blueprints(loaded: "Loaded", index: _Index) -> Iterator[Diagnostic]:
    modules, objectives = index.defined["module"], index.objective_module
    for doc, blueprint in loaded.files["blueprints"]:
        yield from _sheet_fits(doc, blueprint, loaded.programme[1])
        if blueprint.id.startswith("evaluasi-") and blueprint.id[9:] not in modules:
            yield _unknown("module", blueprint.id[9:], modules, doc.locate(("id",)))
        for n, item_id in enumerate(blueprint.exclude):
            if item_id not in index.defined["item"]:
                yield _unknown("item", item_id, index.defined["item"], doc.locate(("exclude", n)))
        for n, rule in enumerate(blueprint.rules):
            if rule.module and rule.module not in modules:
                yield _unknown("module", rule.module, modules, doc.locate(("rules", n, "module")))
            if rule.objective and rule.objective not in objectives:
                yield _unknown("objective", rule.objective, objectives, doc.locate(("rules", n, "objective")))
            elif rule.objective and rule.module and objectives[rule.objective] != rule.module:
                yield Diagnostic(doc.locate(("rules", n, "objective")),
                                 t("objective '{objective}' belongs to module '{module}', not '{named}'",
                                   objective=rule.objective, module=objectives[rule.objective], named=rule.module),
                                 t("drop `module:` or name the objective's module"))


def _sheet_fits(doc: SourceDoc, blueprint, programme) -> Iterator[Diagnostic]:
    """The answer sheet holds the quiz: its version letters beside the participant number, its
    questions on the pages a scanner reads."""
    from latsar import sheet_geometry as geo
    from latsar.plan.stable import version_code

    digits = blueprint.participant_digits or programme.participant_digits
    codes = [version_code(i) for i in range(blueprint.versions)]
    try:
        geo.sheet_layout(sum(rule.count for rule in blueprint.rules), blueprint.options, codes, digits, blueprint.id)
    except ValueError as error:
        key = ("versions",) if "versions" in blueprint.model_fields_set else ("id",)
        yield Diagnostic(doc.locate(key), t("the answer sheet cannot hold this quiz: {why}", why=str(error)),
                         t("use fewer versions, a shorter participant number or fewer questions"))


def _feasibility(loaded: "Loaded") -> Iterator[Diagnostic]:
    """Run only on an otherwise clean curriculum: the planner needs resolved references."""
    from latsar.model.load import assemble  # load imports this module
    from latsar.plan.bank import Bank
    from latsar.plan.select import shortfalls  # not plan.quiz: checking needs no version planner

    curriculum = assemble(loaded)
    bank = Bank(curriculum)  # once for every quiz: a bank twice the size costs twice, not four times
    for doc, blueprint in loaded.files["blueprints"]:
        # Cells that only item statistics empty: a printed quiz still reprints and scores from its
        # record (versions.json), so that is a warning for the next plan, not an error now.
        gaps = list(shortfalls(curriculum, blueprint, bank))
        unflagged = gaps if not curriculum.dropped_items else shortfalls(  # statistics drop nothing: the same
            curriculum, blueprint.model_copy(update={"exclude_flagged": False}), bank)
        before_statistics = {gap.rule_index for gap in unflagged}
        for gap in gaps:
            why = t(" usable (of {matching} matching: {reasons})", matching=gap.matching,
                    reasons=", ".join(gap.reasons)) if gap.reasons else ""
            message = t("cell {cell} asks for {asked} items but the bank holds {available}", cell=gap.cell,
                        asked=gap.asked, available=gap.available) + why
            if gap.rule_index in before_statistics:
                yield Diagnostic(doc.locate(("rules", gap.rule_index)), message,
                                 t("write more items for this cell, or lower `count`"))
            else:
                yield Diagnostic(doc.locate(("rules", gap.rule_index)), message,
                                 t("a printed quiz still reprints and scores as printed; before a new plan "
                                   "(--replan), write more items for this cell or lower `count`"),
                                 severity="warning", rule="P1")


def _uncited_seeds(loaded: "Loaded", index: _Index) -> Iterator[Diagnostic]:
    cited = {c.seed for _, m in loaded.files["modules"] for o in m.objectives for c in o.citations}
    for seed_id, (seed, doc, position) in sorted(index.seeds.items()):
        if seed_id not in cited:
            yield Diagnostic(doc.locate((position, "id")), t("seed '{id}' is not cited by any objective", id=seed_id),
                             t("cite it, or remove it from sources.yaml"), severity="warning", rule="S1")


def _modules_without_evaluasi(loaded: "Loaded", index: _Index) -> Iterator[Diagnostic]:
    """A module's handout prints its Evaluasi and Kunci Jawaban from blueprint `evaluasi-<module>`."""
    for module_id, where in index.defined["module"].items():
        if f"evaluasi-{module_id}" not in index.defined["blueprint"]:
            yield Diagnostic(_at(where), t("module '{id}' has no blueprint 'evaluasi-{id}': its handout will have no "
                                           "Evaluasi and no Kunci Jawaban", id=module_id),
                             t("create it with `latsar new blueprint evaluasi-{id}`", id=module_id),
                             severity="warning")
