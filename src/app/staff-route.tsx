import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { StaffMember } from '@/api/schemas';
import type { ProviderProfile } from '@/domain/profile-schema';
import { getProfile } from '@/domain/profiles';
import { sessionQueries } from '@/features/session';
import { StaffShell } from '@/features/staff';
import { useProviderId } from '@/lib/provider';
import { paths } from '@/lib/paths';
import { usePageTitle } from './layout/page-title';

/** A staff page: the signed-in member of staff (from the session), the provider's profile, the workspace's shell. */
export function StaffRoute({ title, children }: { title: string; children: (staff: StaffMember, profile: ProviderProfile) => ReactNode }) {
  usePageTitle(title);
  const { t } = useTranslation('staff');
  const session = useQuery(sessionQueries.current());
  const profile = getProfile(useProviderId());
  if (session.isPending) return <p role="status">{t('nav.label')}…</p>;
  const staff = session.data?.scope.kind === 'staff' ? session.data.scope.staff : null;
  return (
    <StaffShell staff={staff} signInPath={paths.signIn}>
      {staff && children(staff, profile)}
    </StaffShell>
  );
}
