// stmtdiff HTML report: view toggle, label filters, keyboard navigation. The report reads fully
// without it (inline view, every label shown).
(function () {
  "use strict";
  var body = document.body;
  var bar = document.getElementById("toolbar");
  var pairs = Array.prototype.slice.call(document.querySelectorAll("main .pair"));
  var entries = Array.prototype.slice.call(document.querySelectorAll("#changes li[data-op]"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("main section"));
  var current = -1;
  bar.hidden = false;

  function setView(side) {
    body.classList.toggle("view-side", side);
    var radio = bar.querySelector('input[name="view"][value="' + (side ? "side" : "inline") + '"]');
    if (radio) { radio.checked = true; }
  }

  function applyFilters() {
    var shown = {};
    bar.querySelectorAll("input[data-filter]").forEach(function (box) {
      shown[box.value] = box.checked;
    });
    pairs.forEach(function (p) { p.hidden = !shown[p.dataset.op]; });
    entries.forEach(function (li) { li.hidden = !shown[li.dataset.op]; });
    sections.forEach(function (s) {
      s.hidden = !s.querySelector(".pair:not([hidden])");
    });
  }

  function changed() {
    return pairs.filter(function (p) { return !p.hidden && p.dataset.op !== "unchanged"; });
  }

  function go(step) {
    var list = changed();
    if (!list.length) { return; }
    var at = list.indexOf(document.activeElement);
    if (at < 0) { at = step > 0 ? -1 : list.length; if (current >= 0) { at = current; } }
    current = Math.max(0, Math.min(list.length - 1, at + step));
    list[current].focus();
    list[current].scrollIntoView({ block: "start" });
    if (history.replaceState) { history.replaceState(null, "", "#" + list[current].id); }
  }

  bar.addEventListener("change", function (ev) {
    var t = ev.target;
    if (t.name === "view") { setView(t.value === "side"); }
    if (t.dataset && t.dataset.filter !== undefined) { applyFilters(); }
  });

  document.addEventListener("keydown", function (ev) {
    var tag = (ev.target && ev.target.tagName) || "";
    if (ev.altKey || ev.ctrlKey || ev.metaKey || tag === "INPUT" || tag === "TEXTAREA") { return; }
    if (ev.key === "j" || ev.key === "n") { go(1); ev.preventDefault(); }
    else if (ev.key === "k" || ev.key === "p") { go(-1); ev.preventDefault(); }
    else if (ev.key === "s") { setView(!body.classList.contains("view-side")); ev.preventDefault(); }
  });

  applyFilters();
})();
