// The alert's screen follows it live over the agents' socket: every alert.* frame about this alert (an answer, an
// opening, a follow-up, the all-clear, the approval of a draft) asks the dashboard's live part again, at most about
// three times a second however many answers arrive at once; a change of status (a draft approved, an alert closed)
// reloads the page, which then shows its next state. The server says who may receive which frame.
import { openSocket } from '/static/lib/socket.js';

const root = document.querySelector('[data-alert-id]');
if (root && window.htmx) {
  const id = root.dataset.alertId;
  let pending = null;
  const refresh = () => {
    if (pending) return;
    pending = setTimeout(() => {
      pending = null;
      const live = document.getElementById('al-live');
      if (live) htmx.ajax('GET', live.getAttribute('hx-get'), { target: '#al-live', swap: 'outerHTML' });
    }, 300);
  };
  openSocket('/ws/agent', {
    onOpen({ reconnected }) {
      document.body.dataset.live = 'on'; // tests wait for it
      if (reconnected) refresh(); // frames were missed while the socket was down
    },
    onDown() { delete document.body.dataset.live; },
    onFrame(frame) {
      if (!String(frame.type || '').startsWith('alert.') || frame.alertId !== id) return;
      if (frame.status !== root.dataset.alertStatus) location.reload();
      else refresh();
    },
  });
}
