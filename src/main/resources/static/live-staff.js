// Guichet live Q&A, staff screens: the moderation console and the presenter view follow the session's
// socket. Fragments come from the server (htmx); this script only decides when to fetch them.

import { announce } from '/static/lib/announce.js';
import { openSocket } from '/static/lib/socket.js';

const root = document.querySelector('[data-live-slug]');
if (root) follow(root.dataset.liveSlug, root.dataset.liveRole);

function follow(slug, role) {
  const board = role === 'moderate' ? '#board' : '#present-board';
  const boardUrl = `/live/${encodeURIComponent(slug)}/${role}/board`;
  let refreshTimer = null;
  let phase = null;

  // A moderator typing an answer or a rewording keeps their draft: the refresh waits until they are done.
  function busy() {
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
      htmx.ajax('GET', boardUrl, { target: board, swap: 'outerHTML' });
    }, delay);
  }

  function onFrame(f) {
    switch (f.type) {
      case 'hello': // first connection, or back after a drop: catch up on what was missed
        if (phase && f.phase !== phase) location.reload();
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
        if (f.phase !== phase && role === 'moderate' && !busy()) location.reload();
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
    document.querySelectorAll('[data-viewers]').forEach((el) => { el.textContent = n; });
  }

  openSocket(`/ws/live/${encodeURIComponent(slug)}`, { onFrame });
}
