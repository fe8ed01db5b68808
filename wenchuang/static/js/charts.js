// Draws each chart of the page with ECharts (loaded before this file); the data table beside
// it stays for readers without JavaScript. A data point with a `url` is a link.
(function () {
  "use strict";
  function draw(root) {
    root.querySelectorAll("[data-chart-option]").forEach(function (element) {
      if (element.dataset.drawn) return;
      var option = JSON.parse(document.getElementById(element.dataset.chartOption).textContent);
      var maps = option._svgMaps || {};
      delete option._svgMaps;
      Object.keys(maps).forEach(function (name) {
        if (!echarts.getMap(name)) echarts.registerMap(name, { svg: maps[name] });
      });
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
