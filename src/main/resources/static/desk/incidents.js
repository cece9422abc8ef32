// The incident list follows the helpdesk live: each incident frame on the agents' socket reloads the list as
// filtered (the server says who may receive which frame; the page only asks for its own address again, and
// the list is a polite live region).
import { openSocket } from '/static/lib/socket.js';

if (document.getElementById('dk-list') && window.htmx) {
  openSocket('/ws/agent', {
    onOpen() { document.body.dataset.live = 'on'; }, // the list follows from here (tests wait for it)
    onDown() { delete document.body.dataset.live; },
    onFrame(frame) {
      if (!String(frame.type || '').startsWith('incident.')) return;
      htmx.ajax('GET', location.pathname + location.search, { target: '#dk-list', select: '#dk-list', swap: 'outerHTML' });
    },
  });
}
