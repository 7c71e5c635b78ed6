"""The Smart Book as a printable A5 booklet (PDF): cover, table of contents, chapters."""

from __future__ import annotations

from django.template.loader import render_to_string

from impsmart.training import book


def html(lang: str = "id") -> str:
    return render_to_string(
        "training/booklet_pdf.html",
        {"chapters": book.chapters(lang), "version": book.VERSION, "lang": lang},
    )


def document(lang: str = "id"):
    from weasyprint import HTML  # imported late: it loads Pango, needed only for PDFs

    return HTML(string=html(lang)).render()


def pdf(lang: str = "id") -> bytes:
    return document(lang).write_pdf()
