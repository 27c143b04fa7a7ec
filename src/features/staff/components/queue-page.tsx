import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { queueFilterSchema, type QueueFilter, type QueueItem } from '@/api/schemas';
import { useErrorText } from '@/components/ui/api-error-text';
import { categoriesFor } from '@/domain/case-model';
import type { ProviderProfile } from '@/domain/profile-schema';
import { clockKey, stageKey } from '@/lib/provider-keys';
import { queueParamsOf, staffQueries, type QueueParams } from '../api/staff';
import { clockText, clockTone, countsHours, dateFormatter, formText } from '../lib/format';
import { staffPaths } from '../lib/paths';

/** The queue's state lives in the address (filter, stage, category, search), so it survives a reload and can be shared. */
function useQueueParams(): [QueueParams, (change: Record<string, string | undefined>) => void] {
  const [params, setParams] = useSearchParams();
  const change = (next: Record<string, string | undefined>) => {
    const out = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) out.set(k, v);
      else out.delete(k);
    }
    setParams(out);
  };
  return [queueParamsOf(params), change];
}

function Row({ item, profile, t, format }: { item: QueueItem; profile: ProviderProfile; t: ReturnType<typeof useTranslation<readonly ['staff', 'providers', 'cases']>>['t']; format: { date: (iso: string) => string; dateTime: (iso: string) => string } }) {
  const next = item.next;
  return (
    <tr data-reference={item.reference}>
      <th scope="row" className="nowrap">
        <Link to={staffPaths.case(item.reference)}>{item.reference}</Link>
      </th>
      <td>
        {item.customerName}
        <br />
        <span className="hint queue-email">{item.email}</span>
        {item.supportNeeds && (
          <>
            <br />
            <strong className="tag tag-warning">{t('staff:queue.support')}</strong>
          </>
        )}
      </td>
      <td>{item.kind === 'complaint' ? t(stageKey(profile.id, item.stageId, 'name')) : t('cases:status.' + item.status as never)}</td>
      <td className="queue-due">
        {next ? <strong className={clockTone(next)}>{clockText(next, t(clockKey(profile.id, next.clockId)), t, format.date)}</strong> : !item.adrLetterMissing && item.adrLetterDueAt ? <span>{t('staff:queue.adrLetterNext')}</span> : <span>{t('staff:queue.nothingDue')}</span>}
        {item.adrLetterMissing && (
          <>
            <br />
            <strong className="tag tag-overdue">{t('staff:queue.adrLetterDue')}</strong>
          </>
        )}
      </td>
      <td className="nowrap">
        {next?.dueAt ? (
          <time dateTime={next.dueAt}>{(countsHours(next) ? format.dateTime : format.date)(next.dueAt)}</time>
        ) : item.adrLetterDueAt ? (
          <time dateTime={item.adrLetterDueAt}>{format.date(item.adrLetterDueAt)}</time>
        ) : (
          '—'
        )}
      </td>
      <td>{item.assignee ? item.assignee.name : <span className="tag tag-grey">{t('staff:queue.unassigned')}</span>}</td>
    </tr>
  );
}

/** Open cases, the next deadline first (MoJ filter + table): what is due, by when, in the procedure's own units. */
export function QueuePage({ profile }: { profile: ProviderProfile }) {
  const { t } = useTranslation(['staff', 'providers', 'cases', 'common', 'errors']);
  const errorText = useErrorText();
  const [query, change] = useQueueParams();
  const locale = t('common:locale');
  const format = { date: dateFormatter(locale, profile.timeZone, false), dateTime: dateFormatter(locale, profile.timeZone, true) };
  // The same query the route asked for while the app booted (src/app/routes/staff.tsx).
  const pages = useInfiniteQuery(staffQueries.queue(query));
  const first = pages.data?.pages[0];
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const filterLabel = (f: QueueFilter) => t(`staff:queue.filters.${f}`);

  return (
    <>
      <h1>{t('staff:queue.title')}</h1>
      <p className="lead">{t('staff:queue.lead', { provider: profile.name })}</p>
      <div className="staff-queue">
        <section aria-labelledby="queue-filters-heading" className="filter-panel">
          <h2 id="queue-filters-heading">{t('staff:queue.filtersHeading')}</h2>
          {query.filter && (
            <p>
              <span className="visually-hidden">{t('staff:queue.applied', { label: filterLabel(query.filter) })}</span>
              <button type="button" className="filter-tag" onClick={() => change({ filter: undefined })}>
                {filterLabel(query.filter)} <span aria-hidden="true">×</span>
                <span className="visually-hidden">{t('staff:queue.removeFilter', { label: filterLabel(query.filter) })}</span>
              </button>
            </p>
          )}
          <ul className="plain-list filter-options">
            <li>
              <Link to="?" aria-current={!query.filter ? 'true' : undefined} onClick={(e) => (e.preventDefault(), change({ filter: undefined }))}>
                {t('staff:queue.all', { n: first?.matching ?? 0 })}
              </Link>
            </li>
            {queueFilterSchema.options.map((f) => (
              <li key={f}>
                <Link to={`?filter=${f}`} aria-current={query.filter === f ? 'true' : undefined} onClick={(e) => (e.preventDefault(), change({ filter: f }))}>
                  {t('staff:queue.filterWithCount', { label: filterLabel(f), n: first?.counts[f] ?? 0 })}
                </Link>
              </li>
            ))}
          </ul>
          <form
            className="queue-search"
            onSubmit={(e) => {
              e.preventDefault();
              const data = new FormData(e.currentTarget);
              change({ q: formText(data, 'q') || undefined, stage: formText(data, 'stage') || undefined, category: formText(data, 'category') || undefined });
            }}
          >
            <div className="form-group">
              <label htmlFor="queue-q">{t('staff:queue.search')}</label>
              <input id="queue-q" name="q" type="search" className="input" defaultValue={query.q ?? ''} />
            </div>
            <div className="form-group">
              <label htmlFor="queue-stage">{t('staff:queue.stage')}</label>
              <select id="queue-stage" name="stage" className="select" defaultValue={query.stage ?? ''}>
                <option value="">{t('staff:queue.anyStage')}</option>
                {profile.stages.map((s) => (
                  <option key={s.id} value={s.id}>
                    {t(stageKey(profile.id, s.id, 'name'))}
                  </option>
                ))}
              </select>
            </div>
            <div className="form-group">
              <label htmlFor="queue-category">{t('staff:queue.category')}</label>
              <select id="queue-category" name="category" className="select" defaultValue={query.category ?? ''}>
                <option value="">{t('staff:queue.anyCategory')}</option>
                {categoriesFor(profile.complaintsAbout).map((c) => (
                  <option key={c} value={c}>
                    {t(`cases:categories.${c}`)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button button-secondary">
              {t('staff:queue.apply')}
            </button>
          </form>
        </section>
        <section aria-live="polite" aria-busy={pages.isFetching}>
          {pages.isError && (
            <div className="notice notice-error" role="alert">
              <p>{errorText(pages.error)}</p>
            </div>
          )}
          {first && items.length === 0 && <p>{t('staff:queue.empty')}</p>}
          {items.length > 0 && (
            <div className="table-scroll">
              <table className="table queue-table">
                <caption>{t('staff:queue.caption', { count: first?.total ?? 0 })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('staff:queue.columns.reference')}</th>
                    <th scope="col">{t('staff:queue.columns.customer')}</th>
                    <th scope="col">{t('staff:queue.columns.stage')}</th>
                    <th scope="col">{t('staff:queue.columns.next')}</th>
                    <th scope="col" aria-sort="ascending">
                      {t('staff:queue.columns.by')}
                    </th>
                    <th scope="col">{t('staff:queue.columns.assignee')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((item) => (
                    <Row key={item.reference} item={item} profile={profile} t={t} format={format} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {pages.hasNextPage && (
            <button type="button" className="button button-secondary" disabled={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
              {t('staff:queue.more')}
            </button>
          )}
        </section>
      </div>
    </>
  );
}
