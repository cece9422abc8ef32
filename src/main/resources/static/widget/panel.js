// Guichet — the visitor's chat panel, shown inside the widget's iframe (same origin as the API).
// All text goes through textContent: no user or server text is ever parsed as HTML.

import { api as call, HttpError } from "/static/lib/api.js";
import { acceptFiles, attachmentLink, precheck, refusal, ACCEPTED } from "/static/lib/attach.js";
import { clientId } from "/static/lib/ids.js";
import { openSocket } from "/static/lib/socket.js";
import { formatTime, formatWeekdayTime } from "/static/lib/time.js";
import { upload } from "/static/lib/upload.js";

const MAX = 4000;
const STORE_KEY = "guichet.visitor";
const TYPING_MS = 4000;

// The panel's words in both languages (widget.chat.* of messages_fr/en.properties), rendered by the
// server into the panel page: the visitor may switch language without a reload.
const STRINGS = JSON.parse(document.getElementById("guichet-strings").textContent);
/** A pattern with its {0}, {1}… filled. */
function fmt(pattern, ...args) {
  return String(pattern).replace(/\{(\d+)\}/g, (_, i) => String(args[i] ?? ""));
}

// ---------- state ----------
const root = document.getElementById("guichet-panel");
const fixedService = root.dataset.service || "";
const saved = loadStore();
let currentSlug = null;
let focusAfterRender = null;
const state = {
  lang: pickLang(saved.lang || root.dataset.lang || navigator.language),
  token: saved.token || null,
  conversationId: saved.conversationId || null,
  lastSeq: 0,
  services: [],
  messages: new Map(), // seq -> message
  pending: [], // {clientId, body, status: "sending"|"failed", error, start?}
  status: null,
  typingName: null,
  typingTimer: null,
  socket: null,
  online: true,
  open: window.parent === window,
  unread: 0,
  draft: "",
  form: { service: fixedService, name: "", email: "", body: "" },
  formError: null,
  composerError: null,
  loading: true,
  loadFailed: false,
  suggestions: [], // help-centre articles matching the first question, as it is typed
  end: { of: null }, // the resolved conversation's rating and transcript (loadRating)
  confirm: null, // the typed address being confirmed with a mailed code: {email, stage: offer|sent|done, code, error}
  callback: { offer: null, phone: "", busy: false, error: null, done: null }, // the hotline's "call me back" (desk)
};

function pickLang(l) {
  return String(l || "fr").toLowerCase().startsWith("en") ? "en" : "fr";
}
function T() {
  return STRINGS[state.lang];
}
function loadStore() {
  try {
    return JSON.parse(localStorage.getItem(STORE_KEY)) || {};
  } catch {
    return {};
  }
}
function saveStore() {
  try {
    localStorage.setItem(STORE_KEY, JSON.stringify({
      token: state.token, conversationId: state.conversationId, lastSeq: state.lastSeq, lang: state.lang,
    }));
  } catch { /* storage blocked: the session lasts as long as the page */ }
}
window.addEventListener("storage", (e) => {
  // Another tab started or changed the conversation: follow it.
  if (e.key !== STORE_KEY) return;
  const s = loadStore();
  if (s.token && s.token !== state.token) {
    state.token = s.token;
    connect(true);
  }
  if (s.conversationId && s.conversationId !== state.conversationId) {
    switchConversation(s.conversationId);
  }
});

// ---------- DOM helpers ----------
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "value") e.value = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k in e && typeof v !== "string") e[k] = v;
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c == null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

// ---------- API ----------
/** The visitor's calls, with their token once they have one. */
function api(method, path, body) {
  return call(method, path, body, { token: state.token });
}
function describe(err) {
  const t = T();
  if (!(err instanceof HttpError)) return t.network;
  if (err.status === 413) return fmt(t.tooLong, MAX);
  if (err.status === 429) return fmt(t.tooFast, err.retryAfter || 10);
  if (err.status === 422 || err.status === 400) {
    if (/4\s?000|long/i.test(err.message)) return fmt(t.tooLong, MAX);
    if (/mail/i.test(err.message)) return t.emailInvalid;
    return err.message || t.genericError;
  }
  return t.genericError;
}
function serviceName(slug) {
  const s = state.services.find((x) => x.slug === slug);
  if (!s) return slug;
  return state.lang === "en" ? s.nameEn : s.nameFr;
}

// ---------- conversation ----------
function mergeMessages(list) {
  let added = 0;
  let transferredTo = null;
  for (const m of list) {
    if (state.messages.has(m.seq)) continue;
    state.messages.set(m.seq, m);
    if (m.clientId) state.pending = state.pending.filter((p) => p.clientId !== m.clientId);
    if (m.seq > state.lastSeq) state.lastSeq = m.seq;
    if (m.author === "agent") added++;
  }
  for (const m of state.messages.values()) {
    if (m.author === "system" && m.body.startsWith("transferred:service:") && (!transferredTo || m.seq > transferredTo.seq)) transferredTo = m;
  }
  if (transferredTo) currentSlug = transferredTo.body.slice("transferred:service:".length);
  saveStore();
  return added;
}
async function fetchAfter(after) {
  if (!state.conversationId) return;
  const id = state.conversationId;
  const data = await api("GET", `/api/v1/visitor/conversations/${id}/messages?after=${after}`);
  if (id !== state.conversationId) return;
  countUnread(mergeMessages(data.messages));
  render();
}
async function fetchStatus() {
  if (!state.conversationId) return;
  if (setStatus(await api("GET", `/api/v1/visitor/conversations/${state.conversationId}`))) render();
}
/**
 * Takes a state of the conversation, from a frame or a fetch, unless it is another conversation's or older than the one
 * shown: frames and fetches may cross, and a state counting fewer messages (before the resolution, say) is stale.
 */
function setStatus(s) {
  if (String(s.conversationId) !== String(state.conversationId)) return false;
  if (state.status?.lastSeq > s.lastSeq) return false;
  state.status = s;
  return true;
}
/**
 * Asks for what the socket may have brought while the panel could not take it: before its socket was registered or
 * while it was down (told by the server's "hello"), or before the panel knew its new conversation's id.
 */
function catchUp() {
  if (!state.conversationId) return;
  fetchAfter(state.lastSeq).catch(() => {});
  fetchStatus().catch(() => {});
}
async function switchConversation(id) {
  state.conversationId = id;
  state.messages = new Map();
  state.pending = [];
  state.lastSeq = 0;
  state.status = null;
  saveStore();
  render();
  try {
    await Promise.all([fetchAfter(0), fetchStatus()]);
  } catch (e) {
    if (e instanceof HttpError && (e.status === 404 || e.status === 401)) resetConversation();
  }
}
function resetConversation() {
  currentSlug = null;
  state.conversationId = null;
  state.messages = new Map();
  state.pending = [];
  state.lastSeq = 0;
  state.status = null;
  state.form.body = "";
  saveStore();
  render();
}
function countUnread(n) {
  if (n > 0 && (!state.open || document.hidden)) {
    state.unread += n;
    postParent({ guichet: "unread", count: state.unread });
  }
}
function postParent(msg) {
  if (window.parent !== window) window.parent.postMessage(msg, "*");
}

let gapFetch = null;
function onSocketMessage(m) {
  if (String(m.conversationId ?? m.message?.conversationId) !== String(state.conversationId)) return;
  const msg = m.message;
  if (state.messages.has(msg.seq)) return;
  const before = state.lastSeq;
  if (msg.author === "agent") hideTyping();
  countUnread(mergeMessages([msg]));
  render();
  // A resolution, a reopening or a transfer changes the state too: fetched in case its own frame was lost.
  if (msg.author === "system" && !(state.status?.lastSeq >= msg.seq)) fetchStatus().catch(() => {});
  if (msg.seq > before + 1 && !gapFetch) {
    // The visitor does not see internal notes, so a gap may be nothing; check once.
    gapFetch = fetchAfter(before).catch(() => {}).finally(() => (gapFetch = null));
  }
}
function showTyping() {
  const lastAgent = [...state.messages.values()].filter((m) => m.author === "agent").sort((a, b) => b.seq - a.seq)[0];
  state.typingName = state.status?.agentName || lastAgent?.authorName || "";
  clearTimeout(state.typingTimer);
  state.typingTimer = setTimeout(hideTyping, TYPING_MS);
  renderTyping();
}
function hideTyping() {
  clearTimeout(state.typingTimer);
  state.typingName = null;
  renderTyping();
}

// ---------- socket ----------
// The server's "hello" says the socket is registered: from then on nothing is missed, so that is when
// the panel asks for the messages after the last seq it saw.
function connect(force) {
  if (!state.token) return;
  if (state.socket && !force) return;
  state.socket?.close();
  state.socket = openSocket(`/ws/visitor?token=${encodeURIComponent(state.token)}`, {
    onFrame,
    onDown: () => setOnline(false),
    onEnd: forgetIdentity, // the visitor token is no longer valid
  });
}
function onFrame(m) {
  if (m.type === "hello") {
    setOnline(true);
    catchUp();
  } else if (m.type === "message") {
    onSocketMessage(m);
  } else if (m.type === "conversation.status") {
    if (setStatus(m)) render();
  } else if (m.type === "typing" && m.from === "agent" && String(m.conversationId) === String(state.conversationId)) {
    showTyping();
  }
}
function setOnline(on) {
  if (state.online === on) return;
  state.online = on;
  render();
}
function forgetIdentity() {
  state.token = null;
  state.socket?.close();
  state.socket = null;
  resetConversation();
}
let lastTypingSent = 0;
function sendTyping() {
  const now = Date.now();
  if (now - lastTypingSent < 2500 || !state.conversationId) return;
  if (state.socket?.send({ type: "typing", conversationId: state.conversationId })) lastTypingSent = now;
}

// ---------- sending ----------
async function ensureSession(name, email) {
  if (state.token) return;
  const s = await api("POST", "/api/v1/visitor/sessions", { name: name || undefined, email: email || undefined, lang: state.lang });
  state.token = s.visitorToken;
  saveStore();
  connect();
}
/** The first message's delivery while it is on its way: files chosen meanwhile wait for its conversation. */
let startDelivery = null;
function deliver(p) {
  const run = deliverNow(p);
  if (p.start) startDelivery = run;
  return run;
}
async function deliverNow(p) {
  p.status = "sending";
  p.error = null;
  render();
  try {
    if (p.start) {
      await ensureSession(p.start.name, p.start.email);
      const r = await api("POST", "/api/v1/visitor/conversations", {
        service: p.start.service, body: p.body, clientId: p.clientId,
        name: p.start.name || undefined, email: p.start.email || undefined,
      });
      state.conversationId = r.conversationId;
      currentSlug = p.start.service;
      state.form.body = "";
      p.start = null;
      confirm(p, r);
      state.status = state.status || { status: r.status, offline: r.offline, queuePosition: 0 };
      saveStore();
      connect();
      catchUp(); // a reply may already have come over the socket, dropped while the id was unknown
    } else {
      const r = await api("POST", `/api/v1/visitor/conversations/${state.conversationId}/messages`, { body: p.body, clientId: p.clientId });
      confirm(p, r);
    }
  } catch (e) {
    if (e instanceof HttpError && e.status === 401) {
      forgetIdentity();
      return;
    }
    if (e instanceof HttpError && e.status !== 429 && e.status < 500) {
      // The server refused it for good (too long, invalid…): give the text back for editing.
      state.pending = state.pending.filter((x) => x !== p);
      if (p.start) {
        state.form.body = p.body;
        state.formError = describe(e);
      } else {
        state.draft = p.body;
        state.composerError = describe(e);
      }
      render();
      return;
    }
    p.status = "failed";
    p.error = describe(e);
  }
  render();
}
function confirm(p, r) {
  state.pending = state.pending.filter((x) => x !== p);
  if (!state.messages.has(r.seq)) {
    state.messages.set(r.seq, { id: r.messageId, seq: r.seq, author: "visitor", body: p.body, createdAt: new Date().toISOString(), clientId: p.clientId });
  }
  if (r.seq > state.lastSeq) state.lastSeq = r.seq;
  saveStore();
}
function submitComposer() {
  const ta = document.getElementById("composer-input");
  const body = ta.value.trim();
  if (!body) return;
  if (body.length > MAX) {
    state.composerError = fmt(T().tooLong, MAX);
    render();
    return;
  }
  state.draft = "";
  state.composerError = null;
  const p = { clientId: clientId(), body, status: "sending" };
  state.pending.push(p);
  deliver(p);
  focusAfterRender = "composer-input";
}
/** Each file is one message of the conversation; progress and refusals are told in words above the composer. */
async function sendFiles(files) {
  if (!state.conversationId && startDelivery) await startDelivery;
  const t = T();
  const max = Number(root.dataset.maxFileBytes);
  const words = {
    notSent: t.fileNotSent, tooLarge: fmt(t.fileTooLarge, fmt(t.megabytes, Math.round(max / (1024 * 1024)))), type: t.fileType,
    invalid: t.fileInvalid, tooFast: t.fileTooFast, failed: t.fileFailed,
  };
  for (const file of files) {
    if (!state.conversationId || !state.token) { ui.fileStatus.textContent = refusal("failed", file, words); continue; }
    const early = precheck(file, max);
    if (early) { ui.fileStatus.textContent = refusal(early, file, words); continue; }
    const id = state.conversationId;
    const sending = (fraction) => { ui.fileStatus.textContent = fmt(t.fileSending, file.name, Math.round(fraction * 100)); };
    sending(0);
    try {
      const q = new URLSearchParams({ name: file.name, clientId: clientId() });
      const r = await upload(`/api/v1/visitor/conversations/${id}/attachments?${q}`, file, { token: state.token, onProgress: sending });
      ui.fileStatus.textContent = "";
      if (id === state.conversationId) {
        mergeMessages([r.message]);
        render();
      }
    } catch (e) {
      if (e instanceof HttpError && e.status === 401) { forgetIdentity(); return; }
      ui.fileStatus.textContent = refusal(e, file, words);
    }
  }
}
function submitStart(ev) {
  ev.preventDefault();
  const t = T();
  const f = state.form;
  const svc = state.services.find((s) => s.slug === f.service);
  const offline = svc ? !svc.available : false;
  f.name = f.name.trim();
  f.email = f.email.trim();
  const body = f.body.trim();
  let error = null, field = null;
  if (!f.service) { error = t.serviceNeeded; field = "svc-0"; }
  else if (offline && !f.email) { error = t.emailNeeded; field = "f-email"; }
  else if (f.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(f.email)) { error = t.emailInvalid; field = "f-email"; }
  else if (!body) { error = t.bodyNeeded; field = "f-body"; }
  else if (body.length > MAX) { error = fmt(t.tooLong, MAX); field = "f-body"; }
  state.formError = error;
  if (error) {
    focusAfterRender = field;
    render();
    return;
  }
  kbEvent({ kind: "chat", question: body, lang: state.lang });
  state.suggestions = [];
  const p = { clientId: clientId(), body, status: "sending", start: { service: f.service, name: f.name, email: f.email } };
  state.pending = [p];
  if (f.email && !(state.confirm && state.confirm.stage === "done" && state.confirm.email === f.email)) {
    state.confirm = { email: f.email, stage: "offer", code: "", error: null };
  }
  focusAfterRender = "composer-input";
  deliver(p);
}

// ---------- help-centre suggestions (deflection: an article opened and no chat started) ----------
const KB_KEY = "guichet.kbkey";
let suggestTimer = null;
let suggestQuery = "";
function visitorKey() {
  let key = null;
  try { key = localStorage.getItem(KB_KEY); } catch { /* storage blocked */ }
  if (!key) {
    key = clientId();
    try { localStorage.setItem(KB_KEY, key); } catch { /* the key lasts as long as the page */ }
  }
  return key;
}
function kbEvent(event) {
  call("POST", "/api/v1/kb/events", { visitorKey: visitorKey(), ...event }, { keepalive: true })
    .catch(() => { /* a lost signal is not worth bothering the visitor */ });
}
function suggestSoon() {
  clearTimeout(suggestTimer);
  suggestTimer = setTimeout(async () => {
    const q = state.form.body.trim().slice(0, 200);
    if (q === suggestQuery) return;
    suggestQuery = q;
    let results = [];
    if (q.length >= 3) {
      try {
        results = (await api("GET", `/api/v1/kb/search?lang=${state.lang}&limit=3&q=${encodeURIComponent(q)}`)).results;
        results = results.filter((r) => r.score >= results[0].score / 2); // only the close runners-up
      } catch { results = []; }
    }
    if (q !== suggestQuery) return;
    state.suggestions = results;
    const box = document.getElementById("kb-suggest");
    if (box) renderSuggestions(box);
  }, 350);
}
function renderSuggestions(box) {
  const t = T();
  if (!state.suggestions.length) {
    box.replaceChildren();
    return box;
  }
  box.replaceChildren(el("p", { class: "kb-suggest-title" }, t.suggestTitle),
    el("ul", {}, state.suggestions.map((r) => el("li", {},
      el("a", { href: r.url, target: "_blank", rel: "noopener", onclick: () => kbEvent({ kind: "opened", articleId: r.id }) },
        r.title, el("span", { class: "sr-only" }, " " + t.newTab))))));
  return box;
}

// ---------- rendering ----------
// The skeleton is built once and updated in place, so that live regions (status line, message
// log, typing sign) announce only what changes and the composer keeps focus and IME state.
const ui = {};
function skeleton() {
  if (ui.head) return;
  ui.avatar = el("div", { class: "avatar", "aria-hidden": "true" });
  ui.title = el("h1", { class: "head-title" });
  ui.status = el("p", { class: "head-sub", id: "status-line", role: "status" });
  ui.langBtn = el("button", {
    type: "button", class: "head-btn lang-btn", id: "lang-btn", onclick: () => {
      state.lang = state.lang === "fr" ? "en" : "fr";
      saveStore();
      render();
    },
  });
  ui.closeBtn = window.parent !== window ? el("button", {
    type: "button", class: "head-btn close-btn", id: "close-btn", onclick: () => postParent({ guichet: "close" }),
  }, el("span", { "aria-hidden": "true" }, "×")) : null;
  ui.head = el("header", { class: "panel-head" }, ui.avatar, el("div", { class: "head-text" }, ui.title, ui.status), ui.langBtn, ui.closeBtn);
  ui.conn = el("div", { class: "conn", role: "status" });
  ui.main = el("div", { class: "main" });
  ui.log = el("div", { class: "log", id: "log", role: "log", "aria-live": "polite", tabindex: "0" });
  ui.typing = el("div", { class: "typing", id: "typing", "aria-live": "polite" });
  ui.foot = el("div", { class: "foot" });
  ui.confirm = el("div", { class: "confirm-slot" });
  ui.callback = el("div", { class: "confirm-slot" });
  ui.conversation = el("div", { class: "conversation" }, ui.log, ui.typing, ui.confirm, ui.callback, ui.foot);
  ui.input = el("textarea", {
    id: "composer-input", rows: "1", "aria-describedby": "c-count",
    oninput: (e) => { state.draft = e.target.value; autosize(e.target); updateCount(e.target, "c-count"); clearComposerError(); sendTyping(); },
    onkeydown: (e) => { if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); submitComposer(); } },
  });
  ui.sendBtn = el("button", { type: "submit", class: "send" }, svgIcon("send"));
  ui.fileInput = el("input", {
    type: "file", id: "file-input", class: "file-input", accept: ACCEPTED.join(","), multiple: true, hidden: true, tabindex: "-1",
    onchange: (e) => { const files = [...e.target.files]; e.target.value = ""; sendFiles(files); },
  });
  ui.attachBtn = el("button", { type: "button", class: "attach", id: "attach-btn", onclick: () => ui.fileInput.click() }, svgIcon("clip"));
  ui.fileStatus = el("p", { class: "file-status", id: "file-status", role: "status" });
  ui.composerError = el("div", { class: "error-slot" });
  ui.count = el("span", { class: "count", id: "c-count", "aria-live": "polite" });
  ui.composer = el("form", { class: "composer", onsubmit: (e) => { e.preventDefault(); submitComposer(); } },
    ui.composerError, ui.fileStatus, el("div", { class: "composer-row" }, ui.attachBtn, ui.fileInput, ui.input, ui.sendBtn), ui.count);
  acceptFiles(ui.conversation, sendFiles);
  root.replaceChildren(ui.head, ui.conn, ui.main);
}
function clearFormError() {
  if (!state.formError) return;
  state.formError = null;
  document.getElementById("form-error")?.remove();
}
function clearComposerError() {
  if (!state.composerError) return;
  state.composerError = null;
  ui.composerError.dataset.text = "";
  ui.composerError.replaceChildren();
}
let mode = null;
function render() {
  skeleton();
  document.documentElement.lang = state.lang;
  const t = T();
  const starting = !state.conversationId && !state.pending.some((p) => p.start);
  renderHeader(starting);
  ui.conn.hidden = state.online || !state.token;
  ui.conn.textContent = ui.conn.hidden ? "" : t.reconnecting;
  // Keep what the visitor is typing (and where) across re-renders of the start form.
  const active = document.activeElement && document.activeElement.id;
  const sel = active && document.activeElement.selectionStart != null
    ? [document.activeElement.selectionStart, document.activeElement.selectionEnd] : null;
  const newMode = state.loading ? "loading" : state.loadFailed ? "failed" : starting ? "start" : "conversation";
  if (newMode === "loading") ui.main.replaceChildren(el("div", { class: "center muted" }, "…"));
  else if (newMode === "failed") ui.main.replaceChildren(el("div", { class: "center" }, el("p", { role: "alert" }, t.loadError)));
  else if (newMode === "start") ui.main.replaceChildren(renderStart());
  else {
    if (mode !== "conversation") ui.main.replaceChildren(ui.conversation);
    renderConversation();
  }
  mode = newMode;
  const target = focusAfterRender || active;
  focusAfterRender = null;
  if (target) {
    const e = document.getElementById(target);
    if (e && e !== document.activeElement) {
      e.focus({ preventScroll: true });
      if (sel && target === active && e.setSelectionRange) try { e.setSelectionRange(sel[0], sel[1]); } catch { /* radio */ }
    }
  }
}
function renderHeader(starting) {
  const t = T();
  const slug = (starting ? fixedService || state.form.service : currentServiceSlug()) || "";
  const title = slug ? serviceName(slug) : t.title;
  let sub = t.subtitle;
  let subClass = "head-sub";
  if (!starting && state.status) {
    sub = statusText();
    subClass += " status-" + state.status.status;
  } else if (starting && slug) {
    const svc = state.services.find((s) => s.slug === slug);
    if (svc && !svc.available) sub = svc.open ? t.nobodyNow : t.closedNow;
  }
  ui.avatar.textContent = (title || "G").trim().charAt(0).toUpperCase();
  if (ui.title.textContent !== title) ui.title.textContent = title;
  if (ui.status.textContent !== sub) ui.status.textContent = sub;
  ui.status.className = subClass;
  ui.langBtn.textContent = t.langButton;
  ui.langBtn.setAttribute("lang", state.lang === "fr" ? "en" : "fr");
  if (ui.closeBtn) ui.closeBtn.setAttribute("aria-label", t.close);
}
function currentServiceSlug() {
  return currentSlug || state.form.service || fixedService;
}
function statusText() {
  const t = T();
  const s = state.status;
  if (s.status === "waiting") {
    if (s.offline) return t.waitingOffline;
    if (s.queuePosition === 1) return s.estimatedWaitMinutes > 0 ? fmt(t.waitingEstimate, t.waitingFirst, s.estimatedWaitMinutes) : t.waitingFirst;
    const place = s.queuePosition > 1 ? fmt(t.waitingNth, s.queuePosition) : t.waiting;
    return s.estimatedWaitMinutes > 0 ? fmt(t.waitingEstimate, place, s.estimatedWaitMinutes) : place;
  }
  if (s.status === "open") return s.agentName ? fmt(t.openBy, s.agentName) : t.openSomeone;
  return t.resolved;
}
function renderStart() {
  const t = T();
  const f = state.form;
  const svc = state.services.find((s) => s.slug === f.service);
  const offline = svc ? !svc.available : false;
  const form = el("form", { class: "start", novalidate: true, onsubmit: submitStart });
  if (!fixedService) {
    if (!state.services.length) {
      return el("div", { class: "center" }, el("p", {}, t.noServices));
    }
    const fs = el("fieldset", { class: "services" }, el("legend", {}, t.chooseService));
    state.services.forEach((s, i) => {
      const id = `svc-${i}`;
      fs.append(el("label", { class: "service" + (f.service === s.slug ? " checked" : ""), for: id },
        el("input", {
          type: "radio", name: "service", id, value: s.slug, checked: f.service === s.slug,
          onchange: () => { f.service = s.slug; state.formError = null; focusAfterRender = id; render(); },
        }),
        el("span", { class: "service-name" }, state.lang === "en" ? s.nameEn : s.nameFr),
        el("span", { class: "service-state " + (s.available ? "is-open" : "is-closed") },
          s.available ? t.openNow : s.open ? t.nobodyNow : t.closedNow)));
    });
    form.append(fs);
  }
  if (offline) form.append(el("p", { class: "offline-note", id: "offline-note" }, offlineNote(svc)));
  form.append(
    el("label", { for: "f-name" }, t.name, " ", el("span", { class: "hint" }, t.optional)),
    el("input", { id: "f-name", type: "text", autocomplete: "name", maxlength: "200", value: f.name, oninput: (e) => (f.name = e.target.value) }),
    el("label", { for: "f-email" }, t.email, " ", el("span", { class: "hint" }, offline ? t.required : t.optional)),
    el("input", {
      id: "f-email", type: "email", autocomplete: "email", maxlength: "320", value: f.email, required: offline,
      "aria-required": offline ? "true" : "false", "aria-describedby": offline ? "offline-note" : null,
      oninput: (e) => { f.email = e.target.value; clearFormError(); },
    }),
    el("label", { for: "f-body" }, t.message),
    el("textarea", {
      id: "f-body", rows: "4", placeholder: t.placeholderFirst, value: f.body,
      "aria-describedby": "f-count", oninput: (e) => { f.body = e.target.value; updateCount(e.target, "f-count"); clearFormError(); suggestSoon(); },
      onkeydown: (e) => { if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); form.requestSubmit(); } },
    }),
    renderSuggestions(el("div", { class: "kb-suggest", id: "kb-suggest", "aria-live": "polite" })),
    el("div", { class: "form-foot" },
      el("span", { class: "count", id: "f-count", "aria-live": "polite" }, countText(f.body.length)),
      el("button", { type: "submit", class: "primary" }, t.start)));
  if (state.formError) form.prepend(el("p", { class: "error", id: "form-error", role: "alert" }, state.formError));
  return el("div", { class: "scroll" }, form);
}
/** Closed: when the service answers again; open with no one there: that the answer comes by email. */
function offlineNote(svc) {
  const t = T();
  if (svc.open) return t.offlineNobody;
  return svc.opensAt ? fmt(t.offlineUntil, formatWeekdayTime(svc.opensAt, state.lang)) : t.offline;
}
function countText(n) {
  return n > MAX - 500 ? fmt(T().chars, n, MAX) : "";
}
function updateCount(ta, id) {
  const c = document.getElementById(id);
  if (!c) return;
  c.textContent = countText(ta.value.length);
  c.classList.toggle("over", ta.value.length > MAX);
}
function systemText(code) {
  const t = T();
  if (code === "resolved") return t.sysResolved;
  if (code === "reopened") return t.sysReopened;
  if (code.startsWith("transferred:service:")) return fmt(t.sysService, serviceName(code.slice("transferred:service:".length)));
  if (code.startsWith("transferred:agent:")) return t.sysAgent;
  return code;
}
function renderMessage(m) {
  const t = T();
  if (m.author === "system") {
    return el("div", { class: "msg system" }, el("em", {}, systemText(m.body)));
  }
  const mine = m.author === "visitor";
  const content = m.attachment
    ? el("div", { class: "bubble file" }, attachmentLink(m.attachment, `${m.attachment.url}?token=${encodeURIComponent(state.token)}`, t.pdf))
    : el("div", { class: "bubble" }, m.body);
  return el("div", { class: "msg " + (mine ? "mine" : "theirs") },
    mine ? null : el("span", { class: "who" }, m.authorName || t.agent),
    content,
    el("span", { class: "meta" }, el("span", { class: "sr-only" }, mine ? t.you + ", " : ""), formatTime(m.createdAt, state.lang)));
}
function renderPending(p) {
  const t = T();
  const meta = p.status === "failed"
    ? el("span", { class: "meta failed", role: "alert" }, (p.error ? p.error + " " : "") + t.notSent + " ",
      el("button", { type: "button", class: "link", onclick: () => deliver(p) }, t.retry))
    : el("span", { class: "meta" }, t.sending);
  return el("div", { class: "msg mine pending" + (p.status === "failed" ? " is-failed" : "") },
    el("div", { class: "bubble" }, p.body), meta);
}
function renderConversation() {
  const t = T();
  const log = ui.log;
  const stick = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
  log.setAttribute("aria-label", t.title);
  // Reconcile the log by key: nodes already shown stay in place, so only new ones are announced.
  const items = [...state.messages.values()].sort((a, b) => a.seq - b.seq)
    .map((m) => ({ key: `m${state.conversationId}-${m.seq}-${state.lang}`, make: () => renderMessage(m) }));
  state.pending.forEach((p) => items.push({ key: `p${p.clientId}-${p.status}-${p.error || ""}-${state.lang}`, make: () => renderPending(p) }));
  const st = state.status;
  if (st && st.offline && st.status === "waiting" && ![...state.messages.values()].some((m) => m.author === "agent")) {
    items.push({ key: `offline-${state.lang}`, make: () => el("div", { class: "msg system notice" }, t.offlineThanks) });
  }
  const existing = new Map([...log.children].map((c) => [c.dataset.key, c]));
  const wanted = new Set(items.map((i) => i.key));
  for (const [k, c] of existing) if (!wanted.has(k)) c.remove();
  let ref = log.firstElementChild;
  for (const it of items) {
    let node = existing.get(it.key);
    if (!node) {
      node = it.make();
      node.dataset.key = it.key;
    }
    if (node === ref) {
      ref = ref.nextElementSibling;
      continue;
    }
    log.insertBefore(node, ref);
  }

  const resolved = st && st.status === "resolved";
  if (resolved) {
    loadRating();
    const end = state.end;
    const key = `resolved-${state.lang}-${state.conversationId}-${end.loaded}-${!!end.rating}-${end.error || ""}-${end.askEmail}-${end.sentTo || ""}`;
    if (ui.foot.dataset.key !== key) {
      ui.foot.dataset.key = key;
      ui.foot.replaceChildren(el("div", { class: "resolved" },
        el("p", {}, t.resolved),
        end.loaded ? renderRating() : null,
        renderTranscript(),
        el("button", { type: "button", class: "primary", id: "new-conv", onclick: () => { resetConversation(); focusAfterRender = "f-body"; render(); } }, t.newConversation)));
    }
  } else {
    if (ui.foot.dataset.key !== "composer") {
      ui.foot.dataset.key = "composer";
      ui.foot.replaceChildren(ui.composer);
    }
    ui.input.placeholder = t.placeholder;
    ui.input.setAttribute("aria-label", t.composer);
    ui.sendBtn.setAttribute("aria-label", t.send);
    ui.attachBtn.setAttribute("aria-label", t.attach);
    if (ui.input.value !== state.draft) {
      ui.input.value = state.draft;
      autosize(ui.input);
    }
    updateCount(ui.input, "c-count");
    if ((ui.composerError.dataset.text || "") !== (state.composerError || "")) {
      ui.composerError.dataset.text = state.composerError || "";
      ui.composerError.replaceChildren(state.composerError ? el("p", { class: "error", role: "alert" }, state.composerError) : "");
    }
  }
  renderConfirm();
  renderCallback();
  renderTyping();
  if (stick) log.scrollTop = log.scrollHeight;
}
const ICONS = {
  clip: "M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5H9v9a3 3 0 0 0 6 0V5a4.5 4.5 0 0 0-9 0v11.5a6 6 0 0 0 12 0v-10z",
  send: "M3.4 20.4 21 12 3.4 3.6 3.4 10.1 15 12 3.4 13.9z",
};
// ---------- the end of a conversation: a rating and the transcript by email ----------
function loadRating() {
  const id = state.conversationId;
  if (state.end.of === id) return;
  state.end = { of: id, loaded: false, rating: null, score: 0, comment: "", error: null, askEmail: false, sentTo: null };
  api("GET", `/api/v1/visitor/conversations/${id}/rating`)
    .then((r) => { if (state.end.of === id) { state.end.rating = r.rating; state.end.loaded = true; render(); } })
    .catch(() => { if (state.end.of === id) { state.end.loaded = true; render(); } });
}
/** Five labelled radios in a fieldset (the keyboard moves among them with the arrows), a comment, a button. */
function renderRating() {
  const t = T();
  const end = state.end;
  if (end.rating) return el("p", { class: "rate-thanks", role: "status" }, t.rateThanks);
  // 409: rated already (another tab, or the mailed link); the first rating stays, so the form has nothing left to do
  if (end.already) return el("p", { class: "rate-thanks", id: "rate-already", role: "alert" }, t.rateAlready);
  const scores = el("div", { class: "rate-scores" }, [1, 2, 3, 4, 5].map((n) => el("label", { class: "rate-score" },
    el("input", { type: "radio", name: "score", value: String(n), checked: end.score === n, onchange: () => { end.score = n; } }),
    el("span", {}, t[`rate${n}`]))));
  const form = el("form", { class: "rate", id: "rate-form", novalidate: true, onsubmit: (e) => { e.preventDefault(); sendRating(); } },
    el("fieldset", { class: "rate-fieldset" }, el("legend", {}, t.rateLegend), scores),
    el("label", { for: "rate-comment" }, t.rateComment),
    el("textarea", { id: "rate-comment", rows: "2", maxlength: "1000", value: end.comment, oninput: (e) => { end.comment = e.target.value; } }),
    end.error ? el("p", { class: "error", role: "alert" }, end.error) : null,
    el("button", { type: "submit", class: "primary", id: "rate-send" }, t.rateSend));
  return form;
}
async function sendRating() {
  const end = state.end;
  const id = state.conversationId;
  if (!end.score) { end.error = T().rateNeeded; render(); return; }
  try {
    const r = await api("POST", `/api/v1/visitor/conversations/${id}/rating`, { score: end.score, comment: end.comment.trim() || undefined });
    if (end.of === id) { end.rating = r.rating; end.error = null; }
  } catch (e) {
    if (e instanceof HttpError && e.status === 409) end.already = true;
    end.error = end.already ? T().rateAlready : describe(e);
  }
  render();
}
function renderTranscript() {
  const t = T();
  const end = state.end;
  if (end.sentTo) return el("p", { class: "transcript-sent", role: "status" }, fmt(t.transcriptSent, end.sentTo));
  if (!end.askEmail) {
    return el("button", { type: "button", class: "secondary", id: "transcript-btn", onclick: () => sendTranscript() }, t.transcript);
  }
  return el("form", { class: "transcript", id: "transcript-form", novalidate: true,
    onsubmit: (e) => { e.preventDefault(); sendTranscript(document.getElementById("transcript-email").value.trim()); } },
  el("label", { for: "transcript-email" }, t.transcriptEmail),
  el("input", { id: "transcript-email", type: "email", autocomplete: "email", maxlength: "254", value: state.form.email, required: true }),
  end.error ? el("p", { class: "error", role: "alert" }, end.error) : null,
  el("button", { type: "submit", class: "primary" }, t.transcriptSend));
}
/** Without an address the server uses the one it knows; when it knows none it says so, and the panel asks for one. */
async function sendTranscript(email) {
  const end = state.end;
  const id = state.conversationId;
  try {
    const r = await api("POST", `/api/v1/visitor/conversations/${id}/transcript`, email ? { email } : {});
    if (end.of === id) { end.sentTo = r.to; end.error = null; }
  } catch (e) {
    if (e instanceof HttpError && e.status === 422 && !email && !end.askEmail) {
      end.askEmail = true;
      focusAfterRender = "transcript-email";
    } else {
      end.error = describe(e);
      end.askEmail = true;
    }
  }
  render();
}

// ---------- confirming the typed email: a mailed code typed back here (people.EmailConfirmations) ----------
/** Once the conversation exists: offer a code; then ask for it; then say it is done. The visitor may ignore it all. */
function renderConfirm() {
  const c = state.confirm;
  const t = T();
  const key = c && state.conversationId ? `${state.lang}-${c.stage}-${c.error || ""}-${c.busy || ""}` : "";
  if (ui.confirm.dataset.key === key) return;
  ui.confirm.dataset.key = key;
  if (!key) { ui.confirm.replaceChildren(); return; }
  if (c.stage === "done") {
    ui.confirm.replaceChildren(el("p", { class: "confirm confirm-done", role: "status" }, fmt(t.confirmDone, c.email)));
    return;
  }
  const error = c.error ? el("p", { class: "error", role: "alert", id: "confirm-error" }, c.error) : null;
  if (c.stage === "offer") {
    ui.confirm.replaceChildren(el("div", { class: "confirm" },
      el("p", {}, fmt(t.confirmOffer, c.email)), error,
      el("button", { type: "button", class: "secondary", id: "confirm-send", disabled: !!c.busy, onclick: () => sendCode() }, t.confirmSend)));
    return;
  }
  ui.confirm.replaceChildren(el("form", { class: "confirm", id: "confirm-form", novalidate: true,
    onsubmit: (e) => { e.preventDefault(); confirmCode(document.getElementById("confirm-code").value); } },
  el("p", { id: "confirm-sent" }, fmt(t.confirmSent, c.email)),
  el("label", { for: "confirm-code" }, t.confirmCode),
  el("div", { class: "confirm-row" },
    el("input", { id: "confirm-code", inputmode: "numeric", autocomplete: "one-time-code", maxlength: "7", pattern: "[0-9 ]*",
      "aria-describedby": c.error ? "confirm-sent confirm-error" : "confirm-sent", "aria-invalid": c.error ? "true" : null, value: c.code,
      oninput: (e) => { c.code = e.target.value; } }),
    el("button", { type: "submit", class: "primary", id: "confirm-button", disabled: !!c.busy }, t.confirmButton)),
  error,
  el("button", { type: "button", class: "link", id: "confirm-resend", disabled: !!c.busy, onclick: () => sendCode() }, t.confirmResend)));
}
// ---------- "call me back": the hotline's service offers it when the estimated wait is long (desk's endpoints) ----------
function renderCallback() {
  const cb = state.callback;
  const t = T();
  const st = state.status;
  const offered = cb.offer && cb.offer.enabled && cb.offer.service === currentServiceSlug()
    && st && st.status === "waiting" && (st.estimatedWaitMinutes || 0) >= cb.offer.minWaitMinutes;
  const key = cb.done ? `done-${state.lang}` : offered ? `offer-${state.lang}-${cb.error || ""}-${cb.busy}` : "";
  if (ui.callback.dataset.key === key) return;
  ui.callback.dataset.key = key;
  if (!key) { ui.callback.replaceChildren(); return; }
  if (cb.done) {
    ui.callback.replaceChildren(el("p", { class: "confirm confirm-done", role: "status", id: "callback-done" }, fmt(t.callbackDone, cb.done)));
    return;
  }
  const error = cb.error ? el("p", { class: "error", role: "alert", id: "callback-error" }, cb.error) : null;
  ui.callback.replaceChildren(el("form", { class: "confirm", id: "callback-form", novalidate: true,
    onsubmit: (e) => { e.preventDefault(); askCallback(); } },
  el("p", { id: "callback-offer" }, t.callbackOffer),
  el("label", { for: "callback-phone" }, t.callbackPhone),
  el("div", { class: "confirm-row" },
    el("input", { id: "callback-phone", type: "tel", autocomplete: "tel", maxlength: "40", value: cb.phone, placeholder: t.callbackHint,
      "aria-describedby": cb.error ? "callback-offer callback-error" : "callback-offer", "aria-invalid": cb.error ? "true" : null,
      oninput: (e) => { cb.phone = e.target.value; } }),
    el("button", { type: "submit", class: "primary", id: "callback-send", disabled: cb.busy }, t.callbackSubmit)),
  error));
}
async function askCallback() {
  const cb = state.callback;
  const t = T();
  cb.busy = true;
  cb.error = null;
  render();
  try {
    const r = await api("POST", "/api/v1/visitor/callbacks", { phone: cb.phone });
    cb.done = r.phone;
  } catch (e) {
    cb.error = e instanceof HttpError && e.status === 429 ? t.callbackTooMany : e instanceof HttpError && e.status === 422 ? t.callbackInvalid : t.callbackFailed;
    focusAfterRender = "callback-phone";
  }
  cb.busy = false;
  render();
}
function confirmError(e) {
  const t = T();
  if (e instanceof HttpError) {
    if (e.code === "code_wrong") return t.confirmWrong;
    if (e.code === "code_expired") return t.confirmExpired;
    if (e.code === "too_many_codes" || e.status === 429) return t.confirmTooMany;
  }
  return describe(e);
}
async function sendCode() {
  const c = state.confirm;
  c.busy = "send";
  render();
  try {
    await api("POST", "/api/v1/visitor/email/code", { email: c.email });
    Object.assign(c, { stage: "sent", code: "", error: null });
    focusAfterRender = "confirm-code";
  } catch (e) {
    c.error = confirmError(e);
  }
  c.busy = null;
  render();
}
async function confirmCode(typed) {
  const c = state.confirm;
  c.code = typed.trim();
  if (!/^\d{6}$/.test(c.code.replace(/\s/g, ""))) { c.error = T().confirmNeeded; focusAfterRender = "confirm-code"; render(); return; }
  c.busy = "confirm";
  render();
  try {
    await api("POST", "/api/v1/visitor/email/confirm", { code: c.code });
    Object.assign(c, { stage: "done", error: null });
  } catch (e) {
    c.error = confirmError(e);
    focusAfterRender = "confirm-code";
  }
  c.busy = null;
  render();
}

function svgIcon(name) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  const p = document.createElementNS(ns, "path");
  p.setAttribute("d", ICONS[name]);
  svg.append(p);
  return svg;
}
function autosize(ta) {
  ta.style.height = "auto";
  ta.style.height = Math.min(ta.scrollHeight, 140) + "px";
}
function renderTyping() {
  const e = document.getElementById("typing");
  if (!e) return;
  e.textContent = state.typingName == null ? "" : state.typingName ? fmt(T().typing, state.typingName) : T().typingSomeone;
}

// ---------- parent window ----------
window.addEventListener("message", (e) => {
  if (e.source !== window.parent || !e.data || typeof e.data.guichet !== "string") return;
  if (e.data.guichet === "open") {
    state.open = true;
    state.fullScreen = !!e.data.fullScreen;
    state.unread = 0;
    postParent({ guichet: "unread", count: 0 });
    if (ui.log) requestAnimationFrame(() => (ui.log.scrollTop = ui.log.scrollHeight));
    const first = document.getElementById("composer-input") || document.getElementById("f-body");
    if (first) first.focus();
  } else if (e.data.guichet === "closed") {
    state.open = false;
  }
});
document.addEventListener("keydown", (e) => {
  if (e.key === "Escape" && window.parent !== window) postParent({ guichet: "close" });
  if (e.key === "Tab" && state.fullScreen) trapFocus(e);
});
/** Covering a phone's screen, the panel is a dialog: Tab and Shift+Tab go round inside it, never to the hidden page. */
function trapFocus(e) {
  const focusable = [...document.querySelectorAll("button, input, textarea, select, a[href], [tabindex='0']")]
    .filter((x) => !x.disabled && x.offsetParent !== null);
  if (!focusable.length) return;
  const first = focusable[0], last = focusable[focusable.length - 1];
  if (e.shiftKey && (document.activeElement === first || !focusable.includes(document.activeElement))) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}
document.addEventListener("visibilitychange", () => {
  if (!document.hidden && state.open && state.unread) {
    state.unread = 0;
    postParent({ guichet: "unread", count: 0 });
  }
});

// ---------- start ----------
async function boot() {
  render();
  try {
    const s = await api("GET", "/api/v1/services");
    state.services = s.services;
  } catch {
    state.loadFailed = true;
  }
  if (!fixedService && state.services.length === 1) state.form.service = state.services[0].slug;
  api("GET", "/api/v1/visitor/callbacks/offer").then((o) => { state.callback.offer = o; render(); }).catch(() => {});
  if (state.token) {
    try {
      const me = await api("GET", "/api/v1/visitor/me");
      const convs = me.conversations || [];
      let conv = convs.find((c) => String(c.id) === String(state.conversationId));
      if (!conv && !state.conversationId) conv = convs.find((c) => c.status !== "resolved" && (!fixedService || c.service === fixedService));
      if (conv) {
        currentSlug = conv.service;
        state.conversationId = conv.id;
        await Promise.all([fetchAfter(0), fetchStatus()]);
      } else {
        state.conversationId = null;
      }
      saveStore();
      connect();
    } catch (e) {
      if (e instanceof HttpError && e.status === 401) {
        state.token = null;
        state.conversationId = null;
        saveStore();
      } else {
        connect();
      }
    }
  }
  state.loading = false;
  render();
}
boot();
