import { changeLanguage, formatList, i18next, initI18n } from './i18n';

describe('formatList: lists in running text, in each language, as Intl.ListFormat writes them', () => {
  beforeAll(async () => {
    await initI18n('en');
  });

  it.each([
    ['en', 'or', ['portal'], 'portal'],
    ['en', 'or', ['portal', 'email'], 'portal or email'],
    ['en', 'or', ['portal', 'email', 'letter'], 'portal, email or letter'],
    ['en', 'and', ['PDF', 'PNG', 'JPEG', 'DOCX'], 'PDF, PNG, JPEG and DOCX'],
    ['it', 'or', ['portale', 'email', 'lettera'], 'portale, email o lettera'],
    ['it', 'and', ['PDF', 'PNG'], 'PDF e PNG'],
  ] as const)('%s %s %j → %s', async (lng, type, items, expected) => {
    await changeLanguage(lng);
    expect(formatList(items, type)).toBe(expected);
    // The same as the browser's own list formatting for that language.
    expect(formatList(items, type)).toBe(new Intl.ListFormat(lng === 'en' ? 'en-GB' : 'it-IT', { type: type === 'or' ? 'disjunction' : 'conjunction' }).format(items));
  });

  it('an empty list is empty', () => {
    expect(formatList([], 'and')).toBe('');
  });
});

describe('translation keys are typed (src/lib/i18next.d.ts)', () => {
  it('a key that is not in the English files does not compile, and shows as the key at run time', async () => {
    await initI18n('en');
    const t = i18next.getFixedT('en', ['cases', 'common'] as const);
    // @ts-expect-error -- not a key of locales/en/cases.json
    expect(t('cases:nonexistent.key')).toBe('nonexistent.key');
    expect(t('common:locale')).toBe('en-GB');
  });
});
