/**
 * The page's words and formats. Words come from one JSON block the server renders from the bundles
 * (home.xhtml, <script type="application/json" id="chat-texts">, keyed by the bundles' own keys); numbers, dates
 * and plural forms follow the page's language through Intl, and the ICU-style plural messages the bundles hold
 * ("{0, plural, one {# member} few {# members} other {# members}}") are resolved here. No DOM: unit-tested in Node.
 */

/** The words of an error frame's code (docs/protocol.md), by bundle key. */
export const ERROR_TEXTS = {
  TOO_LONG: 'problem.too-long', EMPTY: 'problem.empty', RATE_LIMITED: 'problem.rate-limited', NOT_MEMBER: 'problem.not-member',
  NOT_FOUND: 'problem.not-found', INVALID: 'problem.validation', FORBIDDEN: 'problem.forbidden', UNAVAILABLE: 'problem.unavailable',
  MUTED: 'chat.mod.errorMuted', ANNOUNCEMENT_ONLY: 'chat.mod.errorAnnouncement', ARCHIVED: 'chat.mod.errorArchived'
};

/** Reads the JSON block with the page's words; a page without one (or a broken one) gets the keys themselves. */
export function readTexts(doc, id) {
  var block = doc.getElementById(id);
  try { return block ? JSON.parse(block.textContent) : {}; } catch (e) { return {}; }
}

export class Texts {
  constructor(lang, words) {
    this.lang = lang;
    this.words = words || {};
    this.rules = new Intl.PluralRules(lang);
    this.numbers = new Intl.NumberFormat(lang);
    // hour 'numeric': "3:50 AM" in English (no leading zero), the locale's own way in Russian and Ukrainian.
    this.times = new Intl.DateTimeFormat(lang, {hour: 'numeric', minute: '2-digit'});
    this.dates = new Intl.DateTimeFormat(lang, {dateStyle: 'long'});
    this.days = new Intl.DateTimeFormat(lang, {weekday: 'long', day: 'numeric', month: 'long'});
    this.daysOfOtherYears = new Intl.DateTimeFormat(lang, {day: 'numeric', month: 'long', year: 'numeric'});
    this.dateTimes = new Intl.DateTimeFormat(lang, {dateStyle: 'long', timeStyle: 'short'});
    this.shortDateTimes = new Intl.DateTimeFormat(lang, {day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit'});
    this.shortDateTimesOfOtherYears = new Intl.DateTimeFormat(lang, {day: 'numeric', month: 'short', year: 'numeric'});
    this.relative = new Intl.RelativeTimeFormat(lang, {numeric: 'auto'});
  }

  /** The words for a bundle key (the key itself when the page was not given it: visible, not blank). */
  t(key) { return Object.prototype.hasOwnProperty.call(this.words, key) ? this.words[key] : key; }

  /** An error frame's code in the page's language (the server's English message when there is no text for it). */
  error(error, untilText) {
    if (error.code === 'MUTED' && error.until) { return format(this.t(ERROR_TEXTS.MUTED), untilText(error.until)); }
    var key = ERROR_TEXTS[error.code];
    return key && this.words[key] ? this.words[key] : error.message || error.code;
  }

  number(n) { return this.numbers.format(n); }
  time(d) { return this.times.format(d); }
  date(d) { return this.dates.format(d); }
  dateTime(d) { return this.dateTimes.format(d); }

  /** Short enough for a line beside a room and a name on a phone: the day and time, or the date in another year. */
  shortDateTime(d, now) {
    return (d.getFullYear() === (now || new Date()).getFullYear() ? this.shortDateTimes : this.shortDateTimesOfOtherYears).format(d);
  }

  /** A file size as people read it: "830 B", "12.4 kB", "3.1 MB". */
  size(bytes) {
    var units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'];
    var i = 0;
    var n = bytes;
    while (n >= 1000 && i < units.length - 1) { n /= 1000; i++; }
    try {
      // Bytes narrow ("830B" reads oddly short in English: a space is kept), the rest short ("12.4 kB").
      return new Intl.NumberFormat(this.lang, {style: 'unit', unit: units[i], unitDisplay: i ? 'short' : 'narrow', maximumFractionDigits: i ? 1 : 0})
        .format(n).replace(/(\d)([^\d\s.,])/, '$1 $2');
    } catch (e) {
      return this.number(Math.round(n * 10) / 10) + ' ' + ['B', 'kB', 'MB', 'GB'][i];
    }
  }

  percent(fraction) {
    return new Intl.NumberFormat(this.lang, {style: 'percent', maximumFractionDigits: 0}).format(fraction);
  }

  /** "Today", "Yesterday", or the date (with the year only when it is not this year). */
  day(d, today, yesterday, now) {
    now = now || new Date();
    var midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate()).getTime();
    var then = new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
    var daysAgo = Math.round((midnight - then) / 86400000);
    if (daysAgo === 0) { return today; }
    if (daysAgo === 1) { return yesterday; }
    return d.getFullYear() === now.getFullYear() ? this.days.format(d) : this.daysOfOtherYears.format(d);
  }

  /** "5 minutes ago", "yesterday", … in the page's language. */
  ago(d, now) {
    var seconds = (d.getTime() - (now === undefined ? Date.now() : now)) / 1000;
    var steps = [[60, 'second'], [3600, 'minute', 60], [86400, 'hour', 3600], [604800, 'day', 86400]];
    if (Math.abs(seconds) < 60) { return this.relative.format(Math.round(seconds), 'second'); }
    for (var i = 1; i < steps.length; i++) {
      if (Math.abs(seconds) < steps[i][0]) { return this.relative.format(Math.round(seconds / steps[i][2]), steps[i][1]); }
    }
    return this.dateTime(d);
  }

  /** Resolves {N, plural, …} by Intl.PluralRules (an exact "=N" form wins); # is the number. */
  plural(pattern, n) {
    var self = this;
    return String(pattern).replace(/\{\d+,\s*plural,((?:[^{}]|\{[^{}]*\})*)\}/g, function (whole, body) {
      var forms = {};
      body.replace(/\s*(=?\w+)\s*\{([^{}]*)\}/g, function (x, key, text) { forms[key] = text; return ''; });
      var rule = self.rules.select(n);
      var form = forms['=' + n] !== undefined ? forms['=' + n] : forms[rule] !== undefined ? forms[rule] : forms.other || '';
      return form.replace(/#/g, self.number(n));
    }).replace(/\{0\}/g, self.number(n));
  }
}

/** Puts the arguments in for {0}, {1}, … (in one pass: a name that contains "{1}" stays as it is). */
export function format(pattern) {
  var args = arguments;
  return String(pattern).replace(/\{(\d)\}/g, function (whole, i) { return args[Number(i) + 1] !== undefined ? args[Number(i) + 1] : whole; });
}

/** The first line of a text, shortened for a quote or a preview. */
export function firstLine(text) {
  var line = String(text || '').split('\n')[0].trim();
  return line.length > 120 ? line.slice(0, 119) + '…' : line;
}
