import type { ProviderId } from '@/domain/profile-schema';
import { deliverPending } from '../notifications';
import type { BackOfficeDeps } from '../ports';
import type { Reply } from '../handler-types';
import type { ApiOptions } from './types';

/** What leaves once a request's unit of work has committed: its mails, and (simulated back office) the messages it recorded. */
export class MailOut {
  constructor(
    private readonly deps: BackOfficeDeps,
    private readonly options: ApiOptions,
    private readonly realNow: () => Date,
  ) {}

  /**
   * Sends a committed reply's mails, stamped with the real time they leave (the demo's movable clock is the
   * cases' time, not the mailbox's); a failure to send is reported and never changes the answer.
   */
  async sendMails(reply: Reply): Promise<void> {
    for (const mail of reply.mails ?? []) {
      try {
        await this.deps.mailer.send({ ...mail, sentAt: this.realNow().toISOString() });
      } catch (error) {
        this.options.onMailError?.(error);
      }
    }
  }

  /** The simulated back office sends the messages a committed unit of work recorded (never those of one undone). */
  async deliverMessages(providerId: ProviderId, request: Request): Promise<void> {
    if (!this.options.deliverMessagesAfterCommit) return;
    try {
      await deliverPending({ store: this.deps.store, mailer: this.deps.mailer, ...(this.deps.realTime ? { realTime: this.deps.realTime } : {}), ...(this.deps.secret ? { secret: this.deps.secret } : {}) }, providerId, this.originOf(request));
    } catch (error) {
      this.options.onMailError?.(error);
    }
  }

  /** The portal's address for links in mails: the configured one, else the request's own origin (the simulated back office). */
  originOf(request: Request): string {
    return this.options.publicOrigin ?? new URL(request.url).origin;
  }
}
