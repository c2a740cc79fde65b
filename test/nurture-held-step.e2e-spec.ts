import { randomUUID } from 'node:crypto';
import { AssetLifecycleService } from '@app/assets';
import { CaughtMail } from '@app/core';
import { MessageSender } from '@app/mailing';
import { libraryAsset, solidPng } from '@app/testing';
import { addContact, advanceTo, assetEmailTemplate, messagesTo, NurtureWorld, nurtureWorld, publishedSequence, runDue, signInAgain } from './nurture-world';

interface EnrolmentRow {
  contact_id: string;
  status: string;
  exit_reason: string | null;
  step_index: number;
  next_step_at: Date | null;
}

/**
 * A nurture email that a send guard holds (its image was withdrawn) keeps its enrolment at that
 * step: the wait after it counts from when the email really goes out, and the branch on it reads
 * what the recipient did with it, not "not engaged" because nobody got it yet.
 */
describe('nurture: an enrolment waits at a held email', () => {
  let w: NurtureWorld;
  const inbox = (address: string) => w.t.mail.list().filter((m) => m.to[0] === address);
  const drain = () => w.t.get(MessageSender).drain();

  beforeAll(async () => {
    w = await nurtureWorld('2026-05-04T12:00:00Z', 'held-step-kit');
  });
  afterAll(() => w.t.close());

  async function enrolments(sequenceId: string): Promise<Map<string, EnrolmentRow>> {
    const rows = await w.t.db.query<EnrolmentRow[]>(`SELECT contact_id, status, exit_reason, step_index, next_step_at FROM enrolments WHERE sequence_id = $1`, [sequenceId]);
    return new Map(rows.map((r) => [r.contact_id, r]));
  }

  async function oneClickUnsubscribe(mail: CaughtMail): Promise<void> {
    const url = /^<(.+)>$/.exec(mail.headers['list-unsubscribe'] ?? '')?.[1];
    expect(url).toBeDefined();
    await w.t.http().post(new URL(url!).pathname).type('form').send('List-Unsubscribe=One-Click').expect(200);
  }

  it('holds the enrolment across the wait, then continues from the sending and branches on real engagement', async () => {
    const { t, marketer, admin } = w;
    const shot = await libraryAsset(t, marketer, { title: 'Backup 5 shot', type: 'image', file: await solidPng('#0b5fff', 600, 300), expiresAt: new Date('2026-05-05T00:00:00Z') });
    const shotEmail = await assetEmailTemplate(t, marketer, shot.id, 'held-step-shot');
    const welcome = w.templateIds['product-launch']!;
    const sequenceId = await publishedSequence(t, marketer, {
      kitId: w.kitId,
      steps: [
        { type: 'email', templateId: welcome },
        { type: 'wait', days: 1 },
        { type: 'email', templateId: shotEmail },
        { type: 'wait', days: 2 },
        { type: 'branch', on: { step: 2, event: 'clicked' }, then: 5, else: 6 },
        { type: 'email', templateId: welcome },
        { type: 'exit' },
      ],
    });
    const clicker = await addContact(t, w.partnerId, 'clicker@held-step.example', { firstName: 'Cleo' });
    const idle = await addContact(t, w.partnerId, 'idle@held-step.example', { firstName: 'Ivo' });
    const leaver = await addContact(t, w.partnerId, 'leaver@held-step.example', { firstName: 'Lea' });
    await t.http().post(`/api/v1/sequences/${sequenceId}/enrolments`).set('authorization', admin.auth).send({ contactIds: [clicker, idle, leaver] }).expect(200);
    await runDue(t);
    await drain();
    expect(inbox('clicker@held-step.example')).toHaveLength(1);

    // The image expires overnight with no successor: step 2, due at noon on the 5th, is held.
    t.clock.set(new Date('2026-05-05T01:00:00Z'));
    await t.get(AssetLifecycleService).sweep();
    await advanceTo(t, '2026-05-05T12:00:00Z');
    await drain();
    const held = await messagesTo(t, 'idle@held-step.example');
    expect(held.map((m) => [m.step_index, m.status])).toEqual([
      [0, 'sent'],
      [2, 'held'],
    ]);

    // Well past the two-day wait: nobody moved on to the branch, nothing more was written or sent.
    await advanceTo(t, '2026-05-08T12:00:00Z');
    await drain();
    for (const contact of [clicker, idle, leaver]) {
      expect((await enrolments(sequenceId)).get(contact)).toMatchObject({ status: 'active', step_index: 3, next_step_at: null });
    }
    expect((await messagesTo(t, 'idle@held-step.example')).map((m) => m.step_index)).toEqual([0, 2]);
    expect(inbox('idle@held-step.example')).toHaveLength(1);

    // One recipient unsubscribes from the first email meanwhile: the held email is cancelled and the enrolment ends.
    await oneClickUnsubscribe(inbox('leaver@held-step.example')[0]!);
    await runDue(t);
    expect((await enrolments(sequenceId)).get(leaver)).toMatchObject({ status: 'exited', exit_reason: 'unsubscribed' });
    expect((await messagesTo(t, 'leaver@held-step.example')).map((m) => m.status)).toEqual(['sent', 'cancelled']);

    // The image is extended: the held email goes out now, and the two-day wait counts from now.
    await signInAgain(t, marketer);
    await t.http().patch(`/api/v1/assets/${shot.id}`).set('authorization', marketer.auth).send({ expiresAt: '2026-09-01T00:00:00Z' }).expect(200);
    await drain();
    expect(inbox('clicker@held-step.example')).toHaveLength(2);
    expect(inbox('idle@held-step.example')).toHaveLength(2);
    expect(inbox('leaver@held-step.example')).toHaveLength(1);
    const shotMessage = (await messagesTo(t, 'clicker@held-step.example')).find((m) => m.step_index === 2)!;
    await t.db.query(
      `INSERT INTO link_clicks (click_id, link_id, partner_id, launch_id, asset_key, at, ip_hash, ua_family, outcome, bot, scanner, is_unique, message_id)
       VALUES ($1, $2, $3, $4, 'held-step.shot', $5, 'h', 'other', 'redirect', false, false, true, $6)`,
      [randomUUID(), randomUUID(), w.partnerId, w.launchId, t.clock.now(), shotMessage.id],
    );
    await runDue(t);
    expect((await enrolments(sequenceId)).get(idle)).toMatchObject({ status: 'active', step_index: 4, next_step_at: new Date('2026-05-10T12:00:00Z') });

    await advanceTo(t, '2026-05-10T11:59:00Z');
    expect((await messagesTo(t, 'clicker@held-step.example')).map((m) => m.step_index)).toEqual([0, 2]);
    await advanceTo(t, '2026-05-10T12:00:00Z');
    await drain();
    const after = await enrolments(sequenceId);
    expect(after.get(idle)).toMatchObject({ status: 'completed', exit_reason: 'exit_step' });
    expect((await messagesTo(t, 'clicker@held-step.example')).map((m) => [m.step_index, m.status])).toEqual([
      [0, 'sent'],
      [2, 'sent'],
      [5, 'sent'],
    ]);
    expect(inbox('clicker@held-step.example')).toHaveLength(3);
    expect(inbox('idle@held-step.example')).toHaveLength(2);
  });
});
