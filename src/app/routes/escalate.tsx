// Placeholder until the feature lands; replaced by the feature's route module.
import { Component as NotFound } from './not-found';

export function Component() {
  return <NotFound />;
}
