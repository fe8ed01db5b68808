"""Charts: one include renders the chart's option, its data table and a CSV of the same rows."""

import json
from urllib.parse import unquote

from django.template import Context, Template

from wenchuang.core.charts import Chart, Link

RETURNS = Chart(
    id="returns",
    title="季度报表 Returns",
    columns=["Quarter", "Received", "Validated"],
    rows=[["2026Q1", 120, 98], ["2026Q2", 131, 120]],
)


def render(chart, **options):
    arguments = " ".join(f"{k}={v}" for k, v in options.items())
    return Template("{% load charts %}{% chart c " + arguments + " %}").render(
        Context({"c": chart})
    )


def test_a_bar_chart_has_one_series_per_column_and_the_categories_on_the_axis():
    option = RETURNS.option()
    assert option["xAxis"]["data"] == ["2026Q1", "2026Q2"]
    assert [(s["type"], s["name"], s["data"]) for s in option["series"]] == [
        ("bar", "Received", [120, 131]),
        ("bar", "Validated", [98, 120]),
    ]


def test_a_pie_chart_names_each_slice():
    pie = Chart(id="p", title="t", columns=["Kind", "Count"], rows=[["A", 3], ["B", 5]], kind="pie")
    assert pie.option()["series"][0]["data"] == [
        {"name": "A", "value": 3},
        {"name": "B", "value": 5},
    ]


def test_the_include_carries_the_option_the_table_and_the_csv_of_the_same_rows():
    html = render(RETURNS, open_table=True)
    start = html.index('<script id="chart-returns-option" type="application/json">')
    payload = html[start:].split(">", 1)[1].split("</script>", 1)[0]
    assert json.loads(payload)["series"][0]["data"] == [120, 131]
    assert "<td>2026Q2</td><td>131</td><td>120</td>" in html
    assert '<details class="chart-data" open>' in html
    href = html.split('class="chart-csv" href="', 1)[1].split('"', 1)[0]
    csv_text = unquote(href.removeprefix("data:text/csv;charset=utf-8,"))
    assert csv_text.splitlines() == [
        "\ufeffQuarter,Received,Validated",
        "2026Q1,120,98",
        "2026Q2,131,120",
    ]
    assert 'download="returns.csv"' in html


def test_text_in_a_chart_is_escaped_and_links_are_links():
    chart = Chart(
        id="parks",
        title="<b>Parks</b>",
        columns=["Park", "Tenants"],
        rows=[[Link("Arts & <Crafts>", "/park/1/"), 3]],
    )
    html = render(chart)
    assert "<b>Parks</b>" not in html and "&lt;b&gt;Parks&lt;/b&gt;" in html
    assert '<a href="/park/1/">Arts &amp; &lt;Crafts&gt;</a>' in html
    # In the JSON option too: a title cannot close the script element.
    payload = html.split('type="application/json">', 1)[1].split("</script>", 1)[0]
    assert "<b>" not in payload and json.loads(payload)["title"]["text"] == "<b>Parks</b>"
