import i18next from 'i18next';
import { missingInterpolationHandler, registerFormatters } from '@/lib/i18n';
import enCases from '../../../../locales/en/cases.json';
import itCases from '../../../../locales/it/cases.json';
import enCommon from '../../../../locales/en/common.json';
import itCommon from '../../../../locales/it/common.json';
import { clockWording, makeDateFormatter, type Translate } from './deadline-wording';

async function translator(lng: 'en' | 'it'): Promise<Translate> {
  const instance = i18next.createInstance();
  await instance.init({
    lng,
    resources: { en: { cases: enCases, common: enCommon }, it: { cases: itCases, common: itCommon } },
    interpolation: { escapeValue: false },
    missingInterpolationHandler,
  });
  await registerFormatters(instance);
  return instance.getFixedT(lng, ['cases', 'common'] as const);
}

const tue22Dec = new Date('2026-12-22T10:00:00Z');
const base = { dueAt: tue22Dec, metAt: null as Date | null, unit: 'workingDays' as const };

describe('clock wording', () => {
  const fmtEn = makeDateFormatter('en-GB', 'Europe/London');
  const fmtIt = makeDateFormatter('it-IT', 'Europe/London');

  it('formats dates on the provider calendar in the user locale', () => {
    expect(fmtEn(tue22Dec)).toBe('Tue 22 Dec 2026');
    expect(fmtIt(tue22Dec)).toBe('mar 22 dic 2026');
  });

  it('says when a clock is due, with English plurals', async () => {
    const t = await translator('en');
    expect(clockWording({ ...base, state: 'due', unitsLeft: 1 }, t, fmtEn)).toEqual({ text: 'Due in 1 working day', tone: 'due' });
    expect(clockWording({ ...base, state: 'due', unitsLeft: 3 }, t, fmtEn).text).toBe('Due in 3 working days');
    expect(clockWording({ ...base, state: 'due', unitsLeft: 0 }, t, fmtEn).text).toBe('Due today');
  });

  it('says when a clock is overdue, with English plurals', async () => {
    const t = await translator('en');
    expect(clockWording({ ...base, state: 'overdue', unitsOverdue: 1 }, t, fmtEn)).toEqual({ text: 'Overdue by 1 working day', tone: 'overdue' });
    expect(clockWording({ ...base, state: 'overdue', unitsOverdue: 12 }, t, fmtEn).text).toBe('Overdue by 12 working days');
    expect(clockWording({ ...base, state: 'overdue', unitsOverdue: 0 }, t, fmtEn).text).toBe('Overdue since earlier today');
  });

  it('says when a clock was met, on time or late', async () => {
    const t = await translator('en');
    expect(clockWording({ ...base, state: 'met', metAt: tue22Dec }, t, fmtEn)).toEqual({ text: 'Met on Tue 22 Dec 2026', tone: 'met' });
    expect(clockWording({ ...base, state: 'metLate', metAt: tue22Dec, unitsOverdue: 1 }, t, fmtEn).text).toBe(
      'Met late on Tue 22 Dec 2026, 1 working day after the deadline',
    );
    expect(clockWording({ ...base, state: 'metLate', metAt: tue22Dec, unitsOverdue: 2 }, t, fmtEn).text).toBe(
      'Met late on Tue 22 Dec 2026, 2 working days after the deadline',
    );
    expect(clockWording({ ...base, state: 'waiting', dueAt: null }, t, fmtEn).tone).toBe('waiting');
  });

  it('uses Italian plural forms', async () => {
    const t = await translator('it');
    expect(clockWording({ ...base, state: 'due', unitsLeft: 1 }, t, fmtIt).text).toBe('Scade tra 1 giorno lavorativo');
    expect(clockWording({ ...base, state: 'due', unitsLeft: 5 }, t, fmtIt).text).toBe('Scade tra 5 giorni lavorativi');
    expect(clockWording({ ...base, state: 'due', unitsLeft: 0 }, t, fmtIt).text).toBe('Scade oggi');
    expect(clockWording({ ...base, state: 'overdue', unitsOverdue: 1 }, t, fmtIt).text).toBe('Scaduto da 1 giorno lavorativo');
    expect(clockWording({ ...base, state: 'overdue', unitsOverdue: 3 }, t, fmtIt).text).toBe('Scaduto da 3 giorni lavorativi');
    expect(clockWording({ ...base, state: 'met', metAt: tue22Dec }, t, fmtIt).text).toBe('Rispettato mar 22 dic 2026');
    expect(clockWording({ ...base, state: 'metLate', metAt: tue22Dec, unitsOverdue: 1 }, t, fmtIt).text).toBe(
      'Rispettato in ritardo mar 22 dic 2026, 1 giorno lavorativo dopo la scadenza',
    );
    expect(clockWording({ ...base, state: 'metLate', metAt: tue22Dec, unitsOverdue: 4 }, t, fmtIt).text).toBe(
      'Rispettato in ritardo mar 22 dic 2026, 4 giorni lavorativi dopo la scadenza',
    );
  });

  it('issue 22 point 11: states each clock in its own unit — working hours, clock hours, working days', async () => {
    const en = await translator('en');
    const it_ = await translator('it');
    const hours = { ...base, unit: 'workingHours' as const };
    expect(clockWording({ ...hours, state: 'due', unitsLeft: 5 }, en, fmtEn).text).toBe('Due in 5 working hours');
    expect(clockWording({ ...hours, state: 'due', unitsLeft: 0 }, en, fmtEn).text).toBe('Due within the hour');
    expect(clockWording({ ...hours, state: 'overdue', unitsOverdue: 3 }, it_, fmtIt).text).toBe('Scaduto da 3 ore lavorative');
    const clockHours = { ...base, unit: 'calendarHours' as const };
    expect(clockWording({ ...clockHours, state: 'due', unitsLeft: 9 }, en, fmtEn).text).toBe('Due in 9 hours');
    expect(clockWording({ ...clockHours, state: 'metLate', metAt: tue22Dec, unitsOverdue: 2 }, en, fmtEn).text).toBe('Met late on Tue 22 Dec 2026, 2 hours after the deadline');
    expect(clockWording({ ...clockHours, state: 'overdue', unitsOverdue: 0 }, it_, fmtIt).text).toBe("Scaduto da meno di un'ora");
  });

  it('has the same wording keys in both languages (Italian adds the plural form "many": src/lib/locales.test.ts)', () => {
    const words = (clock: object) => [...new Set(Object.keys(clock).map((k) => k.replace(/_(one|many|other)$/, '')))].sort();
    expect(words(itCases.clock)).toEqual(words(enCases.clock));
  });

  it('says a count of a million in Italian, not in English', async () => {
    const t = await translator('it');
    expect(clockWording({ ...base, state: 'due', unitsLeft: 1_000_000 }, t, fmtIt).text).toMatch(/giorni lavorativi/);
  });
});
