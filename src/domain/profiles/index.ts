import type { ProviderId, ProviderProfile, Stage } from '../profile-schema';
import { ask4Profile } from './ask4';
import { commsombudsmanProfile } from './commsombudsman';
import { misoProfile } from './miso';
import { nasstarProfile } from './nasstar';
import { netserversProfile } from './netservers';

export { ask4Profile, commsombudsmanProfile, misoProfile, nasstarProfile, netserversProfile };

/** Every provider profile, by id. Adding a provider = one file here + its translations. */
export const profiles: Record<ProviderId, ProviderProfile> = {
  nasstar: nasstarProfile,
  netservers: netserversProfile,
  commsombudsman: commsombudsmanProfile,
  ask4: ask4Profile,
  miso: misoProfile,
};

export function getProfile(id: ProviderId): ProviderProfile {
  const profile = profiles[id];
  if (!profile) throw new Error(`Unknown provider: ${String(id)}`);
  return profile;
}

export function getStage(profile: ProviderProfile, stageId: string): Stage | undefined {
  return profile.stages.find((s) => s.id === stageId);
}
