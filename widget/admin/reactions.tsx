/** The settings' Reactions fieldset: which emoji of the palette readers may react with, on comments and on the page itself. */
import { REACTION_PALETTE, REACTION_SET_MAX, type Reaction } from '../../api/src/contract/reactions.js';
import type { SiteSettings } from './api.js';

const PLACES = [
  ['comments', 'On comments'],
  ['page', 'On the page itself (under the comments’ heading)'],
] as const;

const field = (place: string) => `reactions-${place}`;

/** The sets as the form holds them (each checked emoji, in palette order): what the settings save sends. */
export function reactionsFrom(f: FormData): { comments: Reaction[]; page: Reaction[] } {
  const of = (place: string) => REACTION_PALETTE.filter((r) => f.getAll(field(place)).includes(r));
  return { comments: of('comments'), page: of('page') };
}

export function ReactionsFieldset({ s, owner }: { s: SiteSettings; owner: boolean }) {
  return (
    <fieldset disabled={!owner}>
      <legend>Reactions</legend>
      <p class="note">
        Readers react with one click, once per emoji (a signed-in reader as themselves, others per browser’s
        address). At most {REACTION_SET_MAX} emoji in each set; none turns reactions off there.
      </p>
      {PLACES.map(([place, label]) => (
        <fieldset key={place} class="grid">
          <legend>{label}</legend>
          {REACTION_PALETTE.map((r) => (
            <label key={r} class="check">
              <input
                type="checkbox"
                name={field(place)}
                value={r}
                defaultChecked={s.reactions?.[place]?.includes(r) === true}
              />{' '}
              {r}
            </label>
          ))}
        </fieldset>
      ))}
    </fieldset>
  );
}
