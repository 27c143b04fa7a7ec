import type { ProviderProfile } from '../profile-schema';
import { englandAndWales } from './common';

/** Seed 002: Communications Ombudsman (its own service-complaints procedure). */
/** Plain data (no schema library on the first page); validated against providerProfileSchema in its test. */
export const commsombudsmanProfile: ProviderProfile = {
  id: 'commsombudsman',
  name: 'Communications Ombudsman',
  procedureLanguage: 'en',
  referenceStyle: { prefix: 'CO-' },
  contact: {
    email: 'customer-relations@trustalliancegroup.org',
    address: ['Communications Ombudsman', '3300 Daresbury Park', 'Warrington', 'WA4 4HS'],
  },
  openingHours: [],
  // "If you’re unhappy with our service, we want to hear from you": its own service, not a provider's.
  complaintsAbout: 'ombudsmanService',
  // "Online: To make a service complaint online click here…", "Email: …", "Post: …"
  acceptedChannels: ['onlineForm', 'email', 'letter'],
  ...englandAndWales,
  workingWeek: [...englandAndWales.workingWeek],
  // The seed is silent on its hours; "24 working hours" is counted on 09:00–17:00 (docs/decisions/0003-clock-rules.md).
  workingHours: { start: '09:00', end: '17:00' },
  stages: [
    {
      id: 'localResolution',
      clocks: [],
      source:
        'We recommend you contact the person who dealt with your complaint or their manager initially. They’ll try to resolve any problems for you during this initial stage.',
    },
    {
      id: 'firstStage',
      escalation: { method: 'portal' },
      clocks: [
        {
          id: 'acknowledge',
          action: 'acknowledge',
          amount: 24,
          unit: 'workingHours',
          from: 'stageStart',
          strength: 'commitment',
          source:
            'The Customer Relations team will review your concerns and send an acknowledgement within 24 working hours explaining which area of our business is best placed to address your concerns.',
        },
        {
          id: 'assign',
          action: 'assign',
          amount: 24,
          unit: 'workingHours',
          from: 'acknowledge',
          strength: 'aim',
          source: 'The Leader of that area will assign an individual to respond, ideally within 24 working hours.',
        },
      ],
      source:
        'If you’ve been unable to resolve things with the member of staff concerned or their manager, our service complaints procedure is here to help.',
    },
    {
      id: 'secondStage',
      escalation: { method: 'portal' },
      final: true,
      clocks: [],
      source:
        'If no resolution can be agreed at the first stage, the customer can escalate their complaint to a leader, senior leader or in some cases to a senior complaint executive in the Customer Relations team to issue a final response.',
    },
  ],
  entryStageId: 'firstStage',
  // "The second stage of the process ends our complaints procedure and if you’re still unhappy, you may refer your complaint to the Independent Assessor."
  adr: { schemeId: 'independentAssessor' },
  // "to issue a final response" … "Our final response will explain how to do this": never a deadlock letter.
  finalLetter: { name: 'finalResponse', at: 'finalStage' },
  // "First stage", "Second Stage": the procedure names its stages without numbers.
  unnumberedSteps: true,
  largeCustomerRoute: [],
  otherPromises: [],
  asksFor: [],
  // "We value your feedback and we want to learn to continuously improve our service."
  usesFeedback: true,
  notes: [
    {
      id: 'scope',
      source:
        'Under our complaints procedure we can investigate complaints that involve allegations of poor service or performance, for example where we’ve:',
    },
    { id: 'assessorRole', source: 'The role of the Independent Assessor is to look at how we’ve handled your complaint. It’s not the role of the Independent Assessor to:' },
    {
      id: 'executiveBoard',
      source:
        'Our executive team and members of the Board aren’t part of our complaints procedure, so any complaints addressed to them will be managed in line with our complaints procedure.',
    },
    { id: 'restriction', source: 'We may restrict consumers from using the formal complaints procedure in exceptional cases.' },
    { id: 'fairly', source: 'We’ll always ensure that we consider service complaints fairly and in line with our procedure.' },
    {
      id: 'doOurBest',
      source: 'We understand that complaints can be unsettling and customers who contact us may be angry or upset. We will always do our best to help.',
    },
    {
      id: 'polite',
      source: 'We also have a duty of care to our employees and ask that users of our service are polite to our colleagues. We will not tolerate abuse of our people.',
    },
    // The seed names the page but gives no address for it: none is shown.
    { id: 'workingTogether', source: 'All consumers are encouraged to read our Working Together page before registering their dispute.' },
  ],
};
