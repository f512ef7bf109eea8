/** French texts of replies from elsewhere (remote.js). */
import type { RemoteTexts } from '../../remote-texts.js';

const t: RemoteTexts = {
  original: 'Voir l’original sur {source}',
  replyOn: 'Répondre sur {source}',
  likes: { one: '{n} j’aime', many: '{n} de j’aime', other: '{n} j’aime' },
  reposts: { one: '{n} partage', many: '{n} de partages', other: '{n} partages' },
};

export default t;
