import { mswTarget } from './msw-target';
import { runConformance } from './suite';

// The API conformance suite against the simulated back office (MSW handlers over the in-memory database).
runConformance('msw', mswTarget);
