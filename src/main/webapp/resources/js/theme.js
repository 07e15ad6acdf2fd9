/*
 * Light or dark (issue 21, item 12). Runs in <head> of every page, before the first paint, so a page never flashes
 * in the other mode. No choice kept: the page follows the system (prefers-color-scheme, through the CSS color-scheme
 * and light-dark() in jointchat.css). A choice made on the profile page ("light" or "dark") is kept in this browser's
 * localStorage and put on <html data-theme>. A static file, so the Content-Security-Policy (script-src 'self') allows it.
 */
(function () {
  'use strict';
  var KEY = 'jointchat.theme';
  var root = document.documentElement;

  function stored() {
    try { return localStorage.getItem(KEY); } catch (blocked) { return null; }
  }

  function apply(choice) {
    if (choice === 'light' || choice === 'dark') {
      root.setAttribute('data-theme', choice);
    } else {
      root.removeAttribute('data-theme');
    }
  }

  function choose(choice) {
    try {
      if (choice === 'light' || choice === 'dark') { localStorage.setItem(KEY, choice); } else { localStorage.removeItem(KEY); }
    } catch (blocked) { /* private mode without storage: this page still changes */ }
    apply(choice);
  }

  apply(stored());

  // The chooser: radio buttons named "jointchat-theme" with the values system, light and dark (profile page).
  document.addEventListener('DOMContentLoaded', function () {
    var current = stored() || 'system';
    Array.prototype.forEach.call(document.querySelectorAll('input[name="jointchat-theme"]'), function (radio) {
      radio.checked = radio.value === current;
      radio.addEventListener('change', function () { if (radio.checked) { choose(radio.value); } });
    });
  });
  // Chosen in another tab: this one follows.
  window.addEventListener('storage', function (e) { if (e.key === KEY) { apply(e.newValue); } });
})();
