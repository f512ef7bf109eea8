/** Turkish texts of replies from elsewhere (remote.js). */
import type { RemoteTexts } from '../../remote-texts.js';

const t: RemoteTexts = {
  original: 'Orijinalini {source} üzerinde gör',
  replyOn: '{source} üzerinde yanıtla',
  likes: { one: '{n} beğeni', other: '{n} beğeni' },
  reposts: { one: '{n} yeniden paylaşım', other: '{n} yeniden paylaşım' },
};

export default t;
