// The programme's times in the visitor's own zone, beside the institution's (which the page already shows).
import { formatInVisitorZone, visitorZone } from '/static/lib/time.js';

(function () {
  function localise(root) {
    var zone = document.body.dataset.zone;
    var mine = visitorZone();
    if (!mine || mine === zone) return;
    var options = { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' };
    root.querySelectorAll('time[data-local]').forEach(function (time) {
      if (time.nextElementSibling && time.nextElementSibling.classList.contains('local-time')) return;
      var span = document.createElement('span');
      span.className = 'local-time';
      span.textContent = ' · ' + formatInVisitorZone(time.getAttribute('datetime'), options) + ' ' + document.body.dataset.localLabel;
      time.after(span);
    });
  }
  document.addEventListener('DOMContentLoaded', function () { localise(document); });
  document.addEventListener('htmx:afterSwap', function (e) { localise(e.target); });
})();
