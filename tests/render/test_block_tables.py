"""Both renderers of the handout outline, PDF and Word, draw every kind of block the plan makes:
a block added to the plan and to one renderer's table only would vanish from the other's documents."""

from __future__ import annotations

import typing

from latsar.plan import handout as plan
from latsar.render.docx import handout as docx_handout
from latsar.render.pdf import handout as pdf_handout


def test_pdf_and_word_renderers_cover_every_block_kind() -> None:
    kinds = set(typing.get_args(plan.Block))
    assert len(kinds) > 10
    assert set(pdf_handout._BLOCKS) == kinds
    assert set(docx_handout._BLOCKS) == kinds
