/** The keyboard shortcut sheet, a modal dialog closed by Escape or its button. */
import { useEffect, useRef } from 'preact/hooks';

const KEYS: Array<[string, string]> = [
  ['j', 'next comment'],
  ['k', 'previous comment'],
  ['a', 'approve'],
  ['s', 'mark as spam (asks why)'],
  ['d', 'delete (asks why)'],
  ['x', 'select / unselect'],
  ['?', 'show or hide this help'],
];

export function Help({ onClose }: { onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div class="backdrop">
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="help-title">
        <h2 id="help-title">Keyboard shortcuts</h2>
        <dl>
          {KEYS.map(([k, what]) => (
            <div key={k}>
              <dt>
                <kbd>{k}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <button type="button" ref={close} onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
