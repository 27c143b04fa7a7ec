import type { ProviderProfile } from '../profile-schema';
import { englandAndWales } from './common';

/** Seed 003: ASK4 (student / residential connectivity), procedure published in Italian. */
/** Plain data (no schema library on the first page); validated against providerProfileSchema in its test. */
export const ask4Profile: ProviderProfile = {
  id: 'ask4',
  name: 'ASK4',
  procedureLanguage: 'it',
  referenceStyle: { prefix: 'ASK4-' },
  // The seed gives no address, e-mail or phone number (its links were lost with the page).
  contact: {},
  openingHours: [],
  // "I reclami possono essere accettati solo tramite il modulo online e la lettera, non per telefono."
  complaintsAbout: 'communicationsService',
  acceptedChannels: ['onlineForm', 'letter'],
  refusedChannels: ['phone'],
  ...englandAndWales,
  workingWeek: [...englandAndWales.workingWeek],
  stages: [
    {
      id: 'complaint',
      escalation: { method: 'portal' },
      clocks: [
        {
          id: 'acknowledge',
          action: 'acknowledge',
          amount: 24,
          unit: 'calendarHours',
          from: 'stageStart',
          strength: 'commitment',
          source:
            "La nostra politica prevede che il cliente riceva una prima risposta di conferma della ricezione del reclamo entro 24 ore dall'arrivo dell'e-mail o della lettera.",
        },
        {
          id: 'update',
          action: 'update',
          amount: 3,
          unit: 'workingDays',
          from: 'acknowledge',
          strength: 'commitment',
          source:
            "La nostra politica prevede che il cliente riceva un aggiornamento sull'andamento dell'indagine relativa al suo reclamo entro 3 giorni lavorativi dalla conferma.",
        },
        {
          id: 'formalResponse',
          action: 'respond',
          amount: 7,
          unit: 'workingDays',
          from: 'update',
          strength: 'commitment',
          source:
            'La nostra politica prevede che riceviate una risposta formale entro 7 giorni lavorativi dalla ricezione del primo aggiornamento.',
        },
      ],
      source:
        'Se un cliente non è soddisfatto o ha un reclamo sul servizio ricevuto o su un membro del team, è invitato a presentare un reclamo.',
    },
    {
      id: 'appeal',
      escalation: { method: 'portal' },
      final: true,
      clocks: [],
      source:
        'Se non si è soddisfatti della risposta ricevuta, si ha il diritto di approfondire la questione o di fare ricorso contro qualsiasi decisione presa.',
    },
  ],
  entryStageId: 'complaint',
  // Each clock: "La nostra politica prevede che …" — stated as policy, never as "si impegna".
  commitmentsStatedAs: 'policy',
  // "Come ultimo punto di arbitrato, siamo registrati presso l'Ombudsman Services: Communications (OS:C)"
  adr: { schemeId: 'osc' },
  largeCustomerRoute: [],
  otherPromises: [],
  // "Includere le seguenti informazioni nella sezione Dettagli del reclamo: …"
  asksFor: ['summary', 'ticketReferences', 'staffNames', 'datesAndTimes', 'callingNumbers', 'emailsSent', 'supportingEvidence'],
  // "Questo feedback viene utilizzato per aiutarci a migliorare il servizio offerto."
  usesFeedback: true,
  notes: [
    {
      id: 'commitments',
      source:
        'Ci impegniamo a: ascoltare attentamente per identificare la causa del problema essere educati, cordiali e precisi con tutte le informazioni fornite utilizzare un linguaggio privo di gergo per garantire la comprensione delle informazioni fornite prendere tutte le misure necessarie per contribuire alla risoluzione del problema',
    },
    { id: 'behaviour', source: 'Potremmo non essere in grado di aiutarvi se il comportamento di un cliente è inappropriato, abusivo o minaccioso.' },
    {
      id: 'survey',
      source:
        'Effettuiamo regolarmente un sondaggio tra i clienti che utilizzano il nostro servizio di assistenza per chiedere un feedback sulla loro esperienza.',
    },
    {
      id: 'ico',
      source:
        "Se il problema riguarda i vostri dati personali e il modo in cui li abbiamo trattati, avete il diritto di sollevare il problema con l'Information Commissioner's Office.",
    },
    { id: 'abide', source: "Come ultimo punto di arbitrato, siamo registrati presso l'Ombudsman Services: Communications (OS:C) e ci atterremo a qualsiasi decisione presa." },
  ],
};
