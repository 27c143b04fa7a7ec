import type { Customer } from '@/api/schemas';
import type { CustomerKind } from '@/domain/case-model';
import type { ProviderId } from '@/domain/profile-schema';
import type { BackOfficeTx } from './ports';
import { newId } from './references';

/**
 * Accounts made by the provider's operators rather than through the portal (issue 20.16): a production server's
 * first business customer and its administrator come from `npm run server:create-customer`. The customer signs
 * in with an emailed code like anyone else; there is no password to hand over.
 */

export interface NewCustomerAccount {
  providerId: ProviderId;
  kind: CustomerKind;
  name: string;
  email: string;
  phone?: string;
  accountNumber?: string;
  /** A business's name: the customer becomes the administrator of a new organisation of that name. */
  organisation?: string;
  employees?: number;
}

export class AccountExists extends Error {
  constructor(readonly email: string) {
    super(`A customer with the address ${email} already exists`);
  }
}

/** Creates the customer (and, for a business with an organisation name, the organisation it administers). */
export async function createCustomerAccount(tx: BackOfficeTx, input: NewCustomerAccount): Promise<Customer> {
  const email = input.email.trim();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new Error(`Not an email address: ${email}`);
  if (!input.name.trim()) throw new Error('A name is needed');
  if (await tx.findCustomerByEmail(input.providerId, email)) throw new AccountExists(email);
  const organisation = input.organisation?.trim();
  if (organisation && input.kind === 'residential') throw new Error('A residential customer has no organisation');
  const customer: Customer = {
    id: newId('cus'),
    providerId: input.providerId,
    kind: input.kind,
    name: input.name.trim(),
    email,
    phone: input.phone?.trim() ?? '',
    ...(input.accountNumber ? { accountNumber: input.accountNumber.trim() } : {}),
    ...(input.employees !== undefined ? { employees: input.employees } : {}),
    ...(organisation ? { organisation, organisationId: newId('org'), role: 'admin' as const } : {}),
  };
  await tx.insertCustomer(customer);
  return customer;
}
