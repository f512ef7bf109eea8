/** Brazilian Portuguese texts of replies from elsewhere (remote.js). */
import type { RemoteTexts } from '../../remote-texts.js';

const t: RemoteTexts = {
  original: 'Ver o original no {source}',
  replyOn: 'Responder no {source}',
  likes: { one: '{n} curtida', many: '{n} de curtidas', other: '{n} curtidas' },
  reposts: { one: '{n} compartilhamento', many: '{n} de compartilhamentos', other: '{n} compartilhamentos' },
};

export default t;
