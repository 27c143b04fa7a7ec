import en from '../../../locales/en/providers.json';
import itLocale from '../../../locales/it/providers.json';
import { providerIds } from '../profile-schema';
import { excludedSubjects, schemeIds } from '../schemes';
import { profiles } from './index';

type Tree = { [k: string]: string | Tree };
const keys = (t: Tree, prefix = ''): string[] =>
  Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`)));
const get = (t: Tree, path: string): unknown => path.split('.').reduce<unknown>((o, k) => (o as Tree | undefined)?.[k], t);

describe('locales/*/providers.json', () => {
  it('English and Italian have the same keys, none empty', () => {
    expect(keys(itLocale as Tree).sort()).toEqual(keys(en as Tree).sort());
    for (const t of [en, itLocale] as Tree[]) for (const k of keys(t)) expect((get(t, k) as string).trim()).not.toBe('');
  });
  it.each(providerIds)('%s: every stage has name, handler, description; every clock a label', (id) => {
    const p = profiles[id];
    for (const t of [en, itLocale] as Tree[]) {
      for (const s of p.stages) for (const f of ['name', 'handler', 'description']) expect(typeof get(t, `${id}.stages.${s.id}.${f}`)).toBe('string');
      const clocks = [...p.stages.flatMap((s) => s.clocks), ...(p.otherPromises ?? []).flatMap((o) => o.clocks)];
      for (const c of clocks) expect(typeof get(t, `${id}.clocks.${c.id}`)).toBe('string');
      for (const r of (p.largeCustomerRoute ?? [])) expect(typeof get(t, `routes.${r}`)).toBe('string');
      for (const a of (p.asksFor ?? [])) expect(typeof get(t, `asksFor.${a}`)).toBe('string');
      for (const ch of p.acceptedChannels) expect(typeof get(t, `channels.${ch}`)).toBe('string');
    }
  });
  it('names and describes every scheme and excluded subject', () => {
    for (const t of [en, itLocale] as Tree[]) {
      for (const s of schemeIds) for (const f of ['name', 'description']) expect(typeof get(t, `schemes.${s}.${f}`)).toBe('string');
      for (const s of excludedSubjects) expect(typeof get(t, `subjects.${s}`)).toBe('string');
    }
  });
  it.each(providerIds)('%s: stage descriptions state each clock of the stage by interpolation; every note and "from" clock has text', (id) => {
    const p = profiles[id];
    for (const t of [en, itLocale] as Tree[]) {
      for (const s of p.stages) {
        const d = get(t, `${id}.stages.${s.id}.description`) as string;
        for (const c of s.clocks) expect(d).toContain(`{{${c.id}}}`);
      }
      for (const n of p.notes ?? []) {
        const text = get(t, `${id}.notes.${n.id}`) as string;
        expect(typeof text).toBe('string');
        for (const v of Object.keys(n.values ?? {})) expect(text).toContain(`{{${v}}}`);
      }
      for (const c of p.stages.flatMap((s) => s.clocks)) if (c.from !== 'stageStart') expect(typeof get(t, `${id}.clocksFrom.${c.from}`)).toBe('string');
    }
  });
});
