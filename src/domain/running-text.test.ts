import { dateInText, dateWithPreposition, nameInItalian, nameInText, withPreposition } from './running-text';

/** locales/it/providers.json `inText`, as the portal loads it. */
const forms = {
  'Communications Ombudsman': 'il Communications Ombudsman',
  'Independent Assessor': "l'Independent Assessor",
  'ISPA (Internet Services Providers\' Association)': "l'ISPA (Internet Services Providers' Association)",
  CISAS: 'il CISAS',
};

describe('Italian names after a preposition: the article fused with it, "ad" before a vowel', () => {
  it.each([
    ['a', 'Communications Ombudsman', 'al Communications Ombudsman'],
    ['di', 'Communications Ombudsman', 'del Communications Ombudsman'],
    ['da', 'Communications Ombudsman', 'dal Communications Ombudsman'],
    ['in', 'Communications Ombudsman', 'nel Communications Ombudsman'],
    ['su', 'Communications Ombudsman', 'sul Communications Ombudsman'],
    ['presso', 'Communications Ombudsman', 'presso il Communications Ombudsman'],
    [undefined, 'Communications Ombudsman', 'il Communications Ombudsman'],
    ['a', 'Independent Assessor', "all'Independent Assessor"],
    ['di', 'Independent Assessor', "dell'Independent Assessor"],
    ['da', 'Independent Assessor', "dall'Independent Assessor"],
    ['in', 'Independent Assessor', "nell'Independent Assessor"],
    ['su', 'Independent Assessor', "sull'Independent Assessor"],
    ['con', 'Independent Assessor', "con l'Independent Assessor"],
    ['a', "ISPA (Internet Services Providers' Association)", "all'ISPA (Internet Services Providers' Association)"],
    ['di', "ISPA (Internet Services Providers' Association)", "dell'ISPA (Internet Services Providers' Association)"],
    ['a', 'CISAS', 'al CISAS'],
    ['a', 'ASK4', 'ad ASK4'],
    ['di', 'ASK4', 'di ASK4'],
    ['da', 'ASK4', 'da ASK4'],
    ['presso', 'ASK4', 'presso ASK4'],
    ['a', 'abuse@nasstar.com', 'ad abuse@nasstar.com'],
    ['a', 'Nasstar', 'a Nasstar'],
    ['di', 'Netservers Ltd.', 'di Netservers Ltd.'],
    ['fino a', 'Independent Assessor', "fino all'Independent Assessor"],
    ['A', 'Communications Ombudsman', 'Al Communications Ombudsman'],
    ['Da', 'Communications Ombudsman', 'Dal Communications Ombudsman'],
    ['Da', 'ASK4', 'Da ASK4'],
  ])('%s + %s → %s', (prep, name, expected) => {
    expect(nameInItalian(name, forms, prep)).toBe(expected);
  });

  it('capitalises a name at the start of a sentence', () => {
    expect(nameInItalian('Communications Ombudsman', forms, undefined, true)).toBe('Il Communications Ombudsman');
    expect(nameInItalian('Independent Assessor', forms, undefined, true)).toBe("L'Independent Assessor");
    expect(nameInItalian('ASK4', forms, undefined, true)).toBe('ASK4');
  });

  it('fuses every article with every fusing preposition', () => {
    expect(['il X', 'lo X', "l'X", 'la X', 'i X', 'gli X', 'le X'].map((w) => withPreposition('di', w))).toEqual([
      'del X', 'dello X', "dell'X", 'della X', 'dei X', 'degli X', 'delle X',
    ]);
    expect(['il X', 'lo X', "l'X", 'la X', 'i X', 'gli X', 'le X'].map((w) => withPreposition('su', w))).toEqual([
      'sul X', 'sullo X', "sull'X", 'sulla X', 'sui X', 'sugli X', 'sulle X',
    ]);
  });

  it('English writes the preposition as given, before the name with its article', () => {
    const en = { 'Communications Ombudsman': 'the Communications Ombudsman' };
    expect(nameInText('en', 'Communications Ombudsman', en)).toBe('the Communications Ombudsman');
    expect(nameInText('en', 'Communications Ombudsman', en, undefined, true)).toBe('The Communications Ombudsman');
    expect(nameInText('en', 'ASK4', en, 'to')).toBe('to ASK4');
    expect(nameInText('it', 'ASK4', forms, 'a')).toBe('ad ASK4');
  });
});

describe('Italian dates after a preposition: the article the day asks for', () => {
  /** Every day of 2026, as the portal formats dates: "8 aprile 2026" (dateStyle long) and "mer 8 apr 2026" (with the weekday). */
  const days = Array.from({ length: 365 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i, 12)));
  const long = new Intl.DateTimeFormat('it-IT', { dateStyle: 'long', timeZone: 'UTC' });
  const withWeekday = new Intl.DateTimeFormat('it-IT', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  /** What Italian writes before a day read with an initial vowel (l'uno, l'otto, l'undici) and before any other day. */
  const forms = {
    il: ["l'", 'il '],
    dal: ["dall'", 'dal '],
    al: ["all'", 'al '],
    del: ["dell'", 'del '],
    nel: ["nell'", 'nel '],
    sul: ["sull'", 'sul '],
    'entro il': ["entro l'", 'entro il '],
    'fino al': ["fino all'", 'fino al '],
    Dal: ["Dall'", 'Dal '],
    Il: ["L'", 'Il '],
  } as const;

  it.each(Object.entries(forms))('%s before every day of the year', (prep, [elided, plain]) => {
    for (const day of days) {
      const text = long.format(day);
      const vowel = [1, 8, 11].includes(day.getUTCDate());
      expect(dateWithPreposition(prep, text)).toBe(vowel ? `${elided}${text}` : `${plain}${text}`);
      expect(dateWithPreposition(prep, text)).not.toMatch(/\b(il|dal|al|del|nel|sul) (1|8|11)\b/i);
    }
  });

  it('a date written from its weekday takes the preposition without the article', () => {
    const text = withWeekday.format(new Date(Date.UTC(2026, 3, 8, 12)));
    expect(text).toBe('mer 8 apr 2026');
    expect(dateWithPreposition('il', text)).toBe('mer 8 apr 2026');
    expect(dateWithPreposition('dal', text)).toBe('da mer 8 apr 2026');
    expect(dateWithPreposition('entro il', text)).toBe('entro mer 8 apr 2026');
    expect(dateWithPreposition('Dal', text)).toBe('Da mer 8 apr 2026');
    expect(dateWithPreposition('Il', text)).toBe('Mer 8 apr 2026');
  });

  it('English writes the preposition as given', () => {
    expect(dateInText('en', '8 April 2026', 'from')).toBe('from 8 April 2026');
    expect(dateInText('it', '8 aprile 2026', 'dal')).toBe("dall'8 aprile 2026");
  });
});
