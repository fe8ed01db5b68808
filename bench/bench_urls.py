"""The project's URLs plus a bare Django JSON view, the baseline the API is measured against."""

import json
import os
from pathlib import Path

from django.http import HttpRequest, JsonResponse
from django.urls import path

from wenchuang.urls import urlpatterns as project_urlpatterns

# The same page the API returns, captured once by bench_api.py; re-serialised per request.
BASELINE = json.loads(Path(os.environ["BENCH_BASELINE_JSON"]).read_text(encoding="utf-8"))


def static_json(request: HttpRequest) -> JsonResponse:
    return JsonResponse(BASELINE, json_dumps_params={"ensure_ascii": False})


urlpatterns = [path("bench/static.json", static_json), *project_urlpatterns]
