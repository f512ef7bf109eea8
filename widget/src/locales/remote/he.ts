/** Hebrew texts of replies from elsewhere (remote.js). */
import type { RemoteTexts } from '../../remote-texts.js';

const t: RemoteTexts = {
  original: 'צפייה במקור ב־{source}',
  replyOn: 'תשובה ב־{source}',
  likes: { one: '{n} לייק', two: '{n} לייקים', other: '{n} לייקים' },
  reposts: { one: '{n} שיתוף', two: '{n} שיתופים', other: '{n} שיתופים' },
};

export default t;
