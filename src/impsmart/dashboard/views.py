"""The home page: what each role needs first, in blocks the apps contribute."""

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language

from impsmart import dates, plugins
from impsmart.accounts.audit import data_version

# A kept block lives at most this long even without a write (a restored backup; on
# PostgreSQL, two writes committed out of their ids' order); a write replaces it at once.
CACHE_SECONDS = 300


def _rendered(block: plugins.HomeBlock, request, version: list[int]) -> str:
    if not block.cached:
        return render_to_string(block.template, block.context_for(request.user), request)
    if not version:
        version.append(data_version())
    user = request.user
    # Per user (never shared across scopes), language, day and data version.
    key = f"home:{block.template}:{user.pk}:{get_language()}:{dates.today()}:{version[0]}"
    html = cache.get(key)
    if html is None:
        html = render_to_string(block.template, block.context_for(user), request)
        cache.set(key, html, CACHE_SECONDS)
    return html


@login_required
def home(request):
    """Each block is rendered with its own context (``HomeBlock.context``), in order; a
    ``cached`` block (the leaders' kabupaten-wide figures) is kept until the next write."""
    blocks = plugins.home_blocks_for(request.user)
    version: list[int] = []  # read once, only if a block is cached
    context = {
        "heads": [block.head for block in blocks if block.head],
        "blocks": [_rendered(block, request, version) for block in blocks],
    }
    return render(request, "dashboard/home.html", context)
