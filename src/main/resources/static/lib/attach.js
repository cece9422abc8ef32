// Files in a conversation, shared by the console and the widget: what a file looks like in a thread (a thumbnail
// for an image, a chip for a PDF, both links that download it), the words of a refusal, and two of the three ways
// to give a file (a drop, a paste; the third is a button). Names are set with textContent, never as HTML.

/** The types the server accepts (it checks the content again: this only spares a useless upload). */
export const ACCEPTED = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'];

/**
 * The file as a link that downloads it: an image shows as its thumbnail (named by the file's name), a PDF as a chip
 * with its name. `src` is where to read it (the visitor's address carries their token).
 */
export function attachmentLink(att, src, pdfLabel) {
  const a = document.createElement('a');
  a.href = src;
  a.download = att.name;
  a.className = 'attachment';
  if (att.contentType.startsWith('image/')) {
    a.classList.add('attachment-image');
    const img = document.createElement('img');
    img.src = src;
    img.alt = att.name;
    img.loading = 'lazy';
    a.append(img);
  } else {
    a.classList.add('attachment-file');
    const icon = document.createElement('span');
    icon.className = 'attachment-icon';
    icon.textContent = pdfLabel;
    const name = document.createElement('span');
    name.className = 'attachment-name';
    name.textContent = att.name;
    a.append(icon, name);
  }
  return a;
}

/**
 * Why a file was not sent, in the reader's words: `reason` is precheck's 'size' or 'type', or the server's HttpError;
 * `words` holds notSent ({0} the name, {1} why), tooLarge (the limit already in it), type, invalid (empty, or a name
 * with a path), tooFast ({0} seconds) and failed.
 */
export function refusal(reason, file, words) {
  const fill = (pattern, ...args) => String(pattern).replace(/\{(\d+)\}/g, (_, i) => String(args[i] ?? ''));
  const status = typeof reason === 'string' ? reason : reason?.status;
  let why = words.failed;
  if (status === 'size' || status === 413) why = words.tooLarge;
  else if (status === 'type' || status === 415) why = words.type;
  else if (status === 422) why = words.invalid;
  else if (status === 429) why = fill(words.tooFast, reason.retryAfter || 10);
  return fill(words.notSent, file.name, why);
}

/** What to refuse before sending: 'size', 'type' (when the browser already knows it is not accepted), or null when it may go. */
export function precheck(file, maxBytes) {
  if (file.size > maxBytes) return 'size';
  if (file.type && !ACCEPTED.includes(file.type)) return 'type';
  return null;
}

/** Files dropped on `zone` or pasted into it go to `onFiles`; the zone shows `dragging` while a file is over it. */
export function acceptFiles(zone, onFiles) {
  let depth = 0;
  const hasFiles = (e) => [...(e.dataTransfer?.types || [])].includes('Files');
  zone.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth += 1;
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragover', (e) => { if (hasFiles(e)) e.preventDefault(); });
  zone.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (!depth) zone.classList.remove('dragging');
  });
  zone.addEventListener('drop', (e) => {
    depth = 0;
    zone.classList.remove('dragging');
    const files = [...(e.dataTransfer?.files || [])];
    if (!files.length) return;
    e.preventDefault();
    onFiles(files);
  });
  zone.addEventListener('paste', (e) => {
    const files = [...(e.clipboardData?.files || [])];
    if (!files.length) return; // text is pasted as text
    e.preventDefault();
    onFiles(files);
  });
}
