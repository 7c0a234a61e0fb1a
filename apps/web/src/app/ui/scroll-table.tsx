import type { ReactNode } from 'react';
import { Box, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface ScrollTableProps {
  /** Names the table (caption) and its scroll region for screen readers. */
  caption: string;
  minWidth?: number;
  children: ReactNode;
}

/**
 * Tables scroll sideways inside their own region on narrow screens instead of stretching the
 * page. The region is focusable so keyboard users can scroll it (axe: scrollable-region-focusable).
 */
export function ScrollTable({ caption, minWidth = 640, children }: ScrollTableProps) {
  const { t } = useTranslation();
  return (
    <Box
      role="region"
      aria-label={t('common.scrollableTable', { name: caption })}
      tabIndex={0}
      // position: relative keeps visually hidden (absolutely positioned) cell text inside the
      // scroller; without it, it widens the page on phones.
      style={{ overflowX: 'auto', maxWidth: '100%', position: 'relative' }}
    >
      <Table striped highlightOnHover verticalSpacing="sm" miw={minWidth} aria-label={caption}>
        {children}
      </Table>
    </Box>
  );
}
