import { createHmac } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { DealWebhookService } from '@app/deals';
import { DealWorld, dealWorld, register } from './deal-world';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

describe('deal status webhooks: signed, retried until delivered', () => {
  let w: DealWorld;
  let server: http.Server;
  let url: string;
  const received: Received[] = [];
  /** Status codes to answer with before answering 204. */
  const failures: number[] = [];

  beforeAll(async () => {
    w = await dealWorld();
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.statusCode = failures.shift() ?? 204;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/deals`;
  });
  afterAll(async () => {
    await w.t.close();
    await new Promise((resolve) => server.close(resolve));
  });

  async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const deliveriesFor = (dealId: string) => received.filter((r) => (JSON.parse(r.body) as { data: { dealId: string } }).data.dealId === dealId);
  let secret: string;

  it('accepts https endpoints (http only for localhost) and shows the secret once', async () => {
    const plain = await w.t.http().post('/api/v1/deals/webhooks').set('authorization', w.vendorAdmin.auth).send({ url: 'http://crm.example/hook' });
    expect(plain.status).toBe(400);
    expect(plain.body.details.fields).toEqual([{ field: 'url', problems: ['must be https (http only for localhost)'] }]);
    const created = await w.t.http().post('/api/v1/deals/webhooks').set('authorization', w.vendorAdmin.auth).send({ url, description: 'CRM sync' }).expect(201);
    expect(created.body).toMatchObject({ url, description: 'CRM sync', secret: expect.stringMatching(/^whsec_[A-Za-z0-9_-]{43}$/) });
    secret = created.body.secret;
    const list = await w.t.http().get('/api/v1/deals/webhooks').set('authorization', w.vendorAdmin.auth).expect(200);
    expect(list.body).toEqual([{ id: created.body.id, url, description: 'CRM sync', createdAt: expect.any(String) }]);
  });

  it('POSTs each status change as JSON signed with HMAC-SHA256 of the body under the secret', async () => {
    const deal = await register(w.t, w.partnerA.admin, { customerCompany: 'Globex', customerDomain: 'globex.example' });
    await w.t.http().post(`/api/v1/deals/${deal.id}/approve`).set('authorization', w.manager.auth).send({}).expect(200);
    const [first, second] = await waitFor('two deliveries', () => {
      const got = deliveriesFor(deal.id);
      return got.length >= 2 ? got : undefined;
    });
    for (const delivery of [first!, second!]) {
      const header = String(delivery.headers['x-channelkit-signature']);
      const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
      expect(match).not.toBeNull();
      expect(match![2]).toBe(createHmac('sha256', secret).update(delivery.body).digest('hex'));
      expect(createHmac('sha256', 'some other secret').update(delivery.body).digest('hex')).not.toBe(match![2]);
      expect(Number(match![1])).toBe(Math.floor(Date.parse((JSON.parse(delivery.body) as { sentAt: string }).sentAt) / 1000));
      expect(delivery.headers['content-type']).toBe('application/json');
    }
    const bodies = [first!, second!].map((d) => JSON.parse(d.body) as { data: { status: string } }).sort((a, b) => (a.data.status === 'submitted' ? -1 : b.data.status === 'submitted' ? 1 : 0));
    expect(bodies[0]).toMatchObject({ type: 'deal.status_changed', data: { dealId: deal.id, partnerId: w.partnerA.id, previousStatus: null, status: 'submitted', amountCents: 2_500_000, currency: 'EUR' } });
    expect(bodies[1]).toMatchObject({ data: { previousStatus: 'submitted', status: 'approved', protectedUntil: '2027-01-31T09:00:00.000Z' } });
  });

  it('retries after a 500 and records every attempt; a delivered event is not sent again', async () => {
    failures.push(500);
    const deal = await register(w.t, w.partnerB.admin, { customerCompany: 'Initech', customerDomain: 'initech.example' });
    const events = await w.t.db.query<{ id: string }[]>(`SELECT id FROM deal_webhook_events WHERE deal_id = $1`, [deal.id]);
    expect(events).toHaveLength(1);
    const eventId = events[0]!.id;
    // The queue retries with backoff (first retry after about 2 s).
    await waitFor('the retried delivery', async () => {
      const rows = await w.t.db.query<{ delivered_at: Date | null }[]>(`SELECT delivered_at FROM deal_webhook_events WHERE id = $1`, [eventId]);
      return rows[0]!.delivered_at ? true : undefined;
    });
    const attempts = await w.t.db.query<{ status_code: number; error: string | null }[]>(`SELECT status_code, error FROM deal_webhook_attempts WHERE event_id = $1 ORDER BY id`, [eventId]);
    expect(attempts).toEqual([
      { status_code: 500, error: 'answered 500' },
      { status_code: 204, error: null },
    ]);
    const bodies = deliveriesFor(deal.id).map((d) => JSON.parse(d.body) as { id: string });
    expect(bodies.map((b) => b.id)).toEqual([eventId, eventId]);

    // The handler the job runs: a failure throws (so the queue retries), a delivered event is left alone.
    expect(await w.t.get(DealWebhookService).deliver(eventId)).toBe('already-delivered');
    expect(deliveriesFor(deal.id)).toHaveLength(2);
  });

  it('makes the job fail on a non-2xx answer so the queue retries it', async () => {
    const deal = await register(w.t, w.partnerB.admin, { customerCompany: 'Hooli', customerDomain: 'hooli.example' });
    const [event] = await w.t.db.query<{ id: string }[]>(`SELECT id FROM deal_webhook_events WHERE deal_id = $1`, [deal.id]);
    await waitFor('the first delivery', async () => ((await w.t.db.query(`SELECT 1 FROM deal_webhook_events WHERE id = $1 AND delivered_at IS NOT NULL`, [event!.id])).length ? true : undefined));
    // Simulate a receiver that breaks for a redelivery of a fresh event.
    const [fresh] = await w.t.db.query<{ id: string }[]>(
      `INSERT INTO deal_webhook_events (endpoint_id, deal_id, type, payload, created_at) SELECT endpoint_id, deal_id, type, payload, created_at FROM deal_webhook_events WHERE id = $1 RETURNING id`,
      [event!.id],
    );
    failures.push(503);
    await expect(w.t.get(DealWebhookService).deliver(fresh!.id)).rejects.toThrow(/answered 503/);
    await expect(w.t.get(DealWebhookService).deliver(fresh!.id)).resolves.toBe('delivered');
  });

  it('stops deliveries to a deleted endpoint', async () => {
    const [endpoint] = (await w.t.http().get('/api/v1/deals/webhooks').set('authorization', w.vendorAdmin.auth).expect(200)).body;
    await w.t.http().delete(`/api/v1/deals/webhooks/${endpoint.id}`).set('authorization', w.vendorAdmin.auth).expect(204);
    const before = received.length;
    const deal = await register(w.t, w.partnerA.admin, { customerCompany: 'Vandelay', customerDomain: 'vandelay.example' });
    expect(await w.t.db.query(`SELECT id FROM deal_webhook_events WHERE deal_id = $1`, [deal.id])).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received.length).toBe(before);
    expect((await w.t.http().delete(`/api/v1/deals/webhooks/${endpoint.id}`).set('authorization', w.vendorAdmin.auth)).status).toBe(404);
  });
});
