import type { StaffComplianceResponse, StaffPeriodQuery, StaffRegisterResponse, TimelineEvent } from '@/api/schemas';
import { staffPeriodQuerySchema } from '@/api/schemas';
import { createCalendar } from '@/domain/clocks';
import { complianceReport, registerRows, type ComplianceCase } from '@/domain/compliance';
import type { ProviderProfile } from '@/domain/profile-schema';
import { getProfile } from '@/domain/profiles';
import type { StoredCase } from './ports';
import { requireStaff } from './staff-caller';
import * as uc from './use-cases';

/**
 * The provider's proof (issue 23.7, docs/decisions/0131-register-and-compliance-report.md): the complaints register
 * and the compliance report for a period, from every case of the provider received in it, its timeline (the stages
 * it entered) and its letters log (case_messages). The figures are the domain's (src/domain/compliance.ts), from
 * the same clocks the customer sees.
 */

const PAGE = 500;

/** The period's bounds in the provider's time zone: from the start of `from` to the end of `to`. */
function bounds(profile: ProviderProfile, query: StaffPeriodQuery): { from: Date; to: Date; days: { from: string; to: string } } {
  const p = staffPeriodQuerySchema.parse(query);
  const calendar = createCalendar(profile);
  return { from: calendar.atLocal(p.from), to: calendar.addCalendarDays(calendar.atLocal(p.to), 1), days: p };
}

function stageHistory(c: StoredCase, events: readonly TimelineEvent[]): ComplianceCase['stageHistory'] {
  const submitted = events.find((e) => e.type === 'submitted');
  const first = { stageId: submitted?.stageId ?? c.stageId, at: submitted?.at ?? c.firstComplainedAt };
  return [first, ...events.filter((e) => e.type === 'escalated' && e.data?.toStage).map((e) => ({ stageId: e.data!.toStage!, at: e.at }))];
}

/**
 * Every case of the staff member's provider first complained of in [from, to), with its history and letters log:
 * the cases a page of 500 at a time, then their histories 500 cases to a read (`caseHistories`) — a bounded number
 * of store reads whatever the number of cases (test/stores/register-reads.ts counts them).
 */
async function casesIn(ctx: uc.UseCaseContext, from: Date, to: Date): Promise<ComplianceCase[]> {
  const me = requireStaff(ctx.caller);
  const scope = { providerId: me.providerId, kind: 'staff' as const, staffId: me.staff.id };
  await uc.advanceOpenCases(ctx, scope);
  const found: StoredCase[] = [];
  let cursor: string | undefined;
  do {
    const page = await ctx.tx.listCases(scope, { sort: 'updated', limit: PAGE, ...(cursor ? { cursor } : {}) }, ctx.now);
    for (const c of page.cases) {
      const t = Date.parse(c.firstComplainedAt);
      if (t >= from.getTime() && t < to.getTime()) found.push(c);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  // The demo's simulated provider brings each case up to date, as reading it on its own would (after the listing:
  // a case it changes moves in the list's order).
  for (const c of found) await uc.bringUpToDate(ctx, c);
  const out: ComplianceCase[] = [];
  for (let i = 0; i < found.length; i += PAGE) {
    const chunk = found.slice(i, i + PAGE);
    const histories = await ctx.tx.caseHistories(scope, chunk.map((c) => c.reference));
    for (const c of chunk) {
      const { events, messages } = histories.get(c.reference) ?? { events: [], messages: [] };
      out.push({
        ...c,
        referral: c.referral ? { schemeId: c.referral.schemeId, referredAt: c.referral.referredAt } : null,
        receivedBy: c.receivedBy ?? 'portal',
        category: c.complaint.category,
        customerKind: c.aboutYou.customerKind,
        supportNeeds: Boolean(c.aboutYou.supportNeeds || c.aboutYou.representative),
        stageHistory: stageHistory(c, events),
        messages: messages.map((m) => ({ kind: m.kind, channel: m.channel, at: m.doneAt ?? m.createdAt })),
      });
    }
  }
  return out;
}

export async function register(ctx: uc.UseCaseContext, query: StaffPeriodQuery): Promise<StaffRegisterResponse> {
  const me = requireStaff(ctx.caller);
  const profile = getProfile(me.providerId);
  const { from, to, days } = bounds(profile, query);
  return { asOf: ctx.now.toISOString(), ...days, rows: registerRows(profile, await casesIn(ctx, from, to), ctx.now) };
}

export async function compliance(ctx: uc.UseCaseContext, query: StaffPeriodQuery): Promise<StaffComplianceResponse> {
  const me = requireStaff(ctx.caller);
  const profile = getProfile(me.providerId);
  const { from, to, days } = bounds(profile, query);
  const report = complianceReport(profile, await casesIn(ctx, from, to), from, to, ctx.now);
  return { asOf: ctx.now.toISOString(), ...report, ...days };
}
