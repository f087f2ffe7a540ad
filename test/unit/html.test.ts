import assert from 'node:assert/strict';
import { test } from 'node:test';
import { html, raw } from '../../src/web/html.ts';

test('html: interpolated text is escaped, nested templates are not', () => {
  const name = '<script>alert("x")</script>&\'';
  const inner = html`<b>${name}</b>`;
  assert.equal(
    html`<p title="${name}">${inner}</p>`.value,
    '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;"><b>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</b></p>',
  );
  assert.equal(html`${[1, 'a<', null, false, raw('<i>')]}`.value, '1a&lt;<i>');
});
