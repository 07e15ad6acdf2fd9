/**
 * What the reader sent that the server has not confirmed yet. A message stays pending until its ack (sent after
 * commit) and is kept in sessionStorage, so a reload or a sign-in again does not lose it; after every hello each
 * one is sent again with the same clientId, and the server stores it once. Edits, deletions and reactions asked
 * for (actions) wait here too, for an error answer by clientId; they are not resent (a new socket forgets them).
 * No DOM: unit-tested in Node (src/test/js).
 */
import {sendFrame} from '../protocol/frames.js';

export const PENDING_KEY = 'jointchat.pending';

export function newClientId() { return 'c' + Date.now().toString(36) + Math.random().toString(36).slice(2, 10); }

export class Outbox {
  /** storage: sessionStorage or anything with getItem/setItem (null: kept in memory only). */
  constructor(storage) {
    this.storage = storage;
    this.pending = load(storage);   // clientId -> {room, text, replyTo?, attachments?}
    this.actions = {};              // clientId -> {kind, room, seq}: edits, deletions and reactions asked for
  }

  add(clientId, p) {
    this.pending[clientId] = p;
    this.save();
  }

  has(clientId) { return Object.prototype.hasOwnProperty.call(this.pending, clientId); }

  /** Confirmed (an ack, or the message itself came back) or refused for good: true when it was pending. */
  forget(clientId) {
    if (clientId === undefined || !this.has(clientId)) { return false; }
    delete this.pending[clientId];
    this.save();
    return true;
  }

  /** The pending messages of one room, oldest first: [clientId, p]. */
  inRoom(room) {
    var pending = this.pending;
    return Object.keys(pending).filter(function (id) { return pending[id].room === room; }).map(function (id) { return [id, pending[id]]; });
  }

  /** The send frame for a pending message (null when it is not pending any more). */
  frameFor(clientId) {
    var p = this.pending[clientId];
    return p ? sendFrame(clientId, p) : null;
  }

  /** Sends every pending message again (after hello), with its clientId: the server keeps each once. */
  resendAll(send) {
    var self = this;
    Object.keys(this.pending).forEach(function (clientId) { send(self.frameFor(clientId)); });
  }

  /** An edit, deletion or reaction on its way; answered by a changed frame, or refused by an error with its clientId. */
  ask(clientId, action) { this.actions[clientId] = action; }

  /** The action an error answers (and forgets it), or null. */
  refused(clientId) {
    var action = clientId ? this.actions[clientId] : undefined;
    if (!action) { return null; }
    delete this.actions[clientId];
    return action;
  }

  /** A changed frame answers whatever was asked of that message. */
  answered(room, seq) {
    var actions = this.actions;
    Object.keys(actions).forEach(function (id) {
      if (actions[id].room === room && actions[id].seq === seq) { delete actions[id]; }
    });
  }

  save() {
    if (!this.storage) { return; }
    try { this.storage.setItem(PENDING_KEY, JSON.stringify(this.pending)); } catch (e) { /* storage full or off */ }
  }
}

function load(storage) {
  if (!storage) { return {}; }
  try { return JSON.parse(storage.getItem(PENDING_KEY)) || {}; } catch (e) { return {}; }
}
