/**
 * The page's one WebSocket to /ws: connects, reconnects with jittered exponential back-off, honours the server's
 * "restarting, retry after N s" (close code 1012), and sends frames as JSON. It knows nothing of the DOM or of what
 * frames mean: callbacks get parsed frames and the connection's ups and downs.
 *
 * callbacks: {frame(frame), closed({opened, code, reason}), connecting()}
 */
export class Socket {
  constructor(url, callbacks, WebSocketImpl) {
    this.url = url;
    this.callbacks = callbacks;
    this.WebSocket = WebSocketImpl || WebSocket;
    this.backoff = 1000;
    this.socket = null;
    this.held = false;      // a test holds the next reconnect (window.jointChat.dropConnection)
    this.waiting = null;    // the reconnect held
  }

  connect() {
    var self = this;
    if (this.held) { this.waiting = function () { self.connect(); }; return; }
    if (this.callbacks.connecting) { this.callbacks.connecting(); }
    var socket = new this.WebSocket(this.url);
    var opened = false;
    this.socket = socket;
    socket.onopen = function () { opened = true; };
    socket.onmessage = function (event) { self.callbacks.frame(JSON.parse(event.data)); };
    socket.onclose = function (event) {
      if (self.socket !== socket) { return; }
      self.socket = null;
      if (self.callbacks.closed) { self.callbacks.closed({opened: opened, code: event.code, reason: event.reason}); }
      setTimeout(function () { self.connect(); }, self.nextDelay(event));
    };
  }

  /**
   * Jittered exponential back-off: after a restart thousands reconnect, spread out rather than all at once (a
   * server that is full answers the handshake 503, which ends here too). A server that says it is restarting
   * (1012, "retry after N s within M s") is given N to N+M seconds: it is starting, not waiting for us, and M is
   * how long it needs to let everyone in (without "within": N to 2N).
   */
  nextDelay(event) {
    var delay = this.backoff * (0.5 + Math.random());
    var restart = event.code === 1012 && /retry after (\d+) s(?: within (\d+) s)?/.exec(event.reason || '');
    if (restart) {
      var after = Number(restart[1]), within = restart[2] === undefined ? after : Number(restart[2]);
      delay = (after + within * Math.random()) * 1000;
    }
    this.backoff = Math.min(this.backoff * 2, 10000);
    return delay;
  }

  /** The server greeted us (hello): the next drop starts the back-off afresh. */
  greeted() { this.backoff = 1000; }

  isOpen() { return !!this.socket && this.socket.readyState === this.WebSocket.OPEN; }

  /** Sends a frame when connected; false when not (the caller keeps what must not be lost). */
  send(frame) {
    if (this.isOpen()) {
      this.socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  /** Closes the connection as a network failure would; hold: the reconnect waits until release(). */
  drop(hold) {
    this.held = !!hold;
    if (this.socket) { this.socket.close(); }
  }

  /** Whether a reconnect is waiting to be released. */
  holding() { return this.waiting !== null; }

  release() {
    var waiting = this.waiting;
    this.held = false;
    this.waiting = null;
    if (waiting) { waiting(); }
  }
}
