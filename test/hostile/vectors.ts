/** Hostile input written for this suite: every vector, if it ever ran, would call `window.__pwned(<name>)`. */

export interface Vector {
  name: string;
  text: string;
}

const P = (name: string) => `__pwned('${name}')`;

/** Markdown and HTML vectors for comment bodies (and, as plain text, for every other field). */
export const VECTORS: Vector[] = [
  { name: 'md-link-js', text: `[click me](javascript:${P('md-link-js')})` },
  { name: 'md-link-js-mixed-case', text: `[x](JaVaScRiPt:${P('md-link-js-mixed-case')})` },
  { name: 'md-link-js-entity', text: `[x](&#106;avascript:${P('md-link-js-entity')})` },
  { name: 'md-link-js-hex-entity', text: `[x](&#x6A;&#x61;vascript&#x3A;${P('md-link-js-hex-entity')})` },
  { name: 'md-link-js-tab', text: `[x](java\tscript:${P('md-link-js-tab')})` },
  { name: 'md-link-js-newline-escape', text: `[x](java%0ascript:${P('md-link-js-newline-escape')})` },
  { name: 'md-link-js-leading-space', text: `[x]( \u0001javascript:${P('md-link-js-leading-space')})` },
  { name: 'md-link-vbscript', text: `[x](vbscript:${P('md-link-vbscript')})` },
  {
    name: 'md-link-data-html',
    text: `[x](data:text/html;base64,PHNjcmlwdD5fX3B3bmVkKCdkYXRhJyk8L3NjcmlwdD4=)`,
  },
  { name: 'md-link-data-svg', text: `[x](data:image/svg+xml,<svg onload="${P('md-link-data-svg')}">)` },
  { name: 'md-link-protocol-relative', text: '[x](//evil.example/x.js)' },
  {
    name: 'md-link-title-break',
    text: `[x](https://ok.example "a\\" onmouseover=\\"${P('md-link-title-break')}")`,
  },
  { name: 'md-ref-link', text: `[x][r]\n\n[r]: javascript:${P('md-ref-link')}` },
  { name: 'md-image-js', text: `![alt](javascript:${P('md-image-js')})` },
  { name: 'md-image-onerror', text: `![x" onerror="${P('md-image-onerror')}](https://nope.invalid/x.png)` },
  { name: 'md-image-data', text: `![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9Il9fcHduZWQoMSkiLz4=)` },
  { name: 'md-autolink-js', text: `<javascript:${P('md-autolink-js')}>` },
  { name: 'md-autolink-data', text: '<data:text/html,<script>__pwned(1)</script>>' },
  { name: 'linkify-js', text: `see javascript:${P('linkify-js')} now` },
  { name: 'raw-script', text: `<script>${P('raw-script')}</script>` },
  { name: 'raw-img-onerror', text: `<img src=x onerror="${P('raw-img-onerror')}">` },
  { name: 'raw-svg-onload', text: `<svg onload="${P('raw-svg-onload')}"><circle r="1"/></svg>` },
  { name: 'raw-svg-script', text: `<svg><script>${P('raw-svg-script')}</script></svg>` },
  {
    name: 'raw-svg-animate',
    text: `<svg><a><animate attributeName="href" values="javascript:${P('raw-svg-animate')}"/><text y="20">x</text></a></svg>`,
  },
  {
    name: 'raw-iframe-srcdoc',
    text: `<iframe srcdoc="<script>parent.${P('raw-iframe-srcdoc')}</script>"></iframe>`,
  },
  { name: 'raw-a-js', text: `<a href="javascript:${P('raw-a-js')}">x</a>` },
  { name: 'raw-a-entity', text: `<a href="&#x6A;avascript:${P('raw-a-entity')}">x</a>` },
  { name: 'raw-details-ontoggle', text: `<details open ontoggle="${P('raw-details-ontoggle')}">x</details>` },
  { name: 'raw-body-onload', text: `<body onload="${P('raw-body-onload')}">` },
  {
    name: 'raw-style-expression',
    text: `<div style="background:url(javascript:${P('raw-style-expression')})">x</div>`,
  },
  {
    name: 'raw-style-tag',
    text: `<style>@import 'javascript:${P('raw-style-tag')}';*{background:url(//evil.example/x)}</style>`,
  },
  { name: 'raw-link-import', text: '<link rel="stylesheet" href="//evil.example/x.css">' },
  {
    name: 'raw-meta-refresh',
    text: `<meta http-equiv="refresh" content="0;url=javascript:${P('raw-meta-refresh')}">`,
  },
  {
    name: 'raw-form-action',
    text: `<form action="javascript:${P('raw-form-action')}"><button>go</button></form>`,
  },
  { name: 'raw-object-data', text: '<object data="data:text/html,<script>__pwned(1)</script>"></object>' },
  { name: 'raw-math-href', text: `<math><mi xlink:href="javascript:${P('raw-math-href')}">x</mi></math>` },
  {
    name: 'raw-template-mxss',
    text: `<noscript><p title="</noscript><img src=x onerror=${P('raw-template-mxss')}>">`,
  },
  { name: 'raw-comment-break', text: `<!--><img src=x onerror=${P('raw-comment-break')}>-->` },
  { name: 'inline-code-html', text: `\`<img src=x onerror=${P('inline-code-html')}>\`` },
  { name: 'fenced-code-html', text: `\`\`\`html\n<script>${P('fenced-code-html')}</script>\n\`\`\`` },
  { name: 'unicode-fullwidth-lt', text: `＜script＞${P('unicode-fullwidth-lt')}＜/script＞` },
  { name: 'unicode-rtl-override', text: `[\u202Egnp.exe](javascript:${P('unicode-rtl-override')})` },
  { name: 'unicode-zero-width-scheme', text: `[x](java\u200bscript:${P('unicode-zero-width-scheme')})` },
  { name: 'unicode-lone-surrogate', text: `\ud800<img src=x onerror=${P('unicode-lone-surrogate')}>` },
  { name: 'nul-in-tag', text: `<scr\u0000ipt>${P('nul-in-tag')}</scr\u0000ipt>` },
  {
    name: 'template-literal',
    text: `{{constructor.constructor('${P('template-literal')}')()}} \${${P('template-literal')}}`,
  },
];

/** Short values for one-line fields (name, website, title, url, page). */
export const LINE_VECTORS: Vector[] = [
  { name: 'line-script', text: `<script>${P('line-script')}</script>` },
  { name: 'line-img', text: `"><img src=x onerror=${P('line-img')}>` },
  { name: 'line-js-url', text: `javascript:${P('line-js-url')}` },
  { name: 'line-js-url-mixed', text: ` JaVaScRiPt:${P('line-js-url-mixed')}` },
  { name: 'line-data-url', text: 'data:text/html,<script>__pwned(1)</script>' },
  { name: 'line-protocol-relative', text: '//evil.example/' },
  { name: 'line-attr-break', text: `x' onmouseover='${P('line-attr-break')}` },
  { name: 'line-svg', text: `<svg/onload=${P('line-svg')}>` },
];

const SAFE_TAGS = new Set(
  'p br hr strong em del s code pre blockquote ul ol li a h1 h2 h3 h4 h5 h6'.split(' '),
);
const SAFE_ATTRS = new Set(['href', 'rel', 'target', 'start']);

function decodeEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#([0-9]+);?/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;|&newline;/gi, '')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/**
 * Why an HTML string (server output) could run script or load something, or undefined when it is inert:
 * every real tag (text is escaped, so a literal `<` starts a tag) must be on the allowlist, with allowed
 * attributes only, and every URL absolute http(s) or mailto.
 */
export function dangerousHtml(html: string): string | undefined {
  for (const m of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9:-]*)([^>]*)>/g)) {
    const tag = m[1]!.toLowerCase();
    if (!SAFE_TAGS.has(tag)) return `tag <${tag}>`;
    for (const a of (m[2] ?? '').matchAll(/([^\s="'/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      const name = a[1]!.toLowerCase();
      if (!SAFE_ATTRS.has(name)) return `attribute ${name} on <${tag}>`;
      const value = decodeEntities(a[2] ?? a[3] ?? a[4] ?? '').replace(/[\u0000-\u0020]/g, '');
      if (name === 'href' && !/^(https?:\/\/[^/]|mailto:)/i.test(value)) return `href ${value}`;
    }
  }
  if (/<[a-zA-Z!/?]/.test(html.replace(/<\/?[a-zA-Z][a-zA-Z0-9:-]*[^>]*>/g, ''))) return 'unparsed tag';
  return undefined;
}
