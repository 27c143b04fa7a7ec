import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '@/api/schemas';

const tone: Record<CaseStatus, string> = {
  submitted: 'tag',
  acknowledged: 'tag',
  investigating: 'tag',
  awaitingCustomer: 'tag tag-warning',
  responseIssued: 'tag tag-warning',
  resolved: 'tag tag-met',
  closed: 'tag tag-grey',
  deadlock: 'tag tag-grey',
};

export function StatusTag({ status }: { status: CaseStatus }) {
  const { t } = useTranslation('cases');
  return <strong className={tone[status]}>{t(`status.${status}`)}</strong>;
}
