/** Lazy chunk `help.js`: the markdown help's list, put in the composer's `<details>` as it first opens. */
import type { Strings } from './i18n.js';

const MD: [string, string][] = [
  ['**', '**'],
  ['_', '_'],
  ['[', '](https://…)'],
  ['`', '`'],
  ['> ', ''],
  ['- ', ''],
];

/** What each line shows, in English and every other language (here, not in the locale files a first view loads). */
export const EN = ['bold', 'italic', 'link', 'code', 'quote', 'list item'];
export const TEXTS: Record<string, string[]> = {
  de: ['fett', 'kursiv', 'Link', 'Code', 'Zitat', 'Listenpunkt'],
  es: ['negrita', 'cursiva', 'enlace', 'código', 'cita', 'elemento de lista'],
  fr: ['gras', 'italique', 'lien', 'code', 'citation', 'élément de liste'],
  it: ['grassetto', 'corsivo', 'link', 'codice', 'citazione', 'elemento di elenco'],
  ja: ['太字', '斜体', 'リンク', 'コード', '引用', 'リスト項目'],
  nl: ['vet', 'cursief', 'link', 'code', 'citaat', 'lijstitem'],
  'pt-BR': ['negrito', 'itálico', 'link', 'código', 'citação', 'item de lista'],
  ru: ['жирный', 'курсив', 'ссылка', 'код', 'цитата', 'пункт списка'],
  'zh-CN': ['粗体', '斜体', '链接', '代码', '引用', '列表项'],
  ar: ['غامق', 'مائل', 'رابط', 'شيفرة', 'اقتباس', 'عنصر قائمة'],
  he: ['מודגש', 'נטוי', 'קישור', 'קוד', 'ציטוט', 'פריט ברשימה'],
  fa: ['پررنگ', 'کج', 'پیوند', 'کد', 'نقل‌قول', 'مورد فهرست'],
  uk: ['жирний', 'курсив', 'посилання', 'код', 'цитата', 'пункт списку'],
  pl: ['pogrubienie', 'kursywa', 'link', 'kod', 'cytat', 'element listy'],
  cs: ['tučně', 'kurzíva', 'odkaz', 'kód', 'citace', 'položka seznamu'],
  sv: ['fetstil', 'kursiv', 'länk', 'kod', 'citat', 'listpunkt'],
  da: ['fed', 'kursiv', 'link', 'kode', 'citat', 'listepunkt'],
  nb: ['fet', 'kursiv', 'lenke', 'kode', 'sitat', 'listepunkt'],
  fi: ['lihavointi', 'kursiivi', 'linkki', 'koodi', 'lainaus', 'luettelokohta'],
  tr: ['kalın', 'italik', 'bağlantı', 'kod', 'alıntı', 'liste öğesi'],
  ko: ['굵게', '기울임꼴', '링크', '코드', '인용', '목록 항목'],
  'zh-TW': ['粗體', '斜體', '連結', '程式碼', '引用', '清單項目'],
  vi: ['in đậm', 'in nghiêng', 'liên kết', 'mã', 'trích dẫn', 'mục danh sách'],
  id: ['tebal', 'miring', 'tautan', 'kode', 'kutipan', 'butir daftar'],
  hi: ['बोल्ड', 'इटैलिक', 'लिंक', 'कोड', 'उद्धरण', 'सूची आइटम'],
  el: ['έντονα', 'πλάγια', 'σύνδεσμος', 'κώδικας', 'παράθεση', 'στοιχείο λίστας'],
  hu: ['félkövér', 'dőlt', 'link', 'kód', 'idézet', 'listaelem'],
  ro: ['aldin', 'cursiv', 'link', 'cod', 'citat', 'element de listă'],
  bg: ['удебелен', 'курсив', 'връзка', 'код', 'цитат', 'елемент от списък'],
};

export function help(d: HTMLDetailsElement, t: Strings): void {
  if (d.querySelector('ul')) return;
  const ul = document.createElement('ul');
  ul.style.cssText = 'display:flex;flex-wrap:wrap;gap:.25rem 1rem;margin:.25rem 0 0';
  for (const [i, [a, b]] of MD.entries()) {
    const code = ul.appendChild(document.createElement('li')).appendChild(document.createElement('code'));
    code.textContent = a + (TEXTS[t.lang ?? ''] ?? EN)[i] + b;
  }
  d.append(ul);
}
