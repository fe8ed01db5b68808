"""Statistics pages: the calendar, returns and their forms."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .models import Indicator, Period


def home(request: HttpRequest) -> HttpResponse:
    """The reporting calendar and the indicators."""
    return render(
        request,
        "statistics/home.html",
        {"periods": Period.objects.all()[:12], "indicators": Indicator.objects.all()},
    )
