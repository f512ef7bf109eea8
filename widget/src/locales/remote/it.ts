/** Italian texts of replies from elsewhere (remote.js). */
import type { RemoteTexts } from '../../remote-texts.js';

const t: RemoteTexts = {
  original: 'Vedi l’originale su {source}',
  replyOn: 'Rispondi su {source}',
  likes: { one: '{n} mi piace', many: '{n} di mi piace', other: '{n} mi piace' },
  reposts: { one: '{n} condivisione', many: '{n} di condivisioni', other: '{n} condivisioni' },
};

export default t;
