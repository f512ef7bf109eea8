/**
 * Lazy chunk `app.js`: Preact and the thread's components, loaded on the reader's first interaction with a first
 * view (or at once where that view needs them). It hydrates the first view's markup (the same nodes: focus, what
 * was typed and selected stay) and replays what the reader did before it was there; later draws render anew.
 */
import { hydrate, render } from 'preact';
import { App, type Props } from './app.js';

/** What the first view held back until the app was there: an event's type, its target and a form's submitter. */
export type Held = [type: string, target: Element, submitter?: HTMLElement | null];

/** Renders the thread into `box` (none: empties it); with `held`, hydrates the first view's markup first. */
export async function draw(box: ParentNode, p?: Props, held?: Held[]): Promise<void> {
  const v = p && <App key={`${p.o.site} ${p.o.page} ${p.lang} ${p.o.limit}`} {...p} />;
  if (!held) return render(v, box as Element);
  // Hydration sets a textarea's value from the state: what the reader typed is put back, with its selection.
  const typed = [...box.querySelectorAll('textarea')].map(
    (t) => [t, t.value, t.selectionStart, t.selectionEnd] as const,
  );
  hydrate(v, box as Element);
  for (const [t, text, start, end] of typed) {
    t.value = text;
    t.setSelectionRange(start, end);
  }
  // The fields a composer's state follows take what they hold; then the clicks, submits and changes, in order,
  // each once the renders of the one before are done.
  for (const f of box.querySelectorAll('textarea,input[type=email]')) f.dispatchEvent(new Event('input'));
  for (const [type, t, submitter] of held) {
    await null;
    if (!t.isConnected) continue;
    if (type === 'click') (t as HTMLElement).click();
    else if (type === 'submit') (t as HTMLFormElement).requestSubmit(submitter);
    else t.dispatchEvent(new Event(type, { bubbles: true }));
  }
}
