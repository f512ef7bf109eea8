/** ArkType without JIT for the Lambda entry: validators are interpreted (about 1 µs a request) instead of compiled at import, a large part of the cold start. Imported first by lambda.ts. */
import { configure } from 'arktype/config';

configure({ jitless: true });
