import type { ReactNode } from 'react';

/**
 * A pre-rendered form's controls, disabled until the app has taken the page over (docs/decisions/0043).
 * The HTML arrives — and is readable — before its JavaScript; a form used before then would be submitted
 * by the browser itself, its answers in the address, or typed into and then replaced when the app
 * restores a saved draft. Disabled, nothing can be lost; the same markup on the server and in hydration.
 */
export function UntilReady({ ready, children }: { ready: boolean; children: ReactNode }) {
  return (
    <fieldset className="until-ready" role="none" disabled={!ready}>
      {children}
    </fieldset>
  );
}
