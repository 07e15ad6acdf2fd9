/**
 * An image attachment shown in the page, fitted to the screen, instead of its raw URL in a new tab: a modal
 * <dialog> with the file's name (also the image's alt text), a link that downloads the original and a close
 * button. Escape, the close button or a click outside the image close it; focus goes back to the preview.
 */
import {closeButton} from '../ui/dom.js';

/** deps: {text, root}. Returns {open({url, name}, opener), close()}. */
export function createImageViewer(deps) {
  var text = deps.text;
  var opener = null;
  var dialog = document.createElement('dialog');
  dialog.id = 'image-viewer';
  dialog.className = 'jc-viewer';
  dialog.setAttribute('aria-labelledby', 'image-viewer-name');
  var bar = document.createElement('div');
  bar.className = 'jc-viewer-bar';
  var name = document.createElement('h2');
  name.id = 'image-viewer-name';
  name.className = 'jc-viewer-name';
  var download = document.createElement('a');
  download.id = 'image-viewer-download';
  download.className = 'jc-viewer-download';
  download.textContent = text.t('chat.downloadOriginal');
  var close = closeButton('image-viewer-close', 'jc-icon-button jc-viewer-close', text.t('close'));
  bar.appendChild(name);
  bar.appendChild(download);
  bar.appendChild(close);
  var stage = document.createElement('div');
  stage.className = 'jc-viewer-stage';
  var img = document.createElement('img');
  img.id = 'image-viewer-image';
  img.className = 'jc-viewer-image';
  stage.appendChild(img);
  dialog.appendChild(bar);
  dialog.appendChild(stage);
  (deps.root || document.body).appendChild(dialog);

  function open(a, from) {
    opener = from || document.activeElement;
    name.textContent = a.name;
    img.alt = a.name;
    img.src = a.url;
    download.href = a.url;
    download.setAttribute('download', a.name);
    dialog.showModal();
    close.focus();
  }

  function shut() { if (dialog.open) { dialog.close(); } }

  close.addEventListener('click', shut);
  // Escape closes a modal dialog by itself; focus goes back to the preview that opened it.
  dialog.addEventListener('close', function () {
    img.removeAttribute('src');
    if (opener && document.contains(opener)) { opener.focus(); }
    opener = null;
  });
  // A click anywhere but on the image or the bar (the dark space around it, the backdrop) closes.
  dialog.addEventListener('click', function (e) {
    if (e.target === dialog || e.target === stage) { shut(); }
  });

  return {open: open, close: shut};
}
