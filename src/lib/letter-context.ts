import { finalLetterName } from '@/domain/cases';
import type { ProviderProfile } from '@/domain/profile-schema';

/**
 * The i18next context that names the letter ending a procedure as the procedure does: undefined for a deadlock
 * letter, 'finalResponse' for the Communications Ombudsman's final response (keys `…_finalResponse`).
 */
export function letterContext(profile: Pick<ProviderProfile, 'finalLetter'>): 'finalResponse' | undefined {
  return finalLetterName(profile) === 'finalResponse' ? 'finalResponse' : undefined;
}
