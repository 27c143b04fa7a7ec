import { useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Case } from '@/api/schemas';
import { isApiError } from '@/api/client';
import { useErrorText } from '@/components/ui/api-error-text';
import { getProfile } from '@/domain/profiles';
import { useProviderId } from '@/lib/provider';
import { caseQueries } from '../api/case-queries';
import { CaseClocks } from './case-clocks';
import { CaseEvidence } from './case-evidence';
import { CaseMessages } from './case-messages';
import { CaseTimeline } from './case-timeline';
import { CommentForm } from './comment-form';
import { EvidenceUpload } from './evidence-upload';
import { FeedbackForm } from './feedback-form';
import { ResolutionPanel } from './resolution-panel';
import { SignedOut } from './signed-out';
import { StatusTag } from './status-tag';
import { useFormatters } from './use-formatters';
import { stageKey } from '@/lib/provider-keys';

export interface CasePageProps {
  reference: string;
  casesPath: string;
  signInPath: string;
  trackPath: string;
  homePath: string;
  letterPath: (reference: string, letterId: string) => string;
  /** Next steps from another feature (escalation, deadlock letter, ADR), placed after the clocks. */
  renderNextSteps?: (caseData: Case, asOf: string) => ReactNode;
  /** Who sees the case besides the customer, from another feature (sharing with their organisation). */
  renderSharing?: (caseData: Case) => ReactNode;
}

export function CaseNotFound({ casesPath, homePath }: { casesPath: string; homePath: string }) {
  const { t } = useTranslation(['cases', 'common']);
  return (
    <div className="narrow">
      <h1>{t('cases:case.notFoundTitle')}</h1>
      <p>{t('cases:case.notFoundBody')}</p>
      <p>
        <Link to={casesPath}>{t('cases:case.back')}</Link>
      </p>
      <p>
        <Link to={homePath}>{t('common:error.home')}</Link>
      </p>
    </div>
  );
}

/** The case page: stage and status, the legal countdown, next steps, actions, evidence and history. */
export function CasePage({ reference, casesPath, signInPath, trackPath, homePath, letterPath, renderNextSteps, renderSharing }: CasePageProps) {
  const { t } = useTranslation(['cases', 'providers', 'errors', 'common']);
  const profile = getProfile(useProviderId());
  const fmt = useFormatters(profile);
  const query = useQuery(caseQueries.detail(reference));
  const errorText = useErrorText();
  const [decided, setDecided] = useState<'accept' | 'reject' | null>(null);

  if (query.isPending) {
    return <p role="status">{t('cases:case.loading')}</p>;
  }
  // A failed background refresh keeps showing the case we have; only a first load that fails replaces the page.
  if (query.isError && !query.data) {
    if (isApiError(query.error) && query.error.status === 404) return <CaseNotFound casesPath={casesPath} homePath={homePath} />;
    if (isApiError(query.error) && query.error.status === 401) return <SignedOut signInPath={signInPath} trackPath={trackPath} />;
    return (
      <div className="narrow">
        <h1>{t('cases:errorTitle')}</h1>
        <p className="notice notice-error" role="alert">
          {errorText(query.error)}
        </p>
        <button type="button" className="button button-secondary" onClick={() => void query.refetch()}>
          {t('cases:retry')}
        </button>
      </div>
    );
  }

  if (!query.data) return null;
  const { case: c, asOf } = query.data;
  const now = new Date(asOf);
  const open = c.status !== 'resolved' && c.status !== 'closed' && !c.referral;
  const stageName = c.kind === 'abuseReport' ? t('cases:list.abuseReport') : t(stageKey(profile.id, c.stageId, 'name'));
  const handler = c.kind === 'abuseReport' ? null : t(stageKey(profile.id, c.stageId, 'handler'), { defaultValue: '' });

  return (
    <>
      <p>
        <Link to={casesPath} className="back-link">
          {t('cases:case.back')}
        </Link>
      </p>
      <span className="caption">{t('cases:case.caption', { reference: c.reference })}</span>
      <h1>{c.complaint.summary}</h1>
      {c.raisedBy && <p className="hint">{t('cases:raisedBy', { name: c.raisedBy.name })}</p>}
      {renderSharing?.(c)}

      <div role="status">
        {decided && <p className="notice notice-success">{t(decided === 'accept' ? 'cases:resolution.accepted' : 'cases:resolution.rejected')}</p>}
      </div>

      <dl className="summary-list case-summary-list">
        <div>
          <dt>{t('cases:case.reference')}</dt>
          <dd>{c.reference}</dd>
        </div>
        <div>
          <dt>{t('cases:case.status')}</dt>
          <dd data-testid="case-status">
            <StatusTag status={c.status} profile={profile} />
          </dd>
        </div>
        <div>
          <dt>{t('cases:case.stage')}</dt>
          <dd data-testid="case-stage">{stageName}</dd>
        </div>
        {handler && (
          <div>
            <dt>{t('cases:case.handledBy')}</dt>
            <dd>{handler}</dd>
          </div>
        )}
        <div>
          <dt>{t('cases:case.firstComplained')}</dt>
          <dd>{fmt.date(new Date(c.firstComplainedAt))}</dd>
        </div>
        {c.complaint.firstReference && (
          <div>
            <dt>{t('cases:case.firstReference')}</dt>
            <dd>{c.complaint.firstReference}</dd>
          </div>
        )}
        <div>
          <dt>{t('cases:case.updated')}</dt>
          <dd>{fmt.dateTime(new Date(c.updatedAt))}</dd>
        </div>
        <div>
          <dt>{t('cases:case.category')}</dt>
          <dd>{t(`cases:categories.${c.complaint.category}`)}</dd>
        </div>
        <div>
          <dt>{t('cases:case.whatHappened')}</dt>
          <dd className="customer-text">{c.complaint.whatHappened}</dd>
        </div>
        <div>
          <dt>{t('cases:case.outcomeWanted')}</dt>
          <dd className="customer-text">{c.complaint.outcomeWanted}</dd>
        </div>
      </dl>

      <CaseClocks caseData={c} asOf={now} profile={profile} />

      {c.status === 'responseIssued' && c.proposedResolution && (
        <ResolutionPanel key={c.proposedResolution.proposedAt} caseData={c} profile={profile} onDecided={setDecided} />
      )}

      {renderNextSteps?.(c, asOf)}

      {/* Only a procedure that says it uses feedback asks for it (profile.usesFeedback; Netservers' and Miso's do not). */}
      {profile.usesFeedback && (c.status === 'resolved' || c.status === 'closed') && <FeedbackForm caseData={c} profile={profile} />}

      {open && <CommentForm reference={c.reference} profile={profile} />}
      {open && <EvidenceUpload caseData={c} />}

      <CaseEvidence caseData={c} profile={profile} />
      <CaseTimeline reference={c.reference} profile={profile} letterPath={(letterId) => letterPath(c.reference, letterId)} />
      <CaseMessages reference={c.reference} profile={profile} aboutYou={c.aboutYou} />
    </>
  );
}
