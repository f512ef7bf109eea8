/** Persian texts of replies from elsewhere (remote.js). */
import type { RemoteTexts } from '../../remote-texts.js';

const t: RemoteTexts = {
  original: 'دیدن اصل در {source}',
  replyOn: 'پاسخ در {source}',
  likes: { one: '{n} پسند', other: '{n} پسند' },
  reposts: { one: '{n} بازنشر', other: '{n} بازنشر' },
};

export default t;
