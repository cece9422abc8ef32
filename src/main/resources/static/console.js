// Guichet staff console: the agent WebSocket, live lists, the reply box, notifications. (The staff shell
// adds the CSRF token to htmx requests.) User text is always set with textContent, never innerHTML.

import { announce } from '/static/lib/announce.js';
import { api } from '/static/lib/api.js';
import { clientId } from '/static/lib/ids.js';
import { openSocket } from '/static/lib/socket.js';
import { formatTime } from '/static/lib/time.js';

function whenHtmx(fn) {
  if (window.htmx) fn();
  else document.addEventListener('DOMContentLoaded', fn, { once: true });
}
whenHtmx(() => {
  if (!window.htmx) return;
  htmx.config.historyCacheSize = 0;
  htmx.config.refreshOnHistoryMiss = true;
});

const root = document.getElementById('console');
if (root) initConsole();

function initConsole() {
  const baseTitle = document.title;
  const seenKey = 'guichet.seen';
  let seen = {};
  try { seen = JSON.parse(localStorage.getItem(seenKey) || '{}'); } catch { seen = {}; }
  let pendingAlerts = 0;
  let socket = null;
  let lastTypingSent = 0;
  let typingTimer = null;
  let listTimer = null;

  // ------------------------------------------------------------ state helpers
  const thread = () => document.querySelector('#thread .thread');
  const openId = () => thread()?.dataset.conversationId || null;
  const lastSeq = () => Number(thread()?.dataset.lastSeq || 0);

  function markSeen(id, seq) {
    if (!id) return;
    if ((seen[id] || 0) >= seq) return;
    seen[id] = seq;
    try { localStorage.setItem(seenKey, JSON.stringify(seen)); } catch { /* private mode */ }
  }

  function decorateList() {
    const current = openId();
    document.querySelectorAll('#lists .conv').forEach((a) => {
      const id = a.dataset.id;
      const seq = Number(a.dataset.seq || 0);
      if (id === current) markSeen(id, seq);
      const unread = a.dataset.status !== 'resolved' && seq > (seen[id] || 0) && id !== current;
      a.classList.toggle('unread', unread);
      a.classList.toggle('selected', id === current);
      if (id === current) a.setAttribute('aria-current', 'true'); else a.removeAttribute('aria-current');
    });
  }

  function refreshLists() {
    clearTimeout(listTimer);
    listTimer = setTimeout(() => {
      const view = document.getElementById('lists')?.dataset.view || 'mine';
      htmx.ajax('GET', `/console/list?view=${encodeURIComponent(view)}&selected=${openId() || 0}`,
        { target: '#lists', swap: 'outerHTML' });
    }, 250);
  }

  function refreshPresence() {
    if (document.getElementById('presence')) {
      htmx.ajax('GET', '/console/presence', { target: '#presence', swap: 'outerHTML' });
    }
  }

  function reloadThread() {
    const id = openId();
    if (id) htmx.ajax('GET', `/console/c/${id}`, { target: '#thread', swap: 'innerHTML' });
  }

  // ------------------------------------------------------------ notifications
  let audio = null;
  function beep() {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = 'sine';
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.0001, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.15, audio.currentTime + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.25);
      osc.connect(gain).connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + 0.3);
    } catch { /* audio unavailable */ }
  }

  function alertUser() {
    pendingAlerts += 1;
    document.title = `(${pendingAlerts}) ${baseTitle}`;
    beep();
  }

  function clearAlerts() {
    pendingAlerts = 0;
    document.title = baseTitle;
  }
  document.addEventListener('visibilitychange', () => { if (!document.hidden) clearAlerts(); });
  window.addEventListener('focus', clearAlerts);

  // ------------------------------------------------------------ messages
  function renderMessage(m, opts = {}) {
    const li = document.createElement('li');
    const kind = m.author === 'visitor' ? 'visitor' : m.author === 'system' ? 'system' : (m.internal ? 'note' : 'agent');
    li.className = `msg msg-${kind}`;
    if (m.id) li.dataset.id = m.id;
    if (m.seq) li.dataset.seq = m.seq;
    if (m.clientId) li.dataset.clientId = m.clientId;
    const time = document.createElement('time');
    if (m.createdAt) { time.dateTime = m.createdAt; time.textContent = formatTime(m.createdAt); }
    if (kind === 'system') {
      // System messages arrive raw (resolved, transferred:…): the server renders them localized on reload.
      const span = document.createElement('span');
      span.textContent = m.body;
      li.append(span, ' ', time);
      return li;
    }
    const bubble = document.createElement('div');
    bubble.className = 'bubble';
    const meta = document.createElement('div');
    meta.className = 'msg-meta';
    const author = document.createElement('span');
    author.className = 'author';
    author.textContent = kind === 'visitor' ? (thread()?.dataset.contact || '') : (m.authorName || '');
    meta.append(author);
    if (kind === 'note') {
      const label = document.createElement('span');
      label.className = 'note-label';
      label.textContent = composerText('note');
      meta.append(' ', label);
    }
    meta.append(' ', time);
    const body = document.createElement('p');
    body.className = 'msg-body';
    body.textContent = m.body;
    bubble.append(meta, body);
    li.append(bubble);
    if (opts.pending) {
      li.classList.add('pending');
      const state = document.createElement('span');
      state.className = 'send-state';
      state.textContent = composerText('sending');
      bubble.append(state);
    }
    return li;
  }

  function composerText(key) {
    return document.getElementById('composer')?.dataset[`i18n${key[0].toUpperCase()}${key.slice(1)}`] || '';
  }

  function scrollToEnd(force) {
    const list = document.getElementById('messages');
    if (!list) return;
    const near = list.scrollHeight - list.scrollTop - list.clientHeight < 160;
    if (list.scrollHeight <= list.clientHeight + 2) {
      // Phones: the page scrolls, not the list.
      if (force || window.innerHeight + window.scrollY > document.body.scrollHeight - 240) window.scrollTo(0, document.body.scrollHeight);
      return;
    }
    if (force || near) list.scrollTop = list.scrollHeight;
  }

  function appendMessage(m) {
    const list = document.getElementById('messages');
    if (!list) return false;
    if (m.id && list.querySelector(`[data-id="${CSS.escape(String(m.id))}"]`)) return false;
    if (m.clientId) {
      const mine = list.querySelector(`[data-client-id="${CSS.escape(m.clientId)}"]`);
      if (mine) { confirmMessage(mine, m); return false; }
    }
    list.append(renderMessage(m));
    const t = thread();
    if (t && m.seq > lastSeq()) t.dataset.lastSeq = m.seq;
    markSeen(openId(), lastSeq());
    scrollToEnd(m.author !== 'visitor');
    return true;
  }

  function confirmMessage(li, m) {
    li.classList.remove('pending', 'failed');
    li.dataset.id = m.id;
    li.dataset.seq = m.seq;
    li.querySelector('.send-state')?.remove();
    const time = li.querySelector('time');
    if (time && m.createdAt) { time.dateTime = m.createdAt; time.textContent = formatTime(m.createdAt); }
    const t = thread();
    if (t && m.seq > lastSeq()) t.dataset.lastSeq = m.seq;
    markSeen(openId(), lastSeq());
  }

  async function catchUp() {
    const id = openId();
    if (!id) return;
    try {
      const data = await api('GET', `/api/v1/conversations/${id}/messages?after=${lastSeq()}`);
      if (openId() !== id) return;
      (data.messages || []).forEach((m) => {
        if (m.author === 'system') reloadThread();
        else appendMessage(m);
      });
    } catch { /* offline or refused: the socket's next connection catches up */ }
  }

  async function send(form, body, internal, writeId, existing) {
    const id = openId();
    const li = existing || renderMessage({ author: 'agent', internal, body, clientId: writeId,
      authorName: document.querySelector('.topbar .me')?.textContent || '' }, { pending: true });
    if (!existing) {
      li.dataset.clientId = writeId;
      document.getElementById('messages')?.append(li);
      scrollToEnd(true);
    } else {
      li.classList.remove('failed');
      li.classList.add('pending');
      const st = li.querySelector('.send-state');
      if (st) st.textContent = composerText('sending');
    }
    try {
      const data = await api('POST', form.action, new URLSearchParams({ body, clientId: writeId, internal: String(internal) }));
      if (openId() === id) confirmMessage(li, data.message);
    } catch {
      li.classList.remove('pending');
      li.classList.add('failed');
      let st = li.querySelector('.send-state');
      if (!st) { st = document.createElement('span'); st.className = 'send-state'; li.querySelector('.bubble')?.append(st); }
      st.textContent = '';
      const retryBtn = document.createElement('button');
      retryBtn.type = 'button';
      retryBtn.className = 'linklike';
      retryBtn.textContent = composerText('failed');
      retryBtn.addEventListener('click', () => send(form, body, internal, writeId, li));
      st.append(retryBtn);
    }
  }

  // The reply box is re-created with each conversation: listen on the document.
  document.addEventListener('submit', (e) => {
    const form = e.target;
    if (form.id !== 'composer') return;
    e.preventDefault();
    const area = form.querySelector('textarea');
    const body = area.value.trim();
    if (!body) { area.focus(); return; }
    const internal = form.querySelector('input[name="internal"]:checked')?.value === 'true';
    area.value = '';
    drafts[openId()] = '';
    send(form, body, internal, clientId());
  });

  document.addEventListener('keydown', (e) => {
    if (e.target.id !== 'reply') return;
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      e.target.form.requestSubmit();
    }
  });

  document.addEventListener('input', (e) => {
    if (e.target.id !== 'reply') return;
    const now = Date.now();
    const id = openId();
    const internal = e.target.form.querySelector('input[name="internal"]:checked')?.value === 'true';
    if (!internal && id && now - lastTypingSent > 2000 && socket?.send({ type: 'typing', conversationId: id })) {
      lastTypingSent = now;
    }
  });

  document.addEventListener('change', (e) => {
    if (e.target.name !== 'internal' || !e.target.form || e.target.form.id !== 'composer') return;
    const form = e.target.form;
    const note = e.target.value === 'true' && e.target.checked;
    form.classList.toggle('is-note', note);
    const area = form.querySelector('textarea');
    area.placeholder = note ? area.dataset.placeholderNote : area.dataset.placeholderReply;
    area.focus();
  });

  // ------------------------------------------------------------ htmx swaps
  function onThreadShown() {
    const t = thread();
    root.classList.toggle('has-thread', !!t);
    if (!t) return;
    markSeen(t.dataset.conversationId, lastSeq());
    decorateList();
    scrollToEnd(true);
    clearAlerts();
  }

  document.addEventListener('htmx:afterSettle', (e) => {
    const target = e.detail.target;
    if (!target) return;
    if (target.id === 'thread') {
      onThreadShown();
      const t = thread();
      const area = document.getElementById('reply');
      if (t && area && drafts[t.dataset.conversationId]) area.value = drafts[t.dataset.conversationId];
      if (e.detail.requestConfig?.verb === 'post') { refreshLists(); refreshPresence(); }
    }
    if (target.id === 'lists' || target.closest?.('#lists') || e.detail.elt?.id === 'lists') decorateList();
  });
  // Keep what the agent was typing when the conversation is re-rendered.
  const drafts = {};
  document.addEventListener('htmx:beforeSwap', (e) => {
    if (e.detail.target?.id !== 'thread') return;
    const id = openId();
    const area = document.getElementById('reply');
    if (id && area) drafts[id] = area.value;
  });
  document.addEventListener('htmx:beforeRequest', (e) => {
    // Clicking a list item: highlight it immediately.
    const a = e.detail.elt;
    if (a?.classList?.contains('conv')) {
      document.querySelectorAll('#lists .conv.selected').forEach((x) => x.classList.remove('selected'));
      a.classList.add('selected');
    }
  });

  // Back link on phones: go back to the lists without a reload when possible.
  document.addEventListener('click', (e) => {
    const back = e.target.closest?.('.back-link');
    if (!back || window.innerWidth > 900) return;
    e.preventDefault();
    root.classList.remove('has-thread');
    document.getElementById('thread').innerHTML = '';
    history.pushState({}, '', '/console');
  });

  // ------------------------------------------------------------ the socket
  function showTyping() {
    const el = document.getElementById('typing');
    if (!el) return;
    el.hidden = false;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => { el.hidden = true; }, 4000);
  }

  function onEvent(ev) {
    switch (ev.type) {
      case 'message': {
        const m = ev.message;
        const isOpen = ev.conversationId === openId();
        if (isOpen) {
          if (m.author === 'system') { reloadThread(); break; }
          const added = appendMessage(m);
          if (added && m.author === 'visitor') {
            document.getElementById('typing')?.setAttribute('hidden', '');
            announce(composerText('new').replace('{0}', thread()?.dataset.contact || ''));
            if (document.hidden) alertUser();
          }
        } else if (m.author === 'visitor') {
          alertUser();
        }
        refreshLists();
        break;
      }
      case 'conversation.assigned': {
        const c = ev.conversation;
        if (c.id !== openId() || document.hidden) alertUser();
        announce(root.dataset.i18nAssigned || '');
        refreshLists();
        refreshPresence();
        break;
      }
      case 'conversations.updated': {
        refreshLists();
        refreshPresence();
        const t = thread();
        const c = ev.conversations.find((x) => x.id === openId());
        if (t && c) {
          if (c.status !== t.dataset.status) reloadThread();
          else if (c.lastSeq > lastSeq()) catchUp();
        }
        break;
      }
      case 'typing':
        if (ev.from === 'visitor' && ev.conversationId === openId()) showTyping();
        break;
      default:
    }
  }

  // Every (re)connection catches up on the open conversation after its last seq, and on the lists.
  function connect() {
    socket = openSocket('/ws/agent', {
      maxDelay: 30000,
      onOpen: () => {
        root.classList.remove('offline');
        catchUp();
        refreshLists();
      },
      onFrame: onEvent,
      onDown: () => root.classList.add('offline'),
      onEnd: () => { // signed out
        root.classList.add('offline');
        location.href = '/login?next=' + encodeURIComponent(location.pathname);
      },
    });
  }

  decorateList();
  onThreadShown();
  connect();
}
