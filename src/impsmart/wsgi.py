"""WSGI entry point for gunicorn (`impsmart serve`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "impsmart.settings")
application = get_wsgi_application()
