import type { MatterTabProps } from '../matters/matter-tab';

/** Placeholder until its area lands. */
export function AcceptanceTab(props: MatterTabProps): null {
  void props;
  return null;
}
