import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { downloadFile, isApiError } from '@/api/client';
import { staffActionInputSchema, staffNoteInputSchema, type MailLanguage, type StaffActionId, type StaffActionInput, type StaffCaseResponse, type StaffMember } from '@/api/schemas';
import { useErrorText } from '@/components/ui/api-error-text';
import { ErrorSummary } from '@/components/ui/error-summary';
import { Field } from '@/components/ui/field';
import type { ProviderProfile } from '@/domain/profile-schema';
import { clockKey, stageKey } from '@/lib/provider-keys';
import { CaseLetters } from './case-letters';
import { useFormErrors } from './form-errors';
import { staffQueries, useStaffAct, useStaffAssign, useStaffNote } from '../api/staff';
import { clockText, clockTone, countsHours, dateFormatter } from '../lib/format';
import { staffPaths } from '../lib/paths';

type Formats = { date: (iso: string) => string; dateTime: (iso: string) => string };

/** Actions that send the customer a message: the text starts from a template in the customer's language. */
type TemplateKey = 'acknowledge' | 'update' | 'requestInfo' | 'propose' | 'close';

/** The reply's starting text in `lng`, with the case's own values (reference, dates, next step, scheme). */
function useTemplate(view: StaffCaseResponse, profile: ProviderProfile, action: TemplateKey, lng: MailLanguage) {
  const { t } = useTranslation(['staff', 'common', 'providers'], { lng });
  const format = dateFormatter(t('common:locale'), profile.timeZone, false);
  const next = view.clocks.find((c) => c.state === 'due' || c.state === 'overdue');
  return t(`staff:templates.${action}`, {
    name: view.case.aboutYou.name,
    reference: view.case.reference,
    received: format(view.case.firstComplainedAt),
    due: next?.dueAt ? format(next.dueAt) : '',
    provider: profile.name,
    scheme: t(`providers:schemes.${profile.adr.schemeId}.name`),
    adrFrom: view.adr.letterDueAt ? format(view.adr.letterDueAt) : '',
  });
}

function Facts({ view, format }: { view: StaffCaseResponse; format: Formats }) {
  const { t } = useTranslation(['staff', 'cases', 'providers']);
  const c = view.case;
  const you = c.aboutYou;
  return (
    <div className="staff-columns">
      <section aria-labelledby="customer-heading" className="case-section">
        <h2 id="customer-heading">{t('staff:case.customer')}</h2>
        <dl className="summary-list">
          <div>
            <dt>{t('staff:case.customer')}</dt>
            <dd>
              {you.name}
              {you.organisation ? ` · ${you.organisation}` : ''}
            </dd>
          </div>
          <div>
            <dt>{t('staff:case.email')}</dt>
            <dd>{you.email}</dd>
          </div>
          <div>
            <dt>{t('staff:case.phone')}</dt>
            <dd>{you.phone}</dd>
          </div>
          {you.address && (
            <div>
              <dt>{t('staff:case.address')}</dt>
              <dd>{[you.address.line1, you.address.line2, you.address.town, you.address.postcode].filter(Boolean).join(', ')}</dd>
            </div>
          )}
          <div>
            <dt>{t('staff:case.replyBy')}</dt>
            <dd>
              <strong>{t(`staff:replyMethods.${you.replyBy}`)}</strong>
            </dd>
          </div>
          <div>
            <dt>{t('staff:case.language')}</dt>
            <dd>{t(`staff:languages.${view.lng}`)}</dd>
          </div>
          <div className={you.supportNeeds ? 'summary-attention' : undefined}>
            <dt>{t('staff:case.supportNeeds')}</dt>
            <dd>{you.supportNeeds ? <strong>{you.supportNeeds}</strong> : t('staff:case.none')}</dd>
          </div>
          <div className={you.representative ? 'summary-attention' : undefined}>
            <dt>{t('staff:case.representative')}</dt>
            <dd>{you.representative ? <strong>{t('staff:case.representativeText', { name: you.representative.name, relationship: you.representative.relationship })}</strong> : t('staff:case.none')}</dd>
          </div>
          <div>
            <dt>{t('staff:case.receivedBy')}</dt>
            <dd>{t(`staff:channels.${view.receivedBy}`)}</dd>
          </div>
          <div>
            <dt>{t('staff:case.firstComplained')}</dt>
            <dd>
              <time dateTime={c.firstComplainedAt}>{format.date(c.firstComplainedAt)}</time>
            </dd>
          </div>
          {view.externalRefs.length > 0 && (
            <div>
              <dt>{t('staff:case.externalRefs')}</dt>
              <dd>
                <ul className="plain-list" data-testid="external-refs">
                  {view.externalRefs.map((r) => (
                    <li key={r.system}>
                      {t('staff:case.externalRef', { system: r.system, number: r.number })}
                      {r.url && (
                        <>
                          {' '}
                          <a href={r.url} target="_blank" rel="noreferrer noopener">
                            {t('staff:case.externalRefOpen', { system: r.system })}
                          </a>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          )}
        </dl>
      </section>
      <section aria-labelledby="complaint-heading" className="case-section">
        <h2 id="complaint-heading">{t('staff:case.complaint')}</h2>
        <dl className="summary-list">
          <div>
            <dt>{t('staff:case.category')}</dt>
            <dd>{t(`cases:categories.${c.complaint.category}`)}</dd>
          </div>
          <div>
            <dt>{t('staff:case.summary')}</dt>
            <dd>{c.complaint.summary}</dd>
          </div>
          <div>
            <dt>{t('staff:case.whatHappened')}</dt>
            <dd className="customer-text">{c.complaint.whatHappened}</dd>
          </div>
          <div>
            <dt>{t('staff:case.outcomeWanted')}</dt>
            <dd className="customer-text">{c.complaint.outcomeWanted}</dd>
          </div>
        </dl>
        <h3>{t('staff:case.evidence')}</h3>
        {c.evidence.references.length > 0 && <p>{c.evidence.references.map((r) => r.reference).join(', ')}</p>}
        {c.attachments.length === 0 ? (
          <p>{t('staff:case.noFiles')}</p>
        ) : (
          <ul>
            {c.attachments.map((a) => (
              <li key={a.id}>
                <button type="button" className="link-button" onClick={() => void downloadFile('downloadAttachment', { reference: c.reference, id: a.id }, a.name)}>
                  {a.name}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function Clocks({ view, profile, format }: { view: StaffCaseResponse; profile: ProviderProfile; format: Formats }) {
  const { t } = useTranslation(['staff', 'common', 'providers']);
  const adrMetBy = view.actions.filter((a) => a.meetsAdrLetter).map((a) => t(`staff:actions.${a.action}`));
  return (
    <section aria-labelledby="clocks-heading" className="case-section">
      <h2 id="clocks-heading">{t('staff:case.clocks')}</h2>
      {view.clocks.length === 0 ? (
        <p>{t('staff:case.noClocks')}</p>
      ) : (
        <ul className="plain-list clock-cards">
          {view.clocks.map((clock) => {
            const name = t(clockKey(profile.id, clock.clockId));
            const meets = view.actions.filter((a) => a.meetsClock === clock.clockId).map((a) => t(`staff:actions.${a.action}`));
            return (
              <li key={clock.clockId} className="clock-card" data-clock={clock.clockId} data-state={clock.state}>
                <p>
                  <strong className={clockTone(clock)}>{clockText(clock, name, t, format.date)}</strong>
                </p>
                {clock.dueAt && <p>{t('staff:clock.dueAt', { date: (countsHours(clock) ? format.dateTime : format.date)(clock.dueAt) })}</p>}
                <p className="hint">{t('staff:clock.promise', { period: t(`common:clockUnits.${clock.unit}`, { count: clock.amount }) })}</p>
                {meets.length > 0 && <p className="hint">{t('staff:clock.metBy', { action: meets.join(', ') })}</p>}
              </li>
            );
          })}
        </ul>
      )}
      <h3>{t('staff:case.adr')}</h3>
      <p className={view.adr.missing ? 'notice notice-error' : undefined}>
        {view.adr.missing ? t('staff:case.adrMissing') : view.adr.letterDueAt ? t('staff:case.adrDue', { date: format.date(view.adr.letterDueAt) }) : t('staff:case.adrNone')}
      </p>
      {adrMetBy.length > 0 && <p className="hint">{t('staff:clock.metBy', { action: adrMetBy.join(', ') })}</p>}
    </section>
  );
}

function Actions({ view, profile }: { view: StaffCaseResponse; profile: ProviderProfile }) {
  const { t } = useTranslation(['staff', 'providers', 'cases', 'errors']);
  const errorText = useErrorText();
  const act = useStaffAct(view.case.reference);
  const [lng, setLng] = useState<MailLanguage>(view.lng);
  const [chosen, setChosen] = useState<TemplateKey>('acknowledge');
  const template = useTemplate(view, profile, chosen, lng);
  const [text, setText] = useState(template);
  const [edited, setEdited] = useState(false);
  const [stageId, setStageId] = useState(profile.stages.find((s) => s.id !== view.case.stageId)?.id ?? '');
  const [done, setDone] = useState<StaffActionId | null>(null);
  // A new template (another action or language) replaces the text until it is edited.
  useEffect(() => {
    if (!edited) setText(template);
  }, [template, edited]);

  const changed = act.error && isApiError(act.error) && act.error.code === 'caseChanged' ? act.error.problem.errors?.filter((e) => e.path.startsWith('changes.')) : null;
  // The message and the stage are checked with the schema the back office checks with; a problem is told beside its
  // field (a case changed meanwhile is not a field's problem: it is told above, as it was).
  const form = useFormErrors({ text: { id: 'reply-text', label: t('staff:case.reply') }, stageId: { id: 'move-stage', label: t('staff:case.stageTo') } }, changed ? null : act.error);
  const run = (action: StaffActionId) => {
    setDone(null);
    const version = view.version;
    const raw = action === 'moveStage' ? { action, stageId, version } : action === 'deadlockLetter' || action === 'adrLetter' ? { action, version } : { action, text, version };
    const body: StaffActionInput | null = form.check(staffActionInputSchema, raw);
    if (!body) return;
    act.mutate(body, {
      onSuccess: () => {
        setDone(action);
        setEdited(false);
      },
    });
  };
  const allowed = view.actions.filter((a) => a.allowed);
  const refused = view.actions.filter((a) => !a.allowed);
  const meetsText = (a: StaffCaseResponse['actions'][number]) =>
    a.meetsClock ? t('staff:case.meets', { clock: t(clockKey(profile.id, a.meetsClock)) }) : a.meetsAdrLetter ? t('staff:case.meetsAdrLetter') : t('staff:case.meetsNothing');
  return (
    <section aria-labelledby="actions-heading" className="case-section staff-actions">
      <h2 id="actions-heading">{t('staff:case.actions')}</h2>
      {done && (
        <p className="notice notice-success" role="status">
          {t('staff:case.done', { action: t(`staff:actions.${done}`) })}
        </p>
      )}
      <ErrorSummary id="actions-summary" errors={form.summary} focusKey={form.focusKey} />
      {act.isError && !form.byField && (
        <div className="notice notice-error" role="alert">
          {changed ? t('staff:case.changed', { changes: changed.map((e) => t(`cases:timeline.types.${e.code}` as never)).join(', ') }) : errorText(act.error)}
        </div>
      )}
      <div className="form-group">
        <label htmlFor="reply-template">{t('staff:case.template')}</label>
        <select id="reply-template" className="select" value={lng} onChange={(e) => (setLng(e.target.value as MailLanguage), setEdited(false))}>
          <option value="en">{t('staff:languages.en')}</option>
          <option value="it">{t('staff:languages.it')}</option>
        </select>
      </div>
      <fieldset className="fieldset">
        <legend>{t('staff:case.templateFor')}</legend>
        <div className="choices choices-inline">
          {(['acknowledge', 'update', 'requestInfo', 'propose', 'close'] as const).map((k) => (
            <div className="choice" key={k}>
              <input type="radio" id={`template-${k}`} name="template" value={k} checked={chosen === k} onChange={() => (setChosen(k), setEdited(false))} />
              <label htmlFor={`template-${k}`}>{t(`staff:actions.${k}`)}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <Field {...form.field('text')} hint={t('staff:case.replyHint')}>
        <textarea className="textarea" rows={8} value={text} onChange={(e) => (setText(e.target.value), setEdited(true))} />
      </Field>
      <p className="hint">{t('staff:case.pauseNote')}</p>
      <ul className="plain-list action-list">
        {allowed.map((a) => (
          <li key={a.action}>
            {a.action === 'moveStage' && (
              <Field {...form.field('stageId')}>
                <select className="select" value={stageId} onChange={(e) => setStageId(e.target.value)}>
                  {profile.stages
                    .filter((s) => s.id !== view.case.stageId)
                    .map((s) => (
                      <option key={s.id} value={s.id}>
                        {t(stageKey(profile.id, s.id, 'name'))}
                      </option>
                    ))}
                </select>
              </Field>
            )}
            <button
              type="button"
              className={a.action === 'close' ? 'button button-warning' : 'button'}
              data-action={a.action}
              aria-describedby={`meets-${a.action}`}
              disabled={act.isPending}
              onClick={() => run(a.action)}
            >
              {t(`staff:actions.${a.action}`)}
            </button>{' '}
            <span className="hint" id={`meets-${a.action}`}>
              {meetsText(a)}
            </span>
          </li>
        ))}
      </ul>
      {refused.length > 0 && (
        <ul className="hint refused-actions">
          {refused.map((a) => (
            <li key={a.action} data-refused={a.action}>
              {t(`staff:actions.${a.action}`)}: {t(`staff:reasons.${a.reason ?? 'caseClosed'}` as never)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Notes({ view, format }: { view: StaffCaseResponse; format: Formats }) {
  const { t } = useTranslation(['staff', 'errors']);
  const errorText = useErrorText();
  const note = useStaffNote(view.case.reference);
  const [text, setText] = useState('');
  const form = useFormErrors({ text: { id: 'note-text', label: t('staff:case.noteLabel') } }, note.error);
  return (
    <section aria-labelledby="notes-heading" className="case-section staff-notes">
      <h2 id="notes-heading">{t('staff:case.notes')}</h2>
      <p className="hint">{t('staff:case.notesHint')}</p>
      {view.notes.length === 0 ? (
        <p>{t('staff:case.noNotes')}</p>
      ) : (
        <ul className="plain-list">
          {view.notes.map((n) => (
            <li key={n.id}>
              <p className="customer-text">{n.text}</p>
              <p className="hint">
                {n.staffName} · <time dateTime={n.at}>{format.dateTime(n.at)}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const input = form.check(staffNoteInputSchema, { text });
          if (input) note.mutate(input, { onSuccess: () => setText('') });
        }}
      >
        <ErrorSummary id="note-summary" errors={form.summary} focusKey={form.focusKey} />
        {note.isError && !form.byField && (
          <p className="notice notice-error" role="alert">
            {errorText(note.error)}
          </p>
        )}
        <Field {...form.field('text')}>
          <textarea className="textarea" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
        </Field>
        <button type="submit" className="button button-secondary" disabled={note.isPending}>
          {t('staff:case.addNote')}
        </button>
      </form>
    </section>
  );
}

function History({ view, format }: { view: StaffCaseResponse; format: Formats }) {
  const { t } = useTranslation(['staff', 'cases']);
  return (
    <section aria-labelledby="history-heading" className="case-section">
      <h2 id="history-heading">{t('staff:case.timeline')}</h2>
      <ol className="timeline">
        {[...view.events].reverse().map((e) => (
          <li key={e.id} className={`timeline-event timeline-${e.actor}`} data-type={e.type}>
            <h3 className="timeline-title">{t(`cases:timeline.types.${e.type}`)}</h3>
            <p className="timeline-meta">
              {t(`staff:case.eventBy.${e.actor}`)} · <time dateTime={e.at}>{format.dateTime(e.at)}</time>
              {e.data?.channel ? ` · ${String(t(`staff:channels.${e.data.channel}` as 'staff:channels.portal'))}` : ''}
            </p>
            {e.text && <blockquote className="customer-text">{e.text}</blockquote>}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** A case as staff see it: the customer's case plus contact, support needs, notes, assignee, clocks and every action. */
export function StaffCasePage({ reference, profile, staff }: { reference: string; profile: ProviderProfile; staff: StaffMember }) {
  const { t } = useTranslation(['staff', 'cases', 'providers', 'common', 'errors']);
  const errorText = useErrorText();
  const query = useQuery(staffQueries.case(reference));
  const assign = useStaffAssign(reference);
  const locale = t('common:locale');
  const format: Formats = { date: dateFormatter(locale, profile.timeZone, false), dateTime: dateFormatter(locale, profile.timeZone, true) };
  if (query.isPending) return <p role="status">…</p>;
  if (query.isError) {
    return (
      <div className="notice notice-error" role="alert">
        <p>{errorText(query.error)}</p>
        <Link to={staffPaths.queue}>{t('staff:case.back')}</Link>
      </div>
    );
  }
  const view = query.data;
  const next = view.clocks.find((c) => c.state === 'due' || c.state === 'overdue');
  return (
    <>
      <p>
        <Link to={staffPaths.queue} className="back-link">
          {t('staff:case.back')}
        </Link>
      </p>
      <div className="identity-bar">
        <h1>{t('staff:case.title', { reference: view.case.reference })}</h1>
        <p>
          {view.case.aboutYou.name} · {t(stageKey(profile.id, view.case.stageId, 'name'))} · <strong className="tag">{t(`cases:status.${view.case.status}`)}</strong>
          {next && (
            <>
              {' · '}
              <strong className={clockTone(next)}>{clockText(next, t(clockKey(profile.id, next.clockId)), t, format.date)}</strong>
            </>
          )}
        </p>
        <p>
          {t('staff:case.assignee')}: <strong data-assignee>{view.assignee?.name ?? t('staff:queue.unassigned')}</strong>{' '}
          {view.assignee?.id !== staff.id ? (
            <button type="button" className="button button-secondary" disabled={assign.isPending} onClick={() => assign.mutate({ staffId: staff.id, version: view.version })}>
              {t('staff:case.assignToMe')}
            </button>
          ) : (
            <button type="button" className="button button-secondary" disabled={assign.isPending} onClick={() => assign.mutate({ staffId: null, version: view.version })}>
              {t('staff:case.unassign')}
            </button>
          )}
        </p>
        {(view.case.aboutYou.supportNeeds || view.case.aboutYou.representative) && (
          <p className="notice notice-warning" data-support-needs>
            {view.case.aboutYou.supportNeeds && (
              <>
                <strong>{t('staff:case.supportNeeds')}:</strong> {view.case.aboutYou.supportNeeds}{' '}
              </>
            )}
            {view.case.aboutYou.representative && (
              <>
                <strong>{t('staff:case.representative')}:</strong>{' '}
                {t('staff:case.representativeText', { name: view.case.aboutYou.representative.name, relationship: view.case.aboutYou.representative.relationship })}
              </>
            )}
          </p>
        )}
        {assign.isError && (
          <p className="notice notice-error" role="alert">
            {errorText(assign.error)}
          </p>
        )}
      </div>
      <Facts view={view} format={format} />
      <Clocks view={view} profile={profile} format={format} />
      <Actions view={view} profile={profile} />
      <Notes view={view} format={format} />
      <History view={view} format={format} />
      <CaseLetters reference={view.case.reference} timeZone={profile.timeZone} format={format} />
    </>
  );
}
