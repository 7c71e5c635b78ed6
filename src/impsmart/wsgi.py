"""WSGI entry point for gunicorn (`impsmart serve`)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "impsmart.settings")
application = get_wsgi_application()

# A page allocates tens of thousands of short-lived objects (query and template nodes), so
# at Python's default threshold (700) the collector ran several times a page and walked
# the tens of thousands of long-lived objects of Django, the URLs and the models each time.
# Those are set aside for good (``freeze``) and young objects collected every 50,000
# allocations: about 6 % of a cadre's page time, a few MB more per worker.
gc.freeze()
gc.set_threshold(50_000, 20, 100)
