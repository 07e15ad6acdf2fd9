/**
 * The drawers of a narrow screen (rooms; members and online). Owns which button opened the open drawer, and whether
 * the page's own bar (languages, administration, signing out), folded behind "More" on a phone, is shown.
 */

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

  foldSiteBar(document.getElementById('more-toggle'), document.getElementById('site-header'));

  return {open: open, close: close, isOpen: isOpen};
}

/**
 * On a phone the room header is the page's only row (docs/architecture.md, "The chat page"): the page's bar opens
 * under "More" as a small menu and closes on Escape, a tap elsewhere, or when focus leaves it.
 */
function foldSiteBar(more, bar) {
  if (!more || !bar) { return; }
  var body = document.body;

  function isOpen() { return body.classList.contains('jc-site-open'); }

  function set(open) {
    body.classList.toggle('jc-site-open', open);
    more.setAttribute('aria-expanded', String(open));
    if (open) {
      var first = bar.querySelector('a[href], button, input:not([type=hidden])');
      if (first) { first.focus(); }
    }
  }

  more.addEventListener('click', function () { set(!isOpen()); });
  document.addEventListener('click', function (e) {
    if (isOpen() && !bar.contains(e.target) && !more.contains(e.target)) { set(false); }
  });
  bar.addEventListener('focusout', function (e) {
    if (isOpen() && e.relatedTarget && !bar.contains(e.relatedTarget) && e.relatedTarget !== more) { set(false); }
  });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && isOpen()) { set(false); more.focus(); }
  });
}
