// eslint-disable-next-line no-restricted-imports -- the test checks the feature's mirror against the app's paths
import { paths } from '@/app/paths';
import { links } from './links';

test("the ADR feature's links match the app's paths", () => {
  const ref = 'NAS-2026 X/1';
  expect(links.signIn).toBe(paths.signIn);
  expect(links.case(ref)).toBe(paths.case(ref));
  expect(links.escalate(ref)).toBe(paths.escalate(ref));
  expect(links.letter(ref, 'letter 1')).toBe(paths.letter(ref, 'letter 1'));
  expect(links.refer(ref)).toBe(paths.refer(ref));
});
