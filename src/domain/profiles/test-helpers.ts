import type { ProviderProfile } from '../profile-schema';

/** Compact view of a profile's stages and clocks for assertions: "stage: clock action amount unit from strength". */
export function outline(profile: ProviderProfile): string[] {
  return profile.stages.flatMap((s) => [
    `${s.id}${s.final ? ' (final)' : ''}`,
    ...s.clocks.map((c) => `  ${c.id}: ${c.action} ${c.amount} ${c.unit} from ${c.from} (${c.strength})`),
  ]);
}

/** Every clock's source must state its own number. */
export function sourcesStateTheirNumbers(profile: ProviderProfile): void {
  const clocks = [...profile.stages.flatMap((s) => s.clocks), ...(profile.otherPromises ?? []).flatMap((p) => p.clocks)];
  for (const c of clocks) expect(c.source).toContain(String(c.amount));
}
