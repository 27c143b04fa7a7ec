// Public surface of the staff workspace (docs/decisions/0130-staff-workspace.md): lazy routes under /staff.
export { StaffShell } from './components/staff-shell';
export { QueuePage } from './components/queue-page';
export { StaffCasePage } from './components/case-page';
export { TeamPage } from './components/team-page';
export { LogComplaintPage } from './components/log-complaint-page';
export { ProofPage } from './components/proof-page';
export { staffPaths } from './lib/paths';
export { LettersPage } from './components/letters-page';
export { IntegrationsPage } from './components/integrations-page';
export { CustomersPage } from './components/customers-page';
export { CustomerPage } from './components/customer-page';
export { queueParamsOf, staffQueries } from './api/staff';
