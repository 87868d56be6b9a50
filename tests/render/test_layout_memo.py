"""Paragraphs sharing their broken lines through a LayoutMemo (the book takes the handouts'):
a split edits the lines it splits, so a paragraph splits a copy, never the memo's lines."""

from __future__ import annotations


def _lines(para) -> list[tuple]:
    """Each line's extra space and its words, and the class of every fragment (a split changes
    the class of a word hyphenated where it splits)."""
    out: list[tuple] = [tuple(type(frag).__name__ for frag in para.frags)]
    for line in para.blPara.lines:
        if isinstance(line, tuple):
            out.append((round(line[0], 3), [(type(w).__name__, str(w)) for w in line[1]]))
        else:
            out.append((round(line.extraSpace, 3), [(type(w).__name__, getattr(w, "text", "")) for w in line.words]))
    return out


def _split(para, width: float, height: float) -> list[list[tuple]]:
    parts = para.split(width, height)
    for part in parts[1:]:
        part.wrap(width, 1e6)
    return [_lines(part) for part in parts]


def test_a_split_leaves_the_shared_lines_as_they_were(theme_id):
    from latsar.render.pdf import fonts
    from latsar.render.pdf.flow import Para
    from latsar.render.pdf.memo import LayoutMemo

    fonts.register(theme_id.body_font, theme_id.heading_font)
    memo = LayoutMemo(theme_id)
    style = memo.styles["body"]
    text = ("Pelayanan publik yang berorientasi pada kepuasan masyarakat menuntut penyelenggaraan "
            "administrasi kependudukan yang transparan, <i>accountable</i>, dan berkesinambungan. ") * 4
    edited = 0
    for width, lines in ((width, lines) for width in range(280, 420, 35) for lines in range(2, 7)):
        first, second, alone = Para(text, style), Para(text, style), Para(text, style)
        first.memo = second.memo = memo.lines
        first.wrap(width, 1e6)
        before = _lines(first)
        second.wrap(width, 1e6)
        assert second.blPara is first.blPara  # broken once, shared
        height = lines * style.leading
        parts = _split(first, width, height)
        edited += _lines(first) != before  # the split edited the lines it split
        alone.wrap(width, 1e6)
        assert _lines(second) == before == _lines(alone)
        assert _split(second, width, height) == parts == _split(alone, width, height)
    assert edited  # so sharing them unguarded would have changed the other paragraph's


def test_a_tighter_part_takes_the_lines_broken_at_the_usual_spacing(theme_id):
    """Tighter spacing (less leading, less space around) does not move a line break, so the
    lines are broken once for both; each paragraph keeps its own leading."""
    from latsar.render.pdf import fonts
    from latsar.render.pdf.memo import LayoutMemo

    fonts.register(theme_id.body_font, theme_id.heading_font)
    memo = LayoutMemo(theme_id)
    text = ("Koordinasi antarinstansi yang rukun menuntut data yang sama, kewenangan yang jelas, dan "
            "kesediaan berbagi <i>resources</i> demi tujuan bersama. ") * 5
    usual, tight = memo.paragraph(text, memo.styles["body"]), memo.paragraph(text, memo.tight_styles["body"])
    _, usual_height = usual.wrap(300, 1e6)
    broken = len(memo.lines)
    _, tight_height = tight.wrap(300, 1e6)
    assert len(memo.lines) == broken  # no second breaking
    assert _lines(tight) == _lines(usual) and len(usual.blPara.lines) > 3
    assert tight.style.leading < usual.style.leading
    assert tight_height == len(tight.blPara.lines) * tight.style.leading < usual_height


def test_the_rest_of_a_split_takes_the_lines_it_had_where_the_same_paragraph_split_before(theme_id):
    """The rest of a paragraph split over two pages is broken again; where the same paragraph
    (same words, style and width) splits after the same line again (a part set tighter, the
    book after the handouts), the rest takes the lines broken the first time: the same lines."""
    from latsar.render.pdf import fonts
    from latsar.render.pdf.flow import Para
    from latsar.render.pdf.memo import LayoutMemo

    fonts.register(theme_id.body_font, theme_id.heading_font)
    memo = LayoutMemo(theme_id)
    style = memo.styles["body"]
    text = ("Akuntabilitas kinerja menuntut setiap unit menetapkan sasaran yang terukur, melaporkan "
            "capaiannya secara berkala, dan menindaklanjuti temuan <i>monitoring</i> dengan segera. ") * 4
    first, again, alone = Para(text, style), Para(text, style), Para(text, style)
    first.memo = again.memo = memo.lines
    first.wrap(320, 1e6)
    parts = _split(first, 320, 3 * style.leading)
    kept = len(memo.lines)
    again.wrap(320, 1e6)
    assert _split(again, 320, 3 * style.leading) == parts == _split(alone, 320, 3 * style.leading)
    assert len(parts) == 2 and len(memo.lines) == kept == 2  # the whole and its rest, each broken once
