"""WSGI entry point for gunicorn (`impsmart serve`)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

from impsmart.collector import collect_rarely

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "impsmart.settings")
application = get_wsgi_application()

# What is loaded by now (modules, settings, URL patterns) lives as long as the worker:
# frozen, the collector's full passes no longer walk it.
gc.freeze()
collect_rarely()
