// Guichet staff console: the agent WebSocket, live lists, the reply box, notifications. (The staff shell
// adds the CSRF token to htmx requests.) User text is always set with textContent, never innerHTML.

import { announce } from '/static/lib/announce.js';
import { api } from '/static/lib/api.js';
import { acceptFiles, attachmentLink, precheck, refusal } from '/static/lib/attach.js';
import { clientId } from '/static/lib/ids.js';
import { openSocket } from '/static/lib/socket.js';
import { formatTime } from '/static/lib/time.js';
import { upload } from '/static/lib/upload.js';

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
    document.querySelectorAll('#lists .conv:not(.mention-item)').forEach((a) => {
      const id = a.dataset.id;
      const seq = Number(a.dataset.seq || 0);
      if (id === current) markSeen(id, seq);
      const unread = a.dataset.status !== 'resolved' && seq > (seen[id] || 0) && id !== current;
      a.classList.toggle('unread', unread);
      a.classList.toggle('selected', id === current);
      if (id === current) a.setAttribute('aria-current', 'true'); else a.removeAttribute('aria-current');
    });
    scheduleTimerRefresh();
  }

  // A waiting conversation's flag ("soon late", "late") changes with time alone: the list is drawn again when the
  // nearest timer reaches its next level.
  let timerRefresh;
  function scheduleTimerRefresh() {
    clearTimeout(timerRefresh);
    const next = [...document.querySelectorAll('#lists .conv[data-timer-next]')]
      .map((a) => Date.parse(a.dataset.timerNext)).filter((t) => !Number.isNaN(t));
    if (!next.length) return;
    const wait = Math.max(1000, Math.min(...next) - Date.now() + 500);
    timerRefresh = setTimeout(refreshLists, Math.min(wait, 2147483647));
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
    let body;
    if (m.attachment) {
      body = attachmentLink(m.attachment, m.attachment.url, composerText('pdf'));
    } else {
      body = document.createElement('p');
      body.className = 'msg-body';
      body.textContent = m.body;
    }
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

  // Replies on their way, by client id: a re-rendered thread (a frame's reload, rendered before the reply was
  // written) would otherwise drop them from view.
  const sending = new Map();

  async function send(form, body, internal, writeId, existing, mentions = []) {
    const id = openId();
    const li = existing || renderMessage({ author: 'agent', internal, body, clientId: writeId,
      authorName: document.querySelector('.topbar .me')?.textContent || '' }, { pending: true });
    sending.set(writeId, { conversationId: id, li });
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
      const fields = new URLSearchParams({ body, clientId: writeId, internal: String(internal) });
      if (mentions.length) fields.set('mentions', mentions.join(','));
      const data = await api('POST', form.action, fields);
      sending.delete(writeId);
      if (openId() === id) confirmMessage(li, data.message);
    } catch (err) {
      if (mentions.length && err?.status === 422) fileStatus(composerText('mentionRefused'));
      li.classList.remove('pending');
      li.classList.add('failed');
      let st = li.querySelector('.send-state');
      if (!st) { st = document.createElement('span'); st.className = 'send-state'; li.querySelector('.bubble')?.append(st); }
      st.textContent = '';
      const retryBtn = document.createElement('button');
      retryBtn.type = 'button';
      retryBtn.className = 'linklike';
      retryBtn.textContent = composerText('failed');
      retryBtn.addEventListener('click', () => send(form, body, internal, writeId, li, mentions));
      st.append(retryBtn);
    }
  }

  // ------------------------------------------------------------ files
  // The button, a drop on the thread or a paste in it; each file is one message, sent as a reply or a note as the
  // composer's mode says. Progress and refusals are told in words in the composer's status line.
  function fileStatus(text) {
    const el = document.getElementById('upload-status');
    if (el) el.textContent = text;
  }

  async function sendFiles(files) {
    const form = document.getElementById('composer');
    const id = openId();
    if (!form || !id || form.querySelector('.composer-body')?.disabled) return;
    const internal = form.querySelector('input[name="internal"]:checked')?.value === 'true';
    const words = {
      notSent: composerText('fileNotSent'), tooLarge: composerText('fileTooLarge'), type: composerText('fileType'),
      invalid: composerText('fileInvalid'), tooFast: composerText('fileTooFast'), failed: composerText('fileFailed'),
    };
    for (const file of files) {
      const early = precheck(file, Number(form.dataset.maxFileBytes));
      if (early) { fileStatus(refusal(early, file, words)); continue; }
      const sending = (fraction) => fileStatus(composerText('fileSending').replace('{0}', file.name)
        .replace('{1}', String(Math.round(fraction * 100))));
      sending(0);
      try {
        const q = new URLSearchParams({ name: file.name, clientId: clientId(), internal: String(internal) });
        const data = await upload(`/api/v1/conversations/${id}/attachments?${q}`, file, { onProgress: sending });
        if (openId() === id) appendMessage(data.message);
        fileStatus(composerText('fileSent').replace('{0}', file.name));
      } catch (err) {
        fileStatus(refusal(err, file, words));
      }
    }
  }

  document.addEventListener('click', (e) => {
    if (e.target.closest?.('#attach-btn')) document.getElementById('attach-input')?.click();
  });
  document.addEventListener('change', (e) => {
    if (e.target.id !== 'attach-input') return;
    const files = [...e.target.files];
    e.target.value = '';
    if (files.length) sendFiles(files);
  });
  acceptFiles(document.getElementById('thread'), sendFiles);

  // ------------------------------------------------------------ @mentions
  // In a note, "@" and the first letters of a name offer the colleagues who may read the conversation (the server
  // folds accents: "@elo" finds Élodie). The reply box keeps the focus and controls the suggestions' listbox
  // (aria-autocomplete, aria-activedescendant): Up and Down move, Enter or Tab choose, Escape closes. The chosen
  // colleagues' ids go with the note, for those whose "@Name" is still in it.
  const chosen = new Map(); // "@Élodie Tremblay" -> staff id
  let mentionQuery = null; // the "@…" before the caret: {start, text}
  let mentionTimer = null;
  let mentionActive = -1;
  const mentionList = () => document.getElementById('mention-list');
  const isNote = (form) => form?.querySelector('input[name="internal"]:checked')?.value === 'true';

  function closeMentions() {
    mentionQuery = null;
    mentionActive = -1;
    document.getElementById('reply')?.removeAttribute('aria-activedescendant');
    const list = mentionList();
    if (list) { list.hidden = true; list.replaceChildren(); }
  }

  function typedMention(area) {
    const before = area.value.slice(0, area.selectionStart);
    const m = /(^|\s)@([^\s@]{0,30})$/u.exec(before);
    return m ? { start: before.length - m[2].length - 1, text: m[2] } : null;
  }

  function lookForMention(area) {
    const q = isNote(area.form) ? typedMention(area) : null;
    if (!q) { closeMentions(); return; }
    mentionQuery = q;
    clearTimeout(mentionTimer);
    const id = openId();
    mentionTimer = setTimeout(async () => {
      let colleagues = [];
      try {
        colleagues = (await api('GET', `/api/v1/conversations/${id}/mentionable?q=${encodeURIComponent(q.text)}`)).colleagues;
      } catch { colleagues = []; }
      if (mentionQuery === q && openId() === id) showMentions(colleagues);
    }, 120);
  }

  function showMentions(colleagues) {
    const list = mentionList();
    if (!list) return;
    const options = colleagues.map((c, i) => {
      const li = document.createElement('li');
      li.id = `mention-opt-${i}`;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      li.dataset.id = c.id;
      li.dataset.name = c.name;
      li.textContent = c.name;
      li.addEventListener('mousedown', (e) => { e.preventDefault(); chooseMention(li); }); // the reply box keeps the focus
      return li;
    });
    if (!options.length) {
      const none = document.createElement('li');
      none.className = 'mention-none';
      none.setAttribute('role', 'option');
      none.setAttribute('aria-disabled', 'true');
      none.setAttribute('aria-selected', 'false');
      none.textContent = composerText('mentionNone');
      options.push(none);
    }
    list.replaceChildren(...options);
    list.hidden = false;
    document.getElementById('reply')?.setAttribute('aria-controls', 'mention-list'); // the saved replies' list may have had it
    const n = colleagues.length;
    const pattern = n === 0 ? composerText('mentionNone')
      : new Intl.PluralRules(document.documentElement.lang || 'fr').select(n) === 'one' ? composerText('mentionOne') : composerText('mentionOther');
    document.getElementById('mention-status').textContent = pattern.replace('{0}', String(n));
    setActive(n ? 0 : -1);
  }

  function setActive(i) {
    const options = [...(mentionList()?.querySelectorAll('[data-id]') || [])];
    mentionActive = options.length ? (i + options.length) % options.length : -1;
    options.forEach((o, k) => o.setAttribute('aria-selected', String(k === mentionActive)));
    const area = document.getElementById('reply');
    if (mentionActive >= 0) area?.setAttribute('aria-activedescendant', options[mentionActive].id);
    else area?.removeAttribute('aria-activedescendant');
  }

  function chooseMention(option) {
    const area = document.getElementById('reply');
    const q = mentionQuery;
    if (!area || !q) return;
    const label = `@${option.dataset.name}`;
    const end = q.start + 1 + q.text.length;
    area.value = `${area.value.slice(0, q.start)}${label} ${area.value.slice(end)}`;
    const caret = q.start + label.length + 1;
    area.setSelectionRange(caret, caret);
    chosen.set(label, option.dataset.id);
    closeMentions();
    area.focus();
  }

  function mentionsIn(body) {
    return [...chosen].filter(([label]) => body.includes(label)).map(([, id]) => id);
  }

  // Capture: the suggestions take Enter, Tab and Escape before the reply box sends or the page closes anything.
  document.addEventListener('keydown', (e) => {
    if (e.target.id !== 'reply' || !mentionQuery || mentionList()?.hidden !== false) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive(mentionActive + (e.key === 'ArrowDown' ? 1 : -1));
    } else if ((e.key === 'Enter' || e.key === 'Tab') && mentionActive >= 0) {
      e.preventDefault();
      e.stopPropagation();
      chooseMention(mentionList().querySelectorAll('[data-id]')[mentionActive]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      closeMentions();
    }
  }, true);
  document.addEventListener('input', (e) => { if (e.target.id === 'reply') lookForMention(e.target); });
  document.addEventListener('focusout', (e) => { if (e.target.id === 'reply') closeMentions(); });

  /** A colleague mentioned the reader elsewhere: a toast they can open or dismiss, and a word to a screen reader. */
  function showMentionToast(ev) {
    let box = document.getElementById('toasts');
    if (!box) {
      box = document.createElement('section'); // a named region: nothing of the page sits outside a landmark
      box.setAttribute('aria-label', root.dataset.i18nMentionRegion || '');
      box.id = 'toasts';
      box.className = 'toasts';
      document.body.append(box);
    }
    const text = (root.dataset.i18nMentionToast || '').replace('{0}', ev.byName).replace('{1}', ev.contactName);
    const toast = document.createElement('div');
    toast.className = 'toast';
    const body = document.createElement('div');
    const p = document.createElement('p');
    p.textContent = text;
    const open = document.createElement('a');
    open.href = `/console/c/${ev.conversationId}?view=mentions`;
    open.textContent = root.dataset.i18nMentionOpen || '';
    open.addEventListener('click', (e) => {
      e.preventDefault();
      toast.remove();
      htmx.ajax('GET', `/console/c/${ev.conversationId}`, { target: '#thread', swap: 'innerHTML' })
        .then(() => { history.pushState({}, '', open.href); refreshLists(); });
    });
    body.append(p, open);
    const close = document.createElement('button');
    close.type = 'button';
    close.setAttribute('aria-label', root.dataset.i18nMentionDismiss || '');
    close.textContent = '×';
    close.addEventListener('click', () => toast.remove());
    toast.append(body, close);
    box.append(toast);
    while (box.children.length > 3) box.firstElementChild.remove();
    announce(text);
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
    closeMentions();
    send(form, body, internal, clientId(), null, internal ? mentionsIn(body) : []);
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
  // What arrives after the thread (suggested articles, a longer composer) shrinks the list: keep its end in
  // view when the agent was reading the end.
  let atEnd = true;
  const keepEnd = new ResizeObserver(() => {
    const list = document.getElementById('messages');
    if (list && atEnd) list.scrollTop = list.scrollHeight;
  });
  document.addEventListener('scroll', (e) => {
    if (e.target.id === 'messages') atEnd = e.target.scrollHeight - e.target.scrollTop - e.target.clientHeight < 40;
  }, true);

  function onThreadShown() {
    const t = thread();
    root.classList.toggle('has-thread', !!t);
    if (!t) return;
    atEnd = true;
    keepEnd.disconnect();
    keepEnd.observe(document.getElementById('messages'));
    markSeen(t.dataset.conversationId, lastSeq());
    const list = document.getElementById('messages');
    for (const [writeId, s] of sending) {
      if (s.conversationId === t.dataset.conversationId && !list.querySelector(`[data-client-id="${CSS.escape(writeId)}"]`)) list.append(s.li);
    }
    decorateList();
    scrollToEnd(true);
    clearAlerts();
    catchUp(); // what was written while this rendering was on its way (its frame may have come before it)
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
          // A transfer changes the assignee without the status: the actions shown follow who holds it.
          // So does a reply going by email: the head then says the conversation will be answered by email.
          if (c.status !== t.dataset.status || (c.assigneeName || '') !== (t.dataset.assignee || '')
              || (c.byEmail !== undefined && String(c.byEmail) !== t.dataset.byEmail)) reloadThread();
          else if (c.lastSeq > lastSeq()) catchUp();
        }
        break;
      }
      case 'hello':
        // The server has registered this socket: from now on what concerns this console reaches it.
        root.dataset.socket = 'ready';
        break;
      case 'conversation.rated':
        if (ev.conversationId === openId()) reloadThread(); // the visitor's rating shows under the thread
        break;
      case 'mention':
        // Already reading it: the mention is read; elsewhere, a toast and the mentions tab's count.
        if (ev.conversationId === openId()) api('POST', `/api/v1/conversations/${ev.conversationId}/mentions/read`).catch(() => {});
        else { showMentionToast(ev); alertUser(); }
        refreshLists();
        break;
      case 'staffing.late': {
        // to leads only: a waiting conversation passed its service's first-response target
        const lang = document.documentElement.lang === 'en' ? 'en' : 'fr';
        announce((root.dataset.i18nLate || '').replace('{0}', ev.serviceName?.[lang] || ev.service || ''));
        refreshLists();
        break;
      }
      case 'typing':
        if (ev.from === 'visitor' && ev.conversationId === openId()) showTyping();
        break;
      default: // another module's frame (a call ringing at this agent's phone): its own script shows it
        document.dispatchEvent(new CustomEvent('guichet:agent-frame', { detail: ev }));
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
      onDown: () => {
        root.classList.add('offline');
        delete root.dataset.socket;
      },
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
