/** Norwegian (Bokmål) texts of replies from elsewhere (remote.js). */
import type { RemoteTexts } from '../../remote-texts.js';

const t: RemoteTexts = {
  original: 'Se originalen på {source}',
  replyOn: 'Svar på {source}',
  likes: { one: '{n} liker', other: '{n} liker' },
  reposts: { one: '{n} deling', other: '{n} delinger' },
};

export default t;
