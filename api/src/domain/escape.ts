/** Plain text into HTML or XML: the one place the API escapes text for markup (text and quoted attribute values). */

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Characters XML 1.0 cannot hold at all, even escaped: C0 controls but tab, LF and CR; U+FFFE, U+FFFF. */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/**
 * Text as HTML text or a quoted attribute value (single or double quotes): `& < > " '` become
 * entities, every `&` included (an entity already in the text stays visible as written). A lone
 * surrogate (half of an emoji cut in two) becomes U+FFFD, as UTF-8 would write it anyway.
 */
export function escapeHtml(text: string): string {
  return text.toWellFormed().replace(/[&<>"']/g, (ch) => ENTITIES[ch]!);
}

/** Text as XML 1.0 text or attribute value (Atom, WXR): `escapeHtml`, and characters XML forbids dropped. */
export function escapeXml(text: string): string {
  return escapeHtml(xmlChars(text));
}

/** Text as one XML CDATA section: XML's forbidden characters dropped, a `]]>` inside split across two. */
export function xmlCdata(text: string): string {
  return `<![CDATA[${xmlChars(text).replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** The text without what XML 1.0 cannot hold; lone surrogates become U+FFFD. */
export function xmlChars(text: string): string {
  return text.toWellFormed().replace(NOT_XML, '');
}
