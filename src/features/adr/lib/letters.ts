import type { Case, EscalationInput, Letter } from '@/api/schemas';
import { createCalendar } from '@/domain/clocks';
import { addMonthsToDay } from '@/domain/eligibility';
import type { ProviderProfile } from '@/domain/profile-schema';
import { getStage } from '@/domain/profiles';
import { getScheme, publishedSchemeContact, schemeRulesOn } from '@/domain/schemes';
import { adrWaitFor } from '@/domain/case-clocks';
import type { DocBlock, DocModel } from './doc-model';
import { formatters, type Translate } from './format';
import { stageKey } from '@/lib/provider-keys';
import { letterContext } from '@/lib/letter-context';

/**
 * The letters of the ADR feature as DocModels: the provider's deadlock / 8-week ADR letter, and
 * the customer's letter asking for escalation where the procedure says "send a letter" (Netservers).
 * `t` must be bound to the namespaces adr, providers and common in the document's language.
 */

/** The provider's scheme's contact details as rows, only where they have a source (publishedSchemeContact). */
export function schemeContactRows(profile: Pick<ProviderProfile, 'adr'>, t: Translate): { label: string; value: string }[] {
  const c = publishedSchemeContact(profile)?.contact ?? {};
  const rows: { label: string; value: string }[] = [];
  if (c.website) rows.push({ label: t('adr:contact.website'), value: c.website });
  if (c.portalUrl) rows.push({ label: t('adr:contact.portal'), value: c.portalUrl });
  if (c.email) rows.push({ label: t('adr:contact.email'), value: c.email });
  if (c.phone) rows.push({ label: t('adr:contact.phone'), value: c.phone });
  if (c.textphone) rows.push({ label: t('adr:contact.textphone'), value: c.textphone });
  if (c.address?.length) rows.push({ label: t('adr:contact.address'), value: c.address.join(', ') });
  return rows;
}

export function customerAddressLines(c: Case): string[] {
  const a = c.aboutYou.address;
  return [
    c.aboutYou.name,
    ...(c.aboutYou.organisation ? [c.aboutYou.organisation] : []),
    ...(a ? [a.line1, ...(a.line2 ? [a.line2] : []), a.town, a.postcode] : []),
  ];
}

/**
 * The time limit a letter starts: only a deadlock letter (the provider's notice that it cannot resolve the
 * complaint) starts one, under the rule in force on the letter's day. Null for an ADR letter sent at the wait.
 */
export function letterTimeLimit(letter: Letter, profile: ProviderProfile): { months: number; deadlineDay: string } | null {
  if (letter.kind !== 'deadlock') return null;
  const day = createCalendar(profile).localDay(new Date(letter.issuedAt));
  const limit = schemeRulesOn(getScheme(letter.schemeId), day).timeLimit;
  if (!limit) return null;
  return { months: limit.months, deadlineDay: addMonthsToDay(day, limit.months) };
}

/** The last day to go to the scheme after a deadlock letter, or null when the letter starts no time limit. */
export function letterDeadlineDay(letter: Letter, profile: ProviderProfile): string | null {
  return letterTimeLimit(letter, profile)?.deadlineDay ?? null;
}

export function buildProviderLetter(input: { caseData: Case; letter: Letter; profile: ProviderProfile; t: Translate; locale: string }): DocModel {
  const { caseData: c, letter, profile, t } = input;
  const f = formatters(input.locale, profile.timeZone);
  const scheme = t(`providers:schemes.${letter.schemeId}.name`);
  const provider = profile.name;
  const limit = letterTimeLimit(letter, profile);
  const wait = adrWaitFor(c, profile);
  const contact = schemeContactRows(profile, t);
  const context = letterContext(profile);
  const free = getScheme(letter.schemeId).kind === 'ofcomAdr' ? ` ${t('adr:letter.free')}` : '';
  const blocks: DocBlock[] = [
    { kind: 'lines', align: 'right', lines: [provider, ...(profile.contact.address ?? []), ...(profile.contact.email ? [profile.contact.email] : []), ...(profile.contact.phone ? [profile.contact.phone] : [])] },
    { kind: 'lines', lines: customerAddressLines(c) },
    { kind: 'paragraph', text: f.date(letter.issuedAt) },
    {
      kind: 'fields',
      rows: [
        { label: t('adr:letter.yourReference'), value: c.reference },
        { label: t('adr:letter.subject'), value: c.complaint.summary, own: true },
      ],
    },
    { kind: 'paragraph', text: t('adr:letter.dear', { name: c.aboutYou.name }) },
    {
      kind: 'paragraph',
      text:
        letter.kind === 'deadlock'
          ? t('adr:letter.deadlockBody', { provider, date: f.date(c.firstComplainedAt), context })
          : t('adr:letter.eightWeeksBody', { provider, date: f.date(c.firstComplainedAt), period: t('common:clockUnits.weeks', { count: wait?.weeks ?? 0 }) }),
    },
    { kind: 'paragraph', text: t('adr:letter.scheme', { scheme, description: t(`providers:schemes.${letter.schemeId}.description`) }) + free },
  ];
  if (limit) {
    blocks.push({ kind: 'paragraph', strong: true, text: t('adr:letter.timeLimit', { count: limit.months, scheme, date: f.day(limit.deadlineDay) }) });
  }
  blocks.push({ kind: 'heading', level: 2, text: t('adr:letter.contactTitle', { scheme }) });
  if (contact.length) blocks.push({ kind: 'fields', rows: contact });
  else {
    blocks.push({ kind: 'paragraph', text: t('adr:letter.noContact', { scheme, provider }) });
    if (profile.contact.email) blocks.push({ kind: 'paragraph', text: t('adr:letter.askProvider', { scheme, provider, contact: profile.contact.email }) });
  }
  blocks.push({ kind: 'paragraph', text: t('adr:letter.quoteReference', { reference: c.reference }) });
  blocks.push({ kind: 'lines', lines: [t('adr:letter.signOff'), t('adr:letter.signature', { provider, context })] });
  return {
    title: letter.kind === 'deadlock' ? t('adr:letter.deadlockTitle', { context }) : t('adr:letter.eightWeeksTitle'),
    lang: input.locale,
    keywords: [c.reference, scheme, provider],
    dated: letter.issuedAt,
    blocks,
  };
}

export function buildEscalationLetter(input: {
  caseData: Case;
  profile: ProviderProfile;
  toStageId: string;
  request: Partial<EscalationInput>;
  t: Translate;
  locale: string;
  now: string;
}): DocModel {
  const { caseData: c, profile, t } = input;
  const f = formatters(input.locale, profile.timeZone);
  const stage = getStage(profile, input.toStageId);
  const stageName = t(stageKey(profile.id, input.toStageId, 'name'));
  const a = c.aboutYou.address;
  const address = a ? [a.line1, a.line2, a.town, a.postcode].filter(Boolean).join(', ') : t('adr:escalationLetter.noAddress');
  const replyValue = { email: c.aboutYou.email, phone: c.aboutYou.phone, letter: address }[c.aboutYou.replyBy];
  const blocks: DocBlock[] = [
    { kind: 'lines', align: 'right', lines: customerAddressLines(c) },
    { kind: 'paragraph', text: f.date(input.now) },
    { kind: 'lines', lines: stage?.escalation?.address ?? [profile.name, ...(profile.contact.address ?? [])] },
    { kind: 'paragraph', strong: true, text: t('adr:escalationLetter.subject', { reference: c.reference }) },
    { kind: 'paragraph', text: t('adr:escalationLetter.dear') },
    { kind: 'paragraph', text: t('adr:escalationLetter.request', { reference: c.reference, stage: stageName, date: f.date(c.firstComplainedAt) }) },
  ];
  if (input.request.reason) {
    blocks.push({ kind: 'paragraph', text: t('adr:escalationLetter.reason', { reason: t(`adr:reasons.${input.request.reason}`) }) });
  }
  if (input.request.details) blocks.push({ kind: 'paragraph', text: input.request.details, own: true });
  blocks.push({
    kind: 'fields',
    rows: [
      { label: t('adr:escalationLetter.reference'), value: c.reference },
      { label: t('adr:escalationLetter.name'), value: c.aboutYou.name, own: true },
      { label: t('adr:escalationLetter.address'), value: address, own: true },
      { label: t('adr:escalationLetter.replyBy'), value: `${t(`adr:replyBy.${c.aboutYou.replyBy}`)}: ${replyValue}` },
    ],
  });
  blocks.push({ kind: 'lines', lines: [t('adr:escalationLetter.signOff'), c.aboutYou.name] });
  return {
    title: t('adr:escalationLetter.title', { stage: stageName }),
    lang: input.locale,
    keywords: [c.reference, profile.name, stageName],
    dated: input.now,
    blocks,
  };
}
