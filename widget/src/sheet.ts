/** A lazy chunk's own styles (what a first view does not show, so embed.js's stylesheet carries none of it). */

const sheets = new Map<string, CSSStyleSheet>();

/** Adopts `css` into the thread's shadow root, once per root, beside the thread's stylesheet. */
export function adopt(root: Node | undefined, css: string): void {
  if (!(root instanceof ShadowRoot)) return;
  let sheet = sheets.get(css);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    sheets.set(css, sheet);
  }
  if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
