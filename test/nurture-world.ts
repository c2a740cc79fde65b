import { AuthService } from '@app/core';
import { ACTIVATION_TEMPLATE_KEY, ActivationProgramService, NurtureService } from '@app/nurture';
import { addContact, FakeClock, loadBrandAndTemplates, makePartner, makeTier, makeUser, publishedKit, startTestApp, TestApp, TestUser } from '@app/testing';

export { addContact, publishedKit };

/** A vendor with a brand kit and the shipped templates, one partner (New York) that launched a kit. */
export interface NurtureWorld {
  t: TestApp;
  marketer: TestUser;
  admin: TestUser;
  partnerId: string;
  partnerSlug: string;
  tierId: string;
  templateIds: Record<string, string>;
  kitId: string;
  kitSlug: string;
  launchId: string;
}

export async function nurtureWorld(start: string, kitSlug = 'nurture-kit'): Promise<NurtureWorld> {
  const t = await startTestApp({ clock: new FakeClock(start), env: { SESSION_TTL_MINUTES: '1440' } });
  const marketer = await makeUser(t, 'vendor_marketer');
  const tierId = (await makeTier(t, { name: 'Gold' })).id;
  const partner = await makePartner(t, { tierId, region: 'NA', name: 'Northwind Systems', timeZone: 'America/New_York' });
  const admin = await makeUser(t, 'partner_admin', { partnerId: partner.id });
  const templateIds = await loadBrandAndTemplates(t, marketer);
  const kitId = await publishedKit(t, marketer, tierId, templateIds, kitSlug);
  const launched = await t.http().post(`/api/v1/kits/${kitId}/launches`).set('authorization', admin.auth).send({}).expect(201);
  return { t, marketer, admin, partnerId: partner.id, partnerSlug: partner.slug, tierId, templateIds, kitId, kitSlug, launchId: (launched.body as { id: string }).id };
}

/** Creates and publishes a sequence as the marketer; returns its id. */
export async function publishedSequence(t: TestApp, marketer: TestUser, body: Record<string, unknown>): Promise<string> {
  const created = await t.http().post('/api/v1/sequences').set('authorization', marketer.auth).send({ name: 'Nurture', ...body }).expect(201);
  const id = (created.body as { id: string }).id;
  await t.http().post(`/api/v1/sequences/${id}/publish`).set('authorization', marketer.auth).expect(200);
  return id;
}

/**
 * The vendor's own partner-facing email (the activation program's template, published as a vendor
 * admin on first use): what a standalone partner-users sequence sends. Returns its id.
 */
export async function programTemplate(t: TestApp): Promise<string> {
  await makeUser(t, 'vendor_admin');
  await t.get(ActivationProgramService).ensureProgram();
  const rows = await t.db.query<{ id: string }[]>(`SELECT id FROM templates WHERE key = $1`, [ACTIVATION_TEMPLATE_KEY]);
  return rows[0]!.id;
}

async function dueCount(t: TestApp): Promise<number> {
  const rows = await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM enrolments WHERE status = 'active' AND NOT held AND next_step_at <= $1`, [t.clock.now()]);
  return rows[0]!.n;
}

/**
 * Runs the tick until nothing is due at the clock's now. The worker's own repeatable tick may hold
 * some rows at the same moment; waiting for the due count to reach zero waits for it to commit.
 */
export async function runDue(t: TestApp): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    await t.get(NurtureService).tick();
    if ((await dueCount(t)) === 0) return;
    if (Date.now() > deadline) throw new Error('nurture enrolments still due after 15 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Sessions last a day: after the clock moved further, users sign in again. */
export async function signInAgain(t: TestApp, ...users: TestUser[]): Promise<void> {
  for (const user of users) {
    const session = await t.get(AuthService).issueSession(user.user.id);
    user.token = session.token;
    user.auth = `Bearer ${session.token}`;
  }
}

/** Moves the clock to `target`, stopping at every step due on the way (as the 5-second tick would). */
export async function advanceTo(t: TestApp, target: string): Promise<void> {
  const end = new Date(target).getTime();
  for (;;) {
    await runDue(t);
    const next = await t.db.query<{ at: Date | null }[]>(`SELECT min(next_step_at) AS at FROM enrolments WHERE status = 'active' AND NOT held`);
    const at = next[0]?.at ? new Date(next[0].at).getTime() : null;
    if (at === null || at > end) break;
    t.clock.set(new Date(Math.max(at, t.clock.now().getTime())));
  }
  t.clock.set(new Date(end));
  await runDue(t);
}

export interface MessageRow {
  id: string;
  to_address: string;
  step_index: number;
  status: string;
  due_at: Date;
  dedupe_key: string;
  enrolment_id: string;
}

export async function messagesTo(t: TestApp, email: string): Promise<MessageRow[]> {
  return t.db.query<MessageRow[]>(
    `SELECT id, to_address, step_index, status, due_at, dedupe_key, enrolment_id FROM messages WHERE email_normalised = lower($1) ORDER BY step_index, created_at`,
    [email],
  );
}

const ASSET_EMAIL_BODY = [
  '<mjml>',
  '  <mj-body>',
  '    <mj-section>',
  '      <mj-column>',
  '        <mj-image src="{{productShot}}" alt="Backup 5" />',
  '        <mj-text>Hi {{recipient.firstName}}, {{headline}}</mj-text>',
  '        <mj-text><a href="{{links.unsubscribe}}">Unsubscribe</a></mj-text>',
  '      </mj-column>',
  '    </mj-section>',
  '  </mj-body>',
  '</mjml>',
].join('\n');

/** Publishes an email template whose locked `productShot` image is the library asset `assetId`; answers its id. */
export async function assetEmailTemplate(t: TestApp, author: TestUser, assetId: string, key: string): Promise<string> {
  const created = await t
    .http()
    .post('/api/v1/templates')
    .set('authorization', author.auth)
    .send({
      key,
      name: 'Backup 5 product shot',
      kind: 'email',
      subject: '{{headline}}',
      preheader: 'Backup 5 is here',
      body: ASSET_EMAIL_BODY,
      manifest: {
        fields: [
          { key: 'headline', source: 'editable', type: 'text', default: 'see what is new' },
          { key: 'productShot', source: 'locked', type: 'image', value: `asset:${assetId}` },
        ],
      },
    })
    .expect(201);
  const id = (created.body as { id: string }).id;
  await t.http().post(`/api/v1/templates/${id}/publish`).set('authorization', author.auth).expect(200);
  return id;
}
