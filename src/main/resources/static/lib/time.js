// Times as the institution reads them, in its time zone whatever the browser's own: the server puts the
// zone in the page (<meta name="guichet-zone" content="America/Toronto">, or data-zone on <html>), from
// GUICHET_TIME_ZONE. Formats match the server's: "9 h 05" in French, "9:05 a.m." in English.

export function pageZone() {
  return document.querySelector('meta[name="guichet-zone"]')?.content || document.documentElement.dataset.zone || undefined;
}

const clocks = new Map();

function clock(lang) {
  if (!clocks.has(lang)) {
    const locale = lang === 'en' ? 'en-CA' : 'fr-CA';
    const options = { hour: 'numeric', minute: '2-digit' };
    let format;
    try {
      format = new Intl.DateTimeFormat(locale, { ...options, timeZone: pageZone() });
    } catch { // a zone this browser does not know: its own zone rather than nothing
      format = new Intl.DateTimeFormat(locale, options);
    }
    clocks.set(lang, format);
  }
  return clocks.get(lang);
}

/** "9 h 05" / "9:05 a.m." for an ISO-8601 time, in the page's language unless told; "" for no time. */
export function formatTime(iso, lang = document.documentElement.lang) {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return '';
  return clock(lang === 'en' ? 'en' : 'fr').format(date);
}

/** "lundi 9 h 00" / "Monday 9:00 a.m.": a time within the coming week (when a closed service answers again). */
export function formatWeekdayTime(iso, lang = document.documentElement.lang) {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return '';
  const locale = lang === 'en' ? 'en-CA' : 'fr-CA';
  let day;
  try {
    day = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: pageZone() }).format(date);
  } catch {
    day = new Intl.DateTimeFormat(locale, { weekday: 'long' }).format(date);
  }
  return `${day} ${formatTime(iso, lang)}`;
}

/** The visitor's own time zone, as their browser says it (undefined when it cannot). */
export function visitorZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** A moment as the visitor's own clock shows it, with these Intl options ({weekday, day, month, hour, minute…}). */
export function formatInVisitorZone(iso, options, lang = document.documentElement.lang) {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(lang || 'fr', options).format(date);
}
