/**
 * The composer's length (issue 21, item 6): a counter near the limit, a line when a paste did not fit, and an input
 * that grows with its text up to a maximum, then scrolls. The pure parts (counter, pasteFit, grownHeight) take no
 * DOM and are unit-tested in Node; createComposerLength wires them to the page.
 */
import {MESSAGE_MAX, COUNTER_FROM, COMPOSER_LINES} from '../limits.js';

/** The counter for a text of this length: null below `from`, else {left, full} (full: nothing more fits). */
export function counter(length, max, from) {
  max = max || MESSAGE_MAX;
  from = from === undefined ? COUNTER_FROM : from;
  if (length < from) { return null; }
  var left = Math.max(0, max - length);
  return {left: left, full: left === 0};
}

/**
 * What of a paste fits: the text (line breaks as the textarea holds them, "\n") and how many characters were cut.
 * `length` is the text's length before the paste, `selected` the length of the selection the paste replaces.
 */
export function pasteFit(pasted, length, selected, max) {
  max = max || MESSAGE_MAX;
  var text = String(pasted || '').replace(/\r\n?/g, '\n');
  var room = Math.max(0, max - (length - selected));
  return text.length <= room ? {text: text, cut: 0} : {text: text.slice(0, room), cut: text.length - room};
}

/** The input's height for its content: at most `maxHeight` (then it scrolls), never below `minHeight`. */
export function grownHeight(contentHeight, minHeight, maxHeight) {
  var height = Math.max(minHeight, Math.min(contentHeight, maxHeight));
  return {height: height, scrolls: contentHeight > maxHeight};
}

/**
 * deps: {el, text, showError(line)}. Returns {update()}: call it after the composer's text was changed by the page
 * (sent, cleared, put back): the counter and the height follow.
 */
export function createComposerLength(deps) {
  var el = deps.el;
  var text = deps.text;
  var input = el.composerText;
  var wasFull = false;

  function maxHeight() {
    var style = getComputedStyle(input);
    var line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.4 || 20;
    var frame = parseFloat(style.paddingTop) + parseFloat(style.paddingBottom) + parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth);
    return Math.min(line * COMPOSER_LINES + frame, window.innerHeight * 0.4);
  }

  function grow() {
    var scrolled = input.scrollTop;
    input.style.height = '';
    input.style.overflowY = '';
    if (input.hidden || !input.value) { return; }    // empty: the input's own height (its rows)
    var natural = input.offsetHeight;
    var frame = natural - input.clientHeight;        // borders: scrollHeight leaves them out
    input.style.height = '0';
    var size = grownHeight(input.scrollHeight + frame, natural, maxHeight());
    input.style.height = size.height + 'px';
    input.style.overflowY = size.scrolls ? 'auto' : 'hidden';
    input.scrollTop = scrolled;                      // measuring at height 0 lost the reader's place
  }

  function count() {
    var c = counter(input.value.length, input.maxLength > 0 ? input.maxLength : MESSAGE_MAX);
    el.composerCount.hidden = !c;
    el.composerCount.classList.toggle('jc-composer-count-full', Boolean(c && c.full));
    el.composerCount.textContent = c ? text.plural(text.t('chat.charsLeft'), c.left) : '';
    // Reaching the limit is said once, politely (the counter itself is not a live region: it would talk at every key).
    var full = Boolean(c && c.full);
    if (full && !wasFull) { el.composerLimit.textContent = text.t('chat.limitReached'); }
    if (!full) { el.composerLimit.textContent = ''; }
    wasFull = full;
  }

  function update() { count(); grow(); }

  // A paste longer than what fits is put in cut to the limit by the page (undo keeps working through insertText),
  // and the reader is told how much did not fit, instead of the textarea's maxlength cutting it silently.
  input.addEventListener('paste', function (e) {
    var data = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
    if (!data) { return; }
    var max = input.maxLength > 0 ? input.maxLength : MESSAGE_MAX;
    var fit = pasteFit(data, input.value.length, input.selectionEnd - input.selectionStart, max);
    if (!fit.cut) { return; }
    e.preventDefault();
    if (fit.text && !document.execCommand('insertText', false, fit.text)) {
      input.setRangeText(fit.text, input.selectionStart, input.selectionEnd, 'end');
      input.dispatchEvent(new Event('input', {bubbles: true}));
    }
    deps.showError(text.plural(text.t('chat.pasteCut'), fit.cut));
    update();
  });
  input.addEventListener('input', update);
  window.addEventListener('resize', grow);
  update();
  return {update: update};
}
