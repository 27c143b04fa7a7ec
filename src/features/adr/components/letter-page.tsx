import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Case } from '@/api/schemas';
import { getProfile } from '@/domain/profiles';
import { adrQueries } from '../api/adr-queries';
import { buildProviderLetter } from '../lib/letters';
import { BackToCase, CaseLoader } from './case-loader';
import { DocView } from './doc-view';
import { PdfButtons } from './pdf-buttons';

/** A deadlock or 8-week ADR letter from the provider: read, print, download as PDF. */
export function LetterPage() {
  const { reference = '', letterId = '' } = useParams();
  return (
    <div className="adr-page adr-letter-page">
      <BackToCase reference={reference} />
      <CaseLoader reference={reference}>{(c) => <LetterBody c={c} letterId={letterId} />}</CaseLoader>
    </div>
  );
}

function LetterBody({ c, letterId }: { c: Case; letterId: string }) {
  const { t } = useTranslation(['adr', 'providers', 'common', 'errors']);
  const fromCase = c.letters.find((l) => l.id === letterId);
  const query = useQuery({ ...adrQueries.letter(c.reference, letterId), enabled: !fromCase });
  const letter = fromCase ?? query.data;
  if (!letter) {
    if (query.isError) return <p className="notice notice-error" role="alert">{t('adr:common.notFound')}</p>;
    return <p role="status">{t('adr:common.loading')}</p>;
  }
  const profile = getProfile(c.providerId);
  const doc = buildProviderLetter({ caseData: c, letter, profile, t, locale: t('common:locale') });
  return (
    <>
      <p className="caption no-print">{t('adr:letterPage.from', { provider: profile.name, reference: c.reference })}</p>
      <PdfButtons doc={doc} filename={`${c.reference}-${letter.kind === 'deadlock' ? 'deadlock' : 'adr'}-letter.pdf`} />
      <div className="adr-paper">
        <DocView doc={doc} headingLevel={1} />
      </div>
    </>
  );
}
