import { randomUUID } from 'node:crypto';
import { makePartner, makeUser } from '@app/testing';
import { addContact, NurtureWorld, nurtureWorld, publishedSequence } from './nurture-world';

describe('a registered deal ends the customer’s nurture and records the marketing that touched it', () => {
  let w: NurtureWorld;
  beforeAll(async () => (w = await nurtureWorld('2026-11-02T15:00:00Z', 'deal-kit')));
  afterAll(() => w.t.close());

  async function lead(contactId: string, clickId: string | null, at: Date): Promise<string> {
    const rows = await w.t.db.query<{ id: string }[]>(
      `INSERT INTO leads (partner_id, launch_id, contact_id, click_id, consent, source, created_at) VALUES ($1, $2, $3, $4, 'granted', 'landing_page', $5) RETURNING id`,
      [w.partnerId, w.launchId, contactId, clickId, at],
    );
    return rows[0]!.id;
  }
  async function click(clickId: string, at: Date): Promise<void> {
    await w.t.db.query(
      `INSERT INTO link_clicks (click_id, link_id, partner_id, launch_id, asset_key, at, ip_hash, ua_family, outcome, bot, scanner, is_unique)
       VALUES ($1, $2, $3, $4, 'product-launch.product', $5, 'h', 'other', 'redirect', false, false, true)`,
      [clickId, randomUUID(), w.partnerId, w.launchId, at],
    );
  }

  it('exits the partner’s contacts at the deal’s domain from their sequences, and links the lead, its click and launch', async () => {
    const sequenceId = await publishedSequence(w.t, w.marketer, {
      kitId: w.kitId,
      steps: [{ type: 'email', templateId: w.templateIds['product-launch'] }, { type: 'wait', days: 3 }, { type: 'email', templateId: w.templateIds['product-launch'] }],
    });
    const buyer = await addContact(w.t, w.partnerId, 'buyer@globex.example');
    const colleague = await addContact(w.t, w.partnerId, 'it@eu.globex.example');
    const other = await addContact(w.t, w.partnerId, 'someone@initech.example');
    await w.t.http().post(`/api/v1/sequences/${sequenceId}/enrolments`).set('authorization', w.admin.auth).send({ contactIds: [buyer, other] }).expect(200);

    const clickedAt = new Date(w.t.clock.now().getTime() - 3_600_000);
    const clickId = randomUUID();
    await click(clickId, clickedAt);
    const leadId = await lead(buyer, clickId, new Date(clickedAt.getTime() + 60_000));
    const subdomainLead = await lead(colleague, null, clickedAt);
    await lead(other, null, clickedAt);

    const res = await w.t
      .http()
      .post('/api/v1/deals')
      .set('authorization', w.admin.auth)
      .send({ customerCompany: 'Globex', customerDomain: 'www.globex.example', amountCents: 1_000_000, currency: 'USD', sourceLeadId: leadId })
      .expect(201);
    expect(res.body).toMatchObject({ sourceLeadId: leadId, sourceLaunchId: w.launchId, registrationMode: 'partner' });

    const enrolments = await w.t.db.query<{ contact_id: string; status: string; exit_reason: string | null }[]>(`SELECT contact_id, status, exit_reason FROM enrolments WHERE sequence_id = $1`, [sequenceId]);
    expect(enrolments.find((e) => e.contact_id === buyer)).toMatchObject({ status: 'exited', exit_reason: 'deal_registered' });
    expect(enrolments.find((e) => e.contact_id === other)).toMatchObject({ status: 'active' });

    const influence = (res.body.influence as { kind: string; id: string; launchId: string }[]).map((i) => [i.kind, i.id]).sort();
    expect(influence).toEqual(
      [
        ['click', clickId],
        ['launch', w.launchId],
        ['lead', leadId],
        ['lead', subdomainLead],
      ].sort(),
    );
    const shown = await w.t.http().get(`/api/v1/deals/${res.body.id}`).set('authorization', w.admin.auth).expect(200);
    expect(shown.body.influence).toHaveLength(4);
    expect(shown.body.influence.find((i: { kind: string }) => i.kind === 'click')).toMatchObject({ launchId: w.launchId, touchedAt: clickedAt.toISOString() });
  });

  it('answers 404 for a source lead or launch of another partner, and registers nothing', async () => {
    const otherPartner = await makePartner(w.t, { tierId: w.tierId });
    const otherAdmin = await makeUser(w.t, 'partner_admin', { partnerId: otherPartner.id });
    const contact = await addContact(w.t, w.partnerId, 'x@hooli.example');
    const leadId = await lead(contact, null, w.t.clock.now());
    const before = await w.t.db.query(`SELECT count(*)::int AS n FROM deals`);
    for (const source of [{ sourceLeadId: leadId }, { sourceLaunchId: w.launchId }, { sourceLeadId: randomUUID() }]) {
      const res = await w.t.http().post('/api/v1/deals').set('authorization', otherAdmin.auth).send({ customerCompany: 'Hooli', customerDomain: 'hooli.example', amountCents: 1, currency: 'USD', ...source });
      expect({ source, status: res.status, code: res.body.code }).toEqual({ source, status: 404, code: 'NOT_FOUND' });
    }
    expect(await w.t.db.query(`SELECT count(*)::int AS n FROM deals`)).toEqual(before);
  });
});
