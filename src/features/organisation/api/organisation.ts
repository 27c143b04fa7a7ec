import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import i18next from 'i18next';
import { callApi } from '@/api/client';
import type { InviteMember, Session } from '@/api/schemas';
import { currentProviderId } from '@/lib/provider';

export const organisationQueries = {
  all: () => ['organisation', currentProviderId()] as const,
  members: () =>
    queryOptions({
      queryKey: [...organisationQueries.all(), 'members'],
      queryFn: ({ signal }) => callApi('listMembers', { signal }),
    }),
  /** Invitations to join an organisation waiting for the signed-in customer's answer. */
  invitations: () =>
    queryOptions({
      queryKey: [...organisationQueries.all(), 'invitations'],
      queryFn: ({ signal }) => callApi('listInvitations', { signal }),
    }),
};

export function useInviteMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InviteMember) => callApi('inviteMember', { body: { ...input, lng: i18next.language === 'it' ? 'it' : 'en' }, retry: false }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationQueries.all() }),
  });
}

export function useRemoveMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => callApi('removeMember', { params: { id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationQueries.all() }),
  });
}

export function useRevokeInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => callApi('revokeInvitation', { params: { id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationQueries.all() }),
  });
}

/** Accepting changes who the customer is (their organisation): `onJoined` takes the new session. */
export function useAcceptInvitation(onJoined: (session: Session) => void) {
  return useMutation({
    mutationFn: (id: string) => callApi('acceptInvitation', { params: { id }, retry: false }),
    onSuccess: (session) => onJoined(session),
  });
}

export function useDeclineInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => callApi('declineInvitation', { params: { id }, retry: false }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationQueries.all() }),
  });
}

/** Leaving changes who the customer is: `onLeft` reads the session again. */
export function useLeaveOrganisation(onLeft: () => void) {
  return useMutation({
    mutationFn: () => callApi('leaveOrganisation', { retry: false }),
    onSuccess: () => onLeft(),
  });
}

export function useShareCase(onShared: () => void) {
  return useMutation({
    mutationFn: (reference: string) => callApi('shareCase', { params: { reference }, retry: false }),
    onSuccess: () => onShared(),
  });
}
