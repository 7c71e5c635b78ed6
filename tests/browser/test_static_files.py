"""Every file in the package's static/ folder is found by the static finders.

`collectstatic` (run by `impsmart serve`) copies only what the finders find, and WhiteNoise
serves only that: a file missing here is a page without its CSS or scripts in production.
"""

from pathlib import Path

from django.contrib.staticfiles import finders

import impsmart

PACKAGE_STATIC = Path(impsmart.__file__).parent / "static"


def test_the_package_static_files_ship_with_collectstatic():
    names = [p.relative_to(PACKAGE_STATIC).as_posix() for p in PACKAGE_STATIC.rglob("*.*")]
    missing = [name for name in names if not finders.find(name)]
    assert names and not missing, (
        "settings.STATICFILES_DIRS must list src/impsmart/static: collectstatic misses "
        f"{len(missing)} files, e.g. {missing[:3]}"
    )
