// The services screen: each snippet's Copy button, and its live preview — the widget's panel of that service,
// loaded only once its box is opened (a page of twelve services does not start twelve panels).
import { copyButtons } from '/static/lib/copy.js';

copyButtons();
for (const box of document.querySelectorAll('details.embed-preview')) {
  box.addEventListener('toggle', () => {
    const frame = box.querySelector('iframe[data-src]');
    if (box.open && frame && !frame.getAttribute('src')) frame.src = frame.dataset.src;
  });
}
