import type { ProviderProfile } from '../profile-schema';
import { englandAndWales } from './common';

/**
 * Seed 004: Miso Communications Limited (procedure issued 27 July 2012).
 * The seed's lines are hard-wrapped; sources quote it with the line breaks replaced by spaces.
 */
/** Plain data (no schema library on the first page); validated against providerProfileSchema in its test. */
export const misoProfile: ProviderProfile = {
  id: 'miso',
  name: 'Miso Communications Limited',
  procedureLanguage: 'en',
  referenceStyle: { prefix: 'MISO-' },
  contact: { phone: '01531 576 006', email: 'enquiries@miso-comms.net' },
  openingHours: [],
  // "Please feel free to contact us by the method you find most appropriate. These include: Telephone … Email"
  complaintsAbout: 'communicationsService',
  acceptedChannels: ['phone', 'email'],
  ...englandAndWales,
  workingWeek: [...englandAndWales.workingWeek],
  stages: [
    {
      id: 'initiation',
      doneBySubmission: true,
      clocks: [],
      source:
        'In this step we shall gather as much relevant information from you as we can on the precise nature of your complaint. We shall also issue you with a Complaint Reference Number.',
    },
    {
      id: 'attempt1',
      clocks: [],
      source:
        'At the time the complaint is raised, we shall explore whether or not we are able to suggest, and implement, the necessary remedial action.',
    },
    {
      id: 'attempt2',
      // "we shall undertake to carry out a more detailed review": Miso moves the complaint on, not the customer.
      escalation: { method: 'provider' },
      clocks: [],
      source:
        'For issues that cannot be dealt with immediately, we shall undertake to carry out a more detailed review which will in turn result in a proposal for remedial action.',
    },
    {
      id: 'attempt3',
      // "we shall undertake a director-level review of your complaint"
      escalation: { method: 'provider' },
      final: true,
      clocks: [],
      source:
        'Where the first two attempts to resolve the issue have proved to be unsuccessful, we shall undertake a director-level review of your complaint, which will result in our final proposal for remedial action.',
    },
  ],
  // Submitting in the portal is the initiation (the reference is issued on submission): cases open at attempt 1.
  entryStageId: 'attempt1',
  adr: {
    schemeId: 'osc',
    // The e-mail the seed gives, "enquires@ombudsman-services.org", is misspelt and is not shown (decision 0004).
    contact: {
      website: 'http://www.ombudsman-services.org',
      phone: '0330 440 1614',
      textphone: '0330 440 1600',
      address: ['Ombudsman Services: Communications', 'PO Box 730', 'Warrington', 'WA4 6WU'],
    },
    contactSource:
      'Ombudsman Services: Communications PO Box 730 Warrington WA4 6WU Website: http://www.ombudsman-services.org Email: enquires@ombudsman-services.org Telephone: 0330 440 1614. Textphone: 0330 440 1600.',
  },
  // "Deadlock: Should we still have failed to resolve the issue …" — the fifth step, after Resolution Attempt 3.
  finalLetter: { name: 'deadlockLetter', at: 'finalStage', step: 5 },
  largeCustomerRoute: [],
  otherPromises: [],
  asksFor: [],
  usesFeedback: false,
  notes: [
    {
      id: 'committed',
      source:
        'Ombudsman Services is an independent approved dispute resolution service and is empowered to resolve customer disputes; we are committed to this process. Ombudsman Services is approved by the communications regulator Ofcom.',
    },
    {
      id: 'formalComplaint',
      source:
        'Whichever method of contact you choose, please be ready to give us as much information as you can about the nature of your complaint. We would also appreciate it if you could be clear from the outset that you wish to raise a formal complaint.',
    },
    {
      id: 'deadlock',
      source:
        'Should we still have failed to resolve the issue to your satisfaction, we shall issue you with a formal"deadlock letter" confirming this. The purpose of this letter is to confirm that we believe that there is nothing further that we are able to do with respect to your complaint.',
    },
    {
      id: 'ofcom',
      source:
        'If your complaint has not been resolved by us or our dispute resolution agency, or you require further information on the role of Ofcom see www.ofcom.org.uk or call them on 0845 456 3000.',
      // 0845 456 3000 (2012) is no longer Ofcom's number: its contact page (www.ofcom.org.uk) gives 0300 123 3333.
      values: { website: 'www.ofcom.org.uk', phone: '0300 123 3333', publishedPhone: '0845 456 3000' },
    },
  ],
};
