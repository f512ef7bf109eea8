/** escapeHtml / escapeXml / xmlCdata: exact output, and what a strict XML parser reads back. */
import sax from 'sax';
import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeXml, xmlCdata, xmlChars } from './escape.js';

/** Parses one `<e a="…" b='…'>…</e>` strictly; returns the attribute values and the text read. */
function readBack(xml: string): { attrs: Record<string, string>; text: string } {
  const parser = sax.parser(true);
  const out = { attrs: {} as Record<string, string>, text: '' };
  parser.onopentag = (node) => {
    out.attrs = node.attributes as Record<string, string>;
  };
  parser.ontext = (t) => {
    out.text += t;
  };
  parser.oncdata = (t) => {
    out.text += t;
  };
  parser.onerror = (err) => {
    throw err;
  };
  parser.write(xml).close();
  return out;
}

const HOSTILE = [
  `<script>alert("x")</script>`,
  `" onmouseover="alert(1)`,
  `' onmouseover='alert(1)`,
  'Tom & Jerry',
  '&amp; already escaped, &lt;b&gt; too, &#39; and &#x27;',
  '& alone, &; &#; &unknown;',
  ']]> ends a CDATA section',
  'tabs\tnewlines\nand\r\ncarriage returns',
  'emoji 👋🏽 and 中文 and ünïcödé',
];

describe('escapeHtml', () => {
  it('turns & < > " and \' into entities, every & included', () => {
    expect(escapeHtml(`a & b < c > d "e" 'f'`)).toBe('a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39;');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
    expect(escapeHtml('&#39;')).toBe('&amp;#39;');
    expect(escapeHtml('')).toBe('');
    expect(escapeHtml('plain text, nothing to do')).toBe('plain text, nothing to do');
  });

  it('keeps text in a double- or single-quoted attribute and in an element, as written', () => {
    for (const s of HOSTILE) {
      const doc = `<e a="${escapeHtml(s)}" b='${escapeHtml(s)}'>${escapeHtml(s)}</e>`;
      const back = readBack(doc);
      // Parsers may normalise whitespace in attribute values; every other character comes back.
      expect(Object.keys(back.attrs)).toEqual(['a', 'b']);
      expect(back.attrs.a?.replace(/\s/g, '')).toBe(s.replace(/\s/g, ''));
      expect(back.attrs.b).toBe(back.attrs.a);
      expect(back.text).toBe(s);
    }
  });

  it('leaves paired surrogates alone and makes a lone one U+FFFD', () => {
    expect(escapeHtml('👋')).toBe('👋');
    expect(escapeHtml('a\ud83db')).toBe('a\ufffdb');
    expect(escapeHtml('a\udc4bb')).toBe('a\ufffdb');
    expect(escapeHtml('👋'.slice(0, 1))).toBe('\ufffd');
    const cut = escapeHtml(`${'👋'.slice(0, 1)}<`);
    expect(Buffer.from(cut, 'utf8').toString('utf8')).toBe(cut);
  });
});

describe('escapeXml', () => {
  it('escapes like escapeHtml and drops characters XML 1.0 cannot hold', () => {
    expect(escapeXml('a\u0000b\u0008c\u000bd\u000ce\u001ff\ufffeg\uffffh')).toBe('abcdefgh');
    expect(escapeXml('tab\tlf\ncr\r')).toBe('tab\tlf\ncr\r');
    expect(escapeXml(`<x a="1">&'`)).toBe('&lt;x a=&quot;1&quot;&gt;&amp;&#39;');
    expect(escapeXml('\ud800')).toBe('\ufffd');
  });

  it('always yields text a strict XML parser accepts and reads back', () => {
    const nasty = `${HOSTILE.join(' ')} \u0001\u0002\u001b\ufffe \ud800 end`;
    const doc = `<e a="${escapeXml(nasty)}">${escapeXml(nasty)}</e>`;
    const back = readBack(doc);
    expect(back.text).toBe(xmlChars(nasty));
    expect(back.text).toContain('<script>alert("x")</script>');
    expect(back.text).toContain('\ufffd end');
  });
});

describe('xmlCdata', () => {
  it('wraps text in CDATA and splits a ]]> so it cannot end the section early', () => {
    expect(xmlCdata('<b>bold</b>')).toBe('<![CDATA[<b>bold</b>]]>');
    expect(xmlCdata('a]]>b')).toBe('<![CDATA[a]]]]><![CDATA[>b]]>');
    for (const s of HOSTILE) expect(readBack(`<e>${xmlCdata(s)}</e>`).text).toBe(s);
  });

  it('drops characters XML cannot hold there too', () => {
    expect(xmlCdata('a\u0000b\ud800')).toBe('<![CDATA[ab\ufffd]]>');
  });
});
