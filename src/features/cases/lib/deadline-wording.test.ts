import i18next from 'i18next';
import { registerFormatters } from '@/lib/i18n';
import enCases from '../../../../locales/en/cases.json';
import itCases from '../../../../locales/it/cases.json';
import { clockWording, makeDateFormatter, type Translate } from './deadline-wording';

async function translator(lng: 'en' | 'it'): Promise<Translate> {
  const instance = i18next.createInstance();
  await instance.init({
    lng,
    resources: { en: { cases: enCases }, it: { cases: itCases } },
    interpolation: { escapeValue: false },
  });
  registerFormatters(instance);
  return instance.getFixedT(lng, ['cases'] as const);
}

const tue22Dec = new Date('2026-12-22T10:00:00Z');
const base = { dueAt: tue22Dec, metAt: null as Date | null };

describe('clock wording', () => {
  const fmtEn = makeDateFormatter('en-GB', 'Europe/London');
  const fmtIt = makeDateFormatter('it-IT', 'Europe/London');

  it('formats dates on the provider calendar in the user locale', () => {
    expect(fmtEn(tue22Dec)).toBe('Tue 22 Dec 2026');
    expect(fmtIt(tue22Dec)).toBe('mar 22 dic 2026');
  });

  it('says when a clock is due, with English plurals', async () => {
    const t = await translator('en');
    expect(clockWording({ ...base, state: 'due', workingDaysLeft: 1 }, t, fmtEn)).toEqual({ text: 'Due in 1 working day', tone: 'due' });
    expect(clockWording({ ...base, state: 'due', workingDaysLeft: 3 }, t, fmtEn).text).toBe('Due in 3 working days');
    expect(clockWording({ ...base, state: 'due', workingDaysLeft: 0 }, t, fmtEn).text).toBe('Due today');
  });

  it('says when a clock is overdue, with English plurals', async () => {
    const t = await translator('en');
    expect(clockWording({ ...base, state: 'overdue', workingDaysOverdue: 1 }, t, fmtEn)).toEqual({ text: 'Overdue by 1 working day', tone: 'overdue' });
    expect(clockWording({ ...base, state: 'overdue', workingDaysOverdue: 12 }, t, fmtEn).text).toBe('Overdue by 12 working days');
    expect(clockWording({ ...base, state: 'overdue', workingDaysOverdue: 0 }, t, fmtEn).text).toBe('Overdue since earlier today');
  });

  it('says when a clock was met, on time or late', async () => {
    const t = await translator('en');
    expect(clockWording({ ...base, state: 'met', metAt: tue22Dec }, t, fmtEn)).toEqual({ text: 'Met on Tue 22 Dec 2026', tone: 'met' });
    expect(clockWording({ ...base, state: 'metLate', metAt: tue22Dec, workingDaysOverdue: 1 }, t, fmtEn).text).toBe(
      'Met late on Tue 22 Dec 2026, 1 working day after the deadline',
    );
    expect(clockWording({ ...base, state: 'metLate', metAt: tue22Dec, workingDaysOverdue: 2 }, t, fmtEn).text).toBe(
      'Met late on Tue 22 Dec 2026, 2 working days after the deadline',
    );
    expect(clockWording({ ...base, state: 'waiting', dueAt: null }, t, fmtEn).tone).toBe('waiting');
  });

  it('uses Italian plural forms', async () => {
    const t = await translator('it');
    expect(clockWording({ ...base, state: 'due', workingDaysLeft: 1 }, t, fmtIt).text).toBe('Scade tra 1 giorno lavorativo');
    expect(clockWording({ ...base, state: 'due', workingDaysLeft: 5 }, t, fmtIt).text).toBe('Scade tra 5 giorni lavorativi');
    expect(clockWording({ ...base, state: 'due', workingDaysLeft: 0 }, t, fmtIt).text).toBe('Scade oggi');
    expect(clockWording({ ...base, state: 'overdue', workingDaysOverdue: 1 }, t, fmtIt).text).toBe('Scaduto da 1 giorno lavorativo');
    expect(clockWording({ ...base, state: 'overdue', workingDaysOverdue: 3 }, t, fmtIt).text).toBe('Scaduto da 3 giorni lavorativi');
    expect(clockWording({ ...base, state: 'met', metAt: tue22Dec }, t, fmtIt).text).toBe('Rispettato mar 22 dic 2026');
    expect(clockWording({ ...base, state: 'metLate', metAt: tue22Dec, workingDaysOverdue: 1 }, t, fmtIt).text).toBe(
      'Rispettato in ritardo mar 22 dic 2026, 1 giorno lavorativo dopo la scadenza',
    );
    expect(clockWording({ ...base, state: 'metLate', metAt: tue22Dec, workingDaysOverdue: 4 }, t, fmtIt).text).toBe(
      'Rispettato in ritardo mar 22 dic 2026, 4 giorni lavorativi dopo la scadenza',
    );
  });

  it('has the same wording keys in both languages (Italian adds the plural form "many": src/lib/locales.test.ts)', () => {
    const words = (clock: object) => [...new Set(Object.keys(clock).map((k) => k.replace(/_(one|many|other)$/, '')))].sort();
    expect(words(itCases.clock)).toEqual(words(enCases.clock));
  });

  it('says a count of a million in Italian, not in English', async () => {
    const t = await translator('it');
    expect(clockWording({ ...base, state: 'due', workingDaysLeft: 1_000_000 }, t, fmtIt).text).toMatch(/giorni lavorativi/);
  });
});
