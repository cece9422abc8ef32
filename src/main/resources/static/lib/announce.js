// Tells screen-reader users what changed without moving their focus: the page's polite live region
// (<div id="announcer" aria-live="polite">) is emptied, then filled a moment later, so that the same
// words said twice are read twice.

export function announce(text, region = document.getElementById('announcer')) {
  if (!region || !text) return;
  region.textContent = '';
  setTimeout(() => { region.textContent = text; }, 50);
}
