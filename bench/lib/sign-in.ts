/** Signs in through Haven's own API: the session cookie and the CSRF token a change must carry. */
export async function signIn(base: string, email: string, password: string): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
    signal: AbortSignal.timeout(15_000),
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('haven_session='))?.split(';')[0];
  const body = (await response.json()) as { csrfToken?: string };
  if (response.status !== 200 || !cookie || !body.csrfToken) {
    throw new Error(`sign-in as ${email} answered ${response.status}`);
  }
  return { cookie, csrf: body.csrfToken };
}
