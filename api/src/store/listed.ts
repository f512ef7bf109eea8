/** The filter that keeps a page partition's read to what a public thread lists (meta, approved, placeholders). */

// Only listed comments are in the listed range (keys.ts); the filter keeps hidden ones an older version
// wrote there (before the ranges) out of public answers.
export const LISTED_FILTER =
  '#type = :page OR #status = :approved OR (#status = :deleted AND placeholder = :true)';
export const LISTED_NAMES = { '#type': 'type', '#status': 'status' };
export const LISTED_VALUES = {
  ':page': 'page',
  ':approved': 'approved',
  ':deleted': 'deleted',
  ':true': true,
};
