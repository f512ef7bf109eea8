/** Russian texts of replies from elsewhere (remote.js). */
import type { RemoteTexts } from '../../remote-texts.js';

const t: RemoteTexts = {
  original: 'Оригинал в {source}',
  replyOn: 'Ответить в {source}',
  likes: {
    one: '{n} отметка «нравится»',
    few: '{n} отметки «нравится»',
    many: '{n} отметок «нравится»',
    other: '{n} отметки «нравится»',
  },
  reposts: { one: '{n} репост', few: '{n} репоста', many: '{n} репостов', other: '{n} репоста' },
};

export default t;
