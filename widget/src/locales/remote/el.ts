/** Greek texts of replies from elsewhere (remote.js). */
import type { RemoteTexts } from '../../remote-texts.js';

const t: RemoteTexts = {
  original: 'Δείτε το πρωτότυπο στο {source}',
  replyOn: 'Απάντηση στο {source}',
  likes: { one: '{n} «μου αρέσει»', other: '{n} «μου αρέσει»' },
  reposts: { one: '{n} αναδημοσίευση', other: '{n} αναδημοσιεύσεις' },
};

export default t;
