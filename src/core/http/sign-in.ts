import type { Session, SignInVerify } from '@/api/schemas';
import type { ProviderId } from '@/domain/profile-schema';
import type { BackOfficeDeps } from '../ports';
import { checkSignInCode, codeCheckLimits, codeRequestLimits, countAgainstLimits, createSignInCode, SIMULATED_SECRET, type CodeRequest } from '../sign-in';
import type { Reply } from '../handler-types';
import type { MailOut } from './mail-out';
import { sessionScopeOf, type Sessions } from './sessions';
import type { Route } from './types';

/**
 * Asking for a sign-in code and signing in with it (../sign-in.ts), under their rate limits. Each step runs in
 * a unit of work of its own: the limits' counters and a wrong code's try are committed even when the answer is
 * a refusal.
 */
export async function signInOperation(
  env: { deps: BackOfficeDeps; sessions: Sessions; mailOut: MailOut },
  id: 'requestSignInCode' | 'verifySignInCode',
  body: unknown,
  request: Request,
  route: Route,
  providerId: ProviderId,
): Promise<Reply> {
  const { deps, sessions, mailOut } = env;
  const now = sessions.realNow();
  const ip = route.clientIp ?? 'unknown';
  const { store } = deps;
  const secret = deps.secret ?? SIMULATED_SECRET;
  if (id === 'requestSignInCode') {
    const input = body as CodeRequest;
    const limits = await codeRequestLimits(secret, providerId, input.email, ip);
    const limited = await countAgainstLimits(store, now, limits);
    if (limited) throw limited;
    const origin = mailOut.originOf(request);
    const mail = await store.transaction((tx) => createSignInCode(tx, secret, providerId, input, now, origin));
    const reply: Reply = { status: 202, body: { sent: true }, mails: mail ? [mail] : [] };
    await mailOut.sendMails(reply);
    // The same answer whether or not a mail went out.
    return reply;
  }
  const checkLimits = await codeCheckLimits(secret, ip);
  const limited = await countAgainstLimits(store, now, checkLimits);
  if (limited) throw limited;
  const outcome = await store.transaction(async (tx) => {
    const checked = await checkSignInCode(tx, secret, providerId, body as SignInVerify, now);
    if ('refusal' in checked) return checked;
    // A new session for whoever signs in; the one this browser had (if any) ends.
    await sessions.endCurrent(tx, request, providerId, route);
    const token = await sessions.create(tx, providerId, checked.ok);
    // Who signed in is read under their own new scope.
    tx.actFor(sessionScopeOf(providerId, checked.ok));
    let session: Session;
    if (checked.ok.kind === 'guest') session = { scope: checked.ok };
    else if (checked.ok.kind === 'staff') {
      const staffId = checked.ok.staffId;
      session = { scope: { kind: 'staff', staff: (await tx.findStaffMember(providerId, staffId))! } };
    } else {
      const customerId = checked.ok.customerId;
      const customer = (await tx.findCustomer(providerId, customerId))!;
      session = { scope: { kind: 'customer', customer } };
    }
    return { ok: { token, session } };
  });
  if ('refusal' in outcome) throw outcome.refusal;
  return { status: 201, body: outcome.ok.session, cookie: outcome.ok.token };
}
