"""The static storage keeps each address it built: the same as whitenoise's own."""

import json

import pytest
from whitenoise.storage import CompressedManifestStaticFilesStorage

from impsmart.static_storage import StaticStorage

MANIFEST = {"paths": {"app.css": "app.62b8fdbc7811.css"}, "version": "1.1", "hash": "x"}


def test_addresses_equal_whitenoises_and_are_kept(tmp_path):
    (tmp_path / "staticfiles.json").write_text(json.dumps(MANIFEST))
    ours = StaticStorage(location=tmp_path, base_url="/static/")
    theirs = CompressedManifestStaticFilesStorage(location=tmp_path, base_url="/static/")
    assert ours.url("app.css") == theirs.url("app.css") == "/static/app.62b8fdbc7811.css"
    hits = StaticStorage.url.cache_info().hits
    assert ours.url("app.css") == "/static/app.62b8fdbc7811.css"
    assert StaticStorage.url.cache_info().hits == hits + 1
    for storage in (ours, theirs):  # a file missing from the manifest is an error in both
        with pytest.raises(ValueError):
            storage.url("missing.css")
