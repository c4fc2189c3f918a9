// Plurals and numbers the way each language counts, through the browser's own Intl (CLDR rules):
// Hindi says "1 सीट" but "2 सीटें", and treats 0 like 1. Two languages with one/other forms need no
// i18n library; Intl.PluralRules is in every browser and Electron the kiosk runs.

/** The forms of one counted phrase; `#` stands for the number. `other` is always required. */
export type TPluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const rules = new Map<string, Intl.PluralRules>();
const numbers = new Map<string, Intl.NumberFormat>();

function cached<T>(cache: Map<string, T>, locale: string, make: () => T): T {
  let value = cache.get(locale);
  if (!value) cache.set(locale, (value = make()));
  return value;
}

/** The CLDR category (one, few, other, …) of `n` in `locale`. */
export function pluralCategory(locale: string, n: number): Intl.LDMLPluralRule {
  return cached(rules, locale, () => new Intl.PluralRules(locale)).select(n);
}

export function formatCount(locale: string, n: number): string {
  return cached(numbers, locale, () => new Intl.NumberFormat(locale)).format(n);
}

/** The phrase for `n`: the form of its plural category (or `other`), with `#` as the number. */
export function plural(locale: string, n: number, forms: TPluralForms): string {
  const form = forms[pluralCategory(locale, n)] ?? forms.other;
  return form.replaceAll('#', formatCount(locale, n));
}
