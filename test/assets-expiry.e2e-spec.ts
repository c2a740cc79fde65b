import { AssetLifecycleService, AssetUsageService } from '@app/assets';
import { QUEUE_NAMES, QueueService } from '@app/core';
import { MessageSender } from '@app/mailing';
import { libraryAsset, makeUser, solidPng, startAnotherInstance, TestApp, TestUser } from '@app/testing';
import { addContact, advanceTo, assetEmailTemplate, messagesTo, NurtureWorld, nurtureWorld, publishedSequence, runDue, signInAgain } from './nurture-world';

/** The send-mail jobs still to run: waiting for them to finish is waiting for every notice to arrive. */
async function noticesDelivered(t: TestApp): Promise<void> {
  const queue = t.get(QueueService).queue(QUEUE_NAMES.email);
  const deadline = Date.now() + 15_000;
  for (;;) {
    const jobs = await queue.getJobs(['waiting', 'active', 'delayed', 'prioritized']);
    if (!jobs.some((j) => j.name === 'send-mail')) return;
    if (Date.now() > deadline) throw new Error('notices still queued after 15 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('asset expiry: warnings, notices, and what follows the asset into live campaigns', () => {
  let w: NurtureWorld;
  let t: TestApp;
  let owner: TestUser;
  const mailTo = (address: string) => t.mail.list().filter((m) => m.to[0] === address);

  beforeAll(async () => {
    w = await nurtureWorld('2026-03-02T09:00:00Z', 'asset-kit');
    t = w.t;
    owner = w.marketer;
  });
  afterAll(() => w.t.close());

  const sweep = () => t.get(AssetLifecycleService).sweep();

  it('warns the owner and the partner admins once per window, across repeated sweeps and a restart, and tells them once at expiry', async () => {
    const asset = await libraryAsset(t, owner, { title: 'Backup 5 datasheet', type: 'datasheet', expiresAt: new Date('2026-04-10T12:00:00Z') });
    await t.get(AssetUsageService).record([{ assetId: asset.id, kind: 'launch', refId: w.launchId, launchId: w.launchId, partnerId: w.partnerId, kitId: w.kitId }]);
    const partnerAdmin = w.admin.user.email;

    await sweep();
    await noticesDelivered(t);
    expect(mailTo(owner.user.email)).toHaveLength(0);

    // 29 days before: inside the 30-day window. Three sweeps, one digest each.
    t.clock.set(new Date('2026-03-12T12:00:00Z'));
    await sweep();
    await sweep();
    await Promise.all([sweep(), sweep()]);
    await noticesDelivered(t);
    const ownerMail = mailTo(owner.user.email);
    expect(ownerMail).toHaveLength(1);
    expect(ownerMail[0]!.subject).toBe('"Backup 5 datasheet" expires soon');
    expect(ownerMail[0]!.text).toContain('in 30 days or less');
    expect(ownerMail[0]!.text).toContain('extend its date, upload a new version, set a successor, or let it expire');
    const partnerMail = mailTo(partnerAdmin);
    expect(partnerMail).toHaveLength(1);
    expect(partnerMail[0]!.text).toContain('Used by your live campaigns: Kit asset-kit.');
    // Dates in the partner's zone (New York), the owner's in UTC.
    expect(partnerMail[0]!.text).toContain('10 Apr 2026, 08:00 (America/New_York)');
    expect(ownerMail[0]!.text).toContain('10 Apr 2026, 12:00 (UTC)');
    const status = async () => (await t.db.query<{ status: string }[]>(`SELECT status FROM assets WHERE id = $1`, [asset.id]))[0]!.status;
    expect(await status()).toBe('expiring');

    // A restarted application sweeps again: nothing new.
    const restarted = await startAnotherInstance(t);
    try {
      await restarted.get(AssetLifecycleService).sweep();
      await noticesDelivered(t);
    } finally {
      await restarted.close();
    }
    expect(mailTo(owner.user.email)).toHaveLength(1);
    expect(mailTo(partnerAdmin)).toHaveLength(1);

    // Six days before: the 7-day window, once more.
    t.clock.set(new Date('2026-04-04T12:00:00Z'));
    await sweep();
    await sweep();
    await noticesDelivered(t);
    expect(mailTo(owner.user.email)).toHaveLength(2);
    expect(mailTo(owner.user.email)[1]!.text).toContain('in 7 days or less');
    expect(mailTo(partnerAdmin)).toHaveLength(2);

    // At expiry: one notice of what changed; the asset is kept, expired.
    t.clock.set(new Date('2026-04-10T12:00:30Z'));
    await sweep();
    await sweep();
    await noticesDelivered(t);
    expect(await status()).toBe('expired');
    expect(mailTo(owner.user.email)).toHaveLength(3);
    expect(mailTo(owner.user.email)[2]!.subject).toBe('"Backup 5 datasheet" has expired');
    const expiredForPartner = mailTo(partnerAdmin)[2]!;
    expect(mailTo(partnerAdmin)).toHaveLength(3);
    expect(expiredForPartner.text).toContain('are held (not skipped) until it is extended or replaced');
    const kept = await t.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM asset_versions WHERE asset_id = $1`, [asset.id]);
    expect(kept[0]!.n).toBe(1);
  });

  it("lists for a partner the library assets its live launches use that expire soon, and nothing else", async () => {
    await signInAgain(t, w.admin);
    const soon = new Date(t.clock.now().getTime() + 10 * 86_400_000);
    const used = await libraryAsset(t, owner, { title: 'Used and expiring', type: 'deck', expiresAt: soon });
    await libraryAsset(t, owner, { title: 'Expiring, not used', type: 'deck', expiresAt: soon });
    const later = await libraryAsset(t, owner, { title: 'Used, expiring later', type: 'deck', expiresAt: new Date(t.clock.now().getTime() + 100 * 86_400_000) });
    await t.get(AssetUsageService).record(
      [used, later].map((a) => ({ assetId: a.id, kind: 'launch' as const, refId: `${w.launchId}:${a.id}`, launchId: w.launchId, partnerId: w.partnerId, kitId: w.kitId })),
    );
    const res = await t.http().get('/api/v1/library?usedByMyLaunches=true&expiringWithinDays=30').set('authorization', w.admin.auth).expect(200);
    expect((res.body as { items: { title: string }[] }).items.map((i) => i.title)).toEqual(['Used and expiring']);
    const bad = await t.http().get('/api/v1/library?expiringWithinDays=0').set('authorization', w.admin.auth).expect(400);
    expect(JSON.stringify(bad.body)).toContain('expiringWithinDays');
    // Their warnings go out now, not in the next test's count.
    await sweep();
    await noticesDelivered(t);
  });

  it('tells nobody about an asset no live launch uses but its owner, and nothing for an asset without expiry', async () => {
    const before = t.mail.list().length;
    const other = await makeUser(t, 'vendor_marketer');
    await libraryAsset(t, other, { title: 'Evergreen deck', type: 'deck' });
    await libraryAsset(t, other, { title: 'Unused legal text', type: 'legal', expiresAt: new Date(t.clock.now().getTime() + 3 * 86_400_000) });
    await sweep();
    await noticesDelivered(t);
    const fresh = t.mail.list().slice(before);
    expect(fresh.map((m) => m.to[0])).toEqual([other.user.email]);
    expect(fresh[0]!.text).toContain('Unused legal text');
    expect(fresh[0]!.text).not.toContain('Evergreen deck');
  });

  describe('in a running nurture sequence', () => {
    let templateId: string;
    let shot: { id: string; versionId: string };

    const assetEmail = (assetId: string, key: string) => assetEmailTemplate(t, owner, assetId, key);

    async function enrolOne(sequenceId: string, email: string): Promise<void> {
      const contact = await addContact(t, w.partnerId, email, { firstName: 'Ada' });
      await t.http().post(`/api/v1/sequences/${sequenceId}/enrolments`).set('authorization', w.admin.auth).send({ contactIds: [contact] }).expect(200);
    }

    beforeAll(async () => {
      t.clock.set(new Date('2026-05-04T12:00:00Z'));
      await signInAgain(t, owner, w.admin);
      shot = await libraryAsset(t, owner, { title: 'Backup 5 product shot', type: 'image', file: await solidPng('#0b5fff', 600, 300), expiresAt: new Date('2026-05-06T00:00:00Z') });
      templateId = await assetEmail(shot.id, 'asset-shot-email');
    });

    it('holds the next step while its image is withdrawn, and sends it when the asset is extended', async () => {
      const sequenceId = await publishedSequence(t, owner, {
        kitId: w.kitId,
        steps: [{ type: 'email', templateId: w.templateIds['product-launch'] }, { type: 'wait', days: 3 }, { type: 'email', templateId }],
      });
      await enrolOne(sequenceId, 'ada@held.example');
      await runDue(t);
      await t.get(MessageSender).drain();
      expect(mailTo('ada@held.example')).toHaveLength(1);

      // The image expires on the 6th with no successor; step 3 is due on the 7th.
      await advanceTo(t, '2026-05-07T12:30:00Z');
      await sweep();
      await t.get(MessageSender).drain();
      const rows = await messagesTo(t, 'ada@held.example');
      expect(rows.map((r) => [r.step_index, r.status])).toEqual([
        [0, 'sent'],
        [2, 'held'],
      ]);
      expect(mailTo('ada@held.example')).toHaveLength(1);

      // Extending it releases the held step, which goes out showing the image.
      await signInAgain(t, owner);
      await t.http().patch(`/api/v1/assets/${shot.id}`).set('authorization', owner.auth).send({ expiresAt: '2026-08-01T00:00:00Z' }).expect(200);
      await t.get(MessageSender).drain();
      const sent = mailTo('ada@held.example');
      expect(sent).toHaveLength(2);
      expect(sent[1]!.html).toContain(`/media/assets/${shot.id}/${shot.versionId}`);
      expect((await messagesTo(t, 'ada@held.example')).map((r) => r.status)).toEqual(['sent', 'sent']);
    });

    it('sends the next step with the successor once the asset has expired, and old mail follows the successor', async () => {
      await signInAgain(t, owner, w.admin);
      const old = await libraryAsset(t, owner, { title: 'Old product shot', type: 'image', file: await solidPng('#ff0000', 600, 300), expiresAt: new Date('2026-05-09T00:00:00Z') });
      const successor = await libraryAsset(t, owner, { title: 'New product shot', type: 'image', file: await solidPng('#00aa00', 600, 300) });
      await t.http().patch(`/api/v1/assets/${old.id}`).set('authorization', owner.auth).send({ successorId: successor.id }).expect(200);
      const oldEmail = await assetEmail(old.id, 'asset-old-shot-email');
      const sequenceId = await publishedSequence(t, owner, {
        kitId: w.kitId,
        steps: [{ type: 'email', templateId: oldEmail }, { type: 'wait', days: 2 }, { type: 'email', templateId: oldEmail }],
      });
      await enrolOne(sequenceId, 'bo@successor.example');
      await runDue(t);
      await t.get(MessageSender).drain();
      const first = mailTo('bo@successor.example');
      expect(first).toHaveLength(1);
      expect(first[0]!.html).toContain(`/media/assets/${old.id}/${old.versionId}`);

      await advanceTo(t, '2026-05-10T12:00:00Z');
      await sweep();
      await t.get(MessageSender).drain();
      const both = mailTo('bo@successor.example');
      expect(both).toHaveLength(2);
      expect(both[1]!.html).toContain(`/media/assets/${successor.id}/${successor.versionId}`);
      expect(both[1]!.html).not.toContain(`/media/assets/${old.id}/`);

      // The first email, sent before the swap, now shows the successor too.
      const oldLink = await t.http().get(`/media/assets/${old.id}/${old.versionId}`).expect(302);
      expect(oldLink.headers.location).toBe(`${t.config.publicUrl}/media/assets/${successor.id}/${successor.versionId}`);
      const image = await t.http().get(`/media/assets/${successor.id}/${successor.versionId}`).buffer(true).expect(200);
      expect(image.headers['content-type']).toBe('image/png');
      expect((image.body as Buffer).equals(await solidPng('#00aa00', 600, 300))).toBe(true);
    });

    it('holds only the mail that shows a withdrawn asset: mail due at the same moment without one goes out', async () => {
      await signInAgain(t, owner, w.admin);
      const start = t.clock.now().getTime();
      const fading = await libraryAsset(t, owner, { title: 'Fading shot', type: 'image', file: await solidPng('#aa00aa', 600, 300), expiresAt: new Date(start + 3_600_000) });
      const fadingEmail = await assetEmail(fading.id, 'asset-fading-email');
      const withAsset = await publishedSequence(t, owner, { kitId: w.kitId, steps: [{ type: 'wait', days: 1 }, { type: 'email', templateId: fadingEmail }] });
      const withoutAsset = await publishedSequence(t, owner, { kitId: w.kitId, steps: [{ type: 'wait', days: 1 }, { type: 'email', templateId: w.templateIds['product-launch'] }] });
      await enrolOne(withAsset, 'cy@mixed.example');
      await enrolOne(withoutAsset, 'di@mixed.example');

      // A day later the image has expired with no successor; both steps fall due together.
      await advanceTo(t, new Date(start + 86_400_000 + 60_000).toISOString());
      await sweep();
      await t.get(MessageSender).drain();
      expect((await messagesTo(t, 'cy@mixed.example')).map((r) => r.status)).toEqual(['held']);
      expect((await messagesTo(t, 'di@mixed.example')).map((r) => r.status)).toEqual(['sent']);
      expect(mailTo('di@mixed.example')).toHaveLength(1);
      expect(mailTo('cy@mixed.example')).toHaveLength(0);
    });

    it('shows a withdrawn image as withdrawn, and never serves files that are not images', async () => {
      const gone = await libraryAsset(t, owner, { title: 'Withdrawn shot', type: 'image', expiresAt: new Date(t.clock.now().getTime() + 60_000) });
      const datasheet = await libraryAsset(t, owner, { title: 'A datasheet', type: 'datasheet', file: Buffer.from('%PDF-1.4\n%test\n') });
      t.clock.set(new Date(t.clock.now().getTime() + 120_000));
      await sweep();
      const withdrawn = await t.http().get(`/media/assets/${gone.id}/${gone.versionId}`).buffer(true).expect(410);
      expect(withdrawn.headers['content-type']).toBe('image/svg+xml');
      expect(String(withdrawn.body)).toContain('This content has been withdrawn');
      await t.http().get(`/media/assets/${datasheet.id}/${datasheet.versionId}`).expect(404);
      await t.http().get(`/media/assets/not-a-uuid/${datasheet.versionId}`).expect(404);
    });
  });
});
