/**
 * Forwarding (issue 22, item 5): how a forwarded message shows what it carries — "Forwarded from Ann · date", the
 * original's text in a quote block (the server's sanitized html), and "View original" when the message has the link
 * back (docs/protocol.md, "Messages": `forwarded`). Pure DOM building; the click on "View original" is the message
 * menu's (views/messageMenu.js), which jumps there.
 */

/** deps: {text, store, context}. The block for m.forwarded. */
export function forwardedBlock(m, deps) {
  var f = m.forwarded;
  var text = deps.text;
  var block = document.createElement('div');
  block.className = 'jc-forwarded';
  var head = document.createElement('p');
  head.className = 'jc-forwarded-head';
  var parts = String(text.t('chat.forward.from')).split('{0}');
  head.appendChild(document.createTextNode(parts[0]));
  var who = document.createElement('button');
  who.type = 'button';
  who.className = 'jc-author jc-forwarded-author';
  who.dataset.profile = f.author;
  who.title = '@' + f.author;
  who.textContent = deps.store.names.get(f.author) || f.authorName;
  head.appendChild(who);
  head.appendChild(document.createTextNode((parts[1] || '') + ' · '));
  var when = document.createElement('time');
  when.dateTime = f.sentAt;
  when.textContent = text.shortDateTime(new Date(f.sentAt));
  when.title = text.dateTime(new Date(f.sentAt));
  head.appendChild(when);
  block.appendChild(head);
  if (f.text) {
    var quote = document.createElement('blockquote');
    quote.className = 'jc-forwarded-text jc-rich';
    quote.innerHTML = f.html;   // rendered by the server from Markdown, safe to insert (docs/protocol.md)
    block.appendChild(quote);
  }
  if (f.room !== undefined && f.seq !== undefined) {
    var link = document.createElement('a');
    link.className = 'jc-forwarded-origin';
    link.href = deps.context + '/app/home.xhtml?room=' + f.room;
    link.dataset.room = f.room;
    link.dataset.seq = f.seq;
    link.dataset.focusKey = 'forwarded-origin';
    link.textContent = text.t('chat.forward.viewOriginal');
    block.appendChild(link);
  }
  return block;
}
