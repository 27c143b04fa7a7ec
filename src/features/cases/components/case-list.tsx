import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import { Link, NavigationType, useLocation, useNavigationType, useSearchParams } from 'react-router';
import { caseStatusSchema, type CaseSummary } from '@/api/schemas';
import { useErrorText } from '@/components/ui/api-error-text';
import { nextDeadline } from '@/domain/case-clocks';
import { isOpen } from '@/domain/cases';
import type { ProviderProfile } from '@/domain/profile-schema';
import { getProfile } from '@/domain/profiles';
import { useProviderId } from '@/lib/provider';
import { isApiError } from '@/api/client';
import { caseQueries } from '../api/case-queries';
import { readListParams, writeListParams, type ListParams } from '../lib/list-params';
import { StatusTag } from './status-tag';
import { useFormatters } from './use-formatters';
import { SignedOut } from './signed-out';
import { clockKey, stageKey } from '@/lib/provider-keys';

export interface CaseListProps {
  casePath: (reference: string) => string;
  signInPath: string;
  trackPath: string;
  newComplaintPath: string;
}

/** Next deadlines are worked out once per case and list, not on every render of a row as it scrolls by. */
const deadlineCache = new WeakMap<CaseSummary, { asOf: number; next: ReturnType<typeof nextDeadline> }>();
function nextDeadlineOf(profile: ProviderProfile, c: CaseSummary, asOf: Date) {
  const cached = deadlineCache.get(c);
  if (cached && cached.asOf === asOf.getTime()) return cached.next;
  const next = isOpen(c.status) ? nextDeadline(profile, c, asOf) : undefined;
  deadlineCache.set(c, { asOf: asOf.getTime(), next });
  return next;
}

const CaseRow = memo(function CaseRow({ c, profile, asOf, casePath }: { c: CaseSummary; profile: ProviderProfile; asOf: Date; casePath: (r: string) => string }) {
  const { t } = useTranslation(['cases', 'providers']);
  const fmt = useFormatters(profile);
  const next = nextDeadlineOf(profile, c, asOf);
  return (
    <div className="case-row">
      <p className="case-row-title">
        <Link to={casePath(c.reference)}>
          <span className="case-ref">{c.reference}</span>
          <span className="case-summary">{c.summary}</span>
        </Link>
      </p>
      <p className="case-row-meta">
        <StatusTag status={c.status} />
        {c.kind === 'abuseReport' ? (
          <span>{t('cases:list.abuseReport')}</span>
        ) : (
          <span>{t(stageKey(profile.id, c.stageId, 'name'))}</span>
        )}
        <span className="hint">{t('cases:list.updated', { date: fmt.date(new Date(c.updatedAt)) })}</span>
        {c.raisedBy && <span className="hint">{t('cases:raisedBy', { name: c.raisedBy.name })}</span>}
      </p>
      <p className="case-row-deadline">
        {next?.dueAt ? (
          <>
            {next.state === 'overdue' && <strong className="tag tag-overdue">{t('cases:list.overdue')}</strong>}{' '}
            <span>
              {t('cases:list.nextDeadline')}:{' '}
              {t('cases:list.deadlineLine', {
                clock: t(clockKey(profile.id, next.clockId)),
                date: next.unit === 'workingDays' || next.unit === 'calendarDays' || next.unit === 'weeks' ? fmt.date(next.dueAt) : fmt.dateTime(next.dueAt),
              })}
            </span>
          </>
        ) : (
          <span className="hint">{t('cases:list.noDeadline', { provider: profile.name })}</span>
        )}
      </p>
    </div>
  );
});

function VirtualList({
  cases,
  total,
  profile,
  asOf,
  casePath,
  onNearEnd,
}: {
  cases: CaseSummary[];
  total: number;
  profile: ProviderProfile;
  asOf: Date;
  casePath: (r: string) => string;
  onNearEnd: () => void;
}) {
  const listRef = useRef<HTMLUListElement>(null);
  const [margin, setMargin] = useState(0);
  // The list's distance from the top of the page; measured again when the results change, as the
  // filters above the list can change height ("Clear filters" appears).
  const count = cases.length;
  useLayoutEffect(() => {
    setMargin(listRef.current ? Math.round(listRef.current.getBoundingClientRect().top + window.scrollY) : 0);
  }, [count]);
  const virtualizer = useWindowVirtualizer({
    count: cases.length,
    estimateSize: () => 120,
    overscan: 6,
    scrollMargin: margin,
    getItemKey: (i) => cases[i]?.reference ?? i,
  });
  const items = virtualizer.getVirtualItems();
  // The next page is asked for while the reader is still a screen or two away from the end of what is loaded.
  const lastShown = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (lastShown >= cases.length - 15) onNearEnd();
  }, [lastShown, cases.length, onNearEnd]);
  return (
    <ul ref={listRef} className="case-list" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
      {items.map((item) => {
        const c = cases[item.index]!;
        return (
          <li
            key={item.key}
            data-index={item.index}
            ref={virtualizer.measureElement}
            aria-setsize={total}
            aria-posinset={item.index + 1}
            className="case-list-item"
            style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)` }}
          >
            <CaseRow c={c} profile={profile} asOf={asOf} casePath={casePath} />
          </li>
        );
      })}
    </ul>
  );
}

/** The search box: its own state, so that a keystroke re-renders only this; the list follows in a transition. */
const SearchBox = memo(function SearchBox({ initial, label, hint, onSearch }: { initial: string; label: string; hint: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState(initial);
  return (
    <div className="form-group">
      <label htmlFor="cases-q">{label}</label>
      <p className="field-hint" id="cases-q-hint">
        {hint}
      </p>
      <input
        id="cases-q"
        type="search"
        aria-describedby="cases-q-hint"
        value={text}
        onChange={(e) => {
          const value = e.target.value;
          setText(value);
          onSearch(value);
        }}
      />
    </div>
  );
});

/** My cases: filters, search and sort live in the address; the list is virtualised for thousands of cases. */
export function CaseList({ casePath, signInPath, trackPath, newComplaintPath }: CaseListProps) {
  const { t } = useTranslation(['cases', 'providers', 'errors', 'common']);
  const profile = getProfile(useProviderId());
  const stageIds = useMemo(() => profile.stages.map((s) => s.id), [profile]);
  const [search, setSearch] = useSearchParams();
  const params = readListParams(search, stageIds);
  const errorText = useErrorText();

  // Every change goes to the address through the router at once, replacing this page's history entry: the
  // router renders the new address in a transition, so the search box (SearchBox) answers each keystroke on
  // its own and the list follows, interrupted by the next keystroke. Nothing is left waiting to be written,
  // so a link followed right after typing is never overtaken by the search (Back finds the search too).
  // The base is the address as the router last wrote it (window.location), not the rendered one, which
  // may be a keystroke behind while the list renders.
  const update = useCallback(
    (change: Partial<ListParams>) =>
      setSearch(writeListParams(new URLSearchParams(window.location.search), change), { replace: true, preventScrollReset: true }),
    [setSearch],
  );
  // What the box holds. The address changed by something else (a link to this list, back or forward):
  // the box follows it.
  const typed = useRef(params.q);
  // The box starts again (remounts) with this text when something other than typing changes the search.
  const [box, setBox] = useState({ version: 0, text: params.q });
  const { key: locationKey } = useLocation();
  const navigationType = useNavigationType();
  useEffect(() => {
    if (navigationType === NavigationType.Replace || params.q === typed.current) return;
    typed.current = params.q;
    setBox((b) => ({ version: b.version + 1, text: params.q }));
  }, [locationKey, navigationType, params.q]);
  const onSearch = useCallback(
    (q: string) => {
      typed.current = q;
      update({ q });
    },
    [update],
  );
  const q = params.q;

  const filtering = Boolean(params.status || params.stage || q.trim());
  const list = useInfiniteQuery({
    ...caseQueries.list({ status: params.status, stage: params.stage, q: q.trim() || undefined, sort: params.sort }),
    // While the next search runs, the last results stay on screen (no flash of an empty list).
    placeholderData: keepPreviousData,
  });
  // Everything on the account, for "3 of 40 cases": the first page of the unfiltered list says how many.
  const all = useInfiniteQuery({ ...caseQueries.list({ sort: 'updated' }), enabled: filtering, select: (data) => data.pages[0]?.total ?? 0 });
  const pages = list.data?.pages;
  const visible = useMemo(() => pages?.flatMap((p) => p.cases) ?? [], [pages]);
  const matching = pages?.[0]?.total ?? 0;
  const asOfText = pages?.[0]?.asOf;
  const asOf = useMemo(() => (asOfText ? new Date(asOfText) : null), [asOfText]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  const onNearEnd = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  if (list.isError && isApiError(list.error) && list.error.status === 401) {
    return <SignedOut signInPath={signInPath} trackPath={trackPath} />;
  }

  const total = filtering ? (all.data ?? matching) : matching;
  const statuses = caseStatusSchema.options;

  return (
    <>
      <h1>{t('cases:list.title')}</h1>
      <div role="search" className="case-filters" aria-label={t('cases:list.filters')}>
        <SearchBox key={box.version} initial={box.text} label={t('cases:list.search')} hint={t('cases:list.searchHint')} onSearch={onSearch} />
        <div className="filter-row">
          <div className="form-group">
            <label htmlFor="cases-status">{t('cases:list.status')}</label>
            <select id="cases-status" value={params.status ?? ''} onChange={(e) => update({ status: (e.target.value || undefined) as ListParams['status'] })}>
              <option value="">{t('cases:list.allStatuses')}</option>
              <option value="open">{t('cases:list.openStatuses')}</option>
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {t(`cases:status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="form-group">
            <label htmlFor="cases-stage">{t('cases:list.stage')}</label>
            <select id="cases-stage" value={params.stage ?? ''} onChange={(e) => update({ stage: e.target.value || undefined })}>
              <option value="">{t('cases:list.allStages')}</option>
              {stageIds.map((s) => (
                <option key={s} value={s}>
                  {t(stageKey(profile.id, s, 'name'))}
                </option>
              ))}
            </select>
          </div>
          <div className="form-group">
            <label htmlFor="cases-sort">{t('cases:list.sort')}</label>
            <select id="cases-sort" value={params.sort} onChange={(e) => update({ sort: e.target.value === 'deadline' ? 'deadline' : 'updated' })}>
              <option value="updated">{t('cases:list.sortUpdated')}</option>
              <option value="deadline">{t('cases:list.sortDeadline')}</option>
            </select>
          </div>
        </div>
        {filtering && (
          <p>
            <button
              type="button"
              className="link-button"
              onClick={() => {
                typed.current = '';
                setBox((b) => ({ version: b.version + 1, text: '' }));
                update({ status: undefined, stage: undefined, q: '' });
              }}
            >
              {t('cases:list.clear')}
            </button>
          </p>
        )}
      </div>

      <div role="status" className="case-count">
        {list.isPending
          ? t('cases:list.loading')
          : list.data
            ? filtering
              ? t('cases:list.countFiltered', { count: matching, total })
              : t('cases:list.count', { count: total })
            : ''}
      </div>

      {list.isError && (
        <div className="notice notice-error" role="alert">
          <p>{errorText(list.error)}</p>
          <button type="button" className="button button-secondary" onClick={() => void list.refetch()}>
            {t('cases:retry')}
          </button>
        </div>
      )}
      {list.data && matching === 0 && (
        <div className="notice">
          <p>{filtering ? t('cases:list.emptyFiltered') : t('cases:list.empty')}</p>
          {!filtering && (
            <Link to={newComplaintPath} className="button">
              {t('cases:list.raise')}
            </Link>
          )}
        </div>
      )}
      {list.data && asOf && visible.length > 0 && (
        <VirtualList cases={visible} total={matching} profile={profile} asOf={asOf} casePath={casePath} onNearEnd={onNearEnd} />
      )}
    </>
  );
}
