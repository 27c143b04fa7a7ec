import type { Attachment, Case, Letter, TimelineEvent } from '@/api/schemas';
import { adrWaitFor } from '@/domain/case-clocks';
import type { Eligibility } from '@/domain/eligibility';
import type { ProviderProfile } from '@/domain/profile-schema';
import { getScheme } from '@/domain/schemes';
import type { DocBlock, DocModel } from './doc-model';
import { formatters, type Translate } from './format';
import { buildProviderLetter, customerAddressLines, letterDeadlineDay, schemeContactRows } from './letters';
import { letterContext } from '@/lib/letter-context';
import { stageKey } from '@/lib/provider-keys';

/**
 * The referral pack a scheme asks for (docs/decisions/0004-adr-eligibility.md, the scheme data in src/domain/schemes.ts). It is
 * always built in English, the scheme's language, whatever the portal's language: the caller passes
 * an English `t` (i18next.getFixedT('en', …)). The customer's own words are copied as written.
 */

export type ExclusionReason = 'kind' | 'size';
export interface EvidenceSelection {
  included: Attachment[];
  excluded: { attachment: Attachment; reason: ExclusionReason }[];
  maxTotalBytes: number | null;
  fileKinds: string[] | null;
}

/** Which files go in the pack: the scheme's accepted kinds, in order, until its total size limit. */
export function selectEvidence(attachments: readonly Attachment[], schemeId: Letter['schemeId']): EvidenceSelection {
  const rules = getScheme(schemeId).evidence;
  const included: Attachment[] = [];
  const excluded: EvidenceSelection['excluded'] = [];
  let total = 0;
  for (const a of attachments) {
    if (rules && !rules.fileKinds.includes(a.kind)) excluded.push({ attachment: a, reason: 'kind' });
    else if (rules && total + a.size > rules.maxTotalBytes) excluded.push({ attachment: a, reason: 'size' });
    else {
      included.push(a);
      total += a.size;
    }
  }
  return { included, excluded, maxTotalBytes: rules?.maxTotalBytes ?? null, fileKinds: rules?.fileKinds ?? null };
}

/** The letter the pack relies on: the latest deadlock or 8-week ADR letter. */
export function latestLetter(c: Pick<Case, 'letters'>): Letter | undefined {
  return [...c.letters].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt))[0];
}

/**
 * Whether each kind of timeline event shows contact between customer and provider (the pack's dated history).
 * Every kind is listed, so a new one does not compile until it is put on one side.
 */
const showsContact = {
  submitted: true,
  acknowledged: true,
  assigned: true,
  update: true,
  response: true,
  resolutionProposed: true,
  resolutionAccepted: true,
  resolutionRejected: true,
  escalationRequested: true,
  escalated: true,
  deadlockRequested: true,
  adrLetterRequested: true,
  letterIssued: true,
  comment: true,
  evidenceAdded: true,
  referred: false,
  feedback: false,
  closed: false,
  abuseHandled: false,
  clockOverdue: false,
  adrLetterDue: false,
} as const satisfies Record<TimelineEvent['type'], boolean>;
type ContactEvent = { [K in keyof typeof showsContact]: (typeof showsContact)[K] extends true ? K : never }[keyof typeof showsContact];
const isContactEvent = (e: TimelineEvent): e is TimelineEvent & { type: ContactEvent } => showsContact[e.type];

export interface PackInput {
  caseData: Case;
  timeline: readonly TimelineEvent[];
  profile: ProviderProfile;
  eligibility: Eligibility;
  /** English translations (adr, providers, common). */
  t: Translate;
  /** When the pack is made (the back office's asOf). */
  now: string;
}

export interface ReferralPack {
  doc: DocModel;
  evidence: EvidenceSelection;
  letter: Letter | undefined;
  filename: string;
}

export function buildReferralPack({ caseData: c, timeline, profile, eligibility, t, now }: PackInput): ReferralPack {
  const f = formatters('en-GB', profile.timeZone);
  const schemeId = profile.adr.schemeId;
  const scheme = t(`providers:schemes.${schemeId}.name`);
  const letter = latestLetter(c);
  const evidence = selectEvidence(c.attachments, schemeId);
  const a = c.aboutYou;
  const who =
    a.customerKind === 'residential'
      ? t('adr:pack.consumer')
      : a.customerKind === 'business'
        ? t('adr:pack.business', { count: a.employees ?? 0 })
        : t('adr:pack.largeOrganisation');

  const blocks: DocBlock[] = [
    { kind: 'paragraph', text: t('adr:pack.intro', { scheme, provider: profile.name, context: letterContext(profile) }) },
    {
      kind: 'fields',
      rows: [
        { label: t('adr:pack.scheme'), value: scheme },
        { label: t('adr:pack.provider'), value: profile.name },
        { label: t('adr:pack.reference'), value: c.reference },
        { label: t('adr:pack.name'), value: a.name, own: true },
        ...(a.organisation ? [{ label: t('adr:pack.organisation'), value: a.organisation, own: true }] : []),
        ...(a.accountNumber ? [{ label: t('adr:pack.account'), value: a.accountNumber, own: true }] : []),
        { label: t('adr:pack.customerType'), value: who },
        { label: t('adr:pack.address'), value: customerAddressLines(c).slice(1).join(', ') || '—', own: true },
        { label: t('adr:pack.email'), value: a.email },
        { label: t('adr:pack.phone'), value: a.phone },
        { label: t('adr:pack.replyBy'), value: t(`adr:replyBy.${a.replyBy}`) },
        { label: t('adr:pack.prepared'), value: f.date(now) },
      ],
    },

    { kind: 'heading', level: 2, text: t('adr:pack.firstComplaintTitle') },
    { kind: 'paragraph', text: t('adr:pack.firstComplaint', { date: f.date(c.firstComplainedAt), provider: profile.name }) },

    { kind: 'heading', level: 2, text: t('adr:pack.letterTitle', { context: letterContext(profile) }) },
  ];
  if (letter) {
    const deadline = letterDeadlineDay(letter, profile);
    blocks.push({
      kind: 'fields',
      rows: [
        { label: t('adr:pack.letterKind'), value: t(`adr:letterKinds.${letter.kind}`, { context: letterContext(profile) }) },
        { label: t('adr:pack.letterDate'), value: f.date(letter.issuedAt) },
        ...(deadline ? [{ label: t('adr:pack.applyBy'), value: f.day(deadline) }] : []),
      ],
    });
    blocks.push({ kind: 'paragraph', text: t('adr:pack.letterAttached') });
  } else {
    const fromDay = eligibility.status === 'eligibleFrom' ? eligibility.fromDay : undefined;
    const weeks = adrWaitFor(c, profile)?.weeks ?? 0;
    blocks.push({ kind: 'paragraph', text: t('adr:pack.noLetter', { date: f.date(c.firstComplainedAt), provider: profile.name, period: t('common:clockUnits.weeks', { count: weeks }) }) });
    if (fromDay) blocks.push({ kind: 'paragraph', text: t('adr:pack.eligibleFrom', { date: f.day(fromDay) }) });
  }

  blocks.push(
    { kind: 'heading', level: 2, text: t('adr:pack.disputeTitle') },
    { kind: 'paragraph', text: t('adr:pack.ownWords') },
    {
      kind: 'fields',
      rows: [
        { label: t('adr:pack.category'), value: t(`adr:categories.${c.complaint.category}`) },
        { label: t('adr:pack.startedOn'), value: f.day(c.complaint.startedOn) },
        { label: t('adr:pack.summary'), value: c.complaint.summary, own: true },
      ],
    },
    { kind: 'heading', level: 3, text: t('adr:pack.whatHappened') },
    { kind: 'paragraph', text: c.complaint.whatHappened, own: true },
  );

  blocks.push({ kind: 'heading', level: 2, text: t('adr:pack.contactTitle') });
  const ev = c.evidence;
  if (ev.calls.length) {
    blocks.push({
      kind: 'table',
      caption: t('adr:pack.calls'),
      head: [t('adr:pack.when'), t('adr:pack.fromNumber'), t('adr:pack.spokeTo'), t('adr:pack.whatWasSaid')],
      rows: ev.calls.map((call) => [f.dateTime(call.at), call.fromNumber, call.spokeTo ?? '—', call.whatWasSaid]),
    });
  }
  if (ev.emails.length) {
    blocks.push({
      kind: 'table',
      caption: t('adr:pack.emails'),
      head: [t('adr:pack.when'), t('adr:pack.to'), t('adr:pack.emailSubject')],
      rows: ev.emails.map((e) => [f.dateTime(e.sentAt), e.toAddress, e.subject]),
    });
  }
  if (ev.references.length) {
    blocks.push({ kind: 'heading', level: 3, text: t('adr:pack.references') });
    blocks.push({ kind: 'list', items: ev.references.map((r) => (r.note ? `${r.reference} — ${r.note}` : r.reference)) });
  }
  if (ev.staff.length) {
    blocks.push({ kind: 'heading', level: 3, text: t('adr:pack.staff') });
    blocks.push({ kind: 'list', items: ev.staff.map((s) => (s.team ? `${s.name} (${s.team})` : s.name)) });
  }
  const history = timeline.filter(isContactEvent);
  if (history.length) {
    blocks.push({
      kind: 'table',
      caption: t('adr:pack.history'),
      head: [t('adr:pack.when'), t('adr:pack.what'), t('adr:pack.details')],
      rows: history.map((e) => [f.dateTime(e.at), t(`adr:events.${e.type}`, { stage: e.data?.toStage ? t(stageKey(profile.id, e.data.toStage, 'name')) : '' }), e.text ?? e.data?.files ?? '']),
    });
  }
  if (!ev.calls.length && !ev.emails.length && !history.length) blocks.push({ kind: 'paragraph', text: t('adr:pack.noContacts') });

  blocks.push(
    { kind: 'heading', level: 2, text: t('adr:pack.outcomeTitle') },
    { kind: 'paragraph', text: c.complaint.outcomeWanted, own: true },
    {
      kind: 'fields',
      rows: [
        {
          label: t('adr:pack.compensation'),
          value: c.complaint.compensationPence !== undefined ? f.money(c.complaint.compensationPence) : t('adr:pack.noCompensation'),
        },
      ],
    },
  );

  blocks.push({ kind: 'heading', level: 2, text: t('adr:pack.evidenceTitle') });
  if (evidence.maxTotalBytes !== null && evidence.fileKinds) {
    blocks.push({
      kind: 'paragraph',
      text: t('adr:pack.evidenceRules', { scheme, kinds: evidence.fileKinds.join(', '), size: f.bytes(evidence.maxTotalBytes) }),
    });
  }
  const fileRows = [
    ...evidence.included.map((att, i) => [String(i + 1), att.name, att.kind.toUpperCase(), f.bytes(att.size), t('adr:pack.included')]),
    ...evidence.excluded.map(({ attachment: att, reason }) => [
      '—',
      att.name,
      att.kind.toUpperCase(),
      f.bytes(att.size),
      t(`adr:pack.excluded.${reason}`, { scheme }),
    ]),
  ];
  if (fileRows.length) {
    blocks.push({
      kind: 'table',
      caption: t('adr:pack.evidenceIndex'),
      head: [t('adr:pack.number'), t('adr:pack.file'), t('adr:pack.type'), t('adr:pack.size'), t('adr:pack.inPack')],
      rows: fileRows,
    });
  } else blocks.push({ kind: 'paragraph', text: t('adr:pack.noFiles') });

  blocks.push({ kind: 'heading', level: 2, text: t('adr:pack.submitTitle', { scheme }) });
  const contact = schemeContactRows(profile, t);
  if (contact.length) blocks.push({ kind: 'fields', rows: contact });
  blocks.push(
    { kind: 'heading', level: 2, text: t('adr:pack.declarationTitle') },
    { kind: 'paragraph', text: t('adr:pack.declaration', { scheme }) },
    { kind: 'lines', lines: [a.name, f.date(now)] },
  );
  if (letter) {
    const copy = buildProviderLetter({ caseData: c, letter, profile, t, locale: 'en-GB' });
    blocks.push({ kind: 'pageBreak' }, { kind: 'heading', level: 2, text: `${t('adr:pack.appendix')}: ${copy.title}` }, ...copy.blocks);
  }

  return {
    doc: {
      title: t('adr:pack.title', { scheme }),
      lang: 'en-GB',
      keywords: [c.reference, scheme, profile.name],
      dated: now,
      blocks,
    },
    evidence,
    letter,
    filename: `${c.reference}-${schemeId}-referral-pack.pdf`,
  };
}
