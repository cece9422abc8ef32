// Copy buttons: <button data-copy="id-of-a-field" data-copied="Copié"> puts the field's text on the clipboard and
// says so in the polite status next to it (role="status"), for sighted and screen-reader users alike.

import { announce } from './announce.js';

export function copyButtons(root = document) {
  for (const button of root.querySelectorAll('button[data-copy]')) {
    button.addEventListener('click', async () => {
      const field = document.getElementById(button.dataset.copy);
      const status = button.parentElement.querySelector('[role=status]');
      if (!field) return;
      try {
        await navigator.clipboard.writeText(field.value ?? field.textContent);
      } catch {
        // Without the clipboard API (a page over plain HTTP), the selected text is what the browser copies.
        field.select?.();
        document.execCommand('copy');
      }
      announce(button.dataset.copied, status);
    });
  }
}
