// The emergency banner of every public page and of the chat widget's panel: /ws/alerts sends the alerts under way
// (on connecting and on every change, until the all-clear), in the page's language; the banner shows their short
// texts at the top of the page, with a link to each alert's live page, and goes away when none is left.
import { openSocket } from '/static/lib/socket.js';

const lang = document.documentElement.lang === 'en' ? 'en' : 'fr';
const style = document.createElement('link');
style.rel = 'stylesheet';
style.href = '/static/alerts/banner.css';
document.head.append(style);

let banner = null;

function draw(alerts) {
  if (!alerts.length) {
    banner?.remove();
    banner = null;
    return;
  }
  if (!banner) {
    // a named region (every page's content sits in a landmark), its live part announced at once
    banner = document.createElement('section');
    banner.className = 'gu-alert-banner';
    banner.id = 'gu-alert-banner';
    banner.setAttribute('aria-label', alerts[0].label);
    const live = document.createElement('div');
    live.setAttribute('role', 'alert');
    banner.append(live);
    const skip = document.body.querySelector(':scope > .skip-link'); // the skip link stays the page's first stop
    if (skip) skip.after(banner);
    else document.body.prepend(banner);
  }
  banner.firstChild.replaceChildren(...alerts.map((a) => {
    const line = document.createElement('p');
    line.className = `gu-alert gu-alert-${String(a.severity).toLowerCase()}`;
    line.dataset.alertId = a.id;
    const label = document.createElement('strong');
    label.textContent = `${a.label} `;
    const text = document.createElement('span');
    text.textContent = a.short;
    const more = document.createElement('a');
    more.href = a.href;
    more.textContent = a.more;
    more.target = window.top === window ? '_self' : '_blank'; // in the widget's frame, the page opens beside the host site
    line.append(label, text, ' ', more);
    return line;
  }));
}

openSocket(`/ws/alerts?lang=${lang}`, {
  onFrame: (frame) => {
    if (frame.type === 'alerts') draw(frame.alerts);
  },
});
