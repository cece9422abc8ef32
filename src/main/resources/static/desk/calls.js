// The console's side of the hotline: a call ringing at this agent's extension pops the caller as a card (the server
// renders it, in the agent's words, for that agent only), and a callback given to them shows a card too. The console
// hands this script the frames it does not know (guichet:agent-frame); cards go in one polite live region.
import { announce } from '/static/lib/announce.js';

function region() {
  let el = document.getElementById('dk-pops');
  if (!el) {
    // a landmark of its own at the top level (fixed, it shows above the console on a phone too), named by its first card
    el = document.createElement('aside');
    el.id = 'dk-pops';
    el.className = 'dk-pops';
    el.setAttribute('aria-live', 'polite');
    document.body.append(el);
  }
  return el;
}

function show(url, key) {
  if (!window.htmx || region().querySelector(`[data-key="${CSS.escape(key)}"]`)) return;
  const slot = document.createElement('div');
  slot.dataset.key = key;
  region().prepend(slot);
  htmx.ajax('GET', url, { target: slot, swap: 'innerHTML' }).then(() => {
    const card = slot.querySelector('[data-region]');
    if (card) region().setAttribute('aria-label', card.dataset.region);
    const title = slot.querySelector('h2');
    if (title) announce(title.textContent.trim());
  });
}

document.addEventListener('guichet:agent-frame', (e) => {
  const frame = e.detail || {};
  if (frame.type === 'call.ringing' && frame.popUrl) show(frame.popUrl, 'call:' + frame.callId);
  if (frame.type === 'callback.assigned' && frame.callbackId) show(`/desk/callbacks/${encodeURIComponent(frame.callbackId)}/card`, 'callback:' + frame.callbackId);
});

document.addEventListener('click', (e) => {
  const dismiss = e.target.closest?.('#dk-pops [data-dismiss]');
  if (dismiss) dismiss.closest('[data-key]')?.remove();
});
