// The alerts' service worker: a push message (the server's JSON, decrypted by the browser) becomes a notification
// that stays until it is seen; clicking it opens the alert's live page. Nothing else: no cache, no fetch.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('push', (event) => {
  let n = {};
  try {
    n = event.data ? event.data.json() : {};
  } catch {
    n = { body: event.data ? event.data.text() : '' };
  }
  event.waitUntil(self.registration.showNotification(n.title || 'Alerte', {
    body: n.body || '',
    tag: n.tag || 'alert',
    renotify: true,
    requireInteraction: true,
    icon: '/static/favicon.svg',
    data: { url: n.url || '/' },
  }));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL(event.notification.data?.url || '/', self.location.origin);
  // only this site's alert pages: a payload cannot send the student elsewhere
  if (url.origin !== self.location.origin || !url.pathname.startsWith('/alerte/')) return;
  event.waitUntil(self.clients.openWindow(url.href));
});
