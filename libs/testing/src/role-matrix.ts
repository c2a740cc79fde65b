import type { Response } from 'supertest';

/**
 * One cell of a role × route matrix: an allowed role gets the route's success status and leaves
 * one trace (a row it created, say); a refused role gets 403 FORBIDDEN and leaves none.
 */
export async function expectRoleOutcome(res: Response, allowed: boolean, success: number, traces?: () => Promise<number>): Promise<void> {
  if (allowed) {
    expect({ status: res.status, body: res.body as unknown }).toMatchObject({ status: success });
    if (traces) expect(await traces()).toBe(1);
  } else {
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN', requestId: expect.any(String) });
    if (traces) expect(await traces()).toBe(0);
  }
}

/** A request without a valid token: 401 UNAUTHENTICATED and no trace. */
export async function expectUnauthenticated(res: Response, traces?: () => Promise<number>): Promise<void> {
  expect(res.status).toBe(401);
  expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
  if (traces) expect(await traces()).toBe(0);
}
