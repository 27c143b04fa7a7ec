import { providerIds } from '../profile-schema';
import { getProfile, getStage, profiles } from './index';

describe('profiles', () => {
  it('has one profile per provider id, keyed by its own id', () => {
    for (const id of providerIds) expect(getProfile(id).id).toBe(id);
    expect(Object.keys(profiles).sort()).toEqual([...providerIds].sort());
  });
  it.each(providerIds)('%s: entry stage exists, clock ids unique, every "from" names stageStart or an earlier clock', (id) => {
    const p = profiles[id];
    expect(getStage(p, p.entryStageId)).toBeDefined();
    const ids = new Set<string>();
    for (const s of p.stages) {
      const seen = new Set<string>(['stageStart']);
      for (const c of s.clocks) {
        expect(seen.has(c.from)).toBe(true);
        seen.add(c.id);
        expect(ids.has(c.id)).toBe(false);
        ids.add(c.id);
      }
    }
    expect(p.stages.filter((s) => s.final)).toHaveLength(1);
    expect(p.stages.at(-1)!.final).toBe(true);
  });
});

import { providerProfileSchema } from '../profile-schema';
import { schemes } from '../schemes';
import { adrSchemeSchema } from '../scheme-schema';

describe('profiles and schemes are valid data', () => {
  // Profiles ship as plain objects (no schema library on the first page); the schema checks them here.
  it.each(Object.values(profiles))('$id matches providerProfileSchema', (profile) => {
    expect(() => providerProfileSchema.parse(profile)).not.toThrow();
  });
  it.each(Object.values(schemes))('$id matches adrSchemeSchema', (scheme) => {
    expect(() => adrSchemeSchema.parse(scheme)).not.toThrow();
  });
});
