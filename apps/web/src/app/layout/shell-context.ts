import { createContext, useContext } from 'react';

/**
 * True inside the signed-in AppShell. Error and not-found screens use it to render only their
 * content there, and a full page with its own header and main landmarks elsewhere.
 */
export const InsideShellContext = createContext(false);

export function useInsideShell(): boolean {
  return useContext(InsideShellContext);
}
