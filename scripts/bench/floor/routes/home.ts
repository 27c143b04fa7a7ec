import { createElement as h } from 'react';
import { useQuery } from '@tanstack/react-query';

export function Component() {
  const q = useQuery({ queryKey: ['floor'], queryFn: () => Promise.resolve('home') });
  return h('p', null, q.data ?? '…');
}
