"""WSGI entry point for gunicorn and other servers."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wenchuang.settings")
application = get_wsgi_application()

# jieba reads its dictionary (~1 s) on first use: load it while the process starts, so the
# first visitor's search does not wait for it (runserver imports this module too).
from wenchuang.core.search import load_dictionary  # noqa: E402

load_dictionary()
