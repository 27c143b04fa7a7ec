// Public surface of the ADR / escalation feature (filled in by the escalation & ADR work).
export { AdrPanel } from './components/adr-panel';
