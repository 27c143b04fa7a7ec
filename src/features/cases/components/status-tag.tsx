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

/** The tag with its text already translated: for rows of a long list, which translate once for all of them. */
export function StatusTagText({ status, text }: { status: CaseStatus; text: string }) {
  return <strong className={tone[status]}>{text}</strong>;
}

export function StatusTag({ status }: { status: CaseStatus }) {
  const { t } = useTranslation('cases');
  return <StatusTagText status={status} text={t(`status.${status}`)} />;
}
