/** Swedish texts of replies from elsewhere (remote.js). */
import type { RemoteTexts } from '../../remote-texts.js';

const t: RemoteTexts = {
  original: 'Visa originalet på {source}',
  replyOn: 'Svara på {source}',
  likes: { one: '{n} gillning', other: '{n} gillningar' },
  reposts: { one: '{n} delning', other: '{n} delningar' },
};

export default t;
