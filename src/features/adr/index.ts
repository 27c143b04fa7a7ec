// Public surface of the escalation & ADR feature.
export { AdrPanel } from './components/adr-panel';
export { EscalatePage } from './components/escalate-page';
export { LetterPage } from './components/letter-page';
export { ReferPage } from './components/refer-page';
