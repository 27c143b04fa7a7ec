/// <reference types="vite/client" />

/** True in development, tests and the demo build: the simulated back office is bundled. */
declare const __MOCKING__: boolean;

interface ImportMetaEnv {
  /** Production: the complaints API's base URL, e.g. https://api.example.com/redress */
  readonly VITE_API_BASE_URL?: string;
  /** Production: the provider this build serves (nasstar | netservers | commsombudsman | ask4 | miso). */
  readonly VITE_PROVIDER?: string;
  /** 'true' for the static demo build (simulated back office included). */
  readonly VITE_DEMO?: string;
}
interface ImportMeta {
  readonly env: ImportMetaEnv;
}
