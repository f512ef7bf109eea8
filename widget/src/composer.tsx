/** The comment form: new comment, reply in place, or edit; markdown help, preview, remembered identity. */
import { Component } from 'preact';
import { AUTHOR_LIMITS } from '../../api/src/contract/limits.js';
import { type Comment, call, type EditedComment, type Posted, type PreviewResult } from './api.js';
import type { ThreadProps } from './comment.js';
import { fmt } from './i18n.js';
import { me, mine, randomKey, setMe } from './store.js';

const MD: [string, string][] = [
  ['**', '**'],
  ['_', '_'],
  ['[', '](https://…)'],
  ['`', '`'],
  ['> ', ''],
  ['- ', ''],
];

type Props = Pick<
  ThreadProps,
  'options' | 't' | 'composeToken' | 'maxLength' | 'onPosted' | 'onEdited' | 'explain'
> & {
  parent?: Comment;
  edit?: Comment;
  done?: () => void;
};

interface State {
  body: string;
  email: string;
  /** Preview HTML while previewing, else null. */
  pv: string | null;
  busy: boolean;
  err: string;
}

export class Composer extends Component<Props, State> {
  who = me();
  override state: State = {
    body: this.props.edit ? (mine()[this.props.edit.id]?.b ?? '') : '',
    email: this.who.email ?? '',
    pv: null,
    busy: false,
    err: '',
  };
  /** One Idempotency-Key per comment composed: a retried or doubled submit cannot post twice. */
  key = randomKey();
  sending = false;

  submit = async (e: Event) => {
    e.preventDefault();
    if (this.sending) return;
    const { options: o, parent, edit, done, onPosted, onEdited, explain } = this.props;
    const { body } = this.state;
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const field = (n: string) => String(f.get(n) ?? '').trim();
    this.sending = true;
    this.setState({ busy: true, err: '' });
    try {
      if (edit) {
        const r = await call<EditedComment>(
          o,
          `/comments/${edit.id}`,
          'PATCH',
          { body },
          {
            'X-Afterword-Edit-Token': mine()[edit.id]?.t ?? '',
          },
        );
        onEdited(r.comment, body);
      } else {
        const author = { name: field('name'), email: field('email'), website: field('website') };
        const notify = !!author.email && f.get('notify') === 'on';
        setMe({ ...author, notify });
        const r = await call<Posted>(
          o,
          '/comments',
          'POST',
          {
            site: o.site,
            page: o.page,
            parentId: parent?.id,
            body,
            author,
            title: o.title ?? document.title,
            url: o.url ?? location.origin + location.pathname,
            notify,
            composeToken: this.props.composeToken,
            hp: field('hp') || undefined,
          },
          { 'Idempotency-Key': this.key },
        );
        this.key = randomKey();
        this.setState({ body: '', pv: null });
        onPosted(r, body);
      }
      done?.();
    } catch (err) {
      this.setState({ err: await explain(err) });
    } finally {
      this.sending = false;
      this.setState({ busy: false });
    }
  };

  preview = async () => {
    const { options: o, explain } = this.props;
    if (this.state.pv !== null) return this.setState({ pv: null });
    try {
      const r = await call<PreviewResult>(o, '/preview', 'POST', { body: this.state.body, site: o.site });
      this.setState({ pv: r.html });
    } catch (err) {
      this.setState({ err: await explain(err) });
    }
  };

  render({ t, parent, edit, done, maxLength }: Props, { body, email, pv, busy, err }: State) {
    const who = this.who;
    return (
      <form class="form" part="composer" onSubmit={this.submit}>
        <label class="lbl">
          {edit ? t.editing : parent ? fmt(t.replyTo, { name: parent.author.name }) : t.write}
          <textarea
            part="textarea"
            name="body"
            rows={4}
            required
            maxLength={maxLength}
            value={body}
            hidden={pv !== null}
            onInput={(e) => this.setState({ body: e.currentTarget.value })}
          />
        </label>
        {pv !== null && (
          <div class="body pv" part="preview" dangerouslySetInnerHTML={{ __html: pv || '&nbsp;' }} />
        )}
        {!edit && (
          <div class="who">
            <label>
              {t.name}
              <input name="name" autoComplete="name" maxLength={AUTHOR_LIMITS.name} defaultValue={who.name} />
            </label>
            <label>
              {t.email}
              <input
                name="email"
                type="email"
                autoComplete="email"
                maxLength={AUTHOR_LIMITS.email}
                value={email}
                onInput={(e) => this.setState({ email: e.currentTarget.value })}
              />
            </label>
            <label>
              {t.website}
              <input
                name="website"
                inputMode="url"
                autoComplete="url"
                maxLength={AUTHOR_LIMITS.website}
                defaultValue={who.website}
              />
            </label>
          </div>
        )}
        {!edit && email.trim() && (
          <label class="chk">
            <input type="checkbox" name="notify" defaultChecked={who.notify} /> {t.notify}
          </label>
        )}
        {!edit && (
          <div class="sr" aria-hidden="true">
            <input name="hp" tabIndex={-1} autoComplete="off" />
          </div>
        )}
        <details class="help">
          <summary>{t.help}</summary>
          <ul>
            {MD.map(([a, b], i) => (
              <li key={a}>
                <code>{a + t.md[i] + b}</code>
              </li>
            ))}
          </ul>
        </details>
        {err && (
          <p class="err" role="alert">
            {err}
          </p>
        )}
        <div class="acts">
          <button type="submit" class="pri" part="button submit" disabled={busy}>
            {busy ? t.posting : edit ? t.save : t.post}
          </button>
          <button type="button" part="button" onClick={this.preview}>
            {pv === null ? t.preview : t.back}
          </button>
          {done && (
            <button type="button" part="button" onClick={done}>
              {t.cancel}
            </button>
          )}
        </div>
      </form>
    );
  }
}
