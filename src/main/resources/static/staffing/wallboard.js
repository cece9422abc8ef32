// The big screen: the server pushes one frame of counts every few seconds; each tile's figures are replaced in place.
import { openSocket } from '/static/lib/socket.js';

const main = document.querySelector('.wallboard');
const state = document.getElementById('wallboard-state');
const words = Object.fromEntries([...document.getElementById('wallboard-words').content.querySelectorAll('[data-key]')]
  .map((e) => [e.dataset.key, e.textContent]));

openSocket(main.dataset.socket, {
  onOpen: () => { state.textContent = words.live; state.classList.remove('down'); },
  onDown: () => { state.textContent = words.down; state.classList.add('down'); },
  onFrame: (frame) => {
    if (frame.type !== 'wallboard') return;
    for (const service of frame.services) {
      const tile = main.querySelector(`.tile[data-service="${CSS.escape(service.service)}"]`);
      if (!tile) continue;
      for (const field of tile.querySelectorAll('[data-field]')) field.textContent = `${service[field.dataset.field]}`;
      tile.classList.toggle('busy', service.waiting > 0);
    }
    main.dataset.frames = `${Number(main.dataset.frames || 0) + 1}`;
  },
});
