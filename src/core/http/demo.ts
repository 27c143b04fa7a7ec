import { operation, type OperationId } from '@/api/operations';
import type { DemoClockInput, Session } from '@/api/schemas';
import { CLOCK_ADVANCE_DAYS } from '@/api/demo-clock';
import type { ProviderId } from '@/domain/profile-schema';
import { deliverPendingAlerts, runStaffAlerts } from '../alerts';
import type { BackOfficeDeps } from '../ports';
import { Refusal } from '../problem';
import type { Reply } from '../handler-types';
import { jsonBody, parseWith } from './request';
import type { Sessions } from './sessions';
import type { ApiOptions, Route } from './types';

/** Where the demo's clock stops for a request: an instant, the current time moved on, or null (real time). */
export function frozenAtFor(input: DemoClockInput, now: Date): Date | null {
  if ('now' in input) return new Date(input.now);
  if ('reset' in input) return null;
  return new Date(now.getTime() + CLOCK_ADVANCE_DAYS[input.advance] * 86_400_000);
}

/** Demo-only operations run outside any unit of work: they replace the whole back office's state. */
export async function demoOperation(
  env: { deps: BackOfficeDeps; options: ApiOptions; sessions: Sessions },
  id: OperationId,
  providerId: ProviderId,
  request: Request,
  route: Route,
): Promise<Reply> {
  const { deps, options, sessions } = env;
  const demo = options.demo;
  if (!demo) throw new Refusal(404, 'notFound');
  switch (id) {
    case 'demoCustomers':
      await options.beforeRequest?.(providerId);
      return { status: 200, body: { customers: await demo.customers(providerId) } };
    case 'getClock':
      return { status: 200, body: demo.clock() };
    case 'setClock':
      await demo.setClock(frozenAtFor(parseWith(operation('setClock').body, await jsonBody(request)), deps.time.now()));
      // The clock moved: the staff's alerts due by the new time are recorded (the server's job runs the same every
      // hour), then sent once that unit of work has committed (on a server, their jobs then find them sent).
      await options.beforeRequest?.(providerId);
      await runStaffAlerts(deps, providerId, deps.time.now(), options.publicOrigin ?? new URL(request.url).origin);
      await deliverPendingAlerts({ store: deps.store, mailer: deps.mailer, realTime: { now: () => sessions.realNow() } }, providerId);
      return { status: 200, body: demo.clock() };
    case 'demoSignIn': {
      // The demo's one-click sign-in as a seeded customer: an address alone, no code.
      await options.beforeRequest?.(providerId);
      const { email } = parseWith(operation('demoSignIn').body, await jsonBody(request));
      return deps.store.transaction(async (tx) => {
        // The demo's picker knows every seeded person: its lookups run as the provider's.
        tx.actFor({ providerId, kind: 'provider' });
        const customer = await tx.findCustomerByEmail(providerId, email);
        // The demo's seeded staff sign in with one click too (../demo-seed.ts).
        const staff = customer ? null : await tx.findStaffByEmail(providerId, email);
        if (!customer && !staff) throw new Refusal(401, 'unknownCustomer');
        await sessions.endCurrent(tx, request, providerId, route);
        tx.actFor({ providerId, kind: 'provider' });
        if (staff) {
          const token = await sessions.create(tx, providerId, { kind: 'staff', staffId: staff.id });
          return { status: 201, body: { scope: { kind: 'staff', staff } } satisfies Session, cookie: token };
        }
        const token = await sessions.create(tx, providerId, { kind: 'customer', customerId: customer!.id });
        return { status: 201, body: { scope: { kind: 'customer', customer: customer! } } satisfies Session, cookie: token };
      });
    }
    case 'demoStaff':
      await options.beforeRequest?.(providerId);
      return { status: 200, body: { staff: await deps.store.transaction((tx) => {
        tx.actFor({ providerId, kind: 'provider' });
        return tx.staffMembers(providerId);
      }) } };
    case 'demoMailbox':
      return { status: 200, body: { mails: await demo.mailbox(providerId) } };
    case 'demoReset':
      await demo.reset();
      return { status: 204, cookie: null };
    default:
      throw new Refusal(404, 'notFound');
  }
}
