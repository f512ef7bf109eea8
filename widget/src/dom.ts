/** What the lazy chunks' dialogs are built with (plain DOM, no preact of their own): elements and a modal. */

/** Builds an element with attributes and children (strings become text). */
export function el(tag: string, attrs: Record<string, string> = {}, ...kids: Array<Node | string>) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...kids);
  return e;
}

// The blog may make the widget's background transparent (its page then shows through): Canvas lies under it.
const STYLE =
  'dialog{color:var(--fg);background:linear-gradient(var(--bg),var(--bg)),Canvas;border:1px solid var(--bd);border-radius:var(--r);' +
  'max-width:min(32rem,90vw);padding:1rem}dialog::backdrop{background:#0006}fieldset{border:0;margin:0;' +
  'padding:0;display:grid;gap:.3rem}legend{padding:0;margin-bottom:.3rem}h3{margin:0;font-size:1.1em}' +
  '.chk{gap:.4rem;color:var(--fg)}';

/**
 * Opens a native modal `<dialog>` labelled by the element of id `label` in the thread's `root` (focus moves
 * into it, Escape closes it); closed, it is removed and focus goes back to `opener`.
 */
export function modal(root: Element, label: string, opener: HTMLElement | null, ...kids: Node[]) {
  const d = el('dialog', { 'aria-labelledby': label }, el('style', {}, STYLE), ...kids) as HTMLDialogElement;
  d.onclose = () => {
    d.remove();
    opener?.focus();
  };
  root.append(d);
  d.showModal();
  return d;
}
