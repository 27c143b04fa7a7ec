import { memo, startTransition, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { observeWindowOffset, useWindowVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link, NavigationType, useLocation, useNavigationType, useSearchParams } from 'react-router';
import { caseStatusSchema, type CaseSummary } from '@/api/schemas';
import { useErrorText } from '@/components/ui/api-error-text';
import { nextDeadline } from '@/domain/case-clocks';
import { isOpen } from '@/domain/cases';
import type { ProviderProfile } from '@/domain/profile-schema';
import { getProfile } from '@/domain/profiles';
import { useProviderId } from '@/lib/provider';
import { isApiError } from '@/api/client';
import { caseQueries, PAGE_SIZE } from '../api/case-queries';
import { listFilterOf, listStageIds, readListParams, writeListParams, type ListParams } from '../lib/list-params';
import { StatusTagText } from './status-tag';
import { useFormatters } from './use-formatters';
import { SignedOut } from './signed-out';
import { letterContext } from '@/lib/letter-context';
import { clockKey, stageKey } from '@/lib/provider-keys';

export interface CaseListProps {
  casePath: (reference: string) => string;
  signInPath: string;
  trackPath: string;
  newComplaintPath: string;
  /** Shown under the title, above the filters (another feature's notices: an invitation to answer). */
  notices?: ReactNode;
}

/** What the list needs to word a row: one translation function and formatters for the whole list. */
interface RowWording {
  t: TFunction<['cases', 'providers']>;
  fmt: ReturnType<typeof useFormatters>;
  profile: ProviderProfile;
  asOf: Date;
  casePath: (reference: string) => string;
}

interface RowText {
  href: string;
  status: string;
  stage: string;
  updated: string;
  raisedBy?: string;
  overdue?: string;
  deadline: string;
  noDeadline: boolean;
}

/**
 * A row's words, worked out once per case and wording (language, list date), not each time the row scrolls
 * into view: rows mount and unmount as the reader scrolls, and a row with hooks of its own (translations,
 * router links) costs several times more to mount than one that only lays out strings.
 */
const rowTextCache = new WeakMap<CaseSummary, { wording: RowWording; text: RowText }>();
function rowTextOf(c: CaseSummary, wording: RowWording): RowText {
  const cached = rowTextCache.get(c);
  if (cached?.wording === wording) return cached.text;
  const { t, fmt, profile, asOf } = wording;
  const next = isOpen(c.status) ? nextDeadline(profile, c, asOf) : undefined;
  const text: RowText = {
    href: wording.casePath(c.reference),
    status: t(`cases:status.${c.status}`, { context: letterContext(profile) }),
    stage: c.kind === 'abuseReport' ? t('cases:list.abuseReport') : t(stageKey(profile.id, c.stageId, 'name')),
    updated: t('cases:list.updated', { date: fmt.date(new Date(c.updatedAt)) }),
    raisedBy: c.raisedBy ? t('cases:raisedBy', { name: c.raisedBy.name }) : undefined,
    overdue: next?.dueAt && next.state === 'overdue' ? t('cases:list.overdue') : undefined,
    deadline: next?.dueAt
      ? `${t('cases:list.nextDeadline')}: ${t('cases:list.deadlineLine', {
          clock: t(clockKey(profile.id, next.clockId)),
          date: next.unit === 'workingDays' || next.unit === 'calendarDays' || next.unit === 'weeks' ? fmt.date(next.dueAt) : fmt.dateTime(next.dueAt),
        })}`
      : t('cases:list.noDeadline', { provider: profile.name }),
    noDeadline: !next?.dueAt,
  };
  rowTextCache.set(c, { wording, text });
  return text;
}

/** One row: strings only, no hooks, so that mounting it as it scrolls into view is cheap. */
const CaseRow = memo(function CaseRow({ c, wording }: { c: CaseSummary; wording: RowWording }) {
  const text = rowTextOf(c, wording);
  return (
    <div className="case-row">
      <p className="case-row-title">
        <Link to={text.href}>
          <span className="case-ref">{c.reference}</span>
          <span className="case-summary">{c.summary}</span>
        </Link>
      </p>
      <p className="case-row-meta">
        <StatusTagText status={c.status} text={text.status} />
        <span>{text.stage}</span>
        <span className="hint">{text.updated}</span>
        {text.raisedBy && <span className="hint">{text.raisedBy}</span>}
      </p>
      <p className="case-row-deadline">
        {text.noDeadline ? (
          <span className="hint">{text.deadline}</span>
        ) : (
          <>
            {text.overdue && <strong className="tag tag-overdue">{text.overdue}</strong>} <span>{text.deadline}</span>
          </>
        )}
      </p>
    </div>
  );
});

/**
 * The window the server renders the list's first screen for (decision 0179), and the browser hydrates it with: the
 * window's size is not known there, so the rows of a tall window (and the overscan) are sent, laid out one under
 * the other, which is where the virtualizer then places them.
 */
const FIRST_SCREEN_RECT = { width: 0, height: 1080 };
const noSubscription = () => () => undefined;

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
  const { t } = useTranslation(['cases', 'providers']);
  const fmt = useFormatters(profile);
  const wording = useMemo<RowWording>(() => ({ t, fmt, profile, asOf, casePath }), [t, fmt, profile, asOf, casePath]);
  // The list's distance from the top of the page; measured again when the results change, as the
  // filters above the list can change height ("Clear filters" appears).
  const count = cases.length;
  // True on the server and while the browser hydrates its markup; false in any render of the browser's own. The
  // server's rows are in the flow of the page (a style attribute would be refused by the Content-Security-Policy,
  // and a hydrated element keeps the attributes it came with); once hydrated, the virtualizer measures them where
  // they are and places them there, absolutely, in the same commit: nothing moves (the page's layout shift).
  const fromServer = useSyncExternalStore(noSubscription, () => false, () => true);
  useLayoutEffect(() => {
    setMargin(listRef.current ? Math.round(listRef.current.getBoundingClientRect().top + window.scrollY) : 0);
  }, [count]);
  const virtualizer = useWindowVirtualizer({
    count: cases.length,
    estimateSize: () => 120,
    overscan: 10,
    scrollMargin: margin,
    getItemKey: (i) => cases[i]?.reference ?? i,
    // Positions and the list's height are written to the DOM by the virtualizer as rows are measured;
    // React renders again only when the rows in range change, not once more for every measurement.
    directDomUpdates: !fromServer,
    // The server's window, the same on both sides of the hydration (the same rows); the real one once mounted.
    ...(fromServer ? { initialRect: FIRST_SCREEN_RECT, initialOffset: 0 } : {}),
    // Rows coming into range while the reader scrolls are mounted in a transition, a render that yields to the
    // browser between rows, not inside the scroll event; the overscan keeps rows mounted a screen or two ahead,
    // so scrolling does not wait. The next scroll is one more transition update, which as a rule does not
    // restart the render under way, so the rows arrive. A jump of more than a screen (Back restoring the
    // position, End, dragging the scroll bar) lands where nothing is mounted: that renders at once.
    useFlushSync: false,
    observeElementOffset: (instance, onOffset) =>
      observeWindowOffset(instance, (offset, isScrolling) => {
        const update = () => onOffset(offset, isScrolling);
        if (Math.abs(offset - (instance.scrollOffset ?? 0)) > window.innerHeight) flushSync(update);
        else startTransition(update);
      }),
  });
  const setListRef = useCallback(
    (node: HTMLUListElement | null) => {
      listRef.current = node;
      virtualizer.containerRef(node);
    },
    [virtualizer],
  );
  const items = virtualizer.getVirtualItems();
  // The next page is asked for while the reader is still half a page away from the end of what is loaded
  // (several screens), so that a fast scroll on a slow phone does not run past the loaded rows.
  const lastShown = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (lastShown >= cases.length - PAGE_SIZE / 2) onNearEnd();
  }, [lastShown, cases.length, onNearEnd]);
  // No rows in range (before the window's size is known): none rendered.
  const from = items[0]?.index ?? 0;
  const to = items.at(-1)?.index ?? -1;
  return (
    // Positioned by the stylesheet (.case-list), not a style attribute: the server sends this list in the page's HTML,
    // where the Content-Security-Policy refuses inline styles (decision 0179).
    <ul ref={setListRef} className="case-list">
      <Rows from={from} to={to} cases={cases} total={total} wording={wording} measure={virtualizer.measureElement} placed={!fromServer} />
    </ul>
  );
}

const Rows = memo(function Rows({
  from,
  to,
  cases,
  total,
  wording,
  measure,
  placed,
}: {
  from: number;
  to: number;
  cases: CaseSummary[];
  total: number;
  wording: RowWording;
  measure: (node: HTMLLIElement | null) => void;
  /** Positioned by the virtualizer; not in the server's first screen, where the rows are in the flow. */
  placed: boolean;
}) {
  const rows = [];
  for (let index = from; index <= to && index < cases.length; index++) {
    const c = cases[index]!;
    rows.push(
      <li
        key={c.reference}
        data-index={index}
        ref={measure}
        aria-setsize={total}
        aria-posinset={index + 1}
        className="case-list-item"
        style={placed ? { position: 'absolute', top: 0, left: 0, width: '100%' } : undefined}
      >
        <CaseRow c={c} wording={wording} />
      </li>,
    );
  }
  return rows;
});

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
export function CaseList({ casePath, signInPath, trackPath, newComplaintPath, notices }: CaseListProps) {
  const { t } = useTranslation(['cases', 'providers', 'errors', 'common']);
  const profile = getProfile(useProviderId());
  // Only the stages a portal case can reach (from the entry stage on): Nasstar's department and its head are outside it.
  const stageIds = useMemo(() => listStageIds(profile), [profile]);
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
    // The same query the route asked for while the app booted (src/app/routes/cases.tsx).
    ...caseQueries.list(listFilterOf(params)),
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
      {notices}
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
                  {t(`cases:status.${s}`, { context: letterContext(profile) })}
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
