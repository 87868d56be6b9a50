"""The shared HTML writer: escaping, the Markdown subset, and well-formed XHTML for QTI 2.1."""

from __future__ import annotations

from lxml import etree

import exportbank
from latsar.render.export.html import html, html_compact
from readback import bank_words, html_words


def test_markup_characters_are_escaped_and_quotes_kept():
    assert html('a <b> & "c" \'d\' > e') == "<p>a &lt;b&gt; &amp; \"c\" 'd' &gt; e</p>"


def test_inline_markup_comes_from_the_tree():
    assert html("**bold** *it* `<code>` a  \nb") == (
        "<p><strong>bold</strong> <em>it</em> <code>&lt;code&gt;</code> a<br/>b</p>")


def test_compact_drops_the_paragraph_of_a_one_paragraph_text_only():
    assert html_compact("one *line*") == "one <em>line</em>"
    assert html_compact("one\n\ntwo") == "<p>one</p><p>two</p>"


def test_lists_quotes_and_tables():
    assert html("- a\n- b") == "<ul><li>a</li><li>b</li></ul>"
    assert html("3. c\n4. d") == '<ol start="3"><li>c</li><li>d</li></ol>'
    assert html("- a\n\n  more") == "<ul><li><p>a</p><p>more</p></li></ul>"
    assert html("> q *x*") == "<blockquote><p>q <em>x</em></p></blockquote>"
    assert html("| h | i |\n|---|---|\n| 1 & 2 | x |") == (
        "<table><thead><tr><th>h</th><th>i</th></tr></thead>"
        "<tbody><tr><td>1 &amp; 2</td><td>x</td></tr></tbody></table>")


def test_every_bank_text_is_well_formed_xhtml_with_the_same_words(tmp_path):
    for item in exportbank.items():
        texts = [item.stem, item.explanation] + [t for o in item.options for t in (o.text, o.reason)]
        for text in texts:
            for markup in (html(text), html_compact(text)):
                etree.fromstring(f"<div>{markup}</div>")  # raises if not well-formed
        for text in [item.stem] + [o.text for o in item.options]:
            if "\n" not in text:
                assert html_words(html(text)) == bank_words(text)


def test_special_characters_survive_as_text():
    shown = html_words(html(exportbank.SPECIAL_STEM))
    for needle in ('<b>', '&', '"kutip"', "'tunggal'", "~", "=", "#", "{}", ":", "C:\\data\\", "“dan”", "é", "—"):
        assert needle in shown, needle
