import type { ProviderProfile } from '@/domain/profile-schema';
import type { Draft } from '../model/draft';
import type { StepLayoutProps } from './step-layout';

export interface StepProps<TForm> {
  draft: Draft;
  profile: ProviderProfile;
  /** Every change, for the draft (saved debounced). */
  onChange: (values: TForm) => void;
  /** Called with the validated answers when the user continues. */
  onDone: () => void;
  layout: Pick<StepLayoutProps, 'step' | 'caption' | 'backTo' | 'onDiscard'>;
  /** False while a pre-rendered step waits for the app (and for a saved draft to be taken up): controls disabled. */
  ready?: boolean;
}
