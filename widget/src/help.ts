/** Lazy chunk `help.js`: the markdown help's list, put in the composer's `<details>` as it first opens. */
import type { Strings } from './i18n.js';

const MD: [string, string][] = [
  ['**', '**'],
  ['_', '_'],
  ['[', '](https://…)'],
  ['`', '`'],
  ['> ', ''],
  ['- ', ''],
];

/** What each line shows, in English (other languages' are `md` in their locale file). */
export const EN = ['bold', 'italic', 'link', 'code', 'quote', 'list item'];

export function help(d: HTMLDetailsElement, t: Strings): void {
  if (d.querySelector('ul')) return;
  const ul = document.createElement('ul');
  ul.style.cssText = 'display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:.25rem 0 0';
  for (const [i, [a, b]] of MD.entries()) {
    const code = ul.appendChild(document.createElement('li')).appendChild(document.createElement('code'));
    code.textContent = a + (t.md ?? EN)[i] + b;
  }
  d.append(ul);
}
