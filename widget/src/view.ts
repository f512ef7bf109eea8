/**
 * The embed's own small renderer, in Preact's shape (h, Fragment, class components with setState and forceUpdate,
 * function components, keyed children, object refs, dangerouslySetInnerHTML): a first view carries about a quarter
 * of Preact's bytes. As Preact does, it moves a node only when its order among its siblings changed, so nodes the
 * lazy chunks add (remote badges, the signed-in bar, a Report button, the help's list) stay where they were put.
 * A class component renders one element (or component of one); the admin page keeps Preact.
 */
import type { ComponentChildren, RenderableProps } from 'preact';

type Props = Record<string, unknown> & { children?: unknown };

/** A rendered node: an element, a text (type TEXT, its text as props), a fragment, or a component. */
export interface VNode {
  type: unknown;
  props: Props | string;
  key?: unknown;
  ref?: { current: unknown } | null;
  /** The element or text node shown (elements and texts only). */
  dom?: Node;
  /** What an element, fragment or function component rendered. */
  kids?: Kids;
  /** A class component's instance. */
  c?: Component<object, object>;
}
type Kids = (VNode | null)[];
/** Callbacks run once a render is in the document: mounts, updates, setState callbacks. */
type Commit = (() => unknown)[];

const TEXT = '';
const SVG = 'http://www.w3.org/2000/svg';

export function Fragment(props: { children?: ComponentChildren }) {
  return props.children;
}

/** JSX's element factory (esbuild's jsxFactory): key and ref are kept apart from the props. */
export function h(type: unknown, props: Props | null, ...children: unknown[]): VNode {
  const { key, ref, ...rest } = props ?? {};
  if (children.length) rest.children = children;
  return { type, props: rest, key, ref: ref as VNode['ref'] };
}

export const createRef = <T>(): { current: T | null } => ({ current: null });

let queue: Component<object, object>[] = [];

/** Renders the components whose state changed, once the current task's synchronous work is done. */
function enqueue(c: Component<object, object>) {
  if (c._dirty) return;
  c._dirty = true;
  if (queue.push(c) === 1)
    queueMicrotask(() => {
      const dirty = queue;
      queue = [];
      for (const d of dirty) if (d._dirty && !d._gone) rerender(d);
    });
}

export abstract class Component<P = object, S = object> {
  state = {} as Readonly<S>;
  props: RenderableProps<P>;
  context: unknown;
  /** The component's first DOM node. */
  base?: Element | Text;
  /** The state of the next render (setState merges into a copy of the current one). */
  _next?: S;
  _kids: Kids = [];
  _dirty = false;
  _gone = false;
  _callbacks: Commit = [];

  constructor(props: P) {
    this.props = props as RenderableProps<P>;
  }

  setState<K extends keyof S>(
    update: ((state: Readonly<S>, props: Readonly<P>) => Pick<S, K> | Partial<S> | null) | Partial<S> | null,
    callback?: () => void,
  ): void {
    if (this._next === this.state || !this._next) this._next = { ...this.state };
    const next = this._next;
    Object.assign(next as object, typeof update === 'function' ? update(next, this.props) : update);
    this.forceUpdate(callback);
  }

  forceUpdate(callback?: () => void): void {
    if (callback) this._callbacks.push(callback);
    enqueue(this as Component<object, object>);
  }

  abstract render(props?: RenderableProps<P>, state?: Readonly<S>): ComponentChildren;

  componentDidMount?(): unknown;
  componentDidUpdate?(prevProps: P, prevState: S): unknown;
  componentWillUnmount?(): unknown;
}

/** Renders `v` into `parent` (null: unmounts what was there), diffing against the last render there. */
export function render(v: ComponentChildren, parent: ParentNode & { _kids?: Kids }): void {
  const commit: Commit = [];
  parent._kids = children([node(v)], parent._kids ?? [], false, commit);
  place(parent, parent._kids);
  for (const f of commit) f();
}

/** A component's own render (its setState or forceUpdate), its element replaced in place if its type changed. */
function rerender(c: Component<object, object>) {
  const before = nodes(c._kids);
  const last = before.at(-1);
  const parent = last?.parentNode;
  const after = last?.nextSibling ?? null;
  const commit: Commit = [];
  const props = c.props;
  const state = c.state;
  draw(c, false, commit, () => c.componentDidUpdate?.(props, state));
  for (const n of nodes(c._kids)) if (n.parentNode !== parent) parent?.insertBefore(n, after);
  for (const f of commit) f();
}

/**
 * Renders a class component with its pending state; once in the document (after its children's), `done` (its
 * componentDidMount or componentDidUpdate) and then the setState callbacks, as Preact orders them.
 */
function draw(c: Component<object, object>, svg: boolean, commit: Commit, done: () => unknown) {
  c.state = c._next ?? c.state;
  c._dirty = false;
  const callbacks = c._callbacks.splice(0);
  c._kids = children([node(c.render(c.props, c.state))], c._kids, svg, commit);
  c.base = nodes(c._kids)[0] as Element;
  commit.push(() => {
    done();
    for (const f of callbacks) f();
  });
}

/** A child as rendered: nothing (null, booleans), a text, a fragment (an array), or a copy of a vnode. */
function node(x: unknown): VNode | null {
  if (x == null || typeof x === 'boolean') return null;
  if (Array.isArray(x)) return { type: Fragment, props: { children: x } };
  return typeof x === 'object' ? { ...(x as VNode) } : { type: TEXT, props: String(x) };
}

const list = (x: unknown): Kids => (Array.isArray(x) ? x : [x]).map(node);

/** The DOM nodes the children show, in order. */
const nodes = (kids: Kids = []): Node[] =>
  kids.flatMap((v) => (!v ? [] : v.dom ? [v.dom] : nodes(v.c ? v.c._kids : v.kids)));

/** Diffs new children against old: same type and key match (at the same place first), the rest unmounted. */
function children(kids: Kids, old: Kids, svg: boolean, commit: Commit): Kids {
  const left = [...old];
  kids.forEach((v, i) => {
    if (!v) return;
    const same = (o: VNode | null) => o && o.type === v.type && o.key === v.key;
    const j = same(left[i] ?? null) ? i : left.findIndex(same);
    diff(v, j < 0 ? null : (left[j] ?? null), svg, commit);
    if (j >= 0) left[j] = null;
  });
  for (const o of left) if (o) unmount(o, true);
  return kids;
}

/**
 * Puts the children's nodes in order in `parent`: a node already after the one before it stays (others the
 * parent holds stay beside it), the rest are moved or inserted right after the one before.
 */
function place(parent: ParentNode, kids: Kids) {
  let prev: Node | null = null;
  for (const n of nodes(kids)) {
    if (
      n.parentNode !== parent ||
      (prev && !(prev.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_FOLLOWING))
    )
      parent.insertBefore(n, prev ? prev.nextSibling : parent.firstChild);
    prev = n;
  }
}

type Dom = Element & Record<string, unknown> & { _on?: Record<string, ((e: Event) => void) | null> };

function diff(v: VNode, old: VNode | null, svg: boolean, commit: Commit) {
  const { type } = v;
  const props = v.props as Props;
  if (type === TEXT) {
    const text = (old?.dom ?? document.createTextNode('')) as Text;
    v.dom = text;
    if (text.data !== v.props) text.data = v.props as string;
  } else if (type === Fragment) {
    v.kids = children(list(props.children), old?.kids ?? [], svg, commit);
  } else if (typeof type === 'function' && type.prototype?.render) {
    const mounting = !old?.c;
    const c = old?.c ?? new (type as new (p: Props) => Component<object, object>)(props);
    v.c = c;
    const prevProps = c.props;
    const prevState = c.state;
    c.props = props as RenderableProps<object>;
    draw(c, svg, commit, () =>
      mounting ? c.componentDidMount?.() : c.componentDidUpdate?.(prevProps, prevState),
    );
  } else if (typeof type === 'function') {
    v.kids = children([node(type(props))], old?.kids ?? [], svg, commit);
  } else {
    const tag = type as string;
    svg ||= tag === 'svg';
    const dom = (old?.dom ?? (svg ? document.createElementNS(SVG, tag) : document.createElement(tag))) as Dom;
    v.dom = dom;
    const was = (old?.props ?? {}) as Props;
    const html = (props.dangerouslySetInnerHTML as { __html: string } | undefined)?.__html;
    if (html != null) {
      children([], old?.kids ?? [], svg, commit);
      v.kids = [];
      if (html !== (was.dangerouslySetInnerHTML as { __html: string } | undefined)?.__html)
        dom.innerHTML = html;
    } else {
      if (was.dangerouslySetInnerHTML) dom.textContent = '';
      v.kids = children(list(props.children), old?.kids ?? [], svg, commit);
      place(dom, v.kids);
    }
    for (const k in was) if (!(k in props)) set(dom, k, null, svg);
    for (const k in props) if (props[k] !== was[k]) set(dom, k, props[k], svg);
    // After the children: a select's value needs its options.
    for (const k of ['value', 'checked'])
      if (props[k] !== undefined && props[k] !== dom[k]) dom[k] = props[k];
    if (v.ref) v.ref.current = dom;
  }
}

function listen(this: Dom, e: Event) {
  this._on?.[e.type]?.(e);
}

/** Sets a prop as Preact does: `on*` as listeners, a DOM property where the element has it, else an attribute. */
function set(dom: Dom, name: string, value: unknown, svg: boolean) {
  if (/^(children|dangerouslySetInnerHTML|value|checked)$/.test(name)) return;
  if (name.startsWith('on')) {
    const type = name.slice(2).toLowerCase();
    dom._on ??= {};
    if (!(type in dom._on)) dom.addEventListener(type, listen);
    dom._on[type] = value as (e: Event) => void;
    return;
  }
  if (!svg && !/^(width|height|href|list|form|tabIndex|download|role)$/.test(name) && name in dom)
    try {
      dom[name] = value ?? '';
      return;
    } catch {
      // A read-only property: the attribute instead.
    }
  // aria-* keep false as "false"; other attributes go when false or empty.
  if (value != null && (value !== false || name[4] === '-')) dom.setAttribute(name, String(value));
  else dom.removeAttribute(name);
}

/** Unmounts a vnode: components told first, its ref cleared, the top nodes removed (`remove`). */
function unmount(v: VNode, remove: boolean) {
  const c = v.c;
  if (c) {
    c._gone = true;
    c.componentWillUnmount?.();
  }
  // Unless the ref already holds what replaced it (the new node is set before the old one goes).
  if (v.ref && v.ref.current === v.dom) v.ref.current = null;
  for (const k of (c ? c._kids : v.kids) ?? []) if (k) unmount(k, remove && !v.dom);
  if (remove && v.dom) (v.dom as ChildNode).remove();
}
