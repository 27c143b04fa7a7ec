/**
 * A type guard from a fixed list: `oneOf(['deadlock', 'adr'] as const)(value)` narrows a runtime string
 * (server data, a form path, an error code) to the list's members, so a translation key built from it is one of the
 * real keys (docs/decisions/0063-typed-translation-keys.md).
 */
export const oneOf =
  <const T extends string>(values: readonly T[]) =>
  (value: unknown): value is T =>
    (values as readonly unknown[]).includes(value);
