import { createElement as h } from 'react';

export function Component() {
  return h('p', null, 'other');
}
