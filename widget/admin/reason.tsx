/** Why a comment is removed: preset reasons as radios, the moderator's words, and whether to tell the author by mail. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { DECISION_REASONS, type DecisionReason } from '../../api/src/contract/limits.js';
import { REASON_TEXT } from '../../api/src/domain/comment/decision.js';
import { type AuthorHistory, call } from './api.js';

export interface Why {
  reason: { code: DecisionReason; text?: string };
  tellAuthor?: boolean;
}

export const reasonLabel = (r: { code: DecisionReason; text?: string }) =>
  r.text ? `${REASON_TEXT[r.code]}: ${r.text}` : REASON_TEXT[r.code];

/**
 * The fields of a removal. `commentId` (one comment) also offers to tell its author: on by default when
 * their address is confirmed, and not offered when it is not (nothing could reach them).
 */
export function ReasonFields(props: {
  name: string;
  initial?: DecisionReason;
  commentId?: string;
  onChange: (why: Why) => void;
}) {
  const [code, setCode] = useState<DecisionReason>(props.initial ?? 'spam');
  const [text, setText] = useState('');
  const [confirmed, setConfirmed] = useState<boolean | undefined>(undefined);
  const [tell, setTell] = useState(false);
  // Focus moves into the form as it opens (a shortcut opened it, or a button): the chosen reason.
  const reasons = useRef<HTMLFieldSetElement>(null);
  useEffect(() => {
    reasons.current?.querySelector<HTMLInputElement>(`input[value="${code}"]`)?.focus();
  }, []);

  useEffect(() => {
    if (!props.commentId) return;
    let live = true;
    call<AuthorHistory>('GET', `/comments/${props.commentId}/author`)
      .then((h) => {
        if (!live) return;
        setConfirmed(h.author.confirmed);
        setTell(h.author.confirmed);
      })
      .catch(() => live && setConfirmed(false));
    return () => {
      live = false;
    };
  }, [props.commentId]);

  useEffect(() => {
    props.onChange({
      reason: { code, ...(text.trim() ? { text: text.trim() } : {}) },
      ...(props.commentId ? { tellAuthor: tell && confirmed === true } : {}),
    });
  }, [code, text, tell, confirmed]);

  return (
    <div class="reason-fields">
      <fieldset class="reasons" ref={reasons}>
        <legend>Reason</legend>
        {DECISION_REASONS.map((r) => (
          <label key={r} class="check">
            <input
              type="radio"
              name={`${props.name}-reason`}
              value={r}
              checked={code === r}
              onChange={() => setCode(r)}
            />
            {REASON_TEXT[r]}
          </label>
        ))}
      </fieldset>
      <label>
        In your words (optional)
        <textarea
          name={`${props.name}-text`}
          rows={2}
          maxLength={500}
          value={text}
          onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
        />
      </label>
      {props.commentId && (
        <label class="check">
          <input
            type="checkbox"
            name={`${props.name}-tell`}
            checked={tell && confirmed === true}
            disabled={confirmed !== true}
            onChange={(e) => setTell((e.target as HTMLInputElement).checked)}
          />
          {confirmed === undefined
            ? 'Tell the author by mail (checking their address…)'
            : confirmed
              ? 'Tell the author by mail, with the reason and a link to ask for review'
              : 'Tell the author by mail (not possible: they left no confirmed address)'}
        </label>
      )}
    </div>
  );
}
