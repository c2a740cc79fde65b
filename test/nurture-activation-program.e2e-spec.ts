import { MessageSender } from '@app/mailing';
import { ACTIVATION_PROGRAM_KEY, NurtureService } from '@app/nurture';
import { makePartner, makeUser } from '@app/testing';
import { advanceTo, NurtureWorld, nurtureWorld, runDue, signInAgain } from './nurture-world';

describe('partner activation program: partners without a deal 45 days after signing', () => {
  let w: NurtureWorld;

  beforeAll(async () => {
    w = await nurtureWorld('2026-11-02T15:00:00Z', 'activation-kit');
    await makeUser(w.t, 'vendor_admin');
  });
  afterAll(() => w.t.close());

  const nurture = () => w.t.get(NurtureService);
  const programEnrolments = (partnerId: string) =>
    w.t.db.query<{ user_id: string; status: string; exit_reason: string | null; source: string }[]>(
      `SELECT e.user_id, e.status, e.exit_reason, e.source FROM enrolments e JOIN sequences s ON s.id = e.sequence_id WHERE s.key = $1 AND e.partner_id = $2 ORDER BY e.created_at, e.user_id`,
      [ACTIVATION_PROGRAM_KEY, partnerId],
    );

  it('enrols a 45-days-signed partner’s active admins once, emails them from the vendor, and stops at its first deal', async () => {
    const late = await makePartner(w.t, { tierId: w.tierId, name: 'Slow Starter', signedAt: '2026-09-10' });
    const fresh = await makePartner(w.t, { tierId: w.tierId, name: 'New Partner', signedAt: '2026-10-10' });
    const early = await makePartner(w.t, { tierId: w.tierId, name: 'Early Closer', signedAt: '2026-09-01' });
    const admin1 = await makeUser(w.t, 'partner_admin', { partnerId: late.id, email: 'first.admin@slow.example' });
    const admin2 = await makeUser(w.t, 'partner_admin', { partnerId: late.id, email: 'second.admin@slow.example' });
    await makeUser(w.t, 'partner_user', { partnerId: late.id });
    const disabled = await makeUser(w.t, 'partner_admin', { partnerId: late.id });
    await w.t.db.query(`UPDATE users SET status = 'disabled' WHERE id = $1`, [disabled.user.id]);
    await makeUser(w.t, 'partner_admin', { partnerId: fresh.id });
    await makeUser(w.t, 'partner_admin', { partnerId: early.id });
    // A deal before the 45 days keeps a partner out of the program.
    await nurture().dealRegistered({ partnerId: early.id, companyDomain: null });

    expect(await nurture().activationSweep()).toBe(1);
    expect(await nurture().activationSweep()).toBe(0);
    const enrolled = await programEnrolments(late.id);
    expect(enrolled.map((e) => e.user_id).sort()).toEqual([admin1.user.id, admin2.user.id].sort());
    expect(enrolled.every((e) => e.status === 'active' && e.source === 'program')).toBe(true);
    expect(await programEnrolments(fresh.id)).toEqual([]);
    expect(await programEnrolments(early.id)).toEqual([]);

    // 15:00 UTC is 10:00 in New York (outside the program's quiet hours): the first email goes now.
    await runDue(w.t);
    const rows = await w.t.db.query<{ kind: string; user_id: string; contact_id: string | null; to_address: string }[]>(
      `SELECT kind, user_id, contact_id, to_address FROM messages WHERE partner_id = $1 ORDER BY to_address`,
      [late.id],
    );
    expect(rows).toEqual([
      { kind: 'program', user_id: admin1.user.id, contact_id: null, to_address: 'first.admin@slow.example' },
      { kind: 'program', user_id: admin2.user.id, contact_id: null, to_address: 'second.admin@slow.example' },
    ]);
    await w.t.get(MessageSender).drain();
    const mail = w.t.mail.list().find((m) => m.to[0] === 'first.admin@slow.example');
    expect(mail?.subject).toBe('Your first registered deal is one step away');
    expect(mail?.from).toBe('"ChannelKit" <no-reply@channelkit.local>'); // the vendor, not the partner
    expect(mail?.html).toContain('Slow Starter');

    expect(await nurture().dealRegistered({ partnerId: late.id, companyDomain: 'customer.example' })).toEqual({ contacts: 0, program: 2 });
    await advanceTo(w.t, '2026-11-12T15:00:00Z');
    expect((await programEnrolments(late.id)).map((e) => [e.status, e.exit_reason])).toEqual([
      ['exited', 'deal_registered'],
      ['exited', 'deal_registered'],
    ]);
    const after = await w.t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM messages WHERE partner_id = $1`, [late.id]);
    expect(after[0]!.n).toBe(2);
    // Once exited, a later sweep does not enrol the partner again.
    expect(await nurture().activationSweep()).toBe(0);
  });

  it('picks up a partner on the day it reaches 45 days', async () => {
    const partner = await makePartner(w.t, { tierId: w.tierId, name: 'Day 45', signedAt: '2026-10-01' });
    const admin = await makeUser(w.t, 'partner_admin', { partnerId: partner.id });
    w.t.clock.set('2026-11-14T23:00:00Z');
    expect(await nurture().activationSweep()).toBe(0);
    w.t.clock.set('2026-11-15T00:30:00Z');
    expect(await nurture().activationSweep()).toBe(1);
    expect((await programEnrolments(partner.id)).map((e) => e.user_id)).toEqual([admin.user.id]);
  });

  it('keeps the program editable by the vendor, as a sequence with its well-known key', async () => {
    await signInAgain(w.t, w.marketer);
    const list = await w.t.http().get('/api/v1/sequences').set('authorization', w.marketer.auth).expect(200);
    const program = (list.body as { items: { key: string | null; audience: string; status: string }[] }).items.find((s) => s.key === ACTIVATION_PROGRAM_KEY);
    expect(program).toMatchObject({ audience: 'partner_users', status: 'active', version: { version: 1 } });
    const id = (program as unknown as { id: string }).id;
    await w.t.http().delete(`/api/v1/sequences/${id}`).set('authorization', w.marketer.auth).expect(409);
  });
});
