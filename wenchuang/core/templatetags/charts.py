"""`{% chart some_chart %}`: a chart with its data table and CSV download (core/_chart.html)."""

from django import template

register = template.Library()


@register.inclusion_tag("core/_chart.html")
def chart(chart, open_table: bool = False, css_class: str = ""):
    return {
        "chart": chart,
        "option": chart.option(),
        "option_id": f"chart-{chart.id}-option",
        "open_table": open_table,
        "css_class": css_class,
    }
