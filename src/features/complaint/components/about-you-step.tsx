import { useMemo } from 'react';
import { useWatch } from 'react-hook-form';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Field, Radios, UntilReady } from '@/components/ui';
import type { ProviderProfile } from '@/domain/profile-schema';
import { asksForAccountNumber } from '@/domain/case-model';
import { getScheme, schemeRulesAt } from '@/domain/schemes';
import { aboutYouResolverSchema, type AboutYouForm } from '../model/form';
import { errorAt, fieldId, flattenErrors, summaryItems } from './form-errors';
import { StepLayout, ContinueButton } from './step-layout';
import { useStepForm } from './use-step-form';
import type { StepProps } from './step-props';
import { formatList } from '@/lib/i18n';

const labelKeys = {
  customerKind: 'aboutYou.customerKind.legend',
  employees: 'aboutYou.employees.label',
  organisation: 'aboutYou.organisation.label',
  name: 'aboutYou.name.label',
  accountNumber: 'aboutYou.accountNumber.label',
  email: 'aboutYou.email.label',
  phone: 'aboutYou.phone.label',
  replyBy: 'aboutYou.replyBy.legend',
  'address.line1': 'aboutYou.address.line1',
  'address.line2': 'aboutYou.address.line2',
  'address.town': 'aboutYou.address.town',
  'address.postcode': 'aboutYou.address.postcode',
  supportNeeds: 'aboutYou.supportNeeds.label',
  hasRepresentative: 'aboutYou.representative.legend',
  'representative.name': 'aboutYou.representative.name',
  'representative.relationship': 'aboutYou.representative.relationship',
} as const satisfies Record<string, ParseKeys<'complaint'>>;
const hasLabel = (path: string): path is keyof typeof labelKeys => Object.hasOwn(labelKeys, path);

/** Channels the provider takes complaints by, and a plain "not by phone" where it says so. */
export function ChannelsNotice({ profile }: { profile: ProviderProfile }) {
  const { t } = useTranslation(['complaint', 'providers', 'common']);
  const list = formatList(
    profile.acceptedChannels.map((c) => t(`providers:channels.${c}`).toLowerCase()),
    'or',
  );
  return (
    <div className="inset">
      <p>{t('complaint:channels.accepted', { provider: profile.name, channels: list })}</p>
      {profile.refusedChannels?.includes('phone') && <p>{t('complaint:channels.notByPhone', { provider: profile.name })}</p>}
    </div>
  );
}

export function LargeOrganisationNotice({ profile }: { profile: ProviderProfile }) {
  const { t } = useTranslation(['complaint', 'providers', 'common']);
  const scheme = getScheme(profile.adr.schemeId);
  const routes = profile.largeCustomerRoute ?? [];
  const maxEmployees = schemeRulesAt(scheme, new Date(), profile.timeZone).maxEmployees;
  return (
    <div className="notice" id="large-organisation-notice">
      {routes.length > 0 ? (
        <p>
          {t('complaint:largeOrganisation.route', {
            provider: profile.name,
            routes: formatList(routes.map((r) => t(`providers:routesInText.${r}`)), 'or'),
          })}
        </p>
      ) : (
        <p>{t('complaint:largeOrganisation.noRoute', { provider: profile.name })}</p>
      )}
      {maxEmployees !== null && <p>{t('complaint:largeOrganisation.adr', { count: maxEmployees })}</p>}
    </div>
  );
}

export function AboutYouStep({ draft, profile, onChange, onDone, layout, ready = true }: StepProps<AboutYouForm>) {
  const { t } = useTranslation(['complaint', 'validation', 'common', 'providers']);
  const schema = useMemo(() => aboutYouResolverSchema(), []);
  const form = useStepForm(schema, draft.aboutYou, onChange);
  const { register, control, handleSubmit, formState } = form;
  const [customerKind, replyBy, hasRepresentative] = useWatch({ control, name: ['customerKind', 'replyBy', 'hasRepresentative'] });
  const errors = flattenErrors(formState.errors);
  const err = (path: string) => errorAt(t, errors, path);
  const label = (path: string) => t(`complaint:${hasLabel(path) ? labelKeys[path] : 'aboutYou.title'}`);
  const text = (path: keyof AboutYouForm | `address.${'line1' | 'line2' | 'town' | 'postcode'}` | `representative.${'name' | 'relationship'}`, opts: { autoComplete?: string; type?: string; className?: string; hint?: string; optional?: boolean } = {}) => (
    <Field id={fieldId(path)} label={opts.optional ? t('complaint:optional', { label: label(path) }) : label(path)} hint={opts.hint} error={err(path)}>
      {(aria) => <input type={opts.type ?? 'text'} autoComplete={opts.autoComplete} className={opts.className} spellCheck={false} {...aria} {...register(path)} />}
    </Field>
  );

  return (
    <StepLayout {...layout} title={t('complaint:aboutYou.title')} errors={summaryItems(t, errors, label)} focusKey={formState.submitCount}>
      <ChannelsNotice profile={profile} />
      <form noValidate onSubmit={(e) => void handleSubmit(onDone)(e)}>
        <UntilReady ready={ready}>
          <Radios
            id={fieldId('customerKind')}
            legend={t('complaint:aboutYou.customerKind.legend')}
            error={err('customerKind')}
            register={register('customerKind')}
            value={customerKind}
            options={[
              { value: 'residential', label: t('complaint:aboutYou.customerKind.residential') },
              {
                value: 'business',
                label: t('complaint:aboutYou.customerKind.business'),
                hint: t('complaint:aboutYou.customerKind.businessHint'),
                conditional: (
                  <>
                    <Field id={fieldId('employees')} label={label('employees')} hint={t('complaint:aboutYou.employees.hint')} error={err('employees')}>
                      {(aria) => <input type="text" inputMode="numeric" className="input-short" {...aria} {...register('employees')} />}
                    </Field>
                    {text('organisation', { autoComplete: 'organization', optional: true })}
                  </>
                ),
              },
              {
                value: 'largeOrganisation',
                label: t('complaint:aboutYou.customerKind.largeOrganisation'),
                hint: t('complaint:aboutYou.customerKind.largeOrganisationHint'),
                conditional: (
                  <>
                    <LargeOrganisationNotice profile={profile} />
                    {text('organisation', { autoComplete: 'organization', optional: true })}
                  </>
                ),
              },
            ]}
          />
          {text('name', { autoComplete: 'name' })}
          {asksForAccountNumber(profile.complaintsAbout) && text('accountNumber', { optional: true, className: 'input-medium', hint: t('complaint:aboutYou.accountNumber.hint') })}
          {text('email', { type: 'email', autoComplete: 'email', hint: t('complaint:aboutYou.email.hint') })}
          {text('phone', { type: 'tel', autoComplete: 'tel', className: 'input-medium', hint: t('complaint:aboutYou.phone.hint') })}
          <Radios
            id={fieldId('replyBy')}
            legend={t('complaint:aboutYou.replyBy.legend')}
            error={err('replyBy')}
            register={register('replyBy')}
            value={replyBy}
            options={(['email', 'phone', 'letter'] as const).map((m) => ({ value: m, label: t(`complaint:aboutYou.replyBy.${m}`) }))}
          />
          <fieldset>
            <legend>{replyBy === 'letter' ? t('complaint:aboutYou.address.legend') : t('complaint:optional', { label: t('complaint:aboutYou.address.legend') })}</legend>
            <p className="field-hint">{t('complaint:aboutYou.address.hint')}</p>
            {text('address.line1', { autoComplete: 'address-line1' })}
            {text('address.line2', { autoComplete: 'address-line2', optional: true })}
            {text('address.town', { autoComplete: 'address-level2', className: 'input-medium' })}
            {text('address.postcode', { autoComplete: 'postal-code', className: 'input-short' })}
          </fieldset>
          <Field id={fieldId('supportNeeds')} label={t('complaint:optional', { label: label('supportNeeds') })} hint={t('complaint:aboutYou.supportNeeds.hint')} error={err('supportNeeds')}>
            {(aria) => <textarea rows={3} {...aria} {...register('supportNeeds')} />}
          </Field>
          <Radios
            id={fieldId('hasRepresentative')}
            legend={t('complaint:aboutYou.representative.legend')}
            hint={t('complaint:aboutYou.representative.hint')}
            error={err('hasRepresentative')}
            register={register('hasRepresentative')}
            value={hasRepresentative}
            inline={false}
            options={[
              {
                value: 'yes',
                label: t('complaint:yes'),
                conditional: (
                  <>
                    {text('representative.name', { autoComplete: 'off' })}
                    {text('representative.relationship', { hint: t('complaint:aboutYou.representative.relationshipHint') })}
                  </>
                ),
              },
              { value: 'no', label: t('complaint:no') },
            ]}
          />
          <ContinueButton />
        </UntilReady>
      </form>
    </StepLayout>
  );
}
