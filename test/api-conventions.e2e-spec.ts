import { makeUser, startTestApp, TestApp } from '@app/testing';

const LOGIN = '/api/v1/auth/login';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface FieldProblem {
  field: string;
  problems: string[];
}

/** Every error body has exactly this shape, and its requestId is the response's x-request-id. */
function expectErrorShape(res: { body: Record<string, unknown>; headers: Record<string, string> }, statusCode: number, code: string): void {
  expect(res.body).toMatchObject({ statusCode, code, message: expect.any(String), requestId: expect.any(String) });
  expect(Object.keys(res.body).every((key) => ['statusCode', 'code', 'message', 'details', 'requestId'].includes(key))).toBe(true);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.headers['x-request-id']).toBe(res.body.requestId);
}

describe('api conventions', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  describe('request ids', () => {
    it('gives every response an x-request-id, unique per request, equal to the error body requestId', async () => {
      const a = await t.http().get('/api/v1/auth/me').expect(401);
      const b = await t.http().get('/api/v1/auth/me').expect(401);
      expect(a.headers['x-request-id']).toMatch(UUID);
      expect(a.body.requestId).toBe(a.headers['x-request-id']);
      expect(b.body.requestId).toBe(b.headers['x-request-id']);
      expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);

      // Successful responses carry one too.
      const ok = await t.http().get('/health/live').expect(200);
      expect(ok.headers['x-request-id']).toMatch(UUID);
    });

    it('echoes a sane incoming X-Request-Id', async () => {
      const res = await t.http().get('/api/v1/auth/me').set('X-Request-Id', 'edge-proxy.req_42-abc').expect(401);
      expect(res.headers['x-request-id']).toBe('edge-proxy.req_42-abc');
      expect(res.body.requestId).toBe('edge-proxy.req_42-abc');

      const { auth } = await makeUser(t, 'vendor_marketer');
      const ok = await t.http().get('/api/v1/auth/me').set('Authorization', auth).set('X-Request-Id', 'trace-0001').expect(200);
      expect(ok.headers['x-request-id']).toBe('trace-0001');
    });

    it.each([
      ['with characters that could forge log lines', 'abc def<script>'],
      ['too long', 'x'.repeat(65)],
    ])('replaces an incoming X-Request-Id %s with its own', async (_, incoming) => {
      const res = await t.http().get('/api/v1/auth/me').set('X-Request-Id', incoming).expect(401);
      expect(res.headers['x-request-id']).toMatch(UUID);
      expect(res.body.requestId).toBe(res.headers['x-request-id']);
    });
  });

  describe('validation', () => {
    it('refuses an unknown JSON property with 400 VALIDATION_FAILED naming it, and does not log in', async () => {
      const { user, password } = await makeUser(t, 'vendor_admin');
      const res = await t.http().post(LOGIN).send({ email: user.email, password, role: 'vendor_admin' }).expect(400);
      expectErrorShape(res, 400, 'VALIDATION_FAILED');
      expect(res.body.message).toContain('role');
      expect(res.body.details.fields).toEqual([{ field: 'role', problems: [expect.stringMatching(/should not exist/)] }]);
      expect(res.body).not.toHaveProperty('token');
    });

    it('names the email field when it is not an email, and only the fields that are wrong', async () => {
      const res = await t.http().post(LOGIN).send({ email: 'not-an-email', password: 'whatever-it-is' }).expect(400);
      expectErrorShape(res, 400, 'VALIDATION_FAILED');
      const fields = res.body.details.fields as FieldProblem[];
      expect(fields.map((f) => f.field)).toEqual(['email']);
      expect(fields[0]!.problems.join(' ')).toMatch(/email/);
      expect(res.body.message).toContain('email');
    });

    it('names every missing field', async () => {
      const res = await t.http().post(LOGIN).send({}).expect(400);
      expectErrorShape(res, 400, 'VALIDATION_FAILED');
      expect((res.body.details.fields as FieldProblem[]).map((f) => f.field).sort()).toEqual(['email', 'password']);
    });

    it('answers malformed JSON with 400 and the error shape', async () => {
      const res = await t.http().post(LOGIN).set('Content-Type', 'application/json').send('{"email": "a@example.test", "password": ').expect(400);
      expectErrorShape(res, 400, 'BAD_REQUEST');
      expect(res.body.message).toMatch(/json/i);
    });
  });

  describe('routes', () => {
    it('publishes an OpenAPI document listing the partners and login paths', async () => {
      const res = await t.http().get('/api/docs-json').expect(200);
      expect(res.body.openapi).toMatch(/^3\./);
      expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/v1/partners', '/api/v1/auth/login']));
      expect(res.body.paths['/api/v1/auth/login']).toHaveProperty('post');
      expect(res.body.paths['/api/v1/partners']).toHaveProperty('get');
      expect(res.body.components.securitySchemes).toHaveProperty('bearer');
    });

    it('answers an unknown route with 404 and the error shape', async () => {
      const res = await t.http().get('/api/v1/no-such-thing').expect(404);
      expectErrorShape(res, 404, 'NOT_FOUND');
      expect(res.body.message).toContain('/api/v1/no-such-thing');

      const post = await t.http().post('/api/v1/auth/no-such-action').send({}).expect(404);
      expectErrorShape(post, 404, 'NOT_FOUND');
    });
  });
});
