/** The logged-in moderator's moderation mail: one per waiting comment, a daily digest, or none (all their sites). */
import { useEffect, useState } from 'preact/hooks';
import { DIGEST_MODES } from '../../api/src/contract/limits.js';
import { type MailChoice as Choice, call } from './api.js';

const LABELS: Record<Choice['digest'], string> = {
  each: 'each comment',
  daily: 'daily digest',
  off: 'off',
};

export function MailChoice(props: { notify: (text: string) => void; onError: (err: unknown) => void }) {
  const [digest, setDigest] = useState<Choice['digest'] | undefined>(undefined);
  useEffect(() => {
    call<Choice>('GET', '/me/mail')
      .then((r) => setDigest(r.digest))
      .catch(props.onError);
  }, []);
  const choose = async (next: Choice['digest']) => {
    const before = digest;
    setDigest(next);
    try {
      await call<Choice>('PUT', '/me/mail', { digest: next });
      props.notify(`Moderation mail (all your sites): ${LABELS[next]}`);
    } catch (err) {
      setDigest(before);
      props.onError(err);
    }
  };
  return (
    <label class="mail-pick" title="Moderation mail, for all your sites">
      <span>Mail me</span>
      <select
        name="mail-choice"
        value={digest ?? ''}
        disabled={!digest}
        onChange={(e) => choose((e.target as HTMLSelectElement).value as Choice['digest'])}
      >
        {DIGEST_MODES.map((m) => (
          <option key={m} value={m}>
            {LABELS[m]}
          </option>
        ))}
      </select>
    </label>
  );
}
