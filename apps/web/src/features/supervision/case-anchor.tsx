import type { ReactNode } from 'react';
import { Anchor, type AnchorProps } from '@mantine/core';
import { Link } from '@tanstack/react-router';

/** A link to the case page (client-side navigation). */
export function CaseAnchor({ caseId, children, ...props }: AnchorProps & { caseId: string; children: ReactNode; 'aria-label'?: string }) {
  return (
    <Anchor {...props} renderRoot={(rootProps) => <Link to="/cases/$caseId" params={{ caseId }} {...rootProps} />}>
      {children}
    </Anchor>
  );
}
