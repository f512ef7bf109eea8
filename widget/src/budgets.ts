/** The widget's size budgets, in bytes of gzip at level 9 (checked by size.test.ts, which exports them; the bench's verdicts use them). */

/** The first view (embed.js: the thread and its composer painted, its stylesheet, English): 10 KB. */
export const BUDGET_BYTES = 10 * 1024;
/** app.js, loaded on a reader's first interaction (Preact and the thread's components hydrating the first view): 10 KB. */
export const APP_BUDGET_BYTES = 10 * 1024;
/** Each chunk loaded later (error texts, the index pages' counts, the recent box, a language): 2 KB gzip. */
export const CHUNK_BUDGET_BYTES = 2 * 1024;
/** Readers' sign-in, loaded only by a reader who signs in (or is signed in): its own budget. */
export const SIGNIN_BUDGET_BYTES = 7 * 1024;
