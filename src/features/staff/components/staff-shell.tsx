import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import type { StaffMember } from '@/api/schemas';
import { staffPaths } from '../lib/paths';
import '../staff.css';

/**
 * Every staff page: who is signed in (MoJ identity bar) and the workspace's sub-navigation (queue, logging a
 * complaint, the team). Anyone else is told the page is for staff and where to sign in.
 */
export function StaffShell({ staff, signInPath, children }: { staff: StaffMember | null; signInPath: string; children: ReactNode }) {
  const { t } = useTranslation('staff');
  if (!staff) {
    return (
      <div className="narrow">
        <h1>{t('nav.label')}</h1>
        <p>{t('notStaff')}</p>
        <p>
          <Link to={signInPath}>{t('nav.signIn')}</Link>
        </p>
      </div>
    );
  }
  const links = [
    { to: staffPaths.queue, label: t('nav.queue'), end: true },
    { to: staffPaths.log, label: t('nav.log'), end: true },
    { to: staffPaths.customers, label: t('nav.customers'), end: false },
    { to: staffPaths.team, label: t('nav.team'), end: true },
    { to: staffPaths.letters, label: t('nav.letters'), end: true },
    ...(staff.role === 'manager' ? [{ to: staffPaths.integrations, label: t('nav.integrations'), end: true }] : []),
    { to: staffPaths.proof, label: t('nav.proof'), end: true },
  ];
  return (
    <div className="staff">
      <p className="staff-identity">{t('identity.signedInAs', { name: staff.name, role: t(`roles.${staff.role}`) })}</p>
      <nav aria-label={t('nav.label')} className="sub-navigation">
        <ul>
          {links.map((l) => (
            <li key={l.to}>
              <NavLink to={l.to} end={l.end} className="sub-navigation-link">
                {l.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </div>
  );
}
