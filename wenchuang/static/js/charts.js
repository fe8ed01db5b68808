// Draws each chart of the page with ECharts (loaded before this file); the data table beside
// it stays for readers without JavaScript. A data point with a `url` is a link.
(function () {
  "use strict";
  // Numbers as the page's language writes them: 30 Md / 300亿 / 30B on an axis, in full in a
  // tooltip. ECharts itself groups every number with commas, in any language.
  var language = document.documentElement.lang || "zh-hans";
  var full = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });
  var compact = new Intl.NumberFormat(language, { notation: "compact", maximumFractionDigits: 1 });
  function number(format) {
    return function (value) {
      return typeof value === "number" && isFinite(value) ? format.format(value) : value;
    };
  }
  function localise(option) {
    [].concat(option.xAxis || [], option.yAxis || []).forEach(function (axis) {
      if (axis.type !== "value") return;
      axis.axisLabel = axis.axisLabel || {};
      if (!axis.axisLabel.formatter) axis.axisLabel.formatter = number(compact);
    });
    if (option.tooltip && !option.tooltip.formatter && !option.tooltip.valueFormatter) {
      option.tooltip.valueFormatter = number(full);
    }
    [].concat(option.visualMap || []).forEach(function (scale) {
      if (!scale.formatter) scale.formatter = number(compact);
    });
  }
  function draw(root) {
    root.querySelectorAll("[data-chart-option]").forEach(function (element) {
      if (element.dataset.drawn) return;
      var option = JSON.parse(document.getElementById(element.dataset.chartOption).textContent);
      var maps = option._svgMaps || {};
      delete option._svgMaps;
      Object.keys(maps).forEach(function (name) {
        if (!echarts.getMap(name)) echarts.registerMap(name, { svg: maps[name] });
      });
      localise(option);
      element.classList.add("is-drawn");
      var chart = echarts.init(element);
      chart.setOption(option);
      chart.on("click", function (params) {
        if (params.data && params.data.url) window.location.href = params.data.url;
      });
      element.dataset.drawn = "1";
      // Set once the first drawing (and its animation) is done: points can be hit from then on.
      chart.on("finished", function () { element.dataset.ready = "1"; });
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { draw(document); });
  document.addEventListener("htmx:load", function (event) { draw(event.target); });
})();
