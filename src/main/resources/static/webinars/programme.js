// The programme's times in the visitor's own zone, beside the institution's (which the page already shows).
(function () {
  function localise(root) {
    var zone = document.body.dataset.zone;
    var mine = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!mine || mine === zone) return;
    var lang = document.documentElement.lang || 'fr';
    var format = new Intl.DateTimeFormat(lang, { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' });
    root.querySelectorAll('time[data-local]').forEach(function (time) {
      if (time.nextElementSibling && time.nextElementSibling.classList.contains('local-time')) return;
      var span = document.createElement('span');
      span.className = 'local-time';
      span.textContent = ' · ' + format.format(new Date(time.getAttribute('datetime'))) + ' ' + document.body.dataset.localLabel;
      time.after(span);
    });
  }
  document.addEventListener('DOMContentLoaded', function () { localise(document); });
  document.addEventListener('htmx:afterSwap', function (e) { localise(e.target); });
})();
