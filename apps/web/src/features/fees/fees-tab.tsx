import type { MatterTabProps } from '../matters/matter-tab';

/** Placeholder until its area lands. */
export function FeesTab(props: MatterTabProps): null {
  void props;
  return null;
}
