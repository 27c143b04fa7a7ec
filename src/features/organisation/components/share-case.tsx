import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Case, Customer } from '@/api/schemas';
import { useErrorText } from '@/components/ui/api-error-text';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { useShareCase } from '../api/organisation';

export interface ShareCaseProps {
  caseData: Case;
  /** Who is signed in. */
  customer: Customer;
  /** The case was shared: the app reads it again. */
  onShared: () => void;
}

/**
 * On a member's own case: whether their organisation sees it, and (a case raised before they joined) sharing
 * it, after a confirmation that says who will then see what. Nothing for anyone else.
 */
export function ShareCase({ caseData, customer, onShared }: ShareCaseProps) {
  const { t } = useTranslation('cases');
  const errorText = useErrorText();
  const [done, setDone] = useState(false);
  const share = useShareCase(() => {
    setDone(true);
    onShared();
  });
  const organisation = customer.organisation ?? '';
  if (!customer.organisationId || caseData.customerId !== customer.id) return null;
  return (
    <div className="case-sharing">
      <p role="status" className={done ? 'notice notice-success' : 'visually-hidden'}>
        {done ? t('organisation.share.done', { organisation }) : ''}
      </p>
      {caseData.sharedWithOrganisation ? (
        !done && <p className="hint">{t('organisation.share.shared', { organisation })}</p>
      ) : (
        <>
          <p className="hint">{t('organisation.share.lead', { organisation })}</p>
          <ConfirmAction
            label={t('organisation.share.button', { organisation })}
            question={t('organisation.share.confirm', { organisation })}
            yes={t('organisation.share.yes')}
            busy={share.isPending}
            error={share.isError ? errorText(share.error) : null}
            onConfirm={() => share.mutate(caseData.reference)}
            tone="primary"
          />
        </>
      )}
    </div>
  );
}
