import { serverTarget } from './server-target';
import { runConformance } from './suite';

// The API conformance suite against the server (server/server.ts in demo mode on a fresh database), in process.
runConformance('server', serverTarget);
