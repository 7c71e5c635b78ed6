"""The static files' storage: whitenoise's compressed manifest, with each address kept.

Every page's layout names five static files; ``url`` looks the hashed name up and rebuilds
the address each time (60-90 µs). The manifest is read once when the process starts, so an
address cannot change before the next start: it is kept once built.
"""

from functools import lru_cache

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    @lru_cache(maxsize=512)  # noqa: B019 - one instance per process, kept as long
    def url(self, name: str, force: bool = False) -> str:
        return super().url(name, force)
