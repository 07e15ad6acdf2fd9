/** The drawers of a narrow screen (rooms; members and online) and the members toggle. */

/* Methods of the chat page (main.js mixes them in): `this` is the page. */
export const drawers = {
  /**
   * The members list. On a wide screen it opens above the online list; on a narrow one the whole side panel
   * (members and online) slides in as a drawer.
   */
  toggleMembers() {
    var drawer = matchMedia('(max-width: 900px)').matches;
    var open = drawer ? true : this.el.membersPanel.hidden;
    this.el.membersPanel.hidden = !open;
    this.el.membersToggle.setAttribute('aria-expanded', String(open));
    if (drawer) { this.openDrawer('jc-side-open', this.el.membersToggle); }
    if (open) { this.loadMembers(); } else { this.memberLogins = []; this.updateWatch(); }
  },

  openDrawer(state, opener) {
    var root = document.getElementById('chat');
    this.closeDrawers();
    root.classList.add(state);
    this.drawerOpener = opener;
    opener.setAttribute('aria-expanded', 'true');
    this.el.drawerBackdrop.hidden = false;
    var panel = document.getElementById(opener.getAttribute('aria-controls'));
    var focusable = panel && panel.querySelector('.jc-drawer-close');
    if (focusable) { focusable.focus(); }
  },

  drawerOpen() {
    var root = document.getElementById('chat');
    return root.classList.contains('jc-rooms-open') || root.classList.contains('jc-side-open');
  },

  closeDrawers() {
    if (!this.drawerOpen()) { return; }
    var root = document.getElementById('chat');
    root.classList.remove('jc-rooms-open', 'jc-side-open');
    this.el.drawerBackdrop.hidden = true;
    if (this.drawerOpener) {
      this.drawerOpener.setAttribute('aria-expanded', 'false');
      this.drawerOpener.focus();
      this.drawerOpener = null;
    }
  },
};
