// fetch for this server's JSON API (and the few screens that answer JSON): JSON in and out, or a form
// body given as URLSearchParams; the visitor's or staff member's Bearer token when given; the page's CSRF
// token on unsafe requests made with the session cookie. A refusal throws an HttpError carrying the API's
// {"error":{"code","message"}} and Retry-After; a network failure throws what fetch throws.

import { csrfToken } from './csrf.js';

export class HttpError extends Error {
  constructor(status, code, message, retryAfter) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

/** The answer's JSON (null when it has none); `keepalive` lets a signal outlive the page. */
export async function api(method, path, body, { token = null, keepalive = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const csrf = method === 'GET' || method === 'HEAD' ? '' : csrfToken();
  if (csrf) headers['X-CSRF-Token'] = csrf;
  let payload;
  if (body instanceof URLSearchParams) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(path, { method, headers, body: payload, cache: 'no-store', keepalive });
  let data = null;
  try { data = await res.json(); } catch { /* no body */ }
  if (!res.ok) {
    const error = data?.error || {};
    throw new HttpError(res.status, error.code || 'error', error.message || res.statusText,
      Number(res.headers.get('Retry-After')) || 0);
  }
  return data;
}
