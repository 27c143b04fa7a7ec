import { useEffect, useRef, useSyncExternalStore } from 'react';
import { Link, NavLink, Outlet, ScrollRestoration, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { getProfile } from '@/domain/profiles';
import { useProviderId } from '@/lib/provider';
import { sessionHint } from '@/lib/session-hint';
import { paths } from '@/lib/paths';
import { DemoBanner } from './demo-banner';
import { Footer } from './footer';
import { LanguageSwitch } from './language-switch';


function SignOutButton() {
  const { t } = useTranslation('common');
  const navigate = useNavigate();
  const signOut = async () => {
    const { signOut } = await import('@/features/session/sign-out');
    await signOut();
    void navigate(paths.home);
  };
  return (
    <button type="button" className="link-button header-link" onClick={() => void signOut()}>
      {t('nav.signOut')}
    </button>
  );
}

function ForgetDeviceButton() {
  const { t } = useTranslation('common');
  const navigate = useNavigate();
  const forget = async () => {
    const { forgetThisDevice } = await import('@/features/session/sign-out');
    await forgetThisDevice();
    void navigate(paths.home);
  };
  return (
    <button type="button" className="link-button header-link" onClick={() => void forget()}>
      {t('nav.forgetDevice')}
    </button>
  );
}

/** Moves focus to the page's main heading after client-side navigation, so screen readers hear the new page. */
function useFocusOnNavigate() {
  const location = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = document.querySelector<HTMLElement>('main h1');
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: false });
    }
  }, [location.pathname]);
}

export function RootLayout({ children }: { children?: React.ReactNode }) {
  const { t } = useTranslation('common');
  const providerId = useProviderId();
  const profile = getProfile(providerId);
  const hint = useSyncExternalStore(sessionHint.subscribe, () => sessionHint.get(), () => null);
  const signedIn = hint !== null;
  useFocusOnNavigate();

  return (
    <>
      <a href="#main" className="skip-link">
        {t('shell.skipToContent')}
      </a>
      {/* The literal flag, so that a production build drops the banner and everything it imports. */}
      {__MOCKING__ && <DemoBanner />}
      <header className="site-header">
        <div className="container header-inner">
          <Link to={paths.home} className="brand">
            <span className="brand-provider">{profile.name}</span>
            <span className="brand-product">{t('shell.product')}</span>
          </Link>
          <nav aria-label={t('nav.label')} className="main-nav">
            <ul>
              <li>
                <NavLink to={paths.newComplaint} className="header-link">
                  {t('nav.raise')}
                </NavLink>
              </li>
              <li>
                <NavLink to={signedIn ? paths.cases : paths.track} className="header-link">
                  {t('nav.track')}
                </NavLink>
              </li>
              {(hint === 'admin' || hint === 'member') && (
                <li>
                  <NavLink to={paths.organisation} className="header-link">
                    {t('nav.organisation')}
                  </NavLink>
                </li>
              )}
              {hint === 'staff' && (
                <li>
                  <NavLink to={paths.staff} className="header-link">
                    {t('nav.staff')}
                  </NavLink>
                </li>
              )}
              {hint === 'guest' && (
                <li>
                  <ForgetDeviceButton />
                </li>
              )}
              <li>
                {signedIn ? (
                  <SignOutButton />
                ) : (
                  <NavLink to={paths.signIn} className="header-link">
                    {t('nav.signIn')}
                  </NavLink>
                )}
              </li>
            </ul>
          </nav>
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" className="container main" tabIndex={-1}>
        {children ?? <Outlet />}
      </main>
      <Footer profile={profile} />
      <ScrollRestoration />
    </>
  );
}
