"""Word documents (.docx) beside the PDFs, from the same plans and theme, written with python-docx:
module handouts and the book (`handout`), quiz booklets (`quiz`). The only place python-docx is
imported; import this package lazily (it loads python-docx and lxml)."""

from latsar.render.docx.handout import book_docx, module_docx
from latsar.render.docx.quiz import booklet_name, booklets_docx

__all__ = ["book_docx", "booklet_name", "booklets_docx", "module_docx"]
