"""The home page: what each role needs first, in blocks the apps contribute."""

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language

from impsmart import dates, plugins
from impsmart.accounts import audit

# A kept block lives at most this long even without a write (on PostgreSQL, two writes
# committed out of their ids' order); a write it depends on replaces it at once.
CACHE_SECONDS = 300


class _Versions:
    """The data versions the kept blocks of one request need, each read once."""

    def __init__(self, blocks: list[plugins.HomeBlock]) -> None:
        self.labels = {label for block in blocks for label in block.reads}
        self.latest: dict[str, int] | None = None
        self.any: int | None = None

    def of(self, block: plugins.HomeBlock) -> int:
        if not block.reads:
            if self.any is None:
                self.any = audit.data_version()
            return self.any
        if self.latest is None:
            self.latest = audit.latest_writes(self.labels)
        return audit.data_version_of(block.reads, self.latest)


def _rendered(block: plugins.HomeBlock, request, versions: _Versions) -> str:
    if not block.kept:
        return render_to_string(block.template, block.context_for(request.user), request)
    user = request.user
    # Per user, as she is now (role and scope), language, day and data version.
    who = f"{user.pk}:{user.role}:{','.join(user.scope_codes)}"
    key = f"home:{block.template}:{who}:{get_language()}:{dates.today()}:{versions.of(block)}"
    html = cache.get(key)
    if html is None:
        html = render_to_string(block.template, block.context_for(user), request)
        cache.set(key, html, CACHE_SECONDS)
    return html


@login_required
def home(request):
    """Each block is rendered with its own context (``HomeBlock.context``), in order; a
    kept block is reused until a write it depends on (``HomeBlock.kept``)."""
    blocks = plugins.home_blocks_for(request.user)
    versions = _Versions(blocks)
    context = {
        "heads": [block.head for block in blocks if block.head],
        "blocks": [_rendered(block, request, versions) for block in blocks],
    }
    return render(request, "dashboard/home.html", context)
