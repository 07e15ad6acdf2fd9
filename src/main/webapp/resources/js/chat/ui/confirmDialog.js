/**
 * The page's one confirmation for a risky action (remove a member, hand a room over, leave): a modal <dialog>
 * instead of the browser's confirm(). The dialog is modal (the page behind is inert, so focus stays inside),
 * "Cancel" has focus first, Escape cancels, and the dangerous button is red and says what it does
 * ("Remove from room", not "OK"). Focus goes back to the button that asked.
 */

/** deps: {text, root (where the dialog lives)}. Returns {ask({title, body, action, danger, opener}) -> Promise<boolean>}. */
export function createConfirmDialog(deps) {
  var text = deps.text;
  var dialog = document.createElement('dialog');
  dialog.id = 'confirm-dialog';
  dialog.className = 'jc-dialog jc-confirm';
  dialog.setAttribute('aria-labelledby', 'confirm-title');
  dialog.setAttribute('aria-describedby', 'confirm-text');
  var title = document.createElement('h2');
  title.id = 'confirm-title';
  var body = document.createElement('p');
  body.id = 'confirm-text';
  var buttons = document.createElement('div');
  buttons.className = 'jc-dialog-buttons';
  var cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.id = 'confirm-cancel';
  cancel.textContent = text.t('cancel');
  var go = document.createElement('button');
  go.type = 'button';
  go.id = 'confirm-action';
  buttons.appendChild(cancel);
  buttons.appendChild(go);
  dialog.appendChild(title);
  dialog.appendChild(body);
  dialog.appendChild(buttons);
  (deps.root || document.body).appendChild(dialog);

  var pending = null;   // {resolve, opener}: the question on screen

  function finish(answer) {
    if (!pending) { return; }
    var asked = pending;
    pending = null;
    if (dialog.open) { dialog.close(); }
    if (asked.opener && document.contains(asked.opener)) { asked.opener.focus(); }
    asked.resolve(answer);
  }

  /** Asks; resolves true only when the reader chose the action. A second question cancels the first. */
  function ask(q) {
    finish(false);
    title.textContent = q.title;
    body.textContent = q.body || '';
    body.hidden = !q.body;
    go.textContent = q.action;
    go.className = q.danger === false ? 'jc-primary-button' : 'jc-danger-button';
    return new Promise(function (resolve) {
      pending = {resolve: resolve, opener: q.opener || document.activeElement};
      dialog.showModal();
      cancel.focus();
    });
  }

  cancel.addEventListener('click', function () { finish(false); });
  go.addEventListener('click', function () { finish(true); });
  // Escape: the browser fires "cancel" and closes the dialog; the answer is no.
  dialog.addEventListener('cancel', function (e) { e.preventDefault(); finish(false); });
  dialog.addEventListener('close', function () { finish(false); });
  // Tab cycles between the two buttons (the modal dialog already makes the page behind inert).
  dialog.addEventListener('keydown', function (e) {
    if (e.key !== 'Tab') { return; }
    e.preventDefault();
    (document.activeElement === cancel ? go : cancel).focus();
  });
  // A click on the backdrop (outside the dialog's box) cancels too.
  dialog.addEventListener('click', function (e) {
    if (e.target !== dialog) { return; }
    var r = dialog.getBoundingClientRect();
    if (e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom) { finish(false); }
  });

  return {ask: ask};
}
