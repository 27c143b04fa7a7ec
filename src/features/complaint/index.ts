export { ComplaintFlow, type ComplaintFlowProps } from './components/complaint-flow';
export { Confirmation, WhatHappensNext } from './components/confirmation';
export { complaintQueries } from './api/complaint-api';
export { steps, isStepId, type StepId } from './model/steps';
export { hasDraft } from './model/draft';
