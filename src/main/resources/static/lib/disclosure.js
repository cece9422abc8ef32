// Disclosure menus (the staff top bar's "Administration"): a button with aria-expanded shows or hides the list it
// controls; Escape closes it and gives the focus back to the button; a click elsewhere or the focus leaving closes it.
// Not an ARIA "menu" (no arrow-key roving): plain links in a list, reached with Tab, as screen readers expect of navigation.

export function disclosures(root = document) {
  for (const button of root.querySelectorAll('button[aria-expanded][aria-controls]')) {
    const list = document.getElementById(button.getAttribute('aria-controls'));
    if (!list) continue;
    const holder = button.parentElement;
    const show = (open) => {
      button.setAttribute('aria-expanded', String(open));
      list.hidden = !open;
    };
    button.addEventListener('click', () => show(button.getAttribute('aria-expanded') !== 'true'));
    holder.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && button.getAttribute('aria-expanded') === 'true') {
        show(false);
        button.focus();
      }
    });
    holder.addEventListener('focusout', (e) => {
      if (e.relatedTarget && !holder.contains(e.relatedTarget)) show(false);
    });
    document.addEventListener('click', (e) => {
      if (!holder.contains(e.target)) show(false);
    });
  }
}

disclosures();
