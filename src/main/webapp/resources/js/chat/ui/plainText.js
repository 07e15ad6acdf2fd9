/**
 * A message as one line of plain text, for a reply's quote: from the server's sanitized html (its text, never
 * its markup), or, when only the Markdown source is at hand, from that source without its markers. And how a
 * mention reads: by the person's name where the page knows it. No DOM here, so node can test it.
 */

var ENTITIES = {amp: '&', lt: '<', gt: '>', quot: '"', apos: '\'', nbsp: ' ', '#39': '\''};

/** The text of sanitized html on one line: blocks and line breaks become spaces, entities their characters. */
export function htmlText(html) {
  var text = String(html || '')
    .replace(/<(br|\/p|\/pre|\/li|\/blockquote|\/h[1-6]|\/div)\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+|#39);/gi, function (whole, name) {
      if (name.charAt(0) === '#' && name !== '#39') {
        var code = name.charAt(1).toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      var known = ENTITIES[name.toLowerCase()];
      return known === undefined ? whole : known;
    });
  return oneLine(text);
}

/**
 * Markdown source (as the server's Markdown reads it: inline marks, links, images, fenced code) as plain text on
 * one line: "Hi **Bob**, see [the docs](https://x)" reads "Hi Bob, see the docs".
 */
export function markdownText(markdown) {
  var kept = [];
  var text = String(markdown || '')
    .replace(/^\s*(```|~~~).*$/gm, ' ')                                           // code fences
    .replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, function (whole, ticks, code) {         // code spans stay as written
      kept.push(code.trim());
      return '\u0000' + (kept.length - 1) + '\u0000';
    })
    .replace(/\\([!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~])/g, function (whole, c) {   // backslash escapes stay as written
      kept.push(c);
      return '\u0000' + (kept.length - 1) + '\u0000';
    })
    .replace(/!\[([^\]]*)\]\([^)]*\)?/g, '$1')                                     // images: their alt text
    .replace(/\[([^\]]*)\]\([^)]*\)?/g, '$1')                                      // links: their text
    .replace(/<((?:https?|ftp|mailto):[^>\s]*)>/gi, '$1')                          // <autolinks>
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')                               // strong
    .replace(/(^|[^\w*])([*_])(?=\S)([\s\S]*?\S)\2(?![\w*])/g, '$1$3')             // emphasis
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1')                                      // strikethrough
    .replace(/\u0000(\d+)\u0000/g, function (whole, i) { return kept[Number(i)]; });
  return oneLine(text);
}

/** A message ({html} from the server, or {text} alone) as one line of plain text. */
export function messageLine(m) {
  return typeof m.html === 'string' ? htmlText(m.html) : markdownText(m.text);
}

/** Whitespace, line breaks included, as single spaces; none at the ends. */
export function oneLine(text) {
  return String(text || '').replace(/\s+/g, ' ').trim();
}

/** How a mention reads: "@" and the person's name where known, else "@login". */
export function mentionText(login, name) {
  var shown = name && String(name).trim();
  return '@' + (shown || login);
}
