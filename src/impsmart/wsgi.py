"""WSGI entry point for gunicorn (`impsmart serve`)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "impsmart.settings")
application = get_wsgi_application()

# A page allocates tens of thousands of objects (rows, querysets, template nodes), few of
# them in cycles: at Python's default threshold (700 allocations) the cycle collector ran
# dozens of times a request. Collecting after 50,000 took 6-12 % less of a worker's CPU per
# request over the load benchmark's pages (docs/operations.md, eighth pass). What is loaded
# by now (modules, settings, URL patterns) lives as long as the worker: frozen, the full
# collections no longer walk it.
gc.freeze()
gc.set_threshold(50_000, 50, 100)
