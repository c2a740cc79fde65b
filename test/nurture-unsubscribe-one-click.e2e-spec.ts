import { CaughtMail } from '@app/core';
import { MessageSender } from '@app/mailing';
import { makeUser, TestUser } from '@app/testing';
import { addContact, advanceTo, NurtureWorld, nurtureWorld, programTemplate, publishedSequence, runDue, signInAgain } from './nurture-world';

/**
 * The recipient presses "unsubscribe" in their mail client: the client POSTs RFC 8058's one-click
 * body to the List-Unsubscribe URL of the email it got, and the sequence never sends its next step.
 */
describe('nurture: a one-click unsubscribe from a step’s email stops the next step', () => {
  let w: NurtureWorld;
  let manager: TestUser;

  beforeAll(async () => {
    w = await nurtureWorld('2026-11-02T15:00:00Z', 'one-click-kit');
    manager = await makeUser(w.t, 'channel_manager');
  });
  afterAll(() => w.t.close());

  const inbox = (address: string) => w.t.mail.list().filter((m) => m.to[0] === address.toLowerCase());

  /** What the mail client does with the caught email's headers. */
  async function oneClick(mail: CaughtMail): Promise<void> {
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const url = /^<(.+)>$/.exec(mail.headers['list-unsubscribe'] ?? '')?.[1];
    expect(url).toMatch(/^http:\/\/localhost:\d+\/u\/[\w.-]+$/);
    const res = await w.t.http().post(new URL(url!).pathname).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect(res.text).toContain('You are unsubscribed');
  }

  it('a partner’s contact: exits unsubscribed and gets no second email, while another contact does', async () => {
    const email = w.templateIds['product-launch']!;
    const sequenceId = await publishedSequence(w.t, w.marketer, { kitId: w.kitId, steps: [{ type: 'email', templateId: email }, { type: 'wait', days: 1 }, { type: 'email', templateId: email }] });
    const leaving = await addContact(w.t, w.partnerId, 'leaving@one-click.example');
    const staying = await addContact(w.t, w.partnerId, 'staying@one-click.example');
    const res = await w.t.http().post(`/api/v1/sequences/${sequenceId}/enrolments`).set('authorization', w.admin.auth).send({ contactIds: [leaving, staying] }).expect(200);
    const enrolmentOf = new Map((res.body as { results: { ref: string; enrolmentId: string }[] }).results.map((r) => [r.ref, r.enrolmentId]));

    await runDue(w.t);
    await w.t.get(MessageSender).drain();
    expect(inbox('leaving@one-click.example')).toHaveLength(1);
    await oneClick(inbox('leaving@one-click.example')[0]!);

    await advanceTo(w.t, '2026-11-03T16:00:00Z');
    await w.t.get(MessageSender).drain();
    expect(inbox('staying@one-click.example')).toHaveLength(2);
    expect(inbox('leaving@one-click.example')).toHaveLength(1);

    await signInAgain(w.t, w.admin);
    const left = await w.t.http().get(`/api/v1/enrolments/${enrolmentOf.get(leaving)}`).set('authorization', w.admin.auth).expect(200);
    expect(left.body).toMatchObject({ status: 'exited', exitReason: 'unsubscribed', messages: [expect.objectContaining({ stepIndex: 0, status: 'sent' })] });
    const stayed = await w.t.http().get(`/api/v1/enrolments/${enrolmentOf.get(staying)}`).set('authorization', w.admin.auth).expect(200);
    expect(stayed.body).toMatchObject({ status: 'completed' });
  });

  it('a partner user in the vendor’s program: exits unsubscribed and gets no second program email', async () => {
    await signInAgain(w.t, w.marketer, manager);
    const template = await programTemplate(w.t);
    const programId = await publishedSequence(w.t, w.marketer, {
      name: 'Partner onboarding',
      steps: [{ type: 'email', templateId: template }, { type: 'wait', days: 2 }, { type: 'email', templateId: template }],
    });
    const leaving = await makeUser(w.t, 'partner_user', { partnerId: w.partnerId, email: 'leaving.user@northwind.example' });
    const staying = await makeUser(w.t, 'partner_user', { partnerId: w.partnerId, email: 'staying.user@northwind.example' });
    const res = await w.t.http().post(`/api/v1/sequences/${programId}/enrolments`).set('authorization', manager.auth).send({ userIds: [leaving.user.id, staying.user.id] }).expect(200);
    const enrolmentOf = new Map((res.body as { results: { ref: string; enrolmentId: string }[] }).results.map((r) => [r.ref, r.enrolmentId]));

    await runDue(w.t);
    await w.t.get(MessageSender).drain();
    const first = inbox('leaving.user@northwind.example');
    expect(first.map((m) => m.from)).toEqual(['"ChannelKit" <no-reply@channelkit.local>']);
    // The page names who sent it: the vendor's program, not the user's own company.
    const page = await w.t.http().get(new URL(first[0]!.headers['list-unsubscribe']!.slice(1, -1)).pathname).expect(200);
    expect(page.text).toContain('Acme Cloud (partner program)');
    await oneClick(first[0]!);
    // The program's own list: the partner's mail to the same address is not stopped by it.
    expect(await w.t.db.query(`SELECT reason FROM program_suppressions WHERE email_normalised = 'leaving.user@northwind.example'`)).toEqual([{ reason: 'unsubscribed' }]);
    expect(await w.t.db.query(`SELECT 1 FROM suppressions WHERE email_normalised = 'leaving.user@northwind.example'`)).toEqual([]);

    await advanceTo(w.t, '2026-11-06T16:00:00Z');
    await w.t.get(MessageSender).drain();
    expect(inbox('staying.user@northwind.example')).toHaveLength(2);
    expect(inbox('leaving.user@northwind.example')).toHaveLength(1);

    await signInAgain(w.t, manager, w.marketer);
    const left = await w.t.http().get(`/api/v1/enrolments/${enrolmentOf.get(leaving.user.id)}`).set('authorization', manager.auth).expect(200);
    expect(left.body).toMatchObject({ status: 'exited', exitReason: 'unsubscribed', userId: leaving.user.id });
    const results = await w.t.http().get(`/api/v1/sequences/${programId}/results`).set('authorization', w.marketer.auth).expect(200);
    expect(results.body).toMatchObject({ enrolled: 2, completed: 1, exitedByReason: { unsubscribed: 1 }, unsubscribed: 1 });

    // Enrolling the user again is refused: they asked not to get this mail.
    const again = await w.t.http().post(`/api/v1/sequences/${programId}/enrolments`).set('authorization', manager.auth).send({ userIds: [leaving.user.id] }).expect(200);
    expect(again.body).toEqual({ enrolled: 0, results: [{ ref: leaving.user.id, outcome: 'suppressed', partnerId: w.partnerId }] });
  });
});
