/*
 * Passkeys (issue 23, item 4): the profile's passkeys section (add, list, rename, remove), "Sign in with a passkey"
 * on the login page (password-less) and the second step's "Use a passkey instead". A static module (the CSP allows
 * no inline script); texts come from the page's data-* attributes; the server (/api/v1/passkeys) holds every rule.
 */
const supported = typeof window.PublicKeyCredential === 'function' && !!navigator.credentials;

// --- base64url and the browser's answers as JSON (RegistrationResponseJSON / AuthenticationResponseJSON) ---
function toB64(buffer) {
  const bytes = new Uint8Array(buffer);
  let text = '';
  for (const b of bytes) { text += String.fromCharCode(b); }
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromB64(text) {
  const plain = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4));
  return Uint8Array.from(plain, c => c.charCodeAt(0)).buffer;
}

function descriptors(list) {
  return (list || []).map(d => ({ ...d, id: fromB64(d.id) }));
}

function creationOptions(o) {
  return { ...o, challenge: fromB64(o.challenge), user: { ...o.user, id: fromB64(o.user.id) },
    excludeCredentials: descriptors(o.excludeCredentials) };
}

function requestOptions(o) {
  return { ...o, challenge: fromB64(o.challenge), allowCredentials: descriptors(o.allowCredentials) };
}

function credentialJson(c) {
  const r = c.response;
  const response = { clientDataJSON: toB64(r.clientDataJSON) };
  if (r.attestationObject) {
    response.attestationObject = toB64(r.attestationObject);
    response.transports = typeof r.getTransports === 'function' ? r.getTransports() : [];
  } else {
    response.authenticatorData = toB64(r.authenticatorData);
    response.signature = toB64(r.signature);
    if (r.userHandle) { response.userHandle = toB64(r.userHandle); }
  }
  return { id: c.id, rawId: toB64(c.rawId), type: c.type, response,
    authenticatorAttachment: c.authenticatorAttachment || undefined,
    clientExtensionResults: c.getClientExtensionResults ? c.getClientExtensionResults() : {} };
}

// --- talking to the server ---
async function call(url, method, body) {
  const response = await fetch(url, { method, credentials: 'same-origin',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const failure = new Error((json && (json.detail || json.title)) || String(response.status));
    failure.problem = true;
    failure.type = json && json.type;
    throw failure;
  }
  return json;
}

/** What the user reads for a failure: the browser's or user's cancel, the server's problem, or a plain "try again". */
function explain(error, texts) {
  if (error && (error.name === 'NotAllowedError' || error.name === 'AbortError')) { return texts.cancelled; }
  if (error && error.name === 'InvalidStateError') { return texts.already || texts.failed; }
  if (error && error.problem) { return error.message; }
  return texts.failed;
}

function say(element, text, isError) {
  element.textContent = text;
  element.classList.toggle('jc-passkey-error', !!isError);
  element.hidden = !text;
  // Under a long login card (SSO, forgot password) the line may be below the fold: bring it into view.
  if (text && element.scrollIntoView) { element.scrollIntoView({block: 'nearest'}); }
}

// --- sign-in: password-less on the login page, or the second step after a password ---
function wireSignIn(button) {
  const box = button.closest('[data-passkey-signin]');
  const message = box.querySelector('.jc-passkey-message');
  const texts = box.dataset;
  box.hidden = !supported;
  if (!supported) {
    // An account with passkeys alone learns why nothing is offered (the page passes the text only then).
    if (texts.unsupported) {
      box.hidden = false;
      button.hidden = true;
      say(message, texts.unsupported, true);
    }
    return;
  }
  const second = box.dataset.passkeySignin === 'second-step';
  const api = box.dataset.api;
  button.addEventListener('click', async () => {
    button.disabled = true;
    say(message, texts.working, false);
    try {
      const remember = box.dataset.remember ? document.getElementById(box.dataset.remember) : null;
      const options = await call(api + (second ? '/second-step/options' : '/sign-in/options'), 'POST',
        second ? undefined : { rememberMe: !!(remember && remember.checked) });
      const credential = await navigator.credentials.get({ publicKey: requestOptions(options) });
      await call(api + (second ? '/second-step' : '/sign-in'), 'POST', { credential: credentialJson(credential) });
      window.location.assign(box.dataset.next);
    } catch (error) {
      say(message, explain(error, texts), true);
      button.disabled = false;
    }
  });
}

// --- the profile's section ---
function wireSection(section) {
  const texts = section.dataset;
  const api = texts.api;
  const list = section.querySelector('#passkey-list');
  const empty = section.querySelector('#passkey-empty');
  const status = section.querySelector('#passkey-status');
  const form = section.querySelector('#passkey-add');
  const nameField = section.querySelector('#passkey-name');
  const dates = new Intl.DateTimeFormat(document.documentElement.lang || undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const fill = (template, value) => template.replace('{0}', value);
  const reauth = section.querySelector('#passkey-reauth');
  const passwordField = section.querySelector('#passkey-password');
  const reauthType = 'urn:jointchat:problem:reauthentication-required';

  /** After a change the focus goes to the status line, which says what happened (not to the page's body). */
  function report(text, isError) {
    say(status, text, isError);
    status.focus();
  }

  /** The password typed after a reauthentication-required answer, sent once with the next change. */
  function withPassword(body) {
    const password = passwordField.value;
    return password ? { ...(body || {}), password } : body;
  }

  /** A change refused for want of a recent sign-in: the password field appears and the status says why. */
  function failed(error) {
    if (error && error.type === reauthType) {
      reauth.hidden = false;
      say(status, error.message, true);
      passwordField.focus();
      return;
    }
    report(explain(error, texts), true);
  }

  function proven() {
    passwordField.value = '';
    reauth.hidden = true;
  }

  if (!supported) {
    form.hidden = true;
    say(status, texts.unsupported, true);
  }

  function item(p) {
    const li = document.createElement('li');
    li.className = 'jc-passkey';
    li.dataset.id = p.id;
    const name = document.createElement('span');
    name.className = 'jc-passkey-name';
    name.textContent = p.name;
    const when = document.createElement('span');
    when.className = 'jc-hint jc-passkey-when';
    when.textContent = fill(texts.created, dates.format(new Date(p.createdAt))) + ' · '
      + (p.lastUsedAt ? fill(texts.lastUsed, dates.format(new Date(p.lastUsedAt))) : texts.neverUsed);
    const actions = document.createElement('span');
    actions.className = 'jc-passkey-actions';
    const rename = button(texts.rename, 'jc-passkey-rename', () => renaming(li, p));
    rename.setAttribute('aria-label', fill(texts.renameNamed, p.name));
    const remove = button(texts.remove, 'jc-passkey-remove', () => confirming(li, p));
    remove.setAttribute('aria-label', fill(texts.removeNamed, p.name));
    actions.append(rename, remove);
    li.append(name, when, actions);
    return li;
  }

  function button(label, className, action) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'jc-button ' + className;
    b.textContent = label;
    b.addEventListener('click', action);
    return b;
  }

  function renaming(li, p) {
    const row = document.createElement('form');
    row.className = 'jc-passkey-edit';
    const label = document.createElement('label');
    label.textContent = fill(texts.renameLabel, p.name);
    const input = document.createElement('input');
    input.type = 'text';
    input.maxLength = 64;
    input.value = p.name;
    input.className = 'jc-passkey-newname';
    label.append(input);
    const save = button(texts.save, 'jc-passkey-save', () => {});
    save.type = 'submit';
    row.append(label, save, button(texts.cancel, 'jc-passkey-cancel', cancelled));
    row.addEventListener('submit', async event => {
      event.preventDefault();
      try {
        await call(api + '/' + p.id, 'PUT', { name: input.value });
        await load();
        report(fill(texts.renamed, input.value.trim()), false);
      } catch (error) {
        report(explain(error, texts), true);
      }
    });
    li.querySelector('.jc-passkey-actions').replaceWith(row);
    input.focus();
  }

  function confirming(li, p) {
    const row = document.createElement('div');
    row.className = 'jc-passkey-confirm';
    row.setAttribute('role', 'group');
    const question = document.createElement('span');
    question.textContent = fill(texts.removeConfirm, p.name);
    const yes = button(texts.remove, 'jc-passkey-confirm-remove jc-danger-button', async () => {
      try {
        await call(api + '/' + p.id, 'DELETE', withPassword(undefined));
        proven();
        await load();
        report(fill(texts.removed, p.name), false);
      } catch (error) {
        await load().catch(() => {});
        failed(error);
      }
    });
    row.append(question, yes, button(texts.cancel, 'jc-passkey-cancel', cancelled));
    li.querySelector('.jc-passkey-actions').replaceWith(row);
    yes.focus();
  }

  async function cancelled() {
    await load();
    report(texts.unchanged, false);
  }

  async function load() {
    const passkeys = await call(api, 'GET');
    list.replaceChildren(...passkeys.map(item));
    list.hidden = passkeys.length === 0;
    empty.hidden = passkeys.length > 0;
    section.dataset.count = String(passkeys.length);
  }

  form.addEventListener('submit', async event => {
    event.preventDefault();
    const name = nameField.value.trim() || texts.defaultName;
    const add = form.querySelector('button[type=submit]');
    add.disabled = true;
    say(status, '', false);
    try {
      const options = await call(api + '/registration/options', 'POST', withPassword(undefined));
      proven(); // the password (if any) refreshed this session's proof; registering needs no second copy
      const credential = await navigator.credentials.create({ publicKey: creationOptions(options) });
      await call(api, 'POST', { name, credential: credentialJson(credential) });
      nameField.value = '';
      await load();
      say(status, fill(texts.added, name), false);
    } catch (error) {
      if (error && error.type === reauthType) { failed(error); } else { say(status, explain(error, texts), true); }
    } finally {
      add.disabled = false;
    }
  });

  load().catch(error => say(status, explain(error, texts), true));
}

document.querySelectorAll('[data-passkey-signin] .jc-passkey-signin').forEach(wireSignIn);
const section = document.getElementById('passkeys');
if (section) { wireSection(section); }
