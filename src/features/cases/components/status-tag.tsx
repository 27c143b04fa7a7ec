import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '@/api/schemas';
import type { ProviderProfile } from '@/domain/profile-schema';
import { letterContext } from '@/lib/letter-context';

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

/** The status as the provider's procedure names it: the Communications Ombudsman's "deadlock" is its final response. */
export function StatusTag({ status, profile }: { status: CaseStatus; profile: Pick<ProviderProfile, 'finalLetter'> }) {
  const { t } = useTranslation('cases');
  return <StatusTagText status={status} text={t(`status.${status}`, { context: letterContext(profile) })} />;
}
