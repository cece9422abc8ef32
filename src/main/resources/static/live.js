// Guichet live Q&A, the public page /e/{slug}: countdown, asking, the wall with votes, private answers.
// Everything a person typed is set with textContent, never innerHTML.

import { announce } from '/static/lib/announce.js';
import { api, HttpError } from '/static/lib/api.js';
import { clientId } from '/static/lib/ids.js';
import { openSocket } from '/static/lib/socket.js';
import { setCounts } from '/static/lib/plural.js';
import { formatTime } from '/static/lib/time.js';

const root = document.getElementById('main');
const slug = root.dataset.slug;
const lang = root.dataset.lang;
const STORE_KEY = 'guichet.visitor'; // shared with the chat widget: one visitor, one identity
const t = (key) => root.dataset[`i18n${key.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase())}`] || '';

const state = {
  phase: root.dataset.phase,
  sort: 'top',
  questions: new Map(), // id → question as on the wall
  voted: new Set(),
  highlightedId: null,
  mine: new Map(), // id → own question
  replies: new Map(), // conversationId → [message]
  clientId: clientId(),
};

// ------------------------------------------------------------ the visitor's token
function loadStore() {
  try { return JSON.parse(localStorage.getItem(STORE_KEY)) || {}; } catch { return {}; }
}
let token = loadStore().token || null;

async function ensureToken() {
  if (token) return token;
  const r = await call('POST', '/api/v1/visitor/sessions', { lang });
  if (!r.ok) throw new Error('session');
  token = r.body.visitorToken;
  try { localStorage.setItem(STORE_KEY, JSON.stringify({ ...loadStore(), token, lang })); } catch { /* storage blocked */ }
  connect(); // again, with the token: the wall's socket now tells us what happens to our own questions
  return token;
}

// The visitor's calls, answered as { ok, status, body } so that each refusal is explained in place.
async function call(method, path, body, retried = false) {
  const sentToken = token && !path.endsWith('/visitor/sessions');
  try {
    return { ok: true, status: 200, body: await api(method, path, body, { token: sentToken ? token : null }) };
  } catch (e) {
    if (!(e instanceof HttpError)) throw e;
    if (e.status === 401 && sentToken && !retried) {
      // A token this server no longer knows (another installation, a reset): start afresh.
      token = null;
      try { localStorage.setItem(STORE_KEY, JSON.stringify({ ...loadStore(), token: undefined, conversationId: undefined })); } catch { /* storage blocked */ }
      if (method !== 'GET') await ensureToken();
      return call(method, path, body, true);
    }
    return { ok: false, status: e.status, body: { error: { code: e.code, message: e.message } } };
  }
}

// ------------------------------------------------------------ phase and countdown
const countdown = document.getElementById('countdown');
let countdownTimer = null;

function applyPhase(phase) {
  const changed = phase !== state.phase;
  state.phase = phase;
  root.dataset.phase = phase;
  const label = document.getElementById('phase-label');
  label.textContent = label.dataset[phase];
  label.className = `phase phase-${phase}`;
  document.getElementById('countdown-box').hidden = phase !== 'upcoming';
  document.getElementById('ask').hidden = phase === 'ended';
  document.getElementById('wall-section').hidden = phase === 'upcoming';
  const askTitle = document.getElementById('ask-title');
  askTitle.textContent = askTitle.dataset[phase === 'upcoming' ? 'upcoming' : 'live'] || askTitle.textContent;
  clearInterval(countdownTimer);
  if (phase === 'upcoming') {
    tick();
    countdownTimer = setInterval(tick, 1000);
  }
  if (changed) loadWall();
}

function tick() {
  const left = Math.max(0, Math.floor((Date.parse(root.dataset.startsAt) - Date.now()) / 1000));
  if (left === 0) {
    countdown.textContent = t('starting');
    return;
  }
  const d = Math.floor(left / 86400);
  const hms = [Math.floor(left / 3600) % 24, Math.floor(left / 60) % 60, left % 60].map((n) => String(n).padStart(2, '0')).join(':');
  countdown.textContent = d > 0 ? `${d} ${t('days')} ${hms}` : hms;
}

// ------------------------------------------------------------ the wall
const list = document.getElementById('wall');

async function loadWall() {
  const r = await call('GET', `/api/v1/live/${encodeURIComponent(slug)}/questions?sort=${state.sort}`);
  if (!r.ok) return;
  state.questions.clear();
  for (const q of r.body.questions) {
    state.questions.set(q.id, q);
    if (q.highlighted) state.highlightedId = q.id;
    if (q.voted) state.voted.add(q.id);
  }
  renderWall();
}

function sorted() {
  const all = [...state.questions.values()];
  if (state.sort === 'top') all.sort((a, b) => b.votes - a.votes || Date.parse(a.createdAt) - Date.parse(b.createdAt));
  else all.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  const pinned = all.findIndex((q) => q.id === state.highlightedId);
  if (pinned > 0) all.unshift(all.splice(pinned, 1)[0]);
  return all;
}

function renderWall() {
  const focusedId = document.activeElement?.closest?.('#wall li')?.dataset.id;
  const items = sorted().map((q) => list.querySelector(`li[data-id="${CSS.escape(q.id)}"]`) || renderQuestion(q));
  items.forEach((li) => updateQuestion(li, state.questions.get(li.dataset.id)));
  list.replaceChildren(...items);
  if (focusedId) list.querySelector(`li[data-id="${CSS.escape(focusedId)}"] .vote`)?.focus();
  const empty = document.getElementById('wall-empty');
  empty.hidden = items.length > 0;
  empty.textContent = state.phase === 'ended' ? t('empty-ended') : t('empty');
}

function renderQuestion(q) {
  const li = document.createElement('li');
  li.className = 'wq';
  li.dataset.id = q.id;
  const vote = document.createElement('button');
  vote.type = 'button';
  vote.className = 'vote';
  // Named by its content (the count people see, then what it does), pressed or not: no aria-label that
  // would differ from the visible number.
  vote.innerHTML = '<span class="vote-arrow" aria-hidden="true">▲</span><span class="vote-count"></span><span class="sr-only vote-name"></span>';
  vote.addEventListener('click', () => toggleVote(q.id));
  const main = document.createElement('div');
  main.className = 'wq-main';
  const badges = document.createElement('p');
  badges.className = 'wq-badges';
  const body = document.createElement('p');
  body.className = 'wq-body';
  const meta = document.createElement('p');
  meta.className = 'wq-meta';
  const answer = document.createElement('div');
  answer.className = 'wq-answer';
  const answerLabel = document.createElement('strong');
  answerLabel.textContent = t('answer');
  const answerText = document.createElement('p');
  answer.append(answerLabel, answerText);
  main.append(badges, body, meta, answer);
  li.append(vote, main);
  return li;
}

function updateQuestion(li, q) {
  const voted = state.voted.has(q.id);
  const highlighted = q.id === state.highlightedId;
  li.classList.toggle('is-highlighted', highlighted);
  li.classList.toggle('is-answered', Boolean(q.answer));
  const vote = li.querySelector('.vote');
  vote.setAttribute('aria-pressed', String(voted));
  vote.disabled = state.phase !== 'live';
  li.querySelector('.vote-count').textContent = q.votes;
  li.querySelector('.vote-name').textContent = ` ${new Intl.PluralRules(lang).select(q.votes) === 'one' ? t('vote-one') : t('votes')}, ${t('vote')}`;
  const badges = li.querySelector('.wq-badges');
  badges.replaceChildren();
  if (highlighted) badges.append(badge(t('highlighted'), 'badge-highlight'));
  if (q.answer) badges.append(badge(t('answered'), 'badge-answered'));
  badges.hidden = !badges.firstChild;
  li.querySelector('.wq-body').textContent = q.body;
  const meta = li.querySelector('.wq-meta');
  meta.replaceChildren();
  if (q.authorName) meta.append(q.authorName, ' · ');
  const time = document.createElement('time');
  time.dateTime = q.createdAt;
  time.textContent = formatTime(q.createdAt, lang);
  meta.append(time);
  const answer = li.querySelector('.wq-answer');
  answer.hidden = !q.answer;
  answer.querySelector('strong').textContent = q.answeredBy
    ? t('answer-by').replace('{0}', q.answeredBy).replace('{1}', q.answeredByDe) : t('answer');
  answer.querySelector('p').textContent = q.answer || '';
}

function badge(text, cls) {
  const span = document.createElement('span');
  span.className = `badge ${cls}`;
  span.textContent = text;
  return span;
}

async function toggleVote(id) {
  const q = state.questions.get(id);
  if (!q || state.phase !== 'live') return;
  const up = !state.voted.has(id);
  try {
    await ensureToken();
  } catch {
    announce(t('failed'));
    return;
  }
  // Optimistic: the count moves at once; the server's answer (and later frames) settle it.
  if (up) state.voted.add(id); else state.voted.delete(id);
  q.votes += up ? 1 : -1;
  rerender(id);
  const r = await call(up ? 'PUT' : 'DELETE', `/api/v1/live/${encodeURIComponent(slug)}/questions/${id}/vote`);
  if (r.ok) {
    applyCount(id, r.body.votes, r.body.rev);
  } else {
    if (up) state.voted.delete(id); else state.voted.add(id);
    q.votes -= up ? 1 : -1;
    if (r.status === 404) state.questions.delete(id);
    renderWall();
    announce(r.status === 429 ? t('rate-limited') : t('failed'));
  }
}

function applyCount(id, votes, rev) {
  const q = state.questions.get(id);
  if (!q || rev < (q.rev || 0)) return;
  q.votes = votes;
  q.rev = rev;
}

function rerender(id) {
  const li = list.querySelector(`li[data-id="${CSS.escape(id)}"]`);
  if (li) updateQuestion(li, state.questions.get(id));
}

// Re-sorting at most every 400 ms keeps the wall readable during a burst of votes.
let sortTimer = null;
function resortSoon() {
  if (state.sort !== 'top' || sortTimer) return;
  sortTimer = setTimeout(() => { sortTimer = null; renderWall(); }, 400);
}

document.querySelectorAll('.sort button').forEach((b) => b.addEventListener('click', () => {
  state.sort = b.dataset.sort;
  document.querySelectorAll('.sort button').forEach((x) => x.setAttribute('aria-pressed', String(x === b)));
  renderWall();
}));

// ------------------------------------------------------------ asking
const form = document.getElementById('ask-form');
const bodyField = document.getElementById('q-body');
const counter = document.getElementById('q-count');
const serviceField = document.getElementById('q-service');
const nameField = document.getElementById('q-name');
const status = document.getElementById('ask-status');

// On a phone the wall matters most: the question's options unfold once the person starts to ask.
const details = document.getElementById('ask-details');
details.classList.add('folded');
const unfold = () => details.classList.remove('folded');
bodyField.addEventListener('focus', unfold);

bodyField.addEventListener('input', () => {
  unfold();
  counter.textContent = [...bodyField.value.trim()].length;
  showError('q-body', null);
});

function showError(fieldId, message) {
  const field = document.getElementById(fieldId);
  const error = document.getElementById(`${fieldId}-err`);
  if (!field || !error) return;
  error.hidden = !message;
  error.textContent = message || '';
  if (message) field.setAttribute('aria-invalid', 'true'); else field.removeAttribute('aria-invalid');
}

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  status.textContent = '';
  const text = bodyField.value.trim();
  const visibility = form.querySelector('input[name=visibility]:checked')?.value || 'public';
  const service = serviceField?.value || '';
  const name = nameField.value.trim();
  const length = [...text].length;
  showError('q-body', length < 3 ? t('too-short') : length > 500 ? t('too-long') : null);
  showError('q-service', visibility === 'private' && !service ? t('service-required') : null);
  showError('q-name', root.dataset.anonymous === 'false' && !name ? t('name-required') : null);
  const invalid = form.querySelector('[aria-invalid=true]');
  if (invalid) {
    invalid.focus();
    return;
  }
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    await ensureToken();
    const payload = { body: text, visibility, clientId: state.clientId };
    if (service) payload.service = service;
    if (name) payload.name = name;
    const r = await call('POST', `/api/v1/live/${encodeURIComponent(slug)}/questions`, payload);
    if (r.ok) {
      const q = r.body.question;
      state.mine.set(q.id, q);
      renderMine();
      if (q.status === 'published') { state.questions.set(q.id, q); renderWall(); }
      if (q.conversationId) watchConversation(q.conversationId);
      status.textContent = q.status === 'private' ? t('sent-private') : q.status === 'pending' ? t('sent-pending') : t('sent');
      bodyField.value = '';
      counter.textContent = '0';
      state.clientId = clientId();
    } else {
      explain(r);
    }
  } catch {
    status.textContent = t('failed');
  } finally {
    button.disabled = false;
  }
});

function explain(r) {
  const error = r.body?.error || {};
  if (r.status === 429) status.textContent = t('rate-limited');
  else if (r.status === 409) status.textContent = t('ended');
  else if (error.code === 'unknown_service') showError('q-service', t('service-required'));
  else if (r.status === 422 && /anonymous|name/.test(error.message || '')) showError('q-name', t('name-required'));
  else if (r.status === 422 && /longer/.test(error.message || '')) showError('q-body', t('too-long'));
  else if (r.status === 422 && /service/.test(error.message || '')) showError('q-service', t('service-required'));
  else if (r.status === 422) showError('q-body', t('too-short'));
  else status.textContent = t('failed');
}

// ------------------------------------------------------------ my questions and private answers
async function loadMine() {
  if (!token) return;
  const r = await call('GET', `/api/v1/live/${encodeURIComponent(slug)}/mine`);
  if (!r.ok) return;
  r.body.voted.forEach((id) => state.voted.add(id));
  for (const q of r.body.questions) {
    state.mine.set(q.id, q);
    if (q.conversationId) watchConversation(q.conversationId);
  }
  renderMine();
  renderWall();
}

function renderMine() {
  const section = document.getElementById('mine');
  const ul = document.getElementById('mine-list');
  section.hidden = state.mine.size === 0;
  ul.replaceChildren(...[...state.mine.values()].reverse().map((q) => {
    const li = document.createElement('li');
    const label = document.createElement('span');
    label.className = `badge mine-${q.status}`;
    label.textContent = q.status === 'private' ? t('private') : q.status === 'pending' ? t('pending')
      : q.status === 'published' ? t('published') : q.status === 'merged' ? t('merged') : t('dismissed');
    const body = document.createElement('p');
    body.className = 'mine-body';
    body.textContent = q.body;
    li.append(label, body);
    if (q.status === 'merged') { // its votes count on the question it joined, which the asker can find on the wall
      const kept = state.questions.get(q.mergedInto);
      const note = document.createElement('p');
      note.className = 'muted';
      note.textContent = kept ? t('merged-into').replace('{0}', kept.body) : t('merged-help');
      li.append(note);
    }
    if (q.conversationId) {
      const replies = state.replies.get(q.conversationId) || [];
      if (!replies.length) {
        const wait = document.createElement('p');
        wait.className = 'muted';
        wait.textContent = t('private-waiting');
        li.append(wait);
      }
      for (const m of replies) {
        const reply = document.createElement('div');
        reply.className = 'mine-reply';
        const who = document.createElement('strong');
        who.textContent = t('reply').replace('{0}', m.authorName || '');
        const text = document.createElement('p');
        text.textContent = m.body;
        reply.append(who, text);
        li.append(reply);
      }
    }
    return li;
  }));
}

let visitorSocket = null;
async function watchConversation(conversationId) {
  if (!state.replies.has(conversationId)) state.replies.set(conversationId, []);
  await loadReplies(conversationId);
  openVisitorSocket();
}

async function loadReplies(conversationId) {
  const r = await call('GET', `/api/v1/visitor/conversations/${conversationId}/messages?after=0`);
  if (r.ok) {
    state.replies.set(conversationId, r.body.messages.filter((m) => m.author === 'agent'));
    renderMine();
  }
}

// The inbox's own visitor socket brings the specialists' replies: it already knows who may read what.
// Back after a drop, it fetches the replies sent meanwhile.
function openVisitorSocket() {
  if (visitorSocket || !token) return;
  visitorSocket = openSocket(`/ws/visitor?token=${encodeURIComponent(token)}`, {
    onOpen: ({ reconnected }) => { if (reconnected) state.replies.forEach((_, id) => loadReplies(id)); },
    onFrame: (f) => {
      if (f.type !== 'message' || f.message.author !== 'agent' || !state.replies.has(f.conversationId)) return;
      const replies = state.replies.get(f.conversationId);
      if (replies.some((m) => m.id === f.message.id)) return;
      replies.push(f.message);
      renderMine();
      announce(`${t('new-answer')} : ${f.message.body}`);
    },
    onEnd: () => { visitorSocket = null; }, // a token no longer valid: the next question opens one with the new token
  });
}

// ------------------------------------------------------------ the live socket
let liveSocket = null;
function connect() {
  liveSocket?.close();
  const asker = token ? `?visitor=${encodeURIComponent(token)}` : '';
  liveSocket = openSocket(`/ws/live/${encodeURIComponent(slug)}${asker}`, {
    onOpen: () => { document.getElementById('offline-note').hidden = true; },
    onDown: () => { document.getElementById('offline-note').hidden = false; },
    onFrame,
  });
}

let firstHello = true;
function onFrame(f) {
  switch (f.type) {
    case 'hello':
      setViewers(f.viewers);
      if (f.phase !== state.phase) applyPhase(f.phase);
      else if (!firstHello) loadWall(); // reconnected: catch up on what we missed
      firstHello = false;
      break;
    case 'question': {
      const before = state.questions.get(f.question.id);
      if (before && f.question.rev < (before.rev || 0)) { f.question.votes = before.votes; f.question.rev = before.rev; }
      if (state.phase === 'ended' && !f.question.answer) break;
      state.questions.set(f.question.id, f.question);
      if (state.mine.has(f.question.id)) { state.mine.get(f.question.id).status = 'published'; renderMine(); }
      if (!before) announce(`${t('new-question')} : ${f.question.body}`);
      else if (!before.answer && f.question.answer) announce(`${t('new-answer')} : ${f.question.answer}`);
      renderWall();
      break;
    }
    case 'question.mine': { // one of our own questions changed: approved, held, answered, dismissed
      const before = state.mine.get(f.question.id);
      state.mine.set(f.question.id, { ...before, ...f.question });
      renderMine();
      if (before && before.status !== f.question.status && f.question.status === 'dismissed') {
        announce(`${t('dismissed')} : ${f.question.body}`);
      }
      break;
    }
    case 'question.removed':
      state.questions.delete(f.id);
      if (state.highlightedId === f.id) state.highlightedId = null;
      renderWall();
      break;
    case 'votes':
      for (const c of f.votes) {
        applyCount(c.id, c.votes, c.rev);
        rerender(c.id);
      }
      resortSoon();
      break;
    case 'session':
      state.highlightedId = f.highlightedId;
      if (f.phase !== state.phase) applyPhase(f.phase);
      else renderWall();
      break;
    case 'viewers':
      setViewers(f.count);
      break;
    case 'resync':
      loadWall();
      break;
    default:
  }
}

function setViewers(n) {
  setCounts('viewers', n);
  document.getElementById('present-count').hidden = state.phase !== 'live';
}

applyPhase(state.phase);
loadWall().then(loadMine);
connect();
