import type { Attachment, Case, TimelineEvent } from '@/api/schemas';
import { apiCase } from '../../../../test/cases';
import regularUrl from '../fonts/DejaVuSans.ttf?inline';
import boldUrl from '../fonts/DejaVuSans-Bold.ttf?inline';
import emojiUrl from '@fontsource/noto-emoji/files/noto-emoji-emoji-400-normal.woff2?inline';

/** The cases the document tests render (adr-docs.test.ts, pdf-output.test.ts): one case in many scripts, its history, the fonts. */

const bytesOf = (dataUrl: string) => Uint8Array.from(atob(dataUrl.slice(dataUrl.indexOf(',') + 1)), (c) => c.charCodeAt(0));
export const fonts = { regular: bytesOf(regularUrl), bold: bytesOf(boldUrl), emoji: bytesOf(emojiUrl) };

export const MB = 1024 * 1024;
export const att = (id: string, name: string, kind: Attachment['kind'], size: number): Attachment => ({
  id,
  name,
  kind,
  size,
  uploadedAt: '2026-09-02T10:00:00Z',
});

export const NAME = 'Zoë Łukasiewicz-Ñúñez Жанна 😀 🇮🇹 👨‍👩‍👧';
export const WORDS = 'Il router si è spento: “niente internet” per 3 giorni 🙁 — Ошибка №5.';

export function nasstarCase(overrides: Partial<Case> = {}): Case {
  return apiCase({
    reference: 'NAS-2026-7KQ4M2',
    customerId: 'nasstar-business',
    status: 'investigating',
    at: '2026-09-01T09:00:00Z',
    aboutYou: {
      customerKind: 'business',
      employees: 8,
      name: NAME,
      organisation: 'Harbour Lane Bakery Ltd',
      email: 'priya@harbourlane.example',
      phone: '0113 496 0000',
      replyBy: 'letter',
      address: { line1: 'Unit 3, Harbour Lane', town: 'Hull', postcode: 'HU1 1AA' },
    },
    complaint: {
      category: 'serviceFault',
      summary: 'Broadband drops every evening',
      whatHappened: WORDS,
      startedOn: '2026-08-28',
      outcomeWanted: 'Rimborso — refund please',
      compensationPence: 12_550,
    },
    evidence: {
      references: [{ reference: 'TCK-48210' }],
      staff: [{ name: 'Jordan', team: 'Technical support' }],
      calls: [{ at: '2026-09-03T13:30:00Z', fromNumber: '0113 496 0000', spokeTo: 'Jordan', whatWasSaid: 'Promised an engineer.' }],
      emails: [{ sentAt: '2026-09-05T08:15:00Z', toAddress: 'complaints@nasstar.com', subject: 'Still down' }],
    },
    ...overrides,
  });
}

export const timeline: TimelineEvent[] = [
  { id: 'e1', at: '2026-09-01T09:00:00Z', type: 'submitted', actor: 'customer', stageId: 'complaintsTeam' },
  { id: 'e2', at: '2026-09-02T09:00:00Z', type: 'acknowledged', actor: 'provider', stageId: 'complaintsTeam' },
  { id: 'e3', at: '2026-09-10T09:00:00Z', type: 'comment', actor: 'customer', stageId: 'complaintsTeam', text: 'Ça ne marche toujours pas' },
];
