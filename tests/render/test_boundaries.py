"""reportlab stays inside render/pdf, and the bundled fonts are what we promise."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "latsar"
FONTS = SRC / "fonts"


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _only_inside(module: str, folder: Path) -> list[str]:
    return [str(p.relative_to(SRC)) for p in SRC.rglob("*.py") if module in _imports(p) and folder not in p.parents]


def test_only_render_pdf_imports_reportlab():
    assert _only_inside("reportlab", SRC / "render" / "pdf") == []


def test_only_render_docx_imports_python_docx():
    assert _only_inside("docx", SRC / "render" / "docx") == []


def _loaded_by_help(modules: tuple[str, ...], first: str = "") -> list[str]:
    """Which of `modules` `latsar --help` loads, after importing `first` (a module list)."""
    code = (
        "import sys\n"
        + (f"import {first}\n" if first else "")
        + "sys.argv = ['latsar', '--help']\n"
        "try:\n"
        "    from latsar.cli import main\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(sorted(m for m in {modules!r} if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={"PYTHONPATH": str(SRC.parent), "PATH": ""})
    return ast.literal_eval(result.stdout.strip().splitlines()[-1]) if result.stdout.strip() else [result.stderr]


def test_planning_labels_and_cli_help_do_not_load_reportlab():
    assert _loaded_by_help(("reportlab",), "latsar.plan.handout, latsar.labels") == []


def test_cli_help_loads_no_document_or_spreadsheet_library():
    assert _loaded_by_help(("docx", "openpyxl", "lxml", "quickjs")) == []


def test_bundled_fonts_are_truetype_outlines_under_4_mb_with_licence():
    files = sorted(FONTS.glob("*.ttf"))
    assert [f.stem for f in files] == sorted(f"{family}-{face}" for family in
                                            ("NotoSerif", "NotoSans", "LatsarSans", "LatsarSerif")
                                            for face in ("Regular", "Bold", "Italic", "BoldItalic"))
    for file in files:
        data = file.read_bytes()
        assert data[:4] == b"\x00\x01\x00\x00"  # TrueType, not OpenType/CFF
        tables = {data[12 + 16 * i:16 + 16 * i] for i in range(int.from_bytes(data[4:6], "big"))}
        assert b"glyf" in tables and b"CFF " not in tables
    assert sum(f.stat().st_size for f in files) < 4 * 1024 * 1024
    assert "SIL OPEN FONT LICENSE Version 1.1" in (FONTS / "OFL.txt").read_text(encoding="utf-8")
    # The Liberation-derived faces say where they come from and why they are renamed (OFL §3).
    note = (FONTS / "OFL-Latsar.txt").read_text(encoding="utf-8")
    assert "Liberation" in note and "Reserved Font Name" in note and "Open Font License" in note
