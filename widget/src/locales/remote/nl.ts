/** Dutch texts of replies from elsewhere (remote.js). */
import type { RemoteTexts } from '../../remote-texts.js';

const t: RemoteTexts = {
  original: 'Bekijk het origineel op {source}',
  replyOn: 'Reageer op {source}',
  likes: { one: '{n} vind-ik-leuk', other: '{n} vind-ik-leuks' },
  reposts: { one: '{n} keer gedeeld', other: '{n} keer gedeeld' },
};

export default t;
