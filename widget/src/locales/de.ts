/** German strings for the widget. */
import type { Locale } from '../i18n.js';

const de: Locale = {
  comments: { one: '{n} Kommentar', other: '{n} Kommentare' },
  label: 'Kommentare',
  empty: 'Noch keine Kommentare. Beginnen Sie das Gespräch.',
  locked: 'Die Kommentare zu dieser Seite sind geschlossen.',
  loading: 'Kommentare werden geladen…',
  retry: 'Erneut versuchen',
  sort: 'Sortieren nach',
  oldest: 'Älteste',
  newest: 'Neueste',
  top: 'Beste',
  more: 'Weitere Kommentare laden',
  reply: 'Antworten',
  edit: 'Bearbeiten',
  del: 'Löschen',
  cancel: 'Abbrechen',
  save: 'Speichern',
  confirmDel: 'Diesen Kommentar löschen?',
  deleted: 'Dieser Kommentar wurde gelöscht.',
  inReplyTo: 'als Antwort auf {name}',
  pinned: 'Angeheftet',
  mod: 'Moderation',
  up: 'Positiv bewerten',
  down: 'Negativ bewerten',
  pending: 'Ihr Kommentar wartet auf Freigabe.',
  edited: 'bearbeitet',
  write: 'Kommentar schreiben',
  replyTo: 'Antwort an {name}',
  editing: 'Kommentar bearbeiten',
  name: 'Name (optional)',
  email: 'E-Mail (optional, wird nie angezeigt)',
  website: 'Website (optional)',
  notify: 'Antworten per E-Mail erhalten',
  post: 'Kommentar senden',
  posting: 'Wird gesendet…',
  preview: 'Vorschau',
  back: 'Weiterschreiben',
  help: 'Formatierungshilfe',
  md: ['fett', 'kursiv', 'Link', 'Code', 'Zitat', 'Listenpunkt'],
  posted: 'Ihr Kommentar wurde veröffentlicht.',
  saved: 'Ihr Kommentar wurde gespeichert.',
  removed: 'Ihr Kommentar wurde gelöscht.',
  /** Shown when even the error texts cannot be loaded. */
  failed: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
  errors: {
    invalid_input: 'Bitte prüfen Sie den Kommentar und die Felder und versuchen Sie es erneut.',
    comment_too_long: 'Der Kommentar ist zu lang: höchstens {max} Zeichen.',
    payload_too_large: 'Das ist zu groß zum Senden. Kürzen Sie den Kommentar und versuchen Sie es erneut.',
    invalid_page:
      'Die Adresse dieser Seite kann keine Kommentare aufnehmen. Bitte informieren Sie den Betreiber der Website.',
    comment_not_found:
      'Diesen Kommentar gibt es nicht mehr. Laden Sie die Seite neu, um den aktuellen Stand zu sehen.',
    edit_window_closed: 'Die Zeit zum Ändern dieses Kommentars ist abgelaufen.',
    edit_token_invalid:
      'Dieser Kommentar kann nur in dem Browser geändert werden, in dem er geschrieben wurde.',
    parent_not_found: 'Der Kommentar, auf den Sie antworten, existiert nicht mehr.',
    rate_limited: 'Sie kommentieren zu schnell. Bitte warten Sie {wait} und senden Sie dann erneut.',
    about: 'etwa {n}',
    moment: 'einen Moment',
    spam_rejected: 'Ihr Kommentar wirkt wie Spam und wurde nicht veröffentlicht.',
    banned: 'Sie können auf dieser Website nicht kommentieren.',
    already_reported: 'Sie haben diesen Kommentar bereits gemeldet. Danke.',
    origin_not_allowed:
      'Die Adresse dieser Seite, {origin}, gehört nicht zu den erlaubten Origins der Website „{site}“. Der Betreiber kann sie hinzufügen mit: npx afterword site set {site} --origin {origin}',
    site_not_found:
      'Für diese Website sind keine Kommentare eingerichtet: Der Kommentardienst kennt keine Website „{site}“. Der Betreiber kann data-site im Einbettungsskript prüfen (npx afterword site list zeigt die Websites).',
    conflict:
      'Der Kommentar wurde zwischenzeitlich geändert. Laden Sie die Seite neu und versuchen Sie es erneut.',
    refused:
      'Der Kommentardienst hat die Anfrage abgelehnt. Laden Sie die Seite neu und versuchen Sie es erneut.',
    storage_unavailable: 'Der Kommentardienst ist ausgelastet. Bitte versuchen Sie es gleich noch einmal.',
    network: 'Der Kommentardienst ist nicht erreichbar. Prüfen Sie Ihre Verbindung.',
    internal: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
  },
};
export default de;
