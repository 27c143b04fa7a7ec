import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Case } from '@/api/schemas';
import type { ProviderProfile } from '@/domain/profile-schema';
import { downloadAttachment } from '../api/case-queries';
import { useFormatters } from './use-formatters';

/** What the customer submitted as evidence: references, staff, calls, emails and files. */
export function CaseEvidence({ caseData, profile }: { caseData: Case; profile: ProviderProfile }) {
  const { t } = useTranslation('cases');
  const fmt = useFormatters(profile);
  const [failed, setFailed] = useState(false);
  const { references, staff, calls, emails } = caseData.evidence;
  const files = caseData.attachments;
  const empty = references.length + staff.length + calls.length + emails.length + files.length === 0;
  const download = (id: string, name: string) => {
    setFailed(false);
    downloadAttachment(caseData.reference, id, name).catch(() => setFailed(true));
  };
  return (
    <section aria-labelledby="evidence-heading" className="case-section">
      <h2 id="evidence-heading">{t('evidence.heading')}</h2>
      {empty && <p>{t('evidence.none')}</p>}
      <dl className="summary-list case-summary-list">
        {references.length > 0 && (
          <div>
            <dt>{t('evidence.references')}</dt>
            <dd>
              <ul className="plain-list">
                {references.map((r, i) => (
                  <li key={i}>
                    {r.reference}
                    {r.note && <span className="hint"> – {r.note}</span>}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        {staff.length > 0 && (
          <div>
            <dt>{t('evidence.staff')}</dt>
            <dd>
              <ul className="plain-list">
                {staff.map((s, i) => (
                  <li key={i}>
                    {s.name}
                    {s.team && <span className="hint"> ({s.team})</span>}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        {calls.length > 0 && (
          <div>
            <dt>{t('evidence.calls')}</dt>
            <dd>
              <ul className="plain-list">
                {calls.map((c, i) => (
                  <li key={i}>
                    {t('evidence.callLine', { date: fmt.dateTime(new Date(c.at)), number: c.fromNumber })}
                    {c.spokeTo && <>, {t('evidence.spokeTo', { name: c.spokeTo })}</>}
                    <blockquote className="customer-text">{c.whatWasSaid}</blockquote>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        {emails.length > 0 && (
          <div>
            <dt>{t('evidence.emails')}</dt>
            <dd>
              <ul className="plain-list">
                {emails.map((e, i) => (
                  <li key={i}>{t('evidence.emailLine', { date: fmt.dateTime(new Date(e.sentAt)), to: e.toAddress, subject: e.subject })}</li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        {files.length > 0 && (
          <div>
            <dt>{t('evidence.files')}</dt>
            <dd>
              <ul className="plain-list">
                {files.map((f) => (
                  <li key={f.id}>
                    <button type="button" className="link-button" onClick={() => download(f.id, f.name)}>
                      {t('evidence.download', { name: f.name })}
                    </button>{' '}
                    <span className="hint">({t('evidence.fileMeta', { kind: f.kind.toUpperCase(), size: fmt.size(f.size) })})</span>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>
      {failed && (
        <p className="notice notice-error" role="alert">
          {t('evidence.downloadFailed')}
        </p>
      )}
    </section>
  );
}
