// Counts in words that follow the page's language: "1 personne présente", "0 personne présente" (French
// counts 0 as one), "0 people present". The element carries both patterns, {0} the number; the server
// writes the first text with Messages.Localizer.plural, which follows the same rules.

export function setCount(el, n) {
  const lang = document.documentElement.lang || 'fr';
  const form = new Intl.PluralRules(lang).select(n) === 'one' ? el.dataset.one : el.dataset.other;
  el.textContent = (form || '{0}').replace('{0}', n.toLocaleString(lang === 'en' ? 'en-CA' : 'fr-CA'));
}

/** Every element of the page counting {@code what} ({@code data-count-of}) shows {@code n}. */
export function setCounts(what, n) {
  document.querySelectorAll(`[data-count-of="${what}"]`).forEach((el) => setCount(el, n));
}
