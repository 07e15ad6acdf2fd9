// A reply's quote as one line of plain text (issue 21, item 7) and mentions by name (item 9).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {htmlText, markdownText, messageLine, mentionText, oneLine} from '../../main/webapp/resources/js/chat/ui/plainText.js';

test('the quote of rendered html is its text on one line, never its markup', () => {
  assert.equal(htmlText('<p>Hi <strong>Bob</strong>, see <a href="https://example.org" rel="nofollow">the docs</a></p>'),
    'Hi Bob, see the docs');
  assert.equal(htmlText('<p>one<br>two</p>\n<p>three</p>'), 'one two three', 'line breaks and paragraphs become spaces');
  assert.equal(htmlText('<p>x &amp; y &lt;b&gt; &quot;q&quot; &#39;s&#39; &#x1F600; &#65;</p>'), 'x & y <b> "q" \'s\' 😀 A',
    'entities are characters; a tag written in the text stays text');
  assert.equal(htmlText('<pre><code>let a = 1;\nlet b = 2;\n</code></pre>'), 'let a = 1; let b = 2;');
  assert.equal(htmlText(''), '');
  assert.equal(htmlText(undefined), '');
});

test('Markdown source loses its markers: emphasis, links, images, code, escapes', () => {
  assert.equal(markdownText('Hi **Bob**, see [the docs](https://example.org)'), 'Hi Bob, see the docs');
  assert.equal(markdownText('Hi **Bob**, … [the docs](https://exa'), 'Hi Bob, … the docs', 'a link the excerpt cut off');
  assert.equal(markdownText('a *b* _c_ __d__ ~~e~~'), 'a b c d e');
  assert.equal(markdownText('snake_case_name and 2*3*4'), 'snake_case_name and 2*3*4', 'markers inside words stay');
  assert.equal(markdownText('`**not bold**` and \\*literal\\*'), '**not bold** and *literal*', 'code and escapes as written');
  assert.equal(markdownText('```\ncode\n```\nafter ![a cat](https://x/cat.png) <https://a.b/c>'), 'code after a cat https://a.b/c');
  assert.equal(markdownText('first line\nsecond   line'), 'first line second line', 'one line');
});

test('whitespace becomes single spaces', () => {
  assert.equal(oneLine('  a\n\tb  c '), 'a b c');
});

test('a mention reads by name where the page knows it, else by login', () => {
  assert.equal(mentionText('bob', 'Bob Smith'), '@Bob Smith');
  assert.equal(mentionText('bob', ''), '@bob');
  assert.equal(mentionText('bob', undefined), '@bob');
  assert.equal(mentionText('bob', '  '), '@bob');
});

test('a message reads from its html when it has one, else from its Markdown', () => {
  assert.equal(messageLine({text: 'a **b**', html: '<p>a <strong>b</strong></p>'}), 'a b');
  assert.equal(messageLine({text: 'a **b** [c](https://x)'}), 'a b c', 'a quote of a message the page does not hold');
  assert.equal(messageLine({text: '', html: ''}), '', 'files only');
});
