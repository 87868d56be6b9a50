"""Every page of the documents latsar writes (a handout and each PDF of a quiz set) carries the
content stream of latsar.render.pdf.streams: binary Flate data at zlib's fastest level, its
/Length the data's exact size, an end of line between the data and "endstream". Readers accept
a /Length that also counts that end of line, so only the bytes themselves can show it wrong."""

from __future__ import annotations

import io
import re
import zlib

from pypdf import PdfReader

LEVEL_1_HEADER = b"\x78\x01"  # zlib's header for its fastest level


def stream_faults(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return [fault for number, page in enumerate(reader.pages, start=1)
            for fault in _faults(pdf, reader, number, page.get_object().raw_get("/Contents").idnum)]


def _faults(pdf: bytes, reader: PdfReader, number: int, object_id: int) -> list[str]:
    head = re.compile(rb"%d 0 obj\n<<\n/Filter \[ /FlateDecode \] /Length (\d+)\n>>\nstream\n" % object_id)
    found = head.match(pdf, reader.xref[0][object_id])
    if not found:
        return [f"page {number}: not a Flate-only page stream"]
    data = pdf[found.end():found.end() + int(found.group(1))]
    inflate = zlib.decompressobj()
    inflate.decompress(data)
    after = pdf[found.end() + len(data):found.end() + len(data) + 11]
    checks = {"not zlib level 1": data[:2] == LEVEL_1_HEADER, "/Length not the data's size": inflate.eof
              and not inflate.unused_data, "no end of line before endstream": after == b"\nendstream\n"}
    return [f"page {number}: {fault}" for fault, ok in checks.items() if not ok]


def test_every_page_of_a_quiz_set_and_a_handout_has_latsars_page_stream(files, module_bytes) -> None:
    pdfs = {name: data for name, data in files.items() if name.endswith(".pdf")} | {"handout.pdf": module_bytes}
    assert {"lembar-jawaban.pdf", "kunci-jawaban.pdf", "kisi-kisi.pdf", "pembahasan.pdf"} <= pdfs.keys()
    assert any(name.startswith("soal-paket-") for name in pdfs)
    assert {name: stream_faults(data) for name, data in pdfs.items()} == {name: [] for name in pdfs}


def test_a_length_counting_the_end_of_line_is_found(module_bytes) -> None:
    reader = PdfReader(io.BytesIO(module_bytes))
    object_id = reader.pages[0].get_object().raw_get("/Contents").idnum
    offset = reader.xref[0][object_id]
    length = re.compile(rb"/Length (\d+)\n").search(module_bytes, offset)
    longer = str(int(length.group(1)) + 1).encode()
    assert len(longer) == len(length.group(1))  # the same offsets after the change
    changed = module_bytes[:length.start(1)] + longer + module_bytes[length.end(1):]
    assert stream_faults(changed) == ["page 1: /Length not the data's size", "page 1: no end of line before endstream"]
    assert PdfReader(io.BytesIO(changed)).pages[0].get_contents().get_data()  # what a reader does not see
