// The form token of staff pages: the server renders it in <meta name="csrf-token"> and wants it back in
// the X-CSRF-Token header of every unsafe request made with the session cookie (double-submit).

export function csrfToken() {
  return document.querySelector('meta[name="csrf-token"]')?.content || '';
}

let hooked = false;

/** Adds the token to every htmx request of the page; once, whoever asks. */
export function protectHtmx() {
  if (hooked) return;
  hooked = true;
  document.addEventListener('htmx:configRequest', (e) => {
    e.detail.headers['X-CSRF-Token'] = csrfToken();
  });
}
