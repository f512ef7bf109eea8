/** German texts of replies from elsewhere (remote.js). */
import type { RemoteTexts } from '../../remote-texts.js';

const t: RemoteTexts = {
  original: 'Original auf {source} ansehen',
  replyOn: 'Auf {source} antworten',
  likes: { one: '{n} Gefällt mir', other: '{n} Gefällt mir' },
  reposts: { one: '{n} Mal geteilt', other: '{n} Mal geteilt' },
};

export default t;
