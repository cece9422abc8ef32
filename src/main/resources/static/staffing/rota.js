// The rota editor: pick a person, then click a slot (or press Enter on it) to put them in or take them out, or drag
// over several slots to do the same to each; every change is saved at once through the rota's API.
import { api } from '/static/lib/api.js';
import { announce } from '/static/lib/announce.js';

const grid = document.querySelector('.rota-grid');
const words = Object.fromEntries([...document.getElementById('rota-words').content.querySelectorAll('[data-key]')]
  .map((e) => [e.dataset.key, e.textContent]));
const error = document.getElementById('rota-error');
const members = new Map([...document.querySelectorAll('input[name=member]')]
  .map((r) => [r.value, { initials: r.dataset.initials, name: r.dataset.name }]));

const chosen = () => document.querySelector('input[name=member]:checked')?.value;
const staffOf = (slot) => (slot.dataset.staff ? slot.dataset.staff.split(',') : []);

function draw(slot, staff) {
  slot.dataset.staff = staff.join(',');
  slot.querySelector('.who').textContent = staff.map((id) => members.get(id)?.initials ?? '?').join(' ');
  const needed = Number(slot.dataset.needed);
  const advised = needed < 0 ? '∞' : `${needed}`;
  slot.querySelector('.tally').textContent = needed === 0 ? `${staff.length || ''}` : `${staff.length}/${advised}`;
  slot.closest('td').classList.toggle('under', needed < 0 || staff.length < needed);
  const names = staff.map((id) => members.get(id)?.name ?? '?').join(', ') || words.nobody;
  const args = [slot.dataset.day, slot.dataset.time, names, staff.length, Math.max(needed, 0)];
  slot.querySelector('.label').textContent = words.cell.replace(/\{(\d)\}/g, (_, i) => args[Number(i)]);
  slot.title = slot.querySelector('.label').textContent;
}

async function save(changes) {
  if (!changes.size) return;
  const before = new Map([...changes.keys()].map((slot) => [slot, changes.get(slot).before]));
  changes.forEach(({ after }, slot) => draw(slot, after));
  try {
    await api('PUT', `/api/v1/staffing/rota/${encodeURIComponent(grid.dataset.service)}`,
      { slots: [...changes].map(([slot, { after }]) => ({ start: slot.dataset.start, staffIds: after })) });
    error.hidden = true;
    announce(words.saved);
  } catch (e) {
    before.forEach((staff, slot) => draw(slot, staff));
    error.textContent = `${words.failed} ${e.message}`;
    error.hidden = false;
  }
}

function toggled(slot, adding) {
  const id = chosen();
  const staff = staffOf(slot).filter((s) => s !== id);
  return adding ? [...staff, id] : staff;
}

let painting = null; // {adding, changes}

grid?.addEventListener('pointerdown', (e) => {
  const slot = e.target.closest('.slot');
  if (!slot || !chosen() || e.button !== 0) return;
  e.preventDefault();
  const adding = !staffOf(slot).includes(chosen());
  painting = { adding, changes: new Map() };
  paint(slot);
});

function paint(slot) {
  if (painting.changes.has(slot)) return;
  const after = toggled(slot, painting.adding);
  painting.changes.set(slot, { before: staffOf(slot), after });
  draw(slot, after);
}

grid?.addEventListener('pointerover', (e) => {
  const slot = e.target.closest('.slot');
  if (painting && slot) paint(slot);
});

document.addEventListener('pointerup', () => {
  if (!painting) return;
  const { changes } = painting;
  painting = null;
  // drawn while dragging: save from what each slot held before
  changes.forEach((c, slot) => draw(slot, c.before));
  save(changes);
});

grid?.addEventListener('click', (e) => {
  const slot = e.target.closest('.slot');
  if (!slot || e.detail !== 0 || !chosen()) return; // a pointer's click was handled on pointerdown; this is the keyboard
  const after = toggled(slot, !staffOf(slot).includes(chosen()));
  save(new Map([[slot, { before: staffOf(slot), after }]]));
});
