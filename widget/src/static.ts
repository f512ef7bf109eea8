/**
 * embed.js's `preact` (vite.config.ts aliases it there only): the same components (App, Item, Composer, ...)
 * rendered to an HTML string for the first view, which app.js then hydrates with Preact. One source of truth for
 * the markup, so no template to keep in step; first-view.test.ts checks the string against Preact's own DOM.
 * Attributes come out as Preact's property sets leave them (`defaultValue` as `value`, aria-* booleans spelled).
 */

type Props = Record<string, unknown>;
interface VNode {
  t: unknown;
  p: Props;
}
type Ctor = new (p: Props) => { props: Props; state: unknown; render(p: Props, s: unknown): unknown };

export function h(t: unknown, p: Props | null, ...kids: unknown[]): VNode {
  return { t, p: kids.length ? { ...p, children: kids.length > 1 ? kids : kids[0] } : { ...p } };
}

export const Fragment = (p: Props) => p.children;

/** What the components call outside rendering never runs in a first view: only the shape is needed. */
export class Component {
  state = {};
  constructor(public props: Props) {}
  setState() {}
  forceUpdate() {}
}

export const createRef = () => ({ current: null });

const esc = (s: unknown) =>
  String(s).replace(/[&<>"]/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot' }[c]};`);

/** The HTML of `v`, everything escaped but `dangerouslySetInnerHTML` (a comment's sanitized `html`). */
export function html(v: unknown): string {
  if (v == null || typeof v === 'boolean') return '';
  if (Array.isArray(v)) return v.map(html).join('');
  if (typeof v !== 'object') return esc(v);
  const { t, p } = v as VNode;
  if (typeof t === 'function') {
    if (!t.prototype?.render) return html(t(p));
    const c = new (t as Ctor)(p);
    return html(c.render(c.props, c.state));
  }
  let a = '';
  let inner = html(p.children);
  for (const k in p) {
    const x = p[k];
    if (/^(children|key|ref|on.*)$/.test(k) || x == null || (x === false && k[4] !== '-')) continue;
    if (k === 'dangerouslySetInnerHTML') inner = (x as { __html: string }).__html;
    // A select's value is its option's selectedness; a textarea's its text.
    else if (k === 'value' && t === 'select') inner = inner.replace(`value="${esc(x)}"`, '$& selected');
    else if (k === 'value' && t === 'textarea') inner = esc(x);
    else
      a += ` ${k === 'defaultValue' ? 'value' : k === 'defaultChecked' ? 'checked' : k}${x === true && k[4] !== '-' ? '' : `="${esc(x)}"`}`;
  }
  return `<${t}${a}>${t === 'input' ? '' : `${inner}</${t}>`}`;
}
