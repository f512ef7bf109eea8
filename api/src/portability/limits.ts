/**
 * What one import may cost: per record (its raw size, nesting, nodes, body) and per file (whole-file
 * formats are held in memory, so their size is bounded; replies waiting for a parent are bounded).
 */

const MB = 1024 * 1024;

/** One record as read (an XML element with its children, a JSON value, a line): larger is skipped. */
export const MAX_RECORD_CHARS = 2 * MB;
/** One comment's body, as the source wrote it (rendering time grows with it). */
export const MAX_BODY_CHARS = 100_000;
/** Source ids (comment, parent, thread) longer than this are not ids. */
export const MAX_ID_CHARS = 200;

/** XML: element nesting in the file, elements in one record, attributes on one element. */
export const MAX_XML_DEPTH = 64;
export const MAX_RECORD_NODES = 10_000;
export const MAX_ATTRIBUTES = 64;
/** Characters handed to the XML parser at once (its buffers are checked between slices). */
export const XML_SLICE_CHARS = 64 * 1024;

/** JSON: nesting within one record, and arrays plus objects in one record. */
export const MAX_JSON_DEPTH = 64;
export const MAX_JSON_CONTAINERS = 100_000;
/** JSON formats are read whole (a Commento file lists its commenters after its comments). */
export const MAX_JSON_FILE_BYTES = 256 * MB;

/** sql.js holds the whole database in memory (about three times its size while it is read). */
export const MAX_SQLITE_BYTES = 128 * MB;
/** Rows read from one Isso table. */
export const MAX_SQLITE_ROWS = 5_000_000;

/** Replies held until their parent comes, in bytes of their text; past it the oldest go in at the top level. */
export const MAX_HELD_CHARS = 32 * MB;

export const mb = (bytes: number) => `${Math.round(bytes / MB)} MB`;
