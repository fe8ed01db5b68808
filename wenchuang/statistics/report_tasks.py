"""Building a quarterly report in the background, with the step it is at for the waiting page."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone, translation
from django_tasks import task

from wenchuang.reference.models import Region

from .cube import NATIONAL
from .models import QuarterlyReport


def _step(report_id: int):
    def progress(percent: int, step: str) -> None:
        QuarterlyReport.objects.filter(pk=report_id).update(progress=percent, step=str(step)[:80])

    return progress


@task()
def build_quarterly_report(report_id: int, region_code: str = NATIONAL) -> str:
    """Make the report's PDF and XLSX; the waiting page reads `progress` and `step`."""
    from .reports import build_pdf, build_xlsx

    report = QuarterlyReport.objects.select_related("period").get(pk=report_id)
    QuarterlyReport.objects.filter(pk=report_id).update(status=QuarterlyReport.Status.RUNNING)
    region = Region.objects.get(code=region_code)
    try:
        with translation.override("zh-hans"):
            pdf = build_pdf(report.period, region, progress=_step(report_id))
            _step(report_id)(85, "XLSX")
            xlsx = build_xlsx(report.period, region)
    except Exception as error:  # the page must say it failed rather than wait forever
        QuarterlyReport.objects.filter(pk=report_id).update(
            status=QuarterlyReport.Status.FAILED,
            error=str(error)[:2000],
            finished_at=timezone.now(),
        )
        raise
    QuarterlyReport.objects.filter(pk=report_id).update(
        status=QuarterlyReport.Status.DONE,
        pdf=pdf,
        xlsx=xlsx,
        progress=100,
        step="",
        finished_at=timezone.now(),
    )
    return "done"


def report_request(*, period, by, region_code: str = NATIONAL) -> QuarterlyReport:
    """Queue a report for a quarter (after the current transaction commits)."""
    report = QuarterlyReport.objects.create(period=period, requested_by=by)
    transaction.on_commit(lambda: build_quarterly_report.enqueue(report.pk, region_code))
    return report
