import type { ProviderProfile } from '../profile-schema';
import { englandAndWales, monToFri } from './common';

/** Seed 001: Netservers Ltd. (residential and small business ISP). */
/** Plain data (no schema library on the first page); validated against providerProfileSchema in its test. */
export const netserversProfile: ProviderProfile = {
  id: 'netservers',
  name: 'Netservers Ltd.',
  procedureLanguage: 'en',
  referenceStyle: { prefix: 'NET-' },
  contact: {
    address: ['Customer Services', 'Netservers Ltd.', '21 Signet Court', 'Cambridge', 'CB5 8LA'],
  },
  // "Monday - Friday: 09:00-18:00" / "Saturday: 10:00-16:00"
  openingHours: [
    { days: [...monToFri], opens: '09:00', closes: '18:00' },
    { days: ['sat'], opens: '10:00', closes: '16:00' },
  ],
  // "We aim to resolve any issue as quickly as possible, preferably during a phone call or email"; letters for escalation.
  complaintsAbout: 'communicationsService',
  acceptedChannels: ['phone', 'email', 'letter'],
  ...englandAndWales,
  // Saturday opening is not a working day for "working days" (docs/decisions/0003-clock-rules.md).
  workingWeek: [...monToFri],
  // The seed states its weekday hours: 09:00-18:00.
  workingHours: { start: '09:00', end: '18:00' },
  stages: [
    {
      id: 'contact',
      clocks: [],
      source: 'Start by contacting us directly - phone is recommended for real-time resolution',
    },
    {
      id: 'customerServicesManager',
      escalation: {
        method: 'letter',
        requires: ['reference', 'name', 'address', 'replyPreference'],
        address: ['Attn: Complaints Manager', 'Netservers Ltd.', '21 Signet Court', 'Cambridge CB5 8LA'],
        // Assumption (the seed is silent): a letter posted on the day of the request arrives by the second working day.
        assumedDeliveryWorkingDays: 2,
      },
      clocks: [
        {
          id: 'writtenResponse',
          action: 'respond',
          amount: 10,
          unit: 'workingDays',
          from: 'stageStart',
          strength: 'commitment',
          source: 'You will receive a written response within 10 working days.',
        },
      ],
      source:
        'Send a letter quoting your complaint reference number requesting that your complaint be referred to the Customer Services Manager.',
    },
    {
      id: 'managingDirector',
      final: true,
      clocks: [],
      source:
        'After involvement from a manager, if your complaint remains unresolved, you may contact our managing director.',
    },
  ],
  entryStageId: 'contact',
  // "Alternatively, you can raise the complaint with the ISPA." Final step: Ombudsman Services Communications.
  adr: {
    schemeId: 'osc',
    alsoNamed: ['ispa'],
    contact: {
      phone: '0330 440 1614',
      email: 'osenquiries@os-communications.org',
      address: ['Ombudsman Services Communications', 'PO Box 730', 'Warrington', 'WA4 6WU'],
    },
    contactSource:
      'Final step if all other avenues have been exhausted Phone: 0330 440 1614 Email: osenquiries@os-communications.org Address: Ombudsman Services Communications PO Box 730, Warrington WA4 6WU',
  },
  largeCustomerRoute: [],
  otherPromises: [],
  asksFor: [],
  usesFeedback: false,
  notes: [
    // The procedure recommends phone but publishes no number anywhere in it: say so rather than show one from elsewhere.
    { id: 'phoneNoNumber', source: 'Start by contacting us directly - phone is recommended for real-time resolution' },
    {
      id: 'callsRecorded',
      source:
        'Note: We may monitor or record online chats or calls made to or from our Support and Sales team. We do this for training purposes, to improve customer support quality, and to comply with Ofcom regulations.',
    },
    {
      id: 'ombudsmanPowers',
      source:
        'The Ombudsman can ask us to issue an apology, take remedial action, and award compensation. Their decisions are binding on us but not you, allowing you to seek further advice if needed.',
    },
    {
      id: 'thirdParties',
      source:
        'Whilst we are very good at resolving issues when they occur, there may be third parties we are reliant upon. We will be honest when such issues occur and who is at fault.',
    },
    {
      id: 'majorIssues',
      source:
        'Sometimes there may be faults caused by major issues such as technical failure or natural disaster. We will aim to resolve these as quickly as possible but complaints cannot force us to provide service when temporarily impossible.',
    },
    {
      id: 'noticeGiven',
      source:
        'Complaints cannot force us to provide a service where we have deemed we cannot, or continue to do so, and have provided notice as per agreed terms and conditions.',
    },
  ],
};
