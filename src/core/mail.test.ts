import { providerIds } from '@/domain/provider-ids';
import { getProfile } from '@/domain/profiles';
import { composeMail, type MailKind } from './mail';

/** The mails in both languages, with every provider's name: names in running text as the portal writes them (decision 0120). */
const kinds: MailKind[] = ['signIn', 'guest', 'invitation'];
const values = (provider: string) => ({ provider, code: '123456', link: 'https://example.test/x', minutes: '15', reference: 'ASK-2026-AB12CD', admin: 'Anna Rossi', organisation: 'Acme Ltd', name: 'Olivia' });

describe('mails name the provider as running text does', () => {
  it.each(providerIds)('%s: no placeholder left, no bare article-taking name, "ad" before a vowel', (id) => {
    const provider = getProfile(id).name;
    for (const kind of kinds) {
      for (const lng of ['en', 'it'] as const) {
        const mail = composeMail(kind, { providerId: id, address: 'olivia@example.test', lng }, values(provider));
        const text = `${mail.subject}\n${mail.text}`;
        expect(text).not.toContain('{{');
        expect(text).not.toMatch(/inText/);
        if (lng === 'it') {
          expect(text).not.toMatch(/(^|[^\p{L}'])(a|di|presso|verso) Communications Ombudsman/u);
          expect(text).not.toMatch(/(^|[^\p{L}'])a (ASK4|Acme|Anna)/u);
        } else {
          expect(text).not.toMatch(/(with|to) Communications Ombudsman/);
        }
      }
    }
  });

  it('writes the Italian forms: "del Communications Ombudsman", "ad ASK4", "ad Acme Ltd"', () => {
    const it = (id: 'commsombudsman' | 'ask4', kind: MailKind) =>
      composeMail(kind, { providerId: id, address: 'olivia@example.test', lng: 'it' }, values(getProfile(id).name)).text;
    expect(it('commsombudsman', 'signIn')).toContain('al portale reclami del Communications Ombudsman è:');
    expect(it('commsombudsman', 'guest')).toContain('presso il Communications Ombudsman è:');
    expect(it('ask4', 'invitation')).toContain('La invita a unirsi ad Acme Ltd sul portale reclami di ASK4');
    expect(it('ask4', 'invitation')).toContain('che Acme Ltd presenta ad ASK4');
    expect(composeMail('guest', { providerId: 'commsombudsman', address: 'o@example.test', lng: 'en' }, values('Communications Ombudsman')).text).toContain(
      'with the Communications Ombudsman is:',
    );
  });
});
