/**
 * Files: the upload queue with its progress, and the attachments offered for the next message. Owns the queue,
 * the upload in flight and the attachments per room, and draws them above the input (the chips, the progress bar).
 */
import {problemText} from '../ui/dom.js';

/**
 * deps: {el, store, text, labels, context, lang, showError(text), changed() (the composer redraws what is above the input)}.
 * Returns {render(), attached(room), clear(room)}.
 */
export function createUploads(deps) {
  var el = deps.el;
  var store = deps.store;
  var text = deps.text;
  var queue = [];              // files waiting to be uploaded, one at a time
  var uploading = null;        // {xhr, job, fraction}
  var attached = new Map();    // room id -> [attachment]: uploaded, to go with the next message

  function add(files) {
    if (store.current === null) { return; }
    Array.prototype.forEach.call(files, function (file) { queue.push({file: file, room: store.current}); });
    el.attachInput.value = '';
    deps.showError('');
    next();
  }

  /** Uploads the next file as the raw body (XMLHttpRequest, for its progress), then offers it for the next message. */
  function next() {
    if (uploading || !queue.length) { deps.changed(); return; }
    var job = queue.shift();
    var xhr = new XMLHttpRequest();
    var up = uploading = {xhr: xhr, job: job, fraction: 0};
    xhr.open('POST', deps.context + '/api/v1/rooms/' + job.room + '/attachments?name=' + encodeURIComponent(job.file.name));
    xhr.setRequestHeader('Content-Type', job.file.type || 'application/octet-stream');
    xhr.setRequestHeader('Accept-Language', deps.lang);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.addEventListener('progress', function (e) {
      if (e.lengthComputable && uploading === up) { up.fraction = e.loaded / e.total; deps.changed(); }
    });
    var done = function () {
      if (uploading === up) { uploading = null; }
      next();
    };
    xhr.addEventListener('load', function () {
      if (xhr.status === 201) {
        var attachment;
        try { attachment = JSON.parse(xhr.responseText); } catch (e) { attachment = null; }
        if (attachment) {
          var list = attached.get(job.room) || [];
          list.push(attachment);
          attached.set(job.room, list);
        }
      } else {
        deps.showError(job.file.name + ': ' + problemText(xhr, text.t('chat.uploadFailed')));
      }
      done();
    });
    xhr.addEventListener('error', function () { deps.showError(job.file.name + ': ' + text.t('chat.uploadFailed')); done(); });
    xhr.addEventListener('abort', done);
    xhr.send(job.file);
    deps.changed();
  }

  function cancel() {
    queue = [];
    var up = uploading;
    uploading = null;
    if (up) { up.xhr.abort(); }
    deps.changed();
  }

  function detach(id) {
    var list = (attached.get(store.current) || []).filter(function (a) { return a.id !== id; });
    if (list.length) { attached.set(store.current, list); } else { attached.delete(store.current); }
    deps.changed();
  }

  /** The shown room's attachments as chips, and the upload in flight for it. */
  function render() {
    var list = attached.get(store.current) || [];
    el.attachedList.textContent = '';
    el.attachedList.hidden = !list.length;
    list.forEach(function (a) {
      var li = document.createElement('li');
      li.className = 'jc-chip';
      var name = document.createElement('span');
      name.appendChild(deps.labels.icon('attach'));
      name.appendChild(document.createTextNode(' ' + a.name + ' (' + text.size(a.size) + ')'));
      var remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'jc-chip-remove';
      remove.dataset.removeAttachment = a.id;
      remove.textContent = '×';
      remove.setAttribute('aria-label', text.t('chat.removeAttachment') + ' ' + a.name);
      remove.title = remove.getAttribute('aria-label');
      li.appendChild(name);
      li.appendChild(remove);
      el.attachedList.appendChild(li);
    });
    var up = uploading;
    el.upload.hidden = !up || up.job.room !== store.current;
    if (up) {
      el.uploadName.textContent = text.t('chat.uploading') + ' ' + up.job.file.name;
      el.uploadProgress.value = Math.round(up.fraction * 100);
      el.uploadPercent.textContent = text.percent(up.fraction);
    }
  }

  el.attach.addEventListener('click', function () { el.attachInput.click(); });
  el.attachInput.addEventListener('change', function () { add(el.attachInput.files); });
  el.uploadCancel.addEventListener('click', function () { cancel(); el.composerText.focus(); });
  el.attachedList.addEventListener('click', function (e) {
    var remove = e.target.closest('[data-remove-attachment]');
    if (remove) { detach(Number(remove.dataset.removeAttachment)); el.composerText.focus(); }
  });

  return {
    render: render,
    attached: function (room) { return attached.get(room) || []; },
    clear: function (room) { attached.delete(room); }
  };
}
