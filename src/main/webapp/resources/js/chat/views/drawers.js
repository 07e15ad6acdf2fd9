/** The drawers of a narrow screen (rooms; members and online). Owns which button opened the open drawer. */

/** deps: {el}. Returns {open(state, opener), close(), isOpen()}. */
export function createDrawers(deps) {
  var el = deps.el;
  var root = document.getElementById('chat');
  var opener = null;

  function isOpen() {
    return root.classList.contains('jc-rooms-open') || root.classList.contains('jc-side-open');
  }

  function open(state, button) {
    close();
    root.classList.add(state);
    opener = button;
    button.setAttribute('aria-expanded', 'true');
    el.drawerBackdrop.hidden = false;
    var panel = document.getElementById(button.getAttribute('aria-controls'));
    var focusable = panel && panel.querySelector('.jc-drawer-close');
    if (focusable) { focusable.focus(); }
  }

  function close() {
    if (!isOpen()) { return; }
    root.classList.remove('jc-rooms-open', 'jc-side-open');
    el.drawerBackdrop.hidden = true;
    if (opener) {
      opener.setAttribute('aria-expanded', 'false');
      opener.focus();
      opener = null;
    }
  }

  el.roomsToggle.addEventListener('click', function () { open('jc-rooms-open', el.roomsToggle); });
  el.drawerBackdrop.addEventListener('click', close);
  Array.prototype.forEach.call(document.querySelectorAll('[data-close-drawer]'), function (button) {
    button.addEventListener('click', close);
  });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && isOpen()) { close(); }
  });

  return {open: open, close: close, isOpen: isOpen};
}
