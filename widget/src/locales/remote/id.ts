/** Indonesian texts of replies from elsewhere (remote.js). */
import type { RemoteTexts } from '../../remote-texts.js';

const t: RemoteTexts = {
  original: 'Lihat aslinya di {source}',
  replyOn: 'Balas di {source}',
  likes: { other: '{n} suka' },
  reposts: { other: '{n} posting ulang' },
};

export default t;
