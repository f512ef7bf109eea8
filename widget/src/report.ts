/**
 * Lazy chunk `report.js`: the report dialog (a native modal `<dialog>`: focus moves into it, Escape closes it,
 * focus goes back to the button that opened it), loaded on the first click of a comment's Report action.
 */
import { REPORT_LIMITS, REPORT_REASONS } from '../../api/src/contract/limits.js';
import { call } from './api.js';
import type { App } from './app.js';
import { el, modal } from './dom.js';

/** The dialog's texts in English; every other language's are in its locale file (`report`). */
export const EN = {
  action: 'Report',
  title: 'Report this comment',
  why: 'Why should the moderators look at it?',
  reasons: ['Spam', 'Abuse or harassment', 'Off-topic', 'Illegal content', 'Something else'],
  text: 'Anything to add? (optional)',
  send: 'Send report',
  sent: 'Thank you. The moderators will look at this comment.',
  done: 'Reported',
};
export type ReportTexts = typeof EN;

/** Opens the dialog for comment `id` of the thread; `opener` gets focus back, and says "Reported" once sent. */
export function open(app: App, id: string, opener: HTMLButtonElement): void {
  const root = app.root.current;
  if (!root) return;
  const t = { ...EN, ...app.props.t.report };
  const n = `aw-rp-${id}`;
  const reasons = REPORT_REASONS.map((r, i) =>
    el(
      'label',
      { class: 'chk' },
      el('input', { type: 'radio', name: 'reason', value: r, ...(i === 0 ? { required: '' } : {}) }),
      t.reasons[i] ?? r,
    ),
  );
  const err = el('p', { class: 'err', role: 'alert' });
  const send = el('button', { type: 'submit', class: 'pri' }, t.send) as HTMLButtonElement;
  const cancel = el('button', { type: 'button' }, app.props.t.cancel);
  const form = el(
    'form',
    { class: 'form', method: 'dialog' },
    el('h3', { id: `${n}-h` }, t.title),
    el('fieldset', {}, el('legend', {}, t.why), ...reasons),
    el(
      'label',
      {},
      t.text,
      el('textarea', { name: 'text', maxlength: String(REPORT_LIMITS.text), rows: '3' }),
    ),
    err,
    el('div', { class: 'acts' }, send, cancel),
  ) as HTMLFormElement;
  const dialog = modal(root, `${n}-h`, opener, form);
  cancel.onclick = () => dialog.close();
  form.onsubmit = async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    send.disabled = true;
    err.textContent = '';
    try {
      const text = String(data.get('text') ?? '').trim();
      await call(app.props.o, `/comments/${id}/report`, 'POST', {
        reason: data.get('reason'),
        ...(text ? { text } : {}),
      });
      done(app, opener, t);
      dialog.close();
    } catch (f) {
      // Already reported from this browser: said, and the action shows as done.
      if ((f as { code?: string }).code === 'already_reported') done(app, opener, t);
      err.textContent = await app.explain(f);
      send.disabled = false;
    }
  };
}

/** The action says it is done and does nothing more (still focusable: focus comes back to it). */
function done(app: App, opener: HTMLButtonElement, t: typeof EN) {
  opener.textContent = t.done;
  opener.setAttribute('aria-disabled', 'true');
  opener.onclick = null;
  app.setState({ msg: t.sent });
}
