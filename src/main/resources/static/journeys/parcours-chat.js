// The chat bubble of the applicant's page, opened as them: the page asks for a chat session on their own contact
// (POST /api/v1/me/journey/chat) and leaves it where the widget's panel (same origin) looks for its visitor, then loads
// the widget for the service of their next step. Asked once per journey and browser, not at every visit.
import { api } from "/static/lib/api.js";

const me = document.querySelector("script[data-journey]");
const journey = me.dataset.journey;
const lang = me.dataset.lang;
const MARK = "guichet.parcours";

function load(service) {
  const s = document.createElement("script");
  s.src = "/widget.js";
  if (service) s.dataset.service = service;
  s.dataset.lang = lang;
  document.body.appendChild(s);
}

let known = null;
try { known = JSON.parse(localStorage.getItem(MARK)); } catch { /* storage blocked: ask again */ }
if (known && known.journey === journey) {
  load(known.service);
} else {
  api("POST", "/api/v1/me/journey/chat")
    .then((chat) => {
      try {
        localStorage.setItem("guichet.visitor", JSON.stringify({ token: chat.visitorToken, conversationId: null, lastSeq: 0, lang: chat.lang }));
        localStorage.setItem(MARK, JSON.stringify({ journey, service: chat.service }));
      } catch { /* the bubble then starts as an unknown visitor */ }
      load(chat.service);
    })
    .catch(() => load(null));
}
