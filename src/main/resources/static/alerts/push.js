// "Recevoir les alertes / Get alerts" on the public pages: asks for the Notification permission, registers the
// alerts' service worker, subscribes with the server's VAPID key and hands the subscription to the server (with the
// personal link's token on the person's alert page, so it is theirs). Hidden where the browser cannot do push.
import { api, HttpError } from '/static/lib/api.js';

const box = document.querySelector('[data-gu-push]');
const WORKER = '/static/alerts/push-sw.js';

function keyBytes(base64url) {
  const raw = atob(base64url.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(raw, (c) => c.charCodeAt(0));
}

async function activated(registration) {
  if (registration.active) return;
  const worker = registration.installing || registration.waiting;
  await new Promise((resolve) => {
    worker.addEventListener('statechange', () => { if (worker.state === 'activated') resolve(); });
  });
}

if (box && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window) {
  const button = box.querySelector('button');
  const status = box.querySelector('[role="status"]');
  const say = (key) => { status.textContent = status.dataset[key]; };
  box.hidden = false;
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      if (await Notification.requestPermission() !== 'granted') {
        say('denied');
        return;
      }
      const registration = await navigator.serviceWorker.register(WORKER);
      await activated(registration);
      const { publicKey } = await api('GET', '/api/v1/alerts/push/key');
      const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
      const body = { ...subscription.toJSON(), lang: box.dataset.lang };
      if (box.dataset.ackToken) body.ackToken = box.dataset.ackToken;
      await api('POST', '/api/v1/alerts/push/subscriptions', body);
      say('done');
      button.hidden = true;
    } catch (e) {
      // no push service in this browser (some private modes, headless ones) or the server refused
      say(e instanceof HttpError ? 'failed' : 'unavailable');
    } finally {
      button.disabled = false;
    }
  });
}
