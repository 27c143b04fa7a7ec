import type { ProviderProfile } from '../profile-schema';
import { englandAndWales } from './common';

/** Seed 000: Nasstar (business IT / comms provider). */
/** Plain data (no schema library on the first page); validated against providerProfileSchema in its test. */
export const nasstarProfile: ProviderProfile = {
  id: 'nasstar',
  name: 'Nasstar',
  procedureLanguage: 'en',
  referenceStyle: { prefix: 'NAS-' },
  contact: {
    portalUrl: 'https://onenasstar.service-now.com/nasstarcsm',
    email: 'complaints@nasstar.com',
    address: ['Nasstar Head Office', 'Melbourne House', 'Brandy Carr Road', 'Wakefield', 'West Yorkshire', 'WF2 0UG'],
  },
  // The seed publishes no opening hours.
  openingHours: [],
  complaintsAbout: 'communicationsService',
  acceptedChannels: ['portal', 'email', 'letter'],
  ...englandAndWales,
  workingWeek: [...englandAndWales.workingWeek],
  stages: [
    {
      id: 'department',
      number: 1,
      clocks: [],
      source:
        'We believe the best way to resolve most complaints is by speaking directly with the department involved. They are best placed to understand the issue and find a solution quickly.',
    },
    {
      id: 'headOfDepartment',
      // Part of the seed's Stage 1 ("Addressing the issue directly").
      number: 1,
      clocks: [],
      source:
        'If you’re not satisfied with how your complaint is being handled, or if you disagree with the resolution, you can escalate it to the head of the department.',
    },
    {
      id: 'complaintsTeam',
      number: 2,
      escalation: { method: 'portal' },
      clocks: [
        {
          id: 'acknowledge',
          action: 'acknowledge',
          amount: 2,
          unit: 'workingDays',
          from: 'stageStart',
          strength: 'commitment',
          source:
            'Once your complaint is received, we will log it in our ticketing system and send you an acknowledgement within 2 working days.',
        },
        {
          id: 'resolve',
          action: 'resolve',
          amount: 20,
          unit: 'workingDays',
          from: 'stageStart',
          strength: 'aim',
          source: 'We aim to resolve all complaints within 20 working days.',
        },
      ],
      source:
        'If you feel that your complaint hasn’t been adequately addressed, or if you prefer to take another route, you can reach out to us directly.',
    },
    {
      id: 'customerServicesManager',
      number: 3,
      escalation: { method: 'portal' },
      final: true,
      clocks: [
        {
          id: 'writtenAcknowledgement',
          action: 'acknowledge',
          amount: 10,
          unit: 'workingDays',
          from: 'stageStart',
          strength: 'commitment',
          source:
            'Upon receiving the referral, the Customer Services Manager will provide written acknowledgement within 10 working days.',
        },
      ],
      source:
        'If after following stages 1 &/or 2, you feel that your complaint is not resolved to your satisfaction, you should request that your complaint be referred to the Customer Services Manager.',
    },
  ],
  // The portal is the seed's Stage 2 channel ("Portal: https://onenasstar.service-now.com/nasstarcsm").
  entryStageId: 'complaintsTeam',
  adr: {
    schemeId: 'cisas',
    number: 4,
    // Stage 4's criteria still state the wait before the 2026 rule (docs/decisions/0060-dated-adr-rules.md).
    publishedWait: { weeks: 8, source: 'Their complaint has been outstanding for more than 8 weeks' },
  },
  // Stage 1 (the department, its head) happens outside the portal: the customer may already have complained and
  // been given a case reference ("you'll receive a case reference. Keep this handy"); the wait counts from then.
  earlierComplaintOutsidePortal: true,
  // "should request escalation, via their Account Manager, Customer Success Manager or to a member of the C-Level Management Team."
  largeCustomerRoute: ['accountManager', 'customerSuccessManager', 'cLevel'],
  otherPromises: [
    {
      kind: 'abuseReport',
      contact: { email: 'abuse@nasstar.com' },
      clocks: [
        {
          id: 'handleAbuse',
          action: 'handleAbuse',
          amount: 3,
          unit: 'workingDays',
          from: 'stageStart',
          strength: 'commitment',
          source: 'We will deal with your report within 3 working days.',
        },
      ],
    },
  ],
  asksFor: [],
  // "At Nasstar, we also analyse the feedback we receive to identify trends and opportunities for improvement."
  usesFeedback: true,
  notes: [
    {
      id: 'noReference',
      // The profile ships with the first page: the quote is cut to what the note says.
      source: 'Some departments may contact you without a reference … usually by email and/or phone.',
    },
  ],
};
