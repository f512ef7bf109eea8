/** Spanish texts of replies from elsewhere (remote.js). */
import type { RemoteTexts } from '../../remote-texts.js';

const t: RemoteTexts = {
  original: 'Ver el original en {source}',
  replyOn: 'Responder en {source}',
  likes: { one: '{n} me gusta', many: '{n} de me gusta', other: '{n} me gusta' },
  reposts: { one: '{n} republicación', many: '{n} de republicaciones', other: '{n} republicaciones' },
};

export default t;
