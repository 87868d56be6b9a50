"""A stress copy of the bundled curriculum: long words, long headings, many short sections and a
long case study, to push every page-break rule at once."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parents[2]
LONG_WORDS = ("pertanggungjawabannya ketidakberkesinambungan mempertanggungjawabkannya "
              "keanekaragaman penyelenggaraan antarperangkat ")
LONG_HEADING = ("Koordinasi Antarinstansi dalam Penyelenggaraan Pelayanan Publik Terintegrasi dan "
                "Pertanggungjawabannya kepada Masyarakat menurut Pendekatan Whole of Government")


def stress_copy(target: Path) -> Path:
    """A copy of curriculum/ and seeds/ under `target` whose wog module is stressed; returns the
    curriculum folder."""
    shutil.copytree(PROJECT / "curriculum", target / "curriculum")
    shutil.copytree(PROJECT / "seeds", target / "seeds")
    path = target / "curriculum" / "modules" / "wog.yaml"
    module = yaml.safe_load(path.read_text(encoding="utf-8"))
    chapter = module["chapters"][0]
    chapter["title"] = LONG_HEADING
    for number in range(1, 13):
        prose = (f"Bagian pendek nomor {number} tentang *inward looking* dan *Whole of Government*. "
                 + LONG_WORDS * (number % 4 + 1))
        chapter["sections"].append({"id": f"wog-stress-{number}", "title": f"{LONG_HEADING} {number}",
                                    "content": [{"text": prose}]})
    from PIL import Image

    Image.new("RGB", (400, 240), "#1F4E79").save(target / "curriculum" / "bagan.png")
    table = {"table": {"caption": "Bentuk penerapan Whole of Government", "source": "diolah dari materi modul",
                       "text": "| Bentuk | Ciri |\n|---|---|\n| Koordinasi | menyelaraskan kegiatan |\n"
                               "| Kolaborasi | merancang dan menanggung hasil bersama |"}}
    figure = {"figure": {"caption": "Alur layanan terpadu", "image": "bagan.png", "width": 0.6}}
    chapter["sections"][0]["content"][1:1] = [table, figure, {"table": dict(table["table"])}]
    for chapter in module["chapters"]:
        for section in chapter["sections"]:
            for block in section["content"]:
                if "case" in block:
                    block["case"]["body"] += "\n\n" + ("Warga menunggu berhari-hari. " * 60)
    path.write_text(yaml.safe_dump(module, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target / "curriculum"
