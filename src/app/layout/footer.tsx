import { useTranslation } from 'react-i18next';
import type { ProviderProfile } from '@/domain/profile-schema';

/** The provider's complaint channels and opening hours, from its profile. */
export function Footer({ profile }: { profile: ProviderProfile }) {
  const { t } = useTranslation('common');
  const { contact } = profile;
  return (
    <footer className="site-footer">
      <div className="container footer-grid">
        <section aria-labelledby="footer-contact">
          <h2 id="footer-contact" className="footer-heading">
            {t('footer.contact', { provider: profile.name })}
          </h2>
          <ul className="plain-list">
            <li>
              {t('footer.channels')}{' '}
              {profile.acceptedChannels.map((c) => t(`channels.${c}`)).join(', ')}
            </li>
            {contact.email && (
              <li>
                {t('footer.email')} <a href={`mailto:${contact.email}`}>{contact.email}</a>
              </li>
            )}
            {contact.phone && (
              <li>
                {t('footer.phone')} <a href={`tel:${contact.phone.replace(/\s/g, '')}`}>{contact.phone}</a>
              </li>
            )}
            {contact.portalUrl && (
              <li>
                {t('footer.portal')} <a href={contact.portalUrl}>{new URL(contact.portalUrl).host}</a>
              </li>
            )}
            {contact.address && (
              <li>
                {t('footer.post')} <address>{contact.address.join(', ')}</address>
              </li>
            )}
          </ul>
        </section>
        <section aria-labelledby="footer-hours">
          <h2 id="footer-hours" className="footer-heading">
            {t('footer.openingHours')}
          </h2>
          {profile.openingHours.length === 0 ? (
            <p>{t('footer.hoursNotPublished')}</p>
          ) : (
            <ul className="plain-list">
              {profile.openingHours.map((h) => {
                const days = h.days.map((d) => t(`weekdays.${d}`));
                return (
                  <li key={h.days.join()}>
                    {t('footer.hoursLine', {
                      days: days.length > 2 ? `${days[0]}–${days.at(-1)}` : days.join(', '),
                      opens: h.opens,
                      closes: h.closes,
                    })}
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      </div>
      <p className="container footer-small">{t('footer.about', { start: profile.workingHours.start, end: profile.workingHours.end })}</p>
    </footer>
  );
}
