import type enProviders from '@locales/en/providers.json';
import type { ProviderId } from '@/domain/provider-ids';

/**
 * Translation keys for a provider's own procedure: `providers:<provider>.stages.<stage>.name`, `….clocks.<clock>`,
 * `….clocksFrom.<clock>`, `….notes.<note>`. Each type is the union of the keys locales/en/providers.json really has,
 * so `t()` checks them like any literal key (src/lib/i18next.d.ts).
 *
 * Stage, clock and note ids are profile data (src/domain/profiles) and case data (timeline events), typed `string`,
 * so these helpers are the one place a runtime id becomes a key: src/domain/profiles/locales.test.ts checks that
 * every id of every profile has its text in English and Italian (docs/decisions/0063-typed-translation-keys.md).
 */
type Providers = typeof enProviders;
type Section<Id extends ProviderId, S extends string> = Providers[Id] extends Record<S, infer T> ? keyof T & string : never;

export type StageField = 'name' | 'handler' | 'description';
export type StageKey<F extends StageField = StageField> = { [Id in ProviderId]: `providers:${Id}.stages.${Section<Id, 'stages'>}.${F}` }[ProviderId];
export type ClockKey = { [Id in ProviderId]: `providers:${Id}.clocks.${Section<Id, 'clocks'>}` }[ProviderId];
export type ClockFromKey = { [Id in ProviderId]: `providers:${Id}.clocksFrom.${Section<Id, 'clocksFrom'>}` }[ProviderId];
export type NoteKey = { [Id in ProviderId]: `providers:${Id}.notes.${Section<Id, 'notes'>}` }[ProviderId];

/** The name, handler or description of a stage of the provider's procedure. */
export const stageKey = <F extends StageField>(providerId: ProviderId, stageId: string, field: F) =>
  `providers:${providerId}.stages.${stageId}.${field}` as StageKey<F>;

/** The label of one of the provider's clocks ("Acknowledgement"). */
export const clockKey = (providerId: ProviderId, clockId: string) => `providers:${providerId}.clocks.${clockId}` as ClockKey;

/** What a clock counts from, when that is another clock ("from the acknowledgement"). */
export const clockFromKey = (providerId: ProviderId, clockId: string) => `providers:${providerId}.clocksFrom.${clockId}` as ClockFromKey;

/** One of the other statements of the procedure shown on the home page. */
export const noteKey = (providerId: ProviderId, noteId: string) => `providers:${providerId}.notes.${noteId}` as NoteKey;
