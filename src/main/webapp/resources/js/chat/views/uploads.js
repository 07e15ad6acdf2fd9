/** Files: the upload queue with progress, and the attachments offered for the next message. */
import {problemText} from '../ui/dom.js';

/* Methods of the chat page (main.js mixes them in): `this` is the page. */
export const uploads = {
  queueFiles(files) {
    var self = this;
    if (this.store.current === null) { return; }
    Array.prototype.forEach.call(files, function (file) { self.uploads.push({file: file, room: self.store.current}); });
    this.el.attachInput.value = '';
    this.showComposerError('');
    this.nextUpload();
  },

  /** Uploads the next file as the raw body (XMLHttpRequest, for its progress), then offers it for the next message. */
  nextUpload() {
    var self = this;
    if (this.uploading || !this.uploads.length) { this.renderComposerContext(); return; }
    var job = this.uploads.shift();
    var xhr = new XMLHttpRequest();
    var up = this.uploading = {xhr: xhr, job: job, fraction: 0};
    xhr.open('POST', this.context + '/api/v1/rooms/' + job.room + '/attachments?name=' + encodeURIComponent(job.file.name));
    xhr.setRequestHeader('Content-Type', job.file.type || 'application/octet-stream');
    xhr.setRequestHeader('Accept-Language', this.lang);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.addEventListener('progress', function (e) {
      if (e.lengthComputable && self.uploading === up) { up.fraction = e.loaded / e.total; self.renderComposerContext(); }
    });
    var done = function () {
      if (self.uploading === up) { self.uploading = null; }
      self.nextUpload();
    };
    xhr.addEventListener('load', function () {
      if (xhr.status === 201) {
        var attachment;
        try { attachment = JSON.parse(xhr.responseText); } catch (e) { attachment = null; }
        if (attachment) {
          var list = self.attached.get(job.room) || [];
          list.push(attachment);
          self.attached.set(job.room, list);
        }
      } else {
        self.showComposerError(job.file.name + ': ' + problemText(xhr, self.text.t('chat.uploadFailed')));
      }
      done();
    });
    xhr.addEventListener('error', function () { self.showComposerError(job.file.name + ': ' + self.text.t('chat.uploadFailed')); done(); });
    xhr.addEventListener('abort', done);
    xhr.send(job.file);
    this.renderComposerContext();
  },

  cancelUploads() {
    this.uploads = [];
    var up = this.uploading;
    this.uploading = null;
    if (up) { up.xhr.abort(); }
    this.renderComposerContext();
  },

  detach(id) {
    var list = (this.attached.get(this.store.current) || []).filter(function (a) { return a.id !== id; });
    if (list.length) { this.attached.set(this.store.current, list); } else { this.attached.delete(this.store.current); }
    this.renderComposerContext();
  },
};
