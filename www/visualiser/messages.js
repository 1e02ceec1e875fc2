// Every string the visualiser shows comes from a message table (messages/<locale>.js).
// A widget loads only the table of its locale; `t(key, values)` fills {placeholders}.

/** The locales with a table, English first (the fallback). */
export const LOCALES = ['en', 'es', 'de'];

/** The locale to use: the element's `locale` attribute, else the page's language, else the browser's. */
export function pickLocale(element) {
  const wanted = [element.getAttribute('locale'), element.closest('[lang]')?.getAttribute('lang'), document.documentElement.lang, navigator.language];
  for (const tag of wanted) {
    const language = tag?.toLowerCase().split('-')[0];
    if (LOCALES.includes(language)) return language;
  }
  return 'en';
}

/** The translator `t` for `locale`, once its table has loaded. */
export async function loadTranslator(locale) {
  const { default: table } = await import(`./messages/${LOCALES.includes(locale) ? locale : 'en'}.js`);
  return (key, values = {}) => (table[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}
