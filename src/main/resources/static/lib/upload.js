// A file sent as the raw body of a POST, with its progress (fetch cannot report an upload's progress, so this
// one place uses XMLHttpRequest). The same headers as api.js: JSON back, the Bearer token when given, the
// page's CSRF token with the session cookie; a refusal throws api.js's HttpError.

import { HttpError } from './api.js';
import { csrfToken } from './csrf.js';

/** Resolves with the answer's JSON; `onProgress(fraction)` as the bytes leave. */
export function upload(path, file, { token = null, onProgress = () => {} } = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', 'application/octet-stream'); // the server reads the content, not this
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    const csrf = csrfToken();
    if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      let data = null;
      try { data = JSON.parse(xhr.responseText); } catch { /* no body */ }
      if (xhr.status >= 200 && xhr.status < 300) { resolve(data); return; }
      const error = data?.error || {};
      reject(new HttpError(xhr.status, error.code || 'error', error.message || xhr.statusText,
        Number(xhr.getResponseHeader('Retry-After')) || 0));
    };
    xhr.onerror = () => reject(new TypeError('network'));
    xhr.send(file);
  });
}
