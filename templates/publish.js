// Progressive enhancement only: without this script every measure is on the page.
// It never writes text from the data into the page; it only shows and hides.
(function () {
  "use strict";
  var box = document.getElementById("pm_search_box");
  var input = document.getElementById("pm_search");
  var count = document.getElementById("pm_search_count");
  var measures = Array.prototype.slice.call(document.querySelectorAll("article.measure"));
  var areas = Array.prototype.slice.call(document.querySelectorAll("section.area"));
  var programs = Array.prototype.slice.call(document.querySelectorAll("section.program"));
  var opened = areas.map(function (a) { return a.querySelector("details.measures").open; });
  box.hidden = false;
  function filter() {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    measures.forEach(function (m) {
      var text = m.getAttribute("data-search");
      var hit = words.every(function (w) { return text.indexOf(w) !== -1; });
      m.hidden = !hit;
      if (hit) { shown += 1; }
    });
    programs.forEach(function (p) {
      p.hidden = p.querySelector("article.measure:not([hidden])") === null;
    });
    areas.forEach(function (a, i) {
      var any = a.querySelector("article.measure:not([hidden])") !== null;
      a.hidden = !any;
      a.querySelector("details.measures").open = words.length ? any : opened[i];
    });
    count.textContent = words.length
      ? shown + " of " + measures.length + " measures match"
      : "";
  }
  input.addEventListener("input", filter);
  // Printed, every service area is open.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
  // A link to a measure opens its service area and shows it.
  function reveal() {
    var id;
    try { id = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    var target = id && document.getElementById(id);
    if (!target) { return; }
    var details = target.closest("details.measures") ||
      (target.matches("section.area") && target.querySelector("details.measures"));
    if (details && !details.open) { details.open = true; }
    target.scrollIntoView();
  }
  window.addEventListener("hashchange", reveal);
  reveal();
}());
