"""Print and PDF: the Qt renderer of :mod:`coopguide.core.printout.layout` documents.

One renderer (:func:`coopguide.printing.render.render`) draws a document on any
``QPagedPaintDevice``: the printer behind ``QPrintPreviewDialog``, a real printer, or a ``QPdfWriter``
(:mod:`coopguide.printing.output`). Every glyph is drawn with the bundled DejaVu Sans
(:mod:`coopguide.printing.fonts`), so a PDF looks the same from Windows, macOS and Linux and carries
its fonts.
"""
