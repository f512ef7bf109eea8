/** Ukrainian texts of replies from elsewhere (remote.js). */
import type { RemoteTexts } from '../../remote-texts.js';

const t: RemoteTexts = {
  original: 'Оригінал у {source}',
  replyOn: 'Відповісти в {source}',
  likes: { one: '{n} вподобання', few: '{n} вподобання', many: '{n} вподобань', other: '{n} вподобання' },
  reposts: { one: '{n} репост', few: '{n} репости', many: '{n} репостів', other: '{n} репосту' },
};

export default t;
