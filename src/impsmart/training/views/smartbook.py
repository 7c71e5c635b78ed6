"""The Smart Book pages: contents and search, chapters with their self-quiz, the PDF booklet
and the service worker that keeps opened chapters for reading offline."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse

from impsmart import params
from impsmart.training import actions, book, booklet
from impsmart.training.forms import TestForm

OTHER = {"id": "en", "en": "id"}


def _context(lang: str, **extra) -> dict:
    return {"lang": lang, "other": OTHER[lang], "version": book.VERSION, **extra}


@login_required
def book_index(request, lang):
    query = params.text(request.GET, "q", max_length=100)
    context = _context(
        lang,
        chapters=book.chapters(lang),
        query=query,
        hits=book.search(lang, query) if query else None,
    )
    return render(request, "training/book_index.html", context)


@login_required
def chapter(request, lang, slug):
    found = book.chapter(lang, slug)
    if found is None:
        raise Http404
    form = TestForm(request.POST or None, questions=found.questions)
    result = None
    if request.method == "POST" and form.is_valid():
        answers = form.answers()
        result = actions.record_quiz(actor=request.user, chapter=found, answers=answers)
        result.review = [(q, answers.get(q.id)) for q in found.questions]
    chapters = book.chapters(lang)
    at = chapters.index(found)
    context = _context(
        lang,
        chapter=found,
        form=form,
        result=result,
        previous=chapters[at - 1] if at else None,
        following=chapters[at + 1] if at + 1 < len(chapters) else None,
    )
    return render(request, "training/chapter.html", context)


@login_required
def booklet_pdf(request, lang):
    response = HttpResponse(booklet.pdf(lang), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="buku-pintar-{book.VERSION}-{lang}.pdf"'
    return response


@login_required
def service_worker(request):
    """The book's service worker: scoped to the book's path, it caches what is opened there."""
    scope = request.path.rsplit("/", 1)[0] + "/"
    script = render_to_string(
        "training/sw.js",
        {"version": book.VERSION, "scope": scope, "start": reverse("training:book", args=["id"])},
    )
    response = HttpResponse(script, content_type="application/javascript")
    response["Cache-Control"] = "no-cache"
    return response
