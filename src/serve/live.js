// dienstweg live preview: injected in serve mode only, never in a build.
// Long-polls the server; reloads the page when a new build is served and
// shows the error of a failed rebuild in an overlay (text from the server).
(function () {
  "use strict";
  var script = document.currentScript;
  var pageBuild = Number(script && script.getAttribute("data-build"));
  var generation = -1; // unknown: the first poll answers at once
  var overlay = null;
  var hiddenReport = null;

  function element(tag, text, style) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (style) { node.setAttribute("style", style); }
    return node;
  }

  function clearOverlay() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  function showOverlay(report) {
    var key = JSON.stringify(report);
    if (key === hiddenReport) { return; }
    clearOverlay();
    overlay = element("section", null,
      "position:fixed;left:0;right:0;bottom:0;z-index:2147483647;max-height:60vh;" +
      "overflow:auto;margin:0;padding:1rem 1.25rem;background:#ffffff;color:#1a1a1a;" +
      "border-top:0.4rem solid #a4000f;box-shadow:0 -0.2rem 1rem rgba(0,0,0,0.35);" +
      "font:1rem/1.45 system-ui,sans-serif;text-align:left");
    overlay.id = "dienstweg-error";
    overlay.setAttribute("role", "alert");
    overlay.setAttribute("lang", "en");
    overlay.setAttribute("aria-labelledby", "dienstweg-error-title");
    var title = element("h2", report.title, "margin:0 0 0.25rem;font-size:1.2rem;color:#a4000f");
    title.id = "dienstweg-error-title";
    overlay.appendChild(title);
    overlay.appendChild(element("p", report.summary, "margin:0 0 0.75rem"));
    var list = element("ol", null, "margin:0;padding-left:1.5rem");
    report.items.forEach(function (item) {
      var entry = element("li", null, "margin:0 0 0.6rem");
      if (item.location) {
        entry.appendChild(element("code", item.location,
          "display:block;font:0.95rem/1.4 ui-monospace,monospace;color:#1a1a1a;font-weight:bold"));
      }
      entry.appendChild(element("div", item.message));
      if (item.hint) {
        entry.appendChild(element("div", report.hint_label + item.hint, "color:#3d3d3d"));
      }
      list.appendChild(entry);
    });
    overlay.appendChild(list);
    var dismiss = element("button", report.dismiss,
      "margin-top:0.5rem;padding:0.3rem 0.9rem;font:inherit;color:#ffffff;" +
      "background:#a4000f;border:0.15rem solid #a4000f;border-radius:0.25rem;cursor:pointer");
    dismiss.type = "button";
    dismiss.addEventListener("click", function () {
      hiddenReport = key;
      clearOverlay();
    });
    overlay.appendChild(dismiss);
    document.body.appendChild(overlay);
  }

  function poll() {
    fetch("/__dienstweg/poll?generation=" + generation, { cache: "no-store" })
      .then(function (response) {
        if (!response.ok) { throw new Error("poll answered " + response.status); }
        return response.json();
      })
      .then(function (status) {
        if (status.build !== pageBuild && status.build > 0) {
          location.reload();
          return;
        }
        generation = status.generation;
        if (status.error) { showOverlay(status.error); } else { hiddenReport = null; clearOverlay(); }
        poll();
      })
      .catch(function () {
        // The server is restarting or gone: try again, gently.
        setTimeout(poll, 1000);
      });
  }

  poll();
})();
