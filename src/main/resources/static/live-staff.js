// Guichet live Q&A, staff screens: the moderation console and the presenter view follow the session's
// socket. Fragments come from the server (htmx); this script only decides when to fetch them.

import { announce } from '/static/lib/announce.js';
import { openSocket } from '/static/lib/socket.js';
import { setCounts } from '/static/lib/plural.js';

const root = document.querySelector('[data-live-slug]');
if (root) follow(root.dataset.liveSlug, root.dataset.liveRole);
confirmBeforeSubmit();
offerUndo();

// A form marked data-confirm="dialog-id" asks first, in a modal <dialog> (focus kept inside, Escape
// cancels, focus back on the button after). Without this script the form simply submits.
function confirmBeforeSubmit() {
  document.querySelectorAll('form[data-confirm]').forEach((form) => {
    const dialog = document.getElementById(form.dataset.confirm);
    if (!dialog || typeof dialog.showModal !== 'function') return;
    let confirmed = false;
    form.addEventListener('submit', (e) => {
      if (confirmed) return;
      e.preventDefault();
      dialog.showModal();
    });
    dialog.querySelector('[data-dialog-cancel]').addEventListener('click', () => dialog.close());
    dialog.querySelector('[data-dialog-confirm]').addEventListener('click', () => {
      confirmed = true;
      dialog.close();
      form.requestSubmit();
    });
    dialog.addEventListener('close', () => { if (!confirmed) form.querySelector('button')?.focus(); });
  });
}

// The "Annuler" of a dismissal stays outside the board (which refreshes): it takes the focus, waits while
// the focus or the pointer is on it (time to read and act), goes 10 s after they leave or at Escape;
// the dismissed question stays restorable from the closed list.
const UNDO_SECONDS = 10;
function offerUndo() {
  const slot = document.getElementById('undo-toast');
  if (!slot) return;
  let timer = null;
  const hide = () => { clearTimeout(timer); slot.replaceChildren(); };
  const wait = () => { clearTimeout(timer); timer = setTimeout(hide, UNDO_SECONDS * 1000); };
  const hold = () => clearTimeout(timer);
  new MutationObserver(() => {
    if (!slot.firstElementChild) return;
    wait();
    slot.querySelector('button')?.focus();
  }).observe(slot, { childList: true });
  slot.addEventListener('focusin', hold);
  slot.addEventListener('mouseenter', hold);
  slot.addEventListener('focusout', wait);
  slot.addEventListener('mouseleave', () => { if (!slot.contains(document.activeElement)) wait(); });
  slot.addEventListener('keydown', (e) => { if (e.key === 'Escape') hide(); });
  // Undone: the toast has done its work.
  document.body.addEventListener('htmx:afterRequest', (e) => { if (slot.contains(e.detail.elt)) hide(); });
}

function follow(slug, role) {
  const board = role === 'moderate' ? '#board' : '#present-board';
  const boardUrl = `/live/${encodeURIComponent(slug)}/${role}/board`;
  let refreshTimer = null;
  let phase = null;

  // A moderator's own action (approve, dismiss…) in flight: a refresh landing first would detach the
  // form, and htmx would then drop the answer's out-of-band parts (the undo toast) with it.
  const actions = new Set();
  document.body.addEventListener('htmx:beforeRequest', (e) => {
    const { elt, xhr } = e.detail;
    if (!elt.closest?.(board)) return;
    actions.add(xhr);
    xhr.addEventListener('loadend', () => actions.delete(xhr));
  });
  // The same holds for a refresh that was already on its way when the moderator opened a question's
  // answer form: checked again when it lands, not only when it leaves.
  document.body.addEventListener('htmx:beforeSwap', (e) => {
    if (e.detail.elt === document.body && e.detail.requestConfig?.path === boardUrl && busy()) {
      e.detail.shouldSwap = false;
      refresh(300);
    }
  });

  // A button pressed but not yet released: a refresh swapping the board in between would take the click with it
  // (the press on the old button, the release on the new one is no click at all).
  let pressed = false;
  document.addEventListener('pointerdown', (e) => { pressed = !!e.target.closest?.(board); }, true);
  ['pointerup', 'pointercancel'].forEach((t) => document.addEventListener(t, () => { setTimeout(() => { pressed = false; }); }, true));

  // A moderator typing an answer or a rewording keeps their draft: the refresh waits until they are done.
  function busy() {
    if (actions.size > 0 || pressed) return true;
    const el = document.activeElement;
    if (el && el.closest(board) && (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT')) return true;
    return [...document.querySelectorAll(`${board} details.q-more[open]`)].length > 0;
  }

  // At most one fetch per delay, even while frames keep coming (a burst of votes sends one every 40 ms).
  function refresh(delay) {
    if (refreshTimer) return;
    refreshTimer = setTimeout(function run() {
      if (busy()) { refreshTimer = setTimeout(run, 2000); return; }
      refreshTimer = null;
      if (reloadWhenFree) { location.reload(); return; }
      htmx.ajax('GET', boardUrl, { target: board, swap: 'outerHTML' });
    }, delay);
  }

  // The session changed phase: the page is drawn anew, but not under a moderator's hands (an answer being typed
  // would be lost with the page); it waits, like a refresh, until they are done.
  let reloadWhenFree = false;
  function reloadSoon() {
    if (!busy()) { location.reload(); return; }
    reloadWhenFree = true;
    refresh(2000);
  }

  function onFrame(f) {
    switch (f.type) {
      case 'hello': // first connection, or back after a drop: catch up on what was missed
        if (phase && f.phase !== phase) reloadSoon();
        else if (phase) refresh(100);
        phase = f.phase;
        setViewers(f.viewers);
        break;
      case 'question':
        if (role === 'moderate' && f.question.status === 'pending' && !document.getElementById(`q-${f.question.id}`)) {
          announce(document.getElementById('announcer')?.dataset.i18nNew);
        }
        refresh(300);
        break;
      case 'question.removed':
      case 'resync':
        refresh(300);
        break;
      case 'votes':
        for (const c of f.votes) {
          document.querySelectorAll(`[data-votes-for="${CSS.escape(c.id)}"]`).forEach((el) => { el.textContent = c.votes; });
        }
        if (role === 'present') refresh(1000); // the top list may reorder
        break;
      case 'session':
        if (f.phase !== phase && role === 'moderate') reloadSoon();
        else refresh(100);
        phase = f.phase;
        break;
      case 'viewers':
        setViewers(f.count);
        break;
      default:
    }
  }

  function setViewers(n) {
    document.querySelectorAll('[data-viewers]').forEach((el) => { el.textContent = n; }); // a figure: the bare number
    setCounts('viewers', n);
  }

  openSocket(`/ws/live/${encodeURIComponent(slug)}`, { onFrame });
}
