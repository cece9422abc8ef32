// The join page's countdown to the room's opening, by the second, and the opening time in the visitor's own zone.
// Then the page reloads itself when its server says (data-refresh: at the opening, or to retry a room that did not
// answer). Without this script the page still shows the wait, to the minute, and a link to reload it.
import { formatInVisitorZone } from '/static/lib/time.js';

(function () {
    var refresh = Number(document.getElementById('main').dataset.refresh);
    if (refresh > 0) setTimeout(function () { window.location.reload(); }, refresh * 1000);
    var countdown = document.querySelector('.join-countdown');
    var local = document.querySelector('.join-local');
    if (local) {
        var text = formatInVisitorZone(local.dataset.at, {weekday: 'long', hour: '2-digit', minute: '2-digit', timeZoneName: 'short'});
        local.textContent = local.dataset.label + ' ' + text;
        local.hidden = false;
    }
    if (!countdown) return;
    var opens = new Date(countdown.dataset.opens).getTime();
    function pad(n) { return n < 10 ? '0' + n : '' + n; }
    function tick() {
        var left = Math.max(0, Math.round((opens - Date.now()) / 1000));
        if (left === 0) { window.location.reload(); return; }
        var d = Math.floor(left / 86400), h = Math.floor(left / 3600) % 24, m = Math.floor(left / 60) % 60, s = left % 60;
        countdown.textContent = (d > 0 ? d + ' ' + countdown.dataset.days + ' ' : '') + (d > 0 || h > 0 ? h + ' ' + countdown.dataset.hours + ' ' : '')
            + pad(m) + ' min ' + pad(s) + ' s';
        setTimeout(tick, 1000);
    }
    tick();
})();
