import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { timelineEventTypeSchema, webhookInputSchema, type StaffIntegrationsResponse, type StaffMember } from '@/api/schemas';
import { useErrorText } from '@/components/ui/api-error-text';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Field, FieldError } from '@/components/ui/field';
import type { ProviderProfile } from '@/domain/profile-schema';
import { staffQueries, useCreateWebhook, useDeleteWebhook, useRetryWebhook } from '../api/staff';
import { dateFormatter, formText } from '../lib/format';
import { staffPaths } from '../lib/paths';
import { useFormErrors } from './form-errors';
import { StaffTable } from './staff-table';

type Integrations = StaffIntegrationsResponse;
type Format = (iso: string) => string;

function Connectors({ connectors, format }: { connectors: Integrations['connectors']; format: Format }) {
  const { t } = useTranslation(['staff']);
  return (
    <section aria-labelledby="connectors-heading" className="case-section">
      <h2 id="connectors-heading">{t('staff:integrations.connectors')}</h2>
      {connectors.length === 0 ? (
        <p>{t('staff:integrations.noConnectors')}</p>
      ) : (
        <StaffTable caption={t('staff:integrations.connectors')} columns={[t('staff:integrations.connector'), t('staff:integrations.lastSync'), t('staff:integrations.backlog'), t('staff:integrations.failures'), t('staff:integrations.lastError')]}>
          {connectors.map((c) => (
            <tr key={c.connector} data-connector={c.connector}>
              <th scope="row">{t(`staff:integrations.names.${c.connector}` as never, { defaultValue: c.connector })}</th>
              <td>{c.lastSyncAt ? <time dateTime={c.lastSyncAt}>{format(c.lastSyncAt)}</time> : t('staff:integrations.never')}</td>
              <td>{c.backlog}</td>
              <td>{c.failures > 0 ? <strong className="tag tag-overdue">{c.failures}</strong> : c.failures}</td>
              <td>{c.lastError ? <code>{c.lastError}</code> : '—'}</td>
            </tr>
          ))}
        </StaffTable>
      )}
    </section>
  );
}

/** The webhook endpoints: each with its state and a confirmed removal, the secret of a new one shown once, and the form that adds one. */
function Webhooks({ webhooks }: { webhooks: Integrations['webhooks'] }) {
  const { t } = useTranslation(['staff', 'cases']);
  const errorText = useErrorText();
  const create = useCreateWebhook();
  const remove = useDeleteWebhook();
  const [secret, setSecret] = useState<string | null>(null);
  const [all, setAll] = useState(true);
  // The endpoint is checked with the schema the back office checks with; an address it refuses (a private network) is
  // told beside the field too.
  const form = useFormErrors({ url: { id: 'webhook-url', label: t('staff:integrations.url') }, events: { id: 'webhook-all', label: t('staff:integrations.events') } }, create.error);
  const onCreate = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const element = e.currentTarget;
    const url = formText(data, 'url');
    const input = form.check(webhookInputSchema, { url, events: all ? ['*'] : data.getAll('events') }, (problem) => (problem.path === 'events' ? { ...problem, code: 'selectAtLeastOne' } : problem));
    if (!input) return;
    create.mutate(input, {
      onSuccess: (answer) => {
        setSecret(answer.secret);
        element.reset();
        setAll(true);
      },
    });
  };
  return (
    <section aria-labelledby="webhooks-heading" className="case-section">
      <h2 id="webhooks-heading">{t('staff:integrations.webhooks')}</h2>
      <p className="hint">{t('staff:integrations.webhooksHint')}</p>
      {secret && (
        <div className="notice notice-success" role="status">
          <p>{t('staff:integrations.secretOnce')}</p>
          <p>
            <code className="secret" data-secret>
              {secret}
            </code>
          </p>
        </div>
      )}
      {webhooks.length === 0 ? (
        <p>{t('staff:integrations.noWebhooks')}</p>
      ) : (
        <StaffTable caption={t('staff:integrations.webhooks')} columns={[t('staff:integrations.url'), t('staff:integrations.events'), t('staff:integrations.state'), t('staff:integrations.failures'), { hiddenLabel: t('staff:team.actions') }]}>
          {webhooks.map((w) => (
            <tr key={w.id} data-webhook={w.id} data-enabled={w.enabled}>
              <th scope="row" className="break-anywhere">
                {w.url}
              </th>
              <td>{w.events.includes('*') ? t('staff:integrations.allEvents') : w.events.map((e) => t(`cases:timeline.types.${e}` as never)).join(', ')}</td>
              <td>{w.enabled ? <strong className="tag tag-met">{t('staff:integrations.enabled')}</strong> : <strong className="tag tag-overdue">{t('staff:integrations.disabled', { reason: w.disabledReason ?? '' })}</strong>}</td>
              <td>{w.consecutiveFailures}</td>
              <td>
                <ConfirmAction
                  label={t('staff:integrations.remove', { url: w.url })}
                  question={t('staff:integrations.confirmRemove')}
                  yes={t('staff:team.confirmYes')}
                  layout="inline"
                  busy={remove.isPending && remove.variables === w.id}
                  error={remove.isError && remove.variables === w.id ? errorText(remove.error) : null}
                  onConfirm={() => remove.mutate(w.id)}
                />
              </td>
            </tr>
          ))}
        </StaffTable>
      )}
      <form className="staff-form" onSubmit={onCreate} noValidate>
        <h3>{t('staff:integrations.add')}</h3>
        <ErrorSummary id="webhook-summary" errors={form.summary} focusKey={form.focusKey} />
        <Field {...form.field('url')} hint={t('staff:integrations.urlHint')}>
          <input name="url" type="text" inputMode="url" spellCheck={false} className="input" autoComplete="off" required />
        </Field>
        <fieldset className={form.errorOf('events') ? 'fieldset form-group-error' : 'fieldset'} aria-describedby={form.errorOf('events') ? 'webhook-events-error' : undefined}>
          <legend>{t('staff:integrations.events')}</legend>
          {form.errorOf('events') && <FieldError id="webhook-events-error">{form.errorOf('events')}</FieldError>}
          <div className="choice">
            <input id="webhook-all" type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />
            <label htmlFor="webhook-all">{t('staff:integrations.allEvents')}</label>
          </div>
          {!all && (
            <div className="choices-inline">
              {timelineEventTypeSchema.options.map((type) => (
                <div className="choice" key={type}>
                  <input id={`webhook-event-${type}`} name="events" type="checkbox" value={type} />
                  <label htmlFor={`webhook-event-${type}`}>{t(`cases:timeline.types.${type}`)}</label>
                </div>
              ))}
            </div>
          )}
        </fieldset>
        <button type="submit" className="button" disabled={create.isPending}>
          {t('staff:integrations.addButton')}
        </button>
        {create.isError && !form.byField && (
          <p className="notice notice-error" role="alert">
            {errorText(create.error)}
          </p>
        )}
      </form>
    </section>
  );
}

/** Deliveries that failed, each of which can be sent again. */
function FailedDeliveries({ deliveries, webhooks, format }: { deliveries: Integrations['failedDeliveries']; webhooks: Integrations['webhooks']; format: Format }) {
  const { t } = useTranslation(['staff', 'cases']);
  const errorText = useErrorText();
  const retry = useRetryWebhook();
  return (
    <section aria-labelledby="failed-heading" className="case-section">
      <h2 id="failed-heading">{t('staff:integrations.failed')}</h2>
      {deliveries.length === 0 ? (
        <p>{t('staff:integrations.noFailed')}</p>
      ) : (
        <StaffTable caption={t('staff:integrations.failed')} columns={[t('staff:integrations.event'), t('staff:integrations.case'), t('staff:integrations.url'), t('staff:integrations.lastAnswer'), { hiddenLabel: t('staff:team.actions') }]}>
          {deliveries.map((d) => (
            <tr key={d.id} data-delivery={d.id}>
              <th scope="row">
                {t(`cases:timeline.types.${d.eventType}` as never, { defaultValue: d.eventType })}
                <br />
                <time className="hint" dateTime={d.createdAt}>
                  {format(d.createdAt)}
                </time>
              </th>
              <td>
                <Link to={staffPaths.case(d.reference)}>{d.reference}</Link>
              </td>
              <td className="break-anywhere">{webhooks.find((w) => w.id === d.endpointId)?.url ?? d.endpointId}</td>
              <td>
                {d.lastStatus !== null ? `HTTP ${d.lastStatus}` : <code>{d.lastError ?? '—'}</code>} · {t('staff:letters.attempts', { count: d.attempts })}
              </td>
              <td>
                <button type="button" className="button button-secondary" disabled={retry.isPending} onClick={() => retry.mutate(d.id)}>
                  {t('staff:integrations.retry')}
                </button>
              </td>
            </tr>
          ))}
        </StaffTable>
      )}
      {retry.isSuccess && (
        <p className="notice notice-success" role="status">
          {t('staff:integrations.retried')}
        </p>
      )}
      {retry.isError && (
        <p className="notice notice-error" role="alert">
          {errorText(retry.error)}
        </p>
      )}
    </section>
  );
}

/**
 * The provider's integrations, for managers (docs/decisions/0142-integrations-page.md): each connector's state over
 * the events feed (last successful sync, backlog, failures in a row), the webhook endpoints (add, remove; a disabled
 * one with its reason) and the deliveries that failed, each of which can be sent again.
 */
export function IntegrationsPage({ profile, staff }: { profile: ProviderProfile; staff: StaffMember }) {
  // Every namespace the sections use, so that the page's translations are ready before any section renders.
  const { t, i18n } = useTranslation(['staff', 'cases', 'errors']);
  const errorText = useErrorText();
  const manager = staff.role === 'manager';
  const page = useQuery({ ...staffQueries.integrations(), enabled: manager });
  const format = dateFormatter(i18n.language === 'it' ? 'it-IT' : 'en-GB', profile.timeZone, true);
  if (!manager) {
    return (
      <>
        <h1>{t('staff:integrations.title')}</h1>
        <p>{t('errors:managerOnly')}</p>
      </>
    );
  }
  return (
    <>
      <h1>{t('staff:integrations.title')}</h1>
      <p className="lead">{t('staff:integrations.lead', { provider: profile.name })}</p>
      {page.isPending && <p role="status">{t('staff:integrations.loading')}</p>}
      {page.isError && (
        <p className="notice notice-error" role="alert">
          {errorText(page.error)}
        </p>
      )}
      {page.data && (
        <>
          <Connectors connectors={page.data.connectors} format={format} />
          <Webhooks webhooks={page.data.webhooks} />
          <FailedDeliveries deliveries={page.data.failedDeliveries} webhooks={page.data.webhooks} format={format} />
        </>
      )}
    </>
  );
}
