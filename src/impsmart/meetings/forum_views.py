"""The forum pages: boards, a board's threads (and a new one), a thread (and a reply)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from impsmart.accounts.permissions import permission_required
from impsmart.accounts.scope import get_visible
from impsmart.forms_submit import submit
from impsmart.meetings import actions, forum
from impsmart.meetings.forms import ReplyForm, ThreadForm
from impsmart.meetings.models import Thread

PERMISSION = actions.FORUM_PERMISSION


@permission_required(PERMISSION)
def index(request):
    boards = [
        (board, forum.unread_count(request.user, board.code))
        for board in actions.boards_for(request.user)
    ]
    return render(request, "meetings/forum_index.html", {"boards": boards})


def _board(request, code: str):
    board = next((b for b in actions.boards_for(request.user) if b.code == code), None)
    if board is None:
        raise Http404
    return board


@permission_required(PERMISSION)
def board(request, code):
    found = _board(request, code)
    form = ThreadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        thread = submit(
            form, actions.start_thread, actor=request.user, region_code=found.code,
            **form.cleaned_data,
        )  # fmt: skip
        if thread is not None:
            messages.success(request, _("Topik dikirim."))
            return redirect("forum:thread", thread.pk)
    threads = forum.with_unread(forum.threads_for(request.user).filter(region_code=found.code))
    return render(
        request, "meetings/forum_board.html", {"board": found, "threads": threads, "form": form}
    )


@permission_required(PERMISSION)
def thread(request, pk):
    found = get_visible(Thread.objects, request.user, pk=pk)
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        post = submit(form, actions.reply, actor=request.user, thread=found, **form.cleaned_data)
        if post is not None:
            messages.success(request, _("Balasan dikirim."))
            return redirect("forum:thread", found.pk)
    posts = list(found.posts.select_related("author"))
    if posts:
        actions.mark_read(request.user, found, posts[-1].pk)
    board = _board(request, found.region_code)
    context = {"thread": found, "posts": posts, "form": form, "board": board}
    return render(request, "meetings/forum_thread.html", context)
