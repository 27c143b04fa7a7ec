import { createCalendar } from './clocks';
import type { ProviderProfile } from './profile-schema';

/**
 * The date of first complaint, from which the regulator's wait for ADR counts (Ofcom GC C4). A complaint made in the
 * portal was first made when it was received — unless the procedure's earlier stages happen outside the portal
 * (Nasstar: the department and its head, `earlierComplaintOutsidePortal`) and the customer says when they first
 * complained there: then the wait counts from the start of that day, in the provider's time zone. Staff logging a
 * complaint first made by phone or letter give the same date (`firstComplaintFromDay`): one rule, one field,
 * `firstComplainedAt` on the case.
 */
export type FirstComplaint = { at: Date } | { refused: 'notOffered' | 'dateInFuture' };

/** The instant of a first complaint made on a local day ('YYYY-MM-DD'), no later than `receivedAt`. */
export function firstComplaintFromDay(profile: Pick<ProviderProfile, 'timeZone' | 'holidays' | 'workingWeek' | 'workingHours'>, day: string, receivedAt: Date): FirstComplaint {
  const cal = createCalendar(profile);
  const today = cal.localDay(receivedAt);
  if (day > today) return { refused: 'dateInFuture' };
  if (day === today) return { at: receivedAt };
  return { at: cal.atLocal(day) };
}

/** The first complaint of a case raised in the portal: the customer's earlier date where the procedure allows one. */
export function firstComplaintAt(profile: ProviderProfile, given: string | undefined, receivedAt: Date): FirstComplaint {
  if (!given) return { at: receivedAt };
  if (!profile.earlierComplaintOutsidePortal) return { refused: 'notOffered' };
  return firstComplaintFromDay(profile, given, receivedAt);
}
