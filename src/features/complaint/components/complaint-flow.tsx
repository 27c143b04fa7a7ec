import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { focusField } from '@/components/ui';
import { useTranslation } from 'react-i18next';
import type { Attachment, CaseKind, ComplaintSubmission, Customer } from '@/api/schemas';
import { getProfile } from '@/domain/profiles';
import { asksForAccountNumber } from '@/domain/case-model';
import type { ProviderId } from '@/domain/provider-ids';
import { sessionHint } from '@/lib/session-hint';
import { createDraftSaver, discardDraft, loadDraft, newDraft, type Draft } from '../model/draft';
import { prefillAboutYou, type AboutYouForm, type ComplaintForm, type EvidenceForm } from '../model/form';
import { isStepId, nextStep, previousStep, type StepId } from '../model/steps';
import { useSubmitComplaint } from '../api/complaint-api';
import { AboutYouStep } from './about-you-step';
import { CheckStep } from './check-step';
import { ComplaintStep } from './complaint-step';
import { EvidenceStep } from './evidence-step';

export interface ComplaintFlowProps {
  providerId: ProviderId;
  /** The :step of the address, if any. */
  step: string | undefined;
  /** ?kind=abuseReport starts an abuse report (where the provider offers it). */
  requestedKind: CaseKind | null;
  /** ?return=check: the user came from "Check your answers" through a change link. */
  returnToCheck: boolean;
  /** A signed-in customer, whose details are filled in. */
  customer: Customer | null;
  /**
   * Start from the draft saved in this browser (if any). False while a pre-rendered page hydrates: the
   * flow then starts as a fresh first step, as it was rendered at build time.
   */
  restore: boolean;
  /** False until the page has hydrated and taken up what the browser saved: the form stays disabled. */
  ready?: boolean;
  stepPath: (step: StepId, search?: string) => string;
  confirmationPath: (reference: string) => string;
}

function initialDraft(providerId: ProviderId, requestedKind: CaseKind | null, customer: Customer | null, restore: boolean): Draft {
  const offersAbuse = (getProfile(providerId).otherPromises ?? []).some((p) => p.kind === 'abuseReport');
  const kind: CaseKind | null = requestedKind === 'abuseReport' && offersAbuse ? 'abuseReport' : requestedKind === 'complaint' ? 'complaint' : null;
  const draft = (restore ? loadDraft(providerId) : null) ?? newDraft(kind ?? 'complaint');
  const withKind: Draft = kind && kind !== draft.kind ? { ...draft, kind } : draft;
  if (!customer) return withKind;
  const aboutYou = prefillAboutYou(withKind.aboutYou, customer);
  // The Communications Ombudsman's form asks for no account number: a customer's bill number is not filled in.
  return { ...withKind, aboutYou: asksForAccountNumber(getProfile(providerId).complaintsAbout) ? aboutYou : { ...aboutYou, accountNumber: '' } };
}

/** The guided complaint: one draft, four steps, one submission with the draft's Idempotency-Key. */
export function ComplaintFlow({ providerId, step, requestedKind, returnToCheck, customer, restore, ready = true, stepPath, confirmationPath }: ComplaintFlowProps) {
  const { t } = useTranslation(['complaint', 'validation', 'common', 'providers', 'errors']);
  const navigate = useNavigate();
  const profile = getProfile(providerId);
  const [draft, setDraft] = useState(() => initialDraft(providerId, requestedKind, customer, restore));
  const saver = useMemo(() => createDraftSaver(providerId, 300), [providerId]);
  const done = useRef(false);
  /** Nothing is stored until the user changes something (a fresh or discarded draft stays unsaved). */
  const [hadDraft] = useState(() => restore && loadDraft(providerId) !== null);
  const dirty = useRef(hadDraft);
  const submit = useSubmitComplaint();

  // Save within 300 ms of each change; flush when the tab is hidden or closed.
  useEffect(() => {
    if (!done.current && dirty.current) saver.schedule(draft);
  }, [draft, saver]);
  useEffect(() => {
    const flush = () => {
      if (!done.current) saver.flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', flush);
      flush();
    };
  }, [saver]);

  // Signing out clears every draft (features/session/sign-out.ts): a save still waiting, or the flush as the
  // page is left, must not write this one back afterwards. Saving starts again with the next change.
  useEffect(() => {
    let signedIn = sessionHint.get() !== null;
    const unsubscribe = sessionHint.subscribe(() => {
      const stillSignedIn = sessionHint.get() !== null;
      if (signedIn && !stillSignedIn) {
        saver.cancel();
        dirty.current = false;
      }
      signedIn = stillSignedIn;
    });
    return () => {
      unsubscribe();
    };
  }, [saver]);

  // /complaints/new is the first step for a fresh draft, and resumes a saved one where it was left.
  const current: StepId | null = isStepId(step) ? step : step === undefined && draft.step === 'about-you' ? 'about-you' : null;
  const { hash } = useLocation();
  // A change link from "Check your answers" lands on the field to change (after the layout focuses the heading).
  useEffect(() => {
    if (!current || !hash) return;
    const timer = setTimeout(() => focusField(decodeURIComponent(hash.slice(1))), 60);
    return () => clearTimeout(timer);
  }, [current, hash]);
  useEffect(() => {
    if (current) setDraft((d) => (d.step === current ? d : { ...d, step: current }));
  }, [current]);

  const update = useCallback(<K extends 'aboutYou' | 'complaint' | 'evidence'>(key: K, values: Draft[K]) => {
    dirty.current = true;
    setDraft((d) => ({ ...d, [key]: values }));
  }, []);
  const onAboutYou = useCallback((v: AboutYouForm) => update('aboutYou', v), [update]);
  const onComplaint = useCallback((v: ComplaintForm) => update('complaint', v), [update]);
  const onEvidence = useCallback((v: EvidenceForm) => update('evidence', v), [update]);
  const onAttachments = useCallback((fn: (a: Attachment[]) => Attachment[]) => {
    dirty.current = true;
    setDraft((d) => ({ ...d, attachments: fn(d.attachments) }));
  }, []);

  if (!current) return <Navigate to={stepPath(draft.step)} replace />;

  const goNext = () => {
    dirty.current = true;
    const target = returnToCheck ? 'check' : nextStep(current);
    setDraft((d) => ({ ...d, step: target }));
    void navigate(stepPath(target));
  };
  const onDiscard = () => {
    if (!window.confirm(t('complaint:nav.discardConfirm'))) return;
    saver.cancel();
    dirty.current = false;
    discardDraft(providerId);
    submit.reset();
    setDraft(newDraft(draft.kind));
    void navigate(stepPath('about-you'));
  };
  const send = (submission: ComplaintSubmission) => {
    submit.mutate(
      { submission, idempotencyKey: draft.idempotencyKey },
      {
        onSuccess: (response) => {
          done.current = true;
          saver.cancel();
          discardDraft(providerId);
          void navigate(confirmationPath(response.case.reference), { replace: true });
        },
      },
    );
  };

  const back = returnToCheck ? stepPath('check') : previousStep(current) ? stepPath(previousStep(current) as StepId) : null;
  const caption = t(draft.kind === 'abuseReport' ? 'complaint:caption_abuse' : 'complaint:caption', { provider: profile.name });
  const layout = { step: current, caption, backTo: back, onDiscard };
  const common = { draft, profile, layout, onDone: goNext, ready };

  switch (current) {
    case 'about-you':
      return <AboutYouStep key={`${draft.idempotencyKey}-about`} {...common} onChange={onAboutYou} />;
    case 'complaint':
      return <ComplaintStep key={`${draft.idempotencyKey}-complaint`} {...common} onChange={onComplaint} />;
    case 'evidence':
      return <EvidenceStep key={`${draft.idempotencyKey}-evidence`} {...common} onChange={onEvidence} onAttachmentsChange={onAttachments} />;
    case 'check':
      return (
        <CheckStep
          draft={draft}
          profile={profile}
          layout={layout}
          changeHref={(s, field) => `${stepPath(s, '?return=check')}${field ? `#${field}` : ''}`}
          submit={{ send, isPending: submit.isPending, error: submit.error }}
        />
      );
  }
}
