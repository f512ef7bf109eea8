/**
 * The comment form: new comment, reply in place, or edit; markdown help, preview, remembered identity. Its calls
 * are in write.js, loaded (with the compose token) once a reader starts writing; the markdown help's list in help.js.
 */
import { Component } from 'preact';
import { AUTHOR_LIMITS } from '../../api/src/contract/limits.js';
import type { Comment } from './api.js';
import type { ThreadProps } from './comment.js';
import { fmt } from './i18n.js';
import { act, lazy } from './lazy.js';
import { me, mine } from './store.js';

export type Props = Pick<ThreadProps, 'app' | 't' | 'maxLength'> & {
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
  /** One Idempotency-Key per comment composed (set by write.js): a retried or doubled submit cannot post twice. */
  key?: string;
  sending = false;
  /** Loads write.js, and asks for the compose token when this is a new comment or reply. */
  write = () => {
    const { app, edit } = this.props;
    const w = lazy(app.props.o, 'write');
    if (!edit) w.then((m) => m.token(app)).catch(() => {});
    return w;
  };

  submit = (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    act(this, this.props.app, (w) => w.submit(this, form));
  };

  preview = () => act(this, this.props.app, (w) => w.preview(this));

  help = (d: HTMLDetailsElement) => act(this, this.props.app, (h) => h.help(d, this.props.t), 'help');

  render({ app, t, parent, edit, done, maxLength }: Props, { body, email, pv, busy, err }: State) {
    const who = this.who;
    return (
      // Focus (before the first input) loads write.js and asks for the compose token: its age is the compose time.
      <form
        class="form"
        part="composer"
        onSubmit={this.submit}
        onFocusIn={() => this.write().catch(() => {})}
      >
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
        {!edit && app.th?.settings.readers && (
          // signin.js shows the signed-in reader here (and hides the button), locking the name below.
          <p class="si">
            <button type="button" onClick={() => act(this, app, (s) => s.open(app), 'signin')}>
              {t.signIn}
            </button>
          </p>
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
                // Uncontrolled, as the name and website: HTML can say it (the first view's markup, static.ts).
                defaultValue={who.email}
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
        {/* The list comes with help.js as it first opens: a first view does not show it. */}
        <details class="help" onToggle={(e) => this.help(e.currentTarget)}>
          <summary>{t.help}</summary>
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
