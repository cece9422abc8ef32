// The chat bubble of the applicant's page, opened as them: the page asks for a chat session on their own contact
// (POST /api/v1/me/journey/chat) and leaves it where the widget's panel (same origin) looks for its visitor, then loads
// the widget for the service of their next step. Asked once per journey and browser, not at every visit.
(function () {
  "use strict";
  var me = document.currentScript;
  var journey = me.getAttribute("data-journey");
  var MARK = "guichet.parcours";
  function load(service, lang) {
    var s = document.createElement("script");
    s.src = "/widget.js";
    if (service) s.setAttribute("data-service", service);
    s.setAttribute("data-lang", lang);
    document.body.appendChild(s);
  }
  var known = null;
  try { known = JSON.parse(localStorage.getItem(MARK)); } catch (e) { /* storage blocked: ask again */ }
  if (known && known.journey === journey) {
    load(known.service, me.getAttribute("data-lang"));
    return;
  }
  fetch("/api/v1/me/journey/chat", { method: "POST", credentials: "same-origin", headers: { "X-CSRF-Token": me.getAttribute("data-csrf") } })
    .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
    .then(function (chat) {
      try {
        localStorage.setItem("guichet.visitor", JSON.stringify({ token: chat.visitorToken, conversationId: null, lastSeq: 0, lang: chat.lang }));
        localStorage.setItem(MARK, JSON.stringify({ journey: journey, service: chat.service }));
      } catch (e) { /* the bubble then starts as an unknown visitor */ }
      load(chat.service, me.getAttribute("data-lang"));
    })
    .catch(function () { load(null, me.getAttribute("data-lang")); });
})();
