// Citation buttons: click (or tap) pins the cited sentence in context; hovering shows it until the pointer leaves.
(function () {
  "use strict";
  function panelOf(btn) { return document.getElementById(btn.getAttribute("data-cite")); }
  function show(btn, open) {
    var panel = panelOf(btn);
    if (!panel) { return; }
    panel.hidden = !open;
    btn.setAttribute("aria-expanded", open ? "true" : "false");
  }
  // A line citing many articles shows the first few; the rest fold under "+N more" (shown without script).
  document.querySelectorAll("button.more-cites").forEach(function (more) {
    var rest = more.nextElementSibling;
    if (!rest) { return; }
    rest.hidden = true;
    more.hidden = false;
    more.setAttribute("aria-expanded", "false");
    more.addEventListener("click", function () {
      rest.hidden = false;
      more.hidden = true;
      more.setAttribute("aria-expanded", "true");
      var first = rest.querySelector("button.cite");
      if (first) { first.focus(); }  // the button that had focus is gone: keep the keyboard where the list goes on
    });
  });
  document.addEventListener("click", function (e) {
    var btn = e.target.closest ? e.target.closest("button.cite") : null;
    if (!btn) { return; }
    var pinned = btn.getAttribute("data-pinned") === "1";
    btn.setAttribute("data-pinned", pinned ? "0" : "1");
    show(btn, !pinned);
  });
  var canHover = window.matchMedia && window.matchMedia("(hover: hover)").matches;
  if (canHover) {
    document.addEventListener("mouseover", function (e) {
      var btn = e.target.closest ? e.target.closest("button.cite") : null;
      if (btn && btn.getAttribute("data-pinned") !== "1") { show(btn, true); }
    });
    document.addEventListener("mouseout", function (e) {
      var btn = e.target.closest ? e.target.closest("button.cite") : null;
      if (btn && btn.getAttribute("data-pinned") !== "1" && !btn.contains(e.relatedTarget)) { show(btn, false); }
    });
  }
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") { return; }
    document.querySelectorAll("button.cite[aria-expanded='true']").forEach(function (btn) {
      btn.setAttribute("data-pinned", "0");
      show(btn, false);
    });
  });
}());
