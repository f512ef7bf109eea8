/** Danish texts of replies from elsewhere (remote.js). */
import type { RemoteTexts } from '../../remote-texts.js';

const t: RemoteTexts = {
  original: 'Se originalen på {source}',
  replyOn: 'Svar på {source}',
  likes: { one: '{n} synes godt om', other: '{n} synes godt om' },
  reposts: { one: '{n} deling', other: '{n} delinger' },
};

export default t;
