"""Write a PDF page by page from pages of other PDFs, holding only the cross-reference table.

pypdf's PdfWriter keeps every object of the output in memory until it writes (about 25 kB per page
here, 430 MB for a 10,000-letter print file); this writes each object as soon as it is reached, so
a merge of any size runs in flat memory. Pages are read with pypdf and written with its own
object serialisation; only the references are renumbered on the way out.
"""

from __future__ import annotations

import copy
from typing import BinaryIO

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NullObject,
    NumberObject,
    StreamObject,
    create_string_object,
)

CATALOG, PAGES = 1, 2  # reserved object numbers
SKIP_ON_PAGE = {"/Parent", "/StructParents", "/Annots"}  # links to other pages stay behind
INHERITED = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")


def _is_page(obj) -> bool:
    return isinstance(obj, DictionaryObject) and obj.get("/Type") == "/Page"


class PdfSink:
    """An output PDF: ``add_pages`` from readers, ``add_blank_page``, then ``close``."""

    def __init__(self, out: BinaryIO):
        self.out = out
        self.offsets: list[int | None] = [None, None, None]  # 0 is the free entry
        self.pages: list[int] = []
        self._reader: PdfReader | None = None
        self._map: dict[tuple[int, int], int] = {}
        self._page_ids: set[tuple[int, int]] = set()
        out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")

    def _new_id(self) -> int:
        self.offsets.append(None)
        return len(self.offsets) - 1

    def _begin(self, num: int) -> None:
        self.offsets[num] = self.out.tell()
        self.out.write(b"%d 0 obj\n" % num)

    def _write(self, num: int, obj) -> None:
        self._begin(num)
        obj.write_to_stream(self.out)
        self.out.write(b"\nendobj\n")

    def _use(self, reader: PdfReader) -> None:
        """Objects shared by pages of one reader (fonts) are written once; a new reader starts
        a new table, so memory holds one source at a time."""
        if reader is not self._reader:
            self._reader, self._map = reader, {}
            self._page_ids = {
                (p.indirect_reference.idnum, p.indirect_reference.generation)
                for p in reader.pages
                if p.indirect_reference is not None
            }

    def _ref(self, ref: IndirectObject, queue: list) -> IndirectObject | NullObject:
        key = (ref.idnum, ref.generation)
        if key in self._page_ids and key not in self._map:
            return NullObject()  # a page this output does not hold
        if key not in self._map:
            self._map[key] = self._new_id()
            queue.append((key, ref))
        return IndirectObject(self._map[key], 0, None)

    def _renumber(self, value, queue: list):
        if isinstance(value, IndirectObject):
            return self._ref(value, queue)
        if isinstance(value, StreamObject):
            out = copy.copy(value)  # keeps the encoded data as it is
            for k, v in value.items():
                out[k] = self._renumber(v, queue)
            return out
        if isinstance(value, DictionaryObject):
            out = DictionaryObject()
            for k, v in value.items():
                out[k] = self._renumber(v, queue)
            return out
        if isinstance(value, ArrayObject):
            return ArrayObject(self._renumber(v, queue) for v in value)
        return value

    def _drain(self, queue: list) -> None:
        while queue:
            _, ref = queue.pop()
            obj = ref.get_object()
            self._write(self._map[(ref.idnum, ref.generation)], self._renumber(obj, queue))

    def add_pages(self, reader: PdfReader, indexes) -> int:
        """Copy pages ``indexes`` of ``reader``; returns how many were added."""
        self._use(reader)
        queue: list = []
        count = 0
        for i in indexes:
            page = reader.pages[i]
            ref = page.indirect_reference
            key = (ref.idnum, ref.generation)
            num = self._map.get(key) or self._new_id()
            self._map[key] = num
            out = DictionaryObject()
            for k, v in page.items():
                if k not in SKIP_ON_PAGE:
                    out[k] = v
            for k in INHERITED:  # pypdf has already copied these from the tree; be sure
                if k not in out and k in page:
                    out[NameObject(k)] = page[k]
            out = self._renumber(out, queue)
            out[NameObject("/Parent")] = IndirectObject(PAGES, 0, None)
            self._write(num, out)
            self._drain(queue)
            self.pages.append(num)
            count += 1
        return count

    def add_blank_page(self, width: float, height: float) -> None:
        page = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Page"),
                NameObject("/Parent"): IndirectObject(PAGES, 0, None),
                NameObject("/MediaBox"): ArrayObject(
                    [NumberObject(0), NumberObject(0), FloatObject(width), FloatObject(height)]
                ),
                NameObject("/Resources"): DictionaryObject(),
            }
        )
        num = self._new_id()
        self._write(num, page)
        self.pages.append(num)

    def close(self, info: dict[str, str] | None = None) -> None:
        """Write the page tree, catalogue, document information and cross-reference table."""
        kids = ArrayObject(IndirectObject(n, 0, None) for n in self.pages)
        tree = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Pages"),
                NameObject("/Kids"): kids,
                NameObject("/Count"): NumberObject(len(self.pages)),
            }
        )
        self._write(PAGES, tree)
        catalog = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Catalog"),
                NameObject("/Pages"): IndirectObject(PAGES, 0, None),
            }
        )
        self._write(CATALOG, catalog)
        trailer = DictionaryObject(
            {
                NameObject("/Root"): IndirectObject(CATALOG, 0, None),
            }
        )
        if info:
            num = self._new_id()
            doc_info = DictionaryObject(
                {NameObject(f"/{k}"): create_string_object(v) for k, v in info.items() if v}
            )
            self._write(num, doc_info)
            trailer[NameObject("/Info")] = IndirectObject(num, 0, None)
        trailer[NameObject("/Size")] = NumberObject(len(self.offsets))
        start = self.out.tell()
        lines = [b"xref\n0 %d\n" % len(self.offsets), b"0000000000 65535 f \n"]
        lines += [
            b"%010d 00000 n \n" % offset if offset is not None else b"0000000000 00001 f \n"
            for offset in self.offsets[1:]
        ]
        self.out.write(b"".join(lines))
        self.out.write(b"trailer\n")
        trailer.write_to_stream(self.out)
        self.out.write(b"\nstartxref\n%d\n%%%%EOF\n" % start)
