"""The home page: what each role needs first, in blocks the apps contribute."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.template.loader import render_to_string

from impsmart import plugins


@login_required
def home(request):
    """Each block is rendered with its own context (``HomeBlock.context``), in order."""
    blocks = plugins.home_blocks_for(request.user)
    context = {
        "heads": [block.head for block in blocks if block.head],
        "blocks": [
            render_to_string(block.template, block.context_for(request.user), request)
            for block in blocks
        ],
    }
    return render(request, "dashboard/home.html", context)
