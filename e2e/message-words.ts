/**
 * What the customer's messages and the case page say (locales/*), as the notification tests on the demo
 * (e2e/notifications.spec.ts) and on the server (e2e/server/letters.spec.ts) read them.
 */
export const messageWords = {
  en: {
    received: (ref: string) => `We have received your complaint ${ref}`,
    acknowledged: (ref: string) => `Your complaint ${ref} is acknowledged`,
    proposed: (ref: string) => `A resolution is proposed for your complaint ${ref}`,
    accept: 'Accept this resolution',
    accepted: 'You accepted the resolution. Your case is resolved.',
    proposal: 'We will refund the second charge within 5 working days.',
  },
  it: {
    received: (ref: string) => `Abbiamo ricevuto il Suo reclamo ${ref}`,
    acknowledged: (ref: string) => `Conferma di ricezione del Suo reclamo ${ref}`,
    proposed: (ref: string) => `Una proposta di soluzione per il Suo reclamo ${ref}`,
    accept: 'Accetti la soluzione',
    accepted: 'Ha accettato la soluzione. Il Suo reclamo è risolto.',
    proposal: 'Le rimborseremo il secondo addebito entro 5 giorni lavorativi.',
  },
} as const;
