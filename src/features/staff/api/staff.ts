import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import i18next from 'i18next';
import { callApi, idempotencyKeyFor } from '@/api/client';
import { complaintCategorySchema, queueFilterSchema, type InviteStaff, type StaffActionInput, type StaffCreateOrganisation, type StaffCaseResponse, type StaffLettersQuery, type StaffLogComplaint, type StaffQueueQuery, type WebhookInput } from '@/api/schemas';
import { currentProviderId } from '@/lib/provider';

/** Rows of the queue fetched per page. */
const QUEUE_PAGE = 50;

export type QueueParams = Omit<StaffQueueQuery, 'cursor' | 'limit'>;

/** The queue's filter, stage, category and search as the address gives them. */
export function queueParamsOf(params: URLSearchParams): QueueParams {
  const filter = queueFilterSchema.safeParse(params.get('filter'));
  const category = complaintCategorySchema.safeParse(params.get('category'));
  return {
    ...(filter.success ? { filter: filter.data } : {}),
    ...(params.get('stage') ? { stage: params.get('stage')! } : {}),
    ...(category.success ? { category: category.data } : {}),
    ...(params.get('q') ? { q: params.get('q')! } : {}),
  };
}

/** The staff workspace's reads and writes (docs/decisions/0130-staff-workspace.md); every write carries an Idempotency-Key. */
export const staffQueries = {
  all: () => ['staff', currentProviderId()] as const,
  /** Open cases, the next deadline first, a page at a time (ordered, filtered and counted by the back office). */
  queue: (query: QueueParams) =>
    infiniteQueryOptions({
      queryKey: [...staffQueries.all(), 'queue', query],
      queryFn: ({ signal, pageParam }) => callApi('staffQueue', { signal, query: { ...query, limit: QUEUE_PAGE, ...(pageParam ? { cursor: pageParam } : {}) } }),
      initialPageParam: '',
      getNextPageParam: (last) => last.nextCursor ?? undefined,
    }),
  case: (reference: string) =>
    queryOptions({
      queryKey: [...staffQueries.all(), 'case', reference],
      queryFn: ({ signal }) => callApi('staffGetCase', { signal, params: { reference } }),
    }),
  letters: (query: StaffLettersQuery) =>
    queryOptions({
      queryKey: [...staffQueries.all(), 'letters', query.show ?? 'toDo', query.channel ?? ''],
      queryFn: ({ signal }) => callApi('staffLetters', { signal, query }),
    }),
  caseMessages: (reference: string) =>
    queryOptions({
      queryKey: [...staffQueries.all(), 'case', reference, 'messages'],
      queryFn: ({ signal }) => callApi('listCaseMessages', { signal, params: { reference } }),
    }),
  integrations: () =>
    queryOptions({
      queryKey: [...staffQueries.all(), 'integrations'],
      queryFn: ({ signal }) => callApi('staffIntegrations', { signal }),
    }),
  customers: (q: string) =>
    queryOptions({
      queryKey: [...staffQueries.all(), 'customers', q],
      queryFn: ({ signal }) => callApi('staffCustomers', { signal, query: q ? { q } : {} }),
    }),
  customer: (id: string) =>
    queryOptions({
      queryKey: [...staffQueries.all(), 'customer', id],
      queryFn: ({ signal }) => callApi('staffGetCustomer', { signal, params: { id } }),
    }),
  members: () =>
    queryOptions({
      queryKey: [...staffQueries.all(), 'members'],
      queryFn: ({ signal }) => callApi('listStaff', { signal }),
    }),
};

/** Writes on a case answer the case as staff see it: the page shows it at once, and the queue is read again. */
function useCaseWrite<I extends object>(reference: string, write: (input: I, key: string) => Promise<StaffCaseResponse>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => write(input, idempotencyKeyFor(input)),
    onSuccess: (answer) => {
      queryClient.setQueryData(staffQueries.case(reference).queryKey, answer);
      void queryClient.invalidateQueries({ queryKey: [...staffQueries.all(), 'queue'] });
    },
  });
}

export function useStaffAct(reference: string) {
  return useCaseWrite(reference, (input: StaffActionInput, key) => callApi('staffAct', { params: { reference }, body: input, idempotencyKey: key }));
}

export function useStaffAssign(reference: string) {
  return useCaseWrite(reference, (input: { staffId: string | null; version: number }, key) => callApi('staffAssign', { params: { reference }, body: input, idempotencyKey: key }));
}

export function useStaffNote(reference: string) {
  return useCaseWrite(reference, (input: { text: string }, key) => callApi('staffAddNote', { params: { reference }, body: input, idempotencyKey: key }));
}

export function useLogComplaint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: StaffLogComplaint) => callApi('staffLogComplaint', { body: input, idempotencyKey: idempotencyKeyFor(input) }),
    onSuccess: (answer) => {
      queryClient.setQueryData(staffQueries.case(answer.case.reference).queryKey, answer);
      void queryClient.invalidateQueries({ queryKey: [...staffQueries.all(), 'queue'] });
    },
  });
}

export function useInviteStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InviteStaff) => callApi('inviteStaff', { body: { ...input, lng: input.lng ?? (i18next.language === 'it' ? 'it' : 'en') }, retry: false }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...staffQueries.all(), 'members'] }),
  });
}

export function useRemoveStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => callApi('removeStaff', { params: { id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...staffQueries.all(), 'members'] }),
  });
}

/** A letter posted or a call made, on a day: the lists and the case's letters are read again. */
export function useMarkLetterDone() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; on: string }) => callApi('staffMarkLetterDone', { params: { id: input.id }, body: { on: input.on }, idempotencyKey: idempotencyKeyFor(input) }),
    onSuccess: (letter) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: [...staffQueries.all(), 'letters'] }),
        queryClient.invalidateQueries({ queryKey: [...staffQueries.all(), 'case', letter.reference] }),
      ]),
  });
}

function useIntegrationsWrite<I, O>(write: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...staffQueries.all(), 'integrations'] }),
  });
}

export const useCreateWebhook = () => useIntegrationsWrite((input: WebhookInput) => callApi('staffCreateWebhook', { body: input, idempotencyKey: idempotencyKeyFor(input) }));
export const useDeleteWebhook = () => useIntegrationsWrite((id: string) => callApi('staffDeleteWebhook', { params: { id } }));
export const useRetryWebhook = () => useIntegrationsWrite((id: string) => callApi('staffRetryWebhook', { params: { id } }));

/** A manager creates a business customer and invites its administrator (an offer they accept once signed in). */
export function useCreateOrganisation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: StaffCreateOrganisation) =>
      callApi('staffCreateOrganisation', { body: { ...input, lng: input.lng ?? (i18next.language === 'it' ? 'it' : 'en') }, idempotencyKey: idempotencyKeyFor(input) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...staffQueries.all(), 'customers'] }),
  });
}
