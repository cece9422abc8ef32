/* Guichet chat widget — embed with <script src="https://…/widget.js" data-service="slug" data-lang="fr" async></script> */
(function () {
  "use strict";
  if (window.__guichetWidget) return;
  window.__guichetWidget = true;

  var me = document.currentScript || document.querySelector('script[src*="widget.js"]');
  if (!me) return;
  var origin;
  try { origin = new URL(me.src, location.href).origin; } catch (e) { return; }
  var service = me.getAttribute("data-service") || "";
  var lang = me.getAttribute("data-lang") || "";
  var fr = (lang || document.documentElement.lang || navigator.language || "fr").toLowerCase().indexOf("en") !== 0;
  // The bubble's words (widget.bubble.* of messages_fr/en.properties): the server writes them here as it serves /widget.js.
  var STRINGS = {"fr": {}, "en": {}};
  var labels = STRINGS[fr ? "fr" : "en"];

  var params = new URLSearchParams();
  if (service) params.set("service", service);
  if (lang) params.set("lang", lang);
  var panelUrl = origin + "/widget/panel" + (params.toString() ? "?" + params.toString() : "");

  function start() {
    var host = document.createElement("guichet-widget");
    host.setAttribute("style", "all: initial !important; position: fixed !important; right: 0 !important; bottom: 0 !important;"
      + " width: 0 !important; height: 0 !important; z-index: 2147483000 !important; display: block !important;");
    var root = host.attachShadow ? host.attachShadow({ mode: "closed" }) : host;

    var style = document.createElement("style");
    style.textContent = [
      ":host { all: initial; }",
      ".bubble { all: initial; box-sizing: border-box; position: fixed; right: 20px; bottom: 20px; width: 60px; height: 60px;",
      "  border-radius: 50%; background: #1a56db; color: #fff; cursor: pointer; display: flex; align-items: center;",
      "  justify-content: center; box-shadow: 0 6px 20px rgba(0,0,0,.25); transition: transform .15s ease; z-index: 2; }",
      ".bubble:hover { transform: scale(1.06); background: #1646b8; }",
      ".bubble:focus-visible { outline: 3px solid #f59e0b; outline-offset: 3px; }",
      ".bubble svg { all: initial; width: 28px; height: 28px; fill: currentColor; display: block; pointer-events: none; }",
      ".bubble .x { display: none; }",
      ".bubble[aria-expanded=true] .chat { display: none; } .bubble[aria-expanded=true] .x { display: block; }",
      ".badge { all: initial; position: absolute; top: -4px; right: -4px; min-width: 20px; height: 20px; padding: 0 5px;",
      "  box-sizing: border-box; border-radius: 10px; background: #c81e1e; color: #fff; font: 700 12px/20px system-ui, sans-serif;",
      "  text-align: center; border: 2px solid #fff; }",
      ".badge[hidden] { display: none; }",
      "iframe { all: initial; position: fixed; right: 20px; bottom: 92px; width: 380px; height: 620px;",
      "  max-height: calc(100vh - 112px); max-width: calc(100vw - 40px); border: 0; border-radius: 16px; background: #fff;",
      "  box-shadow: 0 12px 48px rgba(0,0,0,.28); display: block; z-index: 1; color-scheme: light; }",
      "iframe[hidden] { display: none; }",
      "@media (max-width: 599px) {",
      "  iframe { right: 0; bottom: 0; top: 0; left: 0; width: 100%; height: 100%; max-width: none; max-height: none; border-radius: 0; }",
      "  .bubble[aria-expanded=true] { display: none; }",
      "}",
      "@media (prefers-reduced-motion: reduce) { .bubble { transition: none; } }"
    ].join("\n");

    var bubble = document.createElement("button");
    bubble.type = "button";
    bubble.className = "bubble";
    bubble.setAttribute("aria-expanded", "false");
    bubble.setAttribute("aria-label", labels.open);
    bubble.setAttribute("aria-controls", "guichet-frame");
    var ns = "http://www.w3.org/2000/svg";
    function icon(cls, d) {
      var svg = document.createElementNS(ns, "svg");
      svg.setAttribute("viewBox", "0 0 24 24");
      svg.setAttribute("aria-hidden", "true");
      svg.setAttribute("class", cls);
      var p = document.createElementNS(ns, "path");
      p.setAttribute("d", d);
      svg.appendChild(p);
      return svg;
    }
    bubble.appendChild(icon("chat", "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z"));
    bubble.appendChild(icon("x", "M18.3 5.71 12 12l6.3 6.29-1.41 1.42L10.59 13.4 4.3 19.71 2.89 18.3 9.17 12 2.89 5.71 4.3 4.29l6.29 6.3 6.3-6.3z"));
    var badge = document.createElement("span");
    badge.className = "badge";
    badge.hidden = true;
    bubble.appendChild(badge);

    var frame = document.createElement("iframe");
    frame.id = "guichet-frame";
    frame.title = labels.frame;
    frame.hidden = true;
    frame.setAttribute("allow", "clipboard-write");
    frame.src = panelUrl;

    root.appendChild(style);
    root.appendChild(frame);
    root.appendChild(bubble);
    document.body.appendChild(host);

    var isOpen = false;
    function tell(msg) {
      try { frame.contentWindow.postMessage(msg, origin); } catch (e) { /* not loaded yet */ }
    }
    function setOpen(open) {
      isOpen = open;
      frame.hidden = !open;
      bubble.setAttribute("aria-expanded", open ? "true" : "false");
      bubble.setAttribute("aria-label", open ? labels.close : labels.open);
      // On a phone the panel covers the page: it keeps the keyboard's focus inside (see panel.js).
      tell({ guichet: open ? "open" : "closed", fullScreen: !!(window.matchMedia && window.matchMedia("(max-width: 599px)").matches) });
      if (open) {
        setUnread(0);
        frame.focus();
      } else {
        bubble.focus();
      }
    }
    function setUnread(n) {
      badge.hidden = !(n > 0);
      badge.textContent = n > 9 ? "9+" : String(n);
      bubble.setAttribute("aria-label", (isOpen ? labels.close : labels.open)
        + (n > 0 ? " (" + String(labels.unread).replace("{0}", String(n)) + ")" : ""));
    }
    bubble.addEventListener("click", function () { setOpen(!isOpen); });
    frame.addEventListener("load", function () { tell({ guichet: isOpen ? "open" : "closed" }); });

    window.addEventListener("message", function (e) {
      var d = e.data;
      if (!d || typeof d !== "object" || typeof d.guichet !== "string") return;
      if (e.source === frame.contentWindow && e.origin === origin) {
        if (d.guichet === "close" && isOpen) setOpen(false);
        else if (d.guichet === "unread") setUnread(isOpen ? 0 : Math.max(0, d.count | 0));
      } else if (e.source === window) {
        // The host page itself may drive the widget: window.postMessage({guichet: "open" | "close"}, "*").
        if (d.guichet === "close" && isOpen) setOpen(false);
        else if (d.guichet === "open" && !isOpen) setOpen(true);
      }
    });
    window.Guichet = {
      open: function () { if (!isOpen) setOpen(true); },
      close: function () { if (isOpen) setOpen(false); },
      toggle: function () { setOpen(!isOpen); }
    };
  }

  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start);
})();
