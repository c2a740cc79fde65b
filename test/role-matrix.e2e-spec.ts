import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { ACTION_KEY, PUBLIC_KEY } from '@app/api';
import { Action, ACTIONS, AuthService, can, PARTNER_ROLES, PERMISSIONS, Role, ROLES, VENDOR_ROLES } from '@app/core';
import { makePartner, makeUser, startTestApp, TestApp, TestUser } from '@app/testing';

/**
 * The whole role matrix, driven from the one permissions table: every authenticated route the app
 * registers, called by each of the six roles. A role the table allows gets the route's own answer
 * (its data, or a 400/404 for the cheap request sent here: anything but 401, 403 or a 5xx); a role
 * it refuses gets 403 FORBIDDEN, and the refused calls together leave the database as they found
 * it. The routes come from Nest's metadata, so a new route is in the matrix the day it is added.
 * The detailed suites (`*-access.e2e-spec.ts`) prove the allowed calls really take effect.
 */

interface RouteInfo {
  /** `GET /api/v1/partners/:id`, as declared. */
  key: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  action: Action | null;
  isPublic: boolean;
}

const METHODS: Partial<Record<RequestMethod, RouteInfo['method']>> = {
  [RequestMethod.GET]: 'get',
  [RequestMethod.POST]: 'post',
  [RequestMethod.PUT]: 'put',
  [RequestMethod.PATCH]: 'patch',
  [RequestMethod.DELETE]: 'delete',
};

const join = (...parts: string[]) => `/${parts.flatMap((p) => p.split('/')).filter(Boolean).join('/')}`;

/** Every route Nest registered from a controller, with the action its handler (or class) names. */
function registeredRoutes(t: TestApp): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (abstract new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const base = Reflect.getMetadata(PATH_METADATA, controller) as string | undefined;
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        const requestMethod = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (path === undefined || requestMethod === undefined) continue;
        const method = METHODS[requestMethod];
        if (!method) throw new Error(`${controller.name}.${name}: a method the matrix does not send (${requestMethod})`);
        const action = (Reflect.getMetadata(ACTION_KEY, handler) ?? Reflect.getMetadata(ACTION_KEY, controller) ?? null) as Action | null;
        const isPublic = Boolean(Reflect.getMetadata(PUBLIC_KEY, handler) ?? Reflect.getMetadata(PUBLIC_KEY, controller));
        for (const p of Array.isArray(path) ? path : [path]) {
          const full = join(base ?? '', p);
          routes.push({ key: `${method.toUpperCase()} ${full}`, method, path: full, action, isPublic });
        }
      }
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * The cheapest request that reaches a route's handler: the caller's own partner wherever the path
 * names a partner (so a partner role is not refused for reaching into another one), a fresh id
 * elsewhere (a 404 once authorised), and an empty JSON body (a 400 once authorised).
 */
function requestPath(route: RouteInfo, partnerId: string): string {
  const path = route.path.replace(/\/partners\/:id\b/, `/partners/${partnerId}`).replace(/:partnerId\b/, partnerId).replace(/:\w+/g, () => randomUUID());
  // Vendors list the enrolments of one named sequence; without it the service (not the guard) refuses.
  return route.key === 'GET /api/v1/enrolments' ? `${path}?sequenceId=${randomUUID()}` : path;
}

/** A session of its own, so that logging out does not end the session the rest of the matrix uses. */
const OWN_SESSION = new Set(['POST /api/v1/auth/logout']);

interface Cell {
  route: string;
  role: Role;
  status: number;
  code?: unknown;
}

describe('roles: the whole matrix from the permissions table', () => {
  let t: TestApp;
  let partnerId: string;
  let routes: RouteInfo[];
  const users = {} as Record<Role, TestUser>;

  beforeAll(async () => {
    t = await startTestApp();
    partnerId = (await makePartner(t)).id;
    for (const role of VENDOR_ROLES) users[role] = await makeUser(t, role);
    for (const role of PARTNER_ROLES) users[role] = await makeUser(t, role, { partnerId });
    routes = registeredRoutes(t);
  });
  afterAll(() => t.close());

  const call = async (route: RouteInfo, auth: string): Promise<Response> => {
    const request = t.http()[route.method](requestPath(route, partnerId)).set('authorization', auth);
    return route.method === 'get' || route.method === 'delete' ? request : request.send({});
  };

  /**
   * Every row of every table, as one digest per table. Left out: what moves without a request (the
   * queue's own tables, the worker's heartbeat and sweeps' state) and when a token was last used,
   * which authenticating a refused call rightly records.
   */
  async function fingerprint(): Promise<Record<string, string>> {
    const tables = await t.db.query<{ name: string }[]>(
      `SELECT quote_ident(table_name) AS name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
          AND table_name NOT LIKE 'bullmq%' AND table_name NOT LIKE 'queue%' AND table_name NOT IN ('system_state', 'migrations')`,
    );
    const out: Record<string, string> = {};
    for (const { name } of tables) {
      const [row] = await t.db.query<{ digest: string }[]>(`SELECT count(*) || ':' || md5(coalesce(string_agg((to_jsonb(x) - 'last_used_at')::text, ',' ORDER BY (to_jsonb(x) - 'last_used_at')::text), '')) AS digest FROM ${name} x`);
      out[name] = row!.digest;
    }
    return out;
  }

  it('knows every route: each authenticated route names an action of the table, and each action guards a route', () => {
    const api = routes.filter((r) => r.path.startsWith('/api/'));
    expect(api.length).toBeGreaterThan(100);
    const fastify = t.app.getHttpAdapter().getInstance();
    expect(routes.filter((r) => !fastify.hasRoute({ method: r.method.toUpperCase(), url: r.path })).map((r) => r.key)).toEqual([]);
    expect(routes.filter((r) => !r.isPublic && (r.action === null || !Object.hasOwn(PERMISSIONS, r.action))).map((r) => r.key)).toEqual([]);
    const used = new Set(routes.map((r) => r.action));
    expect(ACTIONS.filter((a) => !used.has(a))).toEqual([]);
  });

  it('refuses every role the table does not allow with 403 FORBIDDEN, and the refused calls leave no trace', async () => {
    const before = await fingerprint();
    const wrong: Cell[] = [];
    let refused = 0;
    for (const route of routes.filter((r) => !r.isPublic)) {
      for (const role of ROLES.filter((r) => !route.action || !can(r, route.action))) {
        const res = await call(route, users[role].auth);
        const body = res.body as { statusCode?: number; code?: string; requestId?: string };
        refused++;
        if (res.status !== 403 || body.statusCode !== 403 || body.code !== 'FORBIDDEN' || typeof body.requestId !== 'string') wrong.push({ route: route.key, role, status: res.status, code: body.code });
      }
    }
    expect(wrong).toEqual([]);
    expect(refused).toBeGreaterThan(200);
    expect(await fingerprint()).toEqual(before);
  });

  it('lets every role the table allows through to the route itself', async () => {
    const wrong: Cell[] = [];
    for (const route of routes.filter((r) => !r.isPublic && r.action)) {
      for (const role of ROLES.filter((r) => can(r, route.action!))) {
        const auth = OWN_SESSION.has(route.key) ? `Bearer ${(await t.get(AuthService).issueSession(users[role].user.id)).token}` : users[role].auth;
        const res = await call(route, auth);
        if (res.status === 401 || res.status === 403 || res.status >= 500) wrong.push({ route: route.key, role, status: res.status, code: (res.body as { code?: unknown }).code });
      }
    }
    expect(wrong).toEqual([]);
  });
});
