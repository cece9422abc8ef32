// Guichet help centre, in the agent console: the suggested articles' "insert" buttons, the /name shortcut
// of saved replies, fresh suggestions when the visitor writes. Text is always set with textContent or
// .value, never parsed as HTML.

import { api } from '/static/lib/api.js';

const reply = () => document.getElementById('reply');

/** Puts text into the reply box at the cursor, on its own paragraph, and hands focus back. */
function insertIntoReply(text) {
  const area = reply();
  if (!area) return;
  const start = area.selectionStart ?? area.value.length;
  const end = area.selectionEnd ?? area.value.length;
  const before = area.value.slice(0, start);
  const sep = before && !before.endsWith('\n') ? '\n\n' : '';
  area.value = before + sep + text + area.value.slice(end);
  const at = (before + sep + text).length;
  area.focus();
  area.setSelectionRange(at, at);
  area.dispatchEvent(new Event('input', { bubbles: true }));
}

document.addEventListener('click', (e) => {
  const button = e.target.closest?.('[data-kb-insert]');
  if (!button) return;
  insertIntoReply(button.dataset.kbInsert);
});

// ------------------------------------------------------------ saved replies: "/name" in the reply box
let list = null;
let items = [];
let active = -1;
let slashStart = -1;
let lastQuery = null;

function closeList() {
  list?.remove();
  list = null;
  items = [];
  active = -1;
  lastQuery = null;
  const area = reply();
  area?.removeAttribute('aria-activedescendant');
}

function showList(replies) {
  const area = reply();
  if (!area || replies.length === 0) { closeList(); return; }
  if (!list) {
    list = document.createElement('ul');
    list.id = 'kb-replies';
    list.className = 'kb-replies-list';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', area.dataset.kbRepliesLabel || '');
    area.insertAdjacentElement('afterend', list);
    area.setAttribute('aria-autocomplete', 'list');
  }
  // No aria-expanded: a textarea is a textbox, which ARIA does not let carry it (axe: aria-allowed-attr).
  area.setAttribute('aria-controls', 'kb-replies'); // the @mentions' list may have been the one it controlled
  items = replies;
  list.replaceChildren(...replies.map((r, i) => {
    const li = document.createElement('li');
    li.id = `kb-reply-${i}`;
    li.setAttribute('role', 'option');
    const name = document.createElement('strong');
    name.textContent = `/${r.name}`;
    const scope = document.createElement('span');
    scope.className = 'muted';
    scope.textContent = ` · ${r.scope} — `;
    const body = document.createElement('span');
    body.textContent = r.body.length > 90 ? `${r.body.slice(0, 90)}…` : r.body;
    li.append(name, scope, body);
    li.addEventListener('mousedown', (e) => { e.preventDefault(); choose(i); });
    return li;
  }));
  select(0);
}

function select(i) {
  active = (i + items.length) % items.length;
  list.querySelectorAll('[role=option]').forEach((li, n) => li.setAttribute('aria-selected', String(n === active)));
  reply()?.setAttribute('aria-activedescendant', `kb-reply-${active}`);
}

function choose(i) {
  const area = reply();
  const r = items[i];
  if (!area || !r) return;
  const end = area.selectionStart;
  area.value = area.value.slice(0, slashStart) + r.body + area.value.slice(end);
  const at = slashStart + r.body.length;
  closeList();
  area.focus();
  area.setSelectionRange(at, at);
  area.dispatchEvent(new Event('input', { bubbles: true }));
}

document.addEventListener('input', async (e) => {
  if (e.target.id !== 'reply') return;
  const area = e.target;
  const before = area.value.slice(0, area.selectionStart);
  const m = /(^|\s)\/([a-z0-9_-]{0,40})$/.exec(before);
  if (!m) { closeList(); return; }
  slashStart = before.length - m[2].length - 1;
  const q = m[2];
  if (q === lastQuery) return;
  lastQuery = q;
  try {
    const data = await api('GET', `/kb/replies.json?q=${encodeURIComponent(q)}`);
    if (lastQuery !== q) return;
    showList(data.replies || []);
  } catch { closeList(); }
});

// Capture phase: while the list is open, Enter picks a reply instead of sending the message.
document.addEventListener('keydown', (e) => {
  if (!list || e.target.id !== 'reply') return;
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    select(active + (e.key === 'ArrowDown' ? 1 : -1));
  } else if (e.key === 'Enter' || e.key === 'Tab') {
    e.preventDefault();
    e.stopImmediatePropagation();
    choose(active);
  } else if (e.key === 'Escape') {
    e.preventDefault();
    closeList();
  }
}, true);

document.addEventListener('focusout', (e) => {
  if (e.target.id === 'reply') setTimeout(closeList, 150);
});

// ------------------------------------------------------------ new visitor messages: fresh suggestions
// What may answer the visitor changes with what they write: reload the suggestions a moment after.
let refreshTimer = null;
if (document.getElementById('console')) {
  new MutationObserver((records) => {
    const visitorWrote = records.some((r) => [...r.addedNodes].some((n) => n.classList?.contains('msg-visitor')));
    if (!visitorWrote) return;
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      const box = document.getElementById('kb-suggestions');
      if (box && window.htmx) htmx.ajax('GET', box.getAttribute('hx-get'), { target: box, swap: 'innerHTML' });
    }, 800);
  }).observe(document.body, { childList: true, subtree: true });
}
