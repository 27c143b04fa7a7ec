// Public surface of the case-tracking feature.
export { caseQueries, useAddComment, useAddEvidence, useDecideResolution, useGiveFeedback } from './api/case-queries';
export { CaseList } from './components/case-list';
export { CasePage, CaseNotFound } from './components/case-page';
export { clockWording, makeDateFormatter } from './lib/deadline-wording';
export { listFilterOf, listStageIds, readListParams, writeListParams, toCaseFilter } from './lib/list-params';
