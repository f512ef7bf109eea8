/** Czech texts of replies from elsewhere (remote.js). */
import type { RemoteTexts } from '../../remote-texts.js';

const t: RemoteTexts = {
  original: 'Originál na síti {source}',
  replyOn: 'Odpovědět na síti {source}',
  likes: { one: '{n} lajk', few: '{n} lajky', many: '{n} lajku', other: '{n} lajků' },
  reposts: { one: '{n} sdílení', few: '{n} sdílení', many: '{n} sdílení', other: '{n} sdílení' },
};

export default t;
