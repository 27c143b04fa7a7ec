import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import i18next from 'i18next';
import { callApi } from '@/api/client';
import type { InviteMember } from '@/api/schemas';
import { currentProviderId } from '@/lib/provider';

export const organisationQueries = {
  all: () => ['organisation', currentProviderId()] as const,
  members: () =>
    queryOptions({
      queryKey: [...organisationQueries.all(), 'members'],
      queryFn: ({ signal }) => callApi('listMembers', { signal }),
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
