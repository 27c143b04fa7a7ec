import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi } from '@/api/client';
import { ClockControls, type ClockMove } from './clock-controls';

const clockKey = ['demo', 'clock'] as const;

/** The demo banner's clock: the simulated back office's time, moved a day, a week or the regulator's wait (6 weeks) on. */
export default function DemoClock({ running }: { running: boolean }) {
  const queryClient = useQueryClient();
  const clock = useQuery({ queryKey: clockKey, queryFn: ({ signal }) => callApi('getClock', { signal }), enabled: running });
  const move = useMutation({
    mutationFn: (body: ClockMove) => callApi('setClock', { body }),
    onSuccess: async (data) => {
      queryClient.setQueryData(clockKey, data);
      await queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'demo' });
    },
  });
  return <ClockControls now={clock.data?.now} frozen={clock.data?.frozen} onMove={(m) => move.mutate(m)} busy={move.isPending} />;
}
