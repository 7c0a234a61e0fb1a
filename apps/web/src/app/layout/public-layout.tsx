import type { ReactNode } from 'react';
import { Box, Container, Paper } from '@mantine/core';
import { Brand } from './brand';
import { LanguageSwitcher } from './language-switcher';
import { MAIN_CONTENT_ID, SkipLink } from './skip-link';
import classes from './layout.module.css';

/** Pages outside a session (sign-in, password reset, invitations, errors): header + main. */
export function PublicLayout({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  return (
    <>
      <SkipLink />
      <header className={classes.publicHeader}>
        <Brand />
        <LanguageSwitcher />
      </header>
      <main id={MAIN_CONTENT_ID} className={classes.publicMain} tabIndex={-1}>
        <Container size={wide ? 'sm' : 420} px={0}>
          <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'xl' }} radius="md">
            <Box>{children}</Box>
          </Paper>
        </Container>
      </main>
    </>
  );
}
