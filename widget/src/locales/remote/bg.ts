/** Bulgarian texts of replies from elsewhere (remote.js). */
import type { RemoteTexts } from '../../remote-texts.js';

const t: RemoteTexts = {
  original: 'Вижте оригинала в {source}',
  replyOn: 'Отговорете в {source}',
  likes: { one: '{n} харесване', other: '{n} харесвания' },
  reposts: { one: '{n} споделяне', other: '{n} споделяния' },
};

export default t;
