import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { StorageService } from '@app/core';
import { FakeClock, makeUser, startTestApp, TestApp, TestUser } from '@app/testing';
import { approvedRequest, FundedPartner, fundedPartner, fundedProgram, PDF, uploadFile, VendorTeam, vendorTeam } from './mdf-world';

/**
 * A claim's files: what the answers show of them (never where they are stored), and the files a
 * partner uploads while writing a claim and removes again before sending it.
 */
describe('MDF: claim files', () => {
  let t: TestApp;
  let team: VendorTeam;
  let p: FundedPartner;
  let rival: FundedPartner;
  let rivalAdmin: TestUser;
  let programId: string;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FakeClock('2026-11-20T09:00:00Z') });
    team = await vendorTeam(t);
    p = await fundedPartner(t, 50);
    rival = await fundedPartner(t, 50);
    rivalAdmin = await makeUser(t, 'partner_admin', { partnerId: rival.partner.id });
    programId = await fundedProgram(t, team.admin, [{ tierId: p.tierId, amountCents: 5_000_000 }], [p.partner.id]);
  });
  afterAll(() => t.close());

  const storage = () => t.get(StorageService);
  const submit = (requestId: string, fileIds: string[]) =>
    t.http().post('/api/v1/mdf/claims').set('authorization', p.admin.auth).set('idempotency-key', randomUUID()).send({ requestId, actualSpendCents: 40_000, fileIds });
  const listFiles = (requestId: string, who: TestUser = p.admin) => t.http().get(`/api/v1/mdf/requests/${requestId}/files`).set('authorization', who.auth);
  const deleteFile = (requestId: string, fileId: string, who: TestUser = p.admin) => t.http().delete(`/api/v1/mdf/requests/${requestId}/files/${fileId}`).set('authorization', who.auth);
  const storageKeyOf = async (fileId: string): Promise<string> => (await t.db.query<{ storage_key: string }[]>(`SELECT storage_key FROM mdf_files WHERE id = $1`, [fileId]))[0]!.storage_key;
  const fileRows = async (fileId: string): Promise<number> => (await t.db.query<unknown[]>(`SELECT 1 FROM mdf_files WHERE id = $1`, [fileId])).length;
  const fetchStatus = async (url: string): Promise<number> => (await fetch(url)).status;

  /** Every property named like a storage key, and every stored key found in a value that is not a download URL. */
  function leaks(body: unknown, keys: string[], path = '$'): string[] {
    if (Array.isArray(body)) return body.flatMap((v, i) => leaks(v, keys, `${path}[${i}]`));
    if (body && typeof body === 'object') {
      return Object.entries(body).flatMap(([name, value]) => {
        const here = `${path}.${name}`;
        if (name === 'storageKey' || name === 'proofPackKey') return [here];
        if (name === 'url') return [];
        return leaks(value, keys, here);
      });
    }
    return typeof body === 'string' && keys.some((k) => body.includes(k)) ? [path] : [];
  }

  it('answers no storage key in any claim or file answer, for the partner and for finance, and the proof pack still downloads', async () => {
    const requestId = await approvedRequest(t, p.admin, team.manager, programId, { requestedCents: 50_000 });
    const answers: [string, Response][] = [];
    const upload = await t.http().post(`/api/v1/mdf/requests/${requestId}/files?kind=invoice`).set('authorization', p.admin.auth).attach('file', PDF, { filename: 'invoice.pdf', contentType: 'application/pdf' }).expect(201);
    answers.push(['upload', upload]);
    const invoice = (upload.body as { id: string }).id;
    const proof = await uploadFile(t, p.admin, requestId, 'proof');
    answers.push(['request files', await listFiles(requestId).expect(200)]);
    const submitted = await submit(requestId, [invoice, proof]).expect(201);
    answers.push(['submit', submitted]);
    const claim = submitted.body as { id: string; hasProofPack: boolean };
    expect(claim.hasProofPack).toBe(true);

    for (const [who, user] of [
      ['partner', p.admin],
      ['finance', team.finance],
    ] as const) {
      answers.push([`${who} list`, await t.http().get('/api/v1/mdf/claims').set('authorization', user.auth).expect(200)]);
      const detail = await t.http().get(`/api/v1/mdf/claims/${claim.id}`).set('authorization', user.auth).expect(200);
      answers.push([`${who} detail`, detail]);
      // Files keep what people use: their kind, type, size, upload time and a download URL.
      const files = (detail.body as { files: Record<string, unknown>[] }).files;
      expect(files.map((f) => f.id).sort()).toEqual([invoice, proof].sort());
      for (const f of files) expect(f).toMatchObject({ kind: expect.any(String), contentType: 'application/pdf', bytes: PDF.length, createdAt: expect.any(String), url: expect.any(String) });
    }
    answers.push(['review queue', await t.http().get('/api/v1/mdf/claims/review-queue').set('authorization', team.finance.auth).expect(200)]);
    await t.http().post(`/api/v1/mdf/claims/${claim.id}/request-info`).set('authorization', team.finance.auth).send({ note: 'Which invoice is the venue?' }).expect(200);
    answers.push(['resubmit', await t.http().patch(`/api/v1/mdf/claims/${claim.id}`).set('authorization', p.admin.auth).send({ actualSpendCents: 45_000 }).expect(200)]);
    answers.push(['approve', await t.http().post(`/api/v1/mdf/claims/${claim.id}/approve`).set('authorization', team.finance.auth).send({ amountCents: 20_000 }).expect(200)]);
    answers.push(['finance detail after approval', await t.http().get(`/api/v1/mdf/claims/${claim.id}`).set('authorization', team.finance.auth).expect(200)]);

    const keys = [
      ...(await t.db.query<{ key: string }[]>(`SELECT storage_key AS key FROM mdf_files WHERE request_id = $1`, [requestId])).map((r) => r.key),
      (await t.db.query<{ key: string }[]>(`SELECT proof_pack_key AS key FROM mdf_claims WHERE id = $1`, [claim.id]))[0]!.key,
    ];
    expect(keys).toHaveLength(3);
    // The answers were looked at: the claim shows up in each list.
    expect(JSON.stringify(answers.find(([name]) => name === 'finance list')![1].body)).toContain(claim.id);
    expect(answers.map(([name, res]) => [name, leaks(res.body, keys)])).toEqual(answers.map(([name]) => [name, []]));

    const { url } = (await t.http().get(`/api/v1/mdf/claims/${claim.id}/proof-pack`).set('authorization', p.admin.auth).expect(200)).body as { url: string };
    expect(await (await fetch(url)).text()).toContain('<h1>Proof of performance</h1>');
  });

  it('lists the files uploaded but not yet claimed, and deletes one with its stored object', async () => {
    const requestId = await approvedRequest(t, p.admin, team.manager, programId, { requestedCents: 10_000 });
    const kept = await uploadFile(t, p.admin, requestId, 'invoice');
    const removed = await uploadFile(t, p.admin, requestId, 'proof');
    const before = (await listFiles(requestId).expect(200)).body as { items: { id: string; kind: string; url: string; claimId: string | null }[] };
    // Uploaded at the same instant of the test clock: their order is not the point.
    expect(before.items.map((f) => [f.id, f.kind, f.claimId]).sort()).toEqual(
      [
        [kept, 'invoice', null],
        [removed, 'proof', null],
      ].sort(),
    );
    const removedUrl = before.items.find((f) => f.id === removed)!.url;
    expect(Buffer.from(await (await fetch(removedUrl)).arrayBuffer()).equals(PDF)).toBe(true);
    const key = await storageKeyOf(removed);

    await deleteFile(requestId, removed).expect(204);
    expect(await fileRows(removed)).toBe(0);
    expect(await storage().head(key)).toBeNull();
    expect(await fetchStatus(removedUrl)).toBe(404);
    expect(((await listFiles(requestId).expect(200)).body as { items: { id: string }[] }).items.map((f) => f.id)).toEqual([kept]);
    // Deleting it again, or sending a claim with it, finds nothing.
    expect((await deleteFile(requestId, removed).expect(404)).body).toMatchObject({ code: 'NOT_FOUND' });
    expect((await submit(requestId, [kept, removed]).expect(422)).body).toMatchObject({ details: { fields: [{ field: 'fileIds' }] } });
    await submit(requestId, [kept]).expect(201);
  });

  it('keeps the name a file was uploaded under, made safe, ending in what the file really is', async () => {
    const requestId = await approvedRequest(t, p.admin, team.manager, programId, { requestedCents: 10_000 });
    const upload = (filename: string) =>
      t.http().post(`/api/v1/mdf/requests/${requestId}/files?kind=invoice`).set('authorization', p.admin.auth).attach('file', PDF, { filename, contentType: 'application/pdf' }).expect(201);
    const named = (await upload('Facture n°12 (mars).pdf')).body as { id: string; fileName: string | null };
    expect(named.fileName).toBe('Facture_n_12_mars_.pdf');
    // A PDF sent under an image's name is downloaded as a PDF; a path is never kept.
    const misnamed = (await upload('C:\\scans\\receipt.png')).body as { id: string; fileName: string | null };
    expect(misnamed.fileName).toBe('receipt.png.pdf');

    const listed = ((await listFiles(requestId).expect(200)).body as { items: { id: string; fileName: string | null; url: string }[] }).items;
    expect(listed.map((f) => [f.id, f.fileName]).sort()).toEqual(
      [
        [named.id, named.fileName],
        [misnamed.id, 'receipt.png.pdf'],
      ].sort(),
    );
    const download = await fetch(listed.find((f) => f.id === named.id)!.url);
    expect(download.headers.get('content-disposition')).toContain(named.fileName!);
  });

  it('answers 404 to another partner, exactly as for a file that does not exist, and keeps the file', async () => {
    const requestId = await approvedRequest(t, p.admin, team.manager, programId, { requestedCents: 10_000 });
    const fileId = await uploadFile(t, p.admin, requestId);
    const key = await storageKeyOf(fileId);
    const body = (res: Response) => ({ ...(res.body as object), requestId: null });

    const theirs = await deleteFile(requestId, fileId, rivalAdmin).expect(404);
    const nowhere = await deleteFile(randomUUID(), randomUUID(), rivalAdmin).expect(404);
    expect(body(theirs)).toEqual(body(nowhere));
    expect(body(await listFiles(requestId, rivalAdmin).expect(404))).toEqual(body(await listFiles(randomUUID(), rivalAdmin).expect(404)));
    // A file of one request cannot be reached through another of the same partner's requests.
    const otherRequest = await approvedRequest(t, p.admin, team.manager, programId, { requestedCents: 10_000 });
    await deleteFile(otherRequest, fileId).expect(404);
    // Finance reads the files but does not delete them.
    await listFiles(requestId, team.finance).expect(200);
    await deleteFile(requestId, fileId, team.finance).expect(403);

    expect(await fileRows(fileId)).toBe(1);
    expect(await storage().head(key)).not.toBeNull();
    expect(((await listFiles(requestId).expect(200)).body as { items: { id: string }[] }).items.map((f) => f.id)).toEqual([fileId]);
  });

  it('refuses to delete a file a claim was submitted with, until a resubmission leaves it out', async () => {
    const requestId = await approvedRequest(t, p.admin, team.manager, programId, { requestedCents: 10_000 });
    const first = await uploadFile(t, p.admin, requestId);
    const claim = (await submit(requestId, [first]).expect(201)).body as { id: string };
    const key = await storageKeyOf(first);

    const refused = await deleteFile(requestId, first).expect(409);
    expect(refused.body).toMatchObject({ code: 'MDF_FILE_CLAIMED', details: { claimId: claim.id } });
    expect(await fileRows(first)).toBe(1);
    expect(await storage().head(key)).not.toBeNull();
    expect(((await listFiles(requestId).expect(200)).body as { items: unknown[] }).items).toEqual([]);
    const detail = (await t.http().get(`/api/v1/mdf/claims/${claim.id}`).set('authorization', team.finance.auth).expect(200)).body as { files: { id: string; url: string }[] };
    expect(detail.files.map((f) => f.id)).toEqual([first]);
    expect(await fetchStatus(detail.files[0]!.url)).toBe(200);

    // Finance asks for another invoice; the partner replaces the first one, which may then go.
    await t.http().post(`/api/v1/mdf/claims/${claim.id}/request-info`).set('authorization', team.finance.auth).send({ note: 'This is the wrong invoice' }).expect(200);
    await deleteFile(requestId, first).expect(409);
    const second = await uploadFile(t, p.admin, requestId);
    await t.http().patch(`/api/v1/mdf/claims/${claim.id}`).set('authorization', p.admin.auth).send({ fileIds: [second] }).expect(200);
    expect(((await listFiles(requestId).expect(200)).body as { items: { id: string }[] }).items.map((f) => f.id)).toEqual([first]);
    await deleteFile(requestId, first).expect(204);
    expect(await storage().head(key)).toBeNull();
    await deleteFile(requestId, second).expect(409);
  });
});
