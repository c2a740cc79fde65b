import { ContactEntity } from '@app/contacts';
import { PartnerEntity } from '@app/partners';
import { makePartner, makeUser, startTestApp, TestApp, TestUser } from '@app/testing';

interface RowBody {
  row: number;
  outcome: string;
  email: string | null;
  errors: { code: string; field: string | null }[];
}

describe('contacts CSV import', () => {
  let t: TestApp;
  let partner: PartnerEntity;
  let admin: TestUser;

  const upload = (csv: string | Buffer, user: TestUser = admin) =>
    t
      .http()
      .post('/api/v1/contacts/imports')
      .set('Authorization', user.auth)
      .attach('file', typeof csv === 'string' ? Buffer.from(csv) : csv, 'contacts.csv');
  const contactsOf = (partnerId: string) => t.db.getRepository(ContactEntity).find({ where: { partnerId }, order: { emailNormalised: 'ASC' } });

  beforeAll(async () => {
    t = await startTestApp();
    partner = await makePartner(t);
    admin = await makeUser(t, 'partner_admin', { partnerId: partner.id });
  });
  afterAll(() => t.close());

  it('imports the good rows, reports the bad ones with reasons, and updates existing contacts', async () => {
    await t.db.getRepository(ContactEntity).save({ partnerId: partner.id, email: 'old@example.test', emailNormalised: 'old@example.test', firstName: 'Old', consentStatus: 'granted', origin: 'manual', company: 'Keep Ltd' });
    const csv =
      '\uFEFFEmail Address,First Name,last_name,Company,Job Title,Country,Time Zone,Consent Status,Consent Source,Notes\r\n' +
      'Ada@Example.test,Ada,Lovelace,"Analytical, Engines","Countess ""Ada""",GB,Europe/London,granted,webinar,x\r\n' +
      'not-an-email,Bad,Row,,,,,,,\r\n' +
      'bob@example.test,Bob,,,,US,Mars/Olympus,granted,,\r\n' +
      'carol@example.test,Carol,,,,,,maybe,,\r\n' +
      `dave@example.test,${'D'.repeat(101)},,,,,,,,\r\n` +
      'dup@example.test,First,,,,,,pending,,\r\n' +
      '"old@example.test",Olde,,"=HYPERLINK(""http://evil"")",,DE,,,,\r\n' +
      '"eve@example.test","Eve\r\nSecond line",,,,,,unknown,,\r\n' +
      ',,,,,,,,,\r\n' +
      'DUP@example.test ,Last,,,,,,granted,,\r\n';
    const res = await upload(csv);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'completed', totalRows: 9, imported: 3, updated: 1, rejected: 5, ignoredColumns: ['Notes'] });
    const rejected = (res.body.firstRejected as RowBody[]).map((r) => [r.row, r.errors.map((e) => e.code)]);
    expect(rejected).toEqual([
      [3, ['INVALID_EMAIL']],
      [4, ['UNKNOWN_TIME_ZONE']],
      [5, ['BAD_CONSENT']],
      [6, ['TOO_LONG']],
      // Row 11 has the same normalised email: the later row wins, the earlier is reported.
      [7, ['DUPLICATE_IN_FILE']],
    ]);

    const contacts = await contactsOf(partner.id);
    expect(contacts.map((c) => c.emailNormalised)).toEqual(['ada@example.test', 'dup@example.test', 'eve@example.test', 'old@example.test']);
    const [ada, dup, eve, old] = contacts;
    expect(ada).toMatchObject({ email: 'Ada@Example.test', company: 'Analytical, Engines', title: 'Countess "Ada"', country: 'GB', timeZone: 'Europe/London', consentStatus: 'granted', consentSource: 'webinar' });
    expect(dup).toMatchObject({ firstName: 'Last', email: 'DUP@example.test', consentStatus: 'granted' });
    expect(eve).toMatchObject({ firstName: 'Eve\r\nSecond line', consentStatus: 'unknown' });
    // Updated: stated fields overwrite, empty ones and unstated consent keep what was there; formulas stay text.
    expect(old).toMatchObject({ firstName: 'Olde', company: '=HYPERLINK("http://evil")', country: 'DE', consentStatus: 'granted' });

    const report = await t.http().get(`/api/v1/contacts/imports/${res.body.id}`).set('Authorization', admin.auth);
    expect(report.status).toBe(200);
    expect((report.body.rows as RowBody[]).map((r) => [r.row, r.outcome])).toEqual([
      [2, 'imported'],
      [3, 'rejected'],
      [4, 'rejected'],
      [5, 'rejected'],
      [6, 'rejected'],
      [7, 'rejected'],
      [8, 'updated'],
      [9, 'imported'],
      // Row 10 (every cell empty) is a blank line: neither counted nor reported.
      [11, 'imported'],
    ]);
    expect(report.body.rows[4].errors[0]).toMatchObject({ code: 'TOO_LONG', field: 'firstName' });
    expect(report.body.rows[5].errors[0].message).toContain('row 11');
  });

  it('paginates the full report', async () => {
    const lines = ['email'];
    for (let i = 0; i < 7; i++) lines.push(i % 2 ? `bad-${i}` : `p${i}@example.test`);
    const res = await upload(lines.join('\n'));
    expect(res.body).toMatchObject({ totalRows: 7, imported: 4, rejected: 3 });
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await t
        .http()
        .get(`/api/v1/contacts/imports/${res.body.id}`)
        .query({ limit: 3, ...(cursor ? { cursor } : {}) })
        .set('Authorization', admin.auth);
      expect(page.status).toBe(200);
      seen.push(...(page.body.rows as RowBody[]).map((r) => r.row));
      cursor = page.body.nextCursor as string | null;
    } while (cursor);
    expect(seen).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const onlyRejected = await t.http().get(`/api/v1/contacts/imports/${res.body.id}`).query({ outcome: 'rejected' }).set('Authorization', admin.auth);
    expect((onlyRejected.body.rows as RowBody[]).map((r) => r.row)).toEqual([3, 5, 7]);
  });

  it('reads semicolon files and other header spellings', async () => {
    const other = await makePartner(t);
    const user = await makeUser(t, 'partner_user', { partnerId: other.id });
    const res = await upload('E-Mail;Forename;Surname;Organisation;Position;Country Code;TZ;Consent\nsemi@example.test;Sam;Colon;Acme;CTO;france;utc;Granted\n', user);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ imported: 1, rejected: 0, ignoredColumns: [] });
    expect(await contactsOf(other.id)).toEqual([
      expect.objectContaining({ firstName: 'Sam', lastName: 'Colon', company: 'Acme', title: 'CTO', country: 'FR', timeZone: 'UTC', consentStatus: 'granted' }),
    ]);
  });

  it('refuses a file without an email column, naming it', async () => {
    const res = await upload('name,company\nA,B\n');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'IMPORT_NO_EMAIL_COLUMN', details: { fields: [{ field: 'file' }] } });
  });

  it('refuses a file over 5 MB with 413 naming the file field, and writes nothing', async () => {
    const before = (await contactsOf(partner.id)).length;
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 'a');
    big.write('email\nbig@example.test\n');
    const res = await upload(big);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, details: { fields: [{ field: 'file' }] } });
    expect((await contactsOf(partner.id)).length).toBe(before);
  });

  it('refuses more than 50,000 rows with 422, and writes nothing', async () => {
    const before = (await contactsOf(partner.id)).length;
    const rows = ['email'];
    for (let i = 0; i <= 50_000; i++) rows.push(`r${i}@x.test`);
    const res = await upload(rows.join('\n'));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'IMPORT_TOO_MANY_ROWS', details: { fields: [{ field: 'file' }] } });
    expect((await contactsOf(partner.id)).length).toBe(before);
  });

  it('refuses an unterminated quote with the row it starts on', async () => {
    const res = await upload('email,first_name\nok@example.test,"never closed\n');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'IMPORT_UNREADABLE_CSV', details: { row: 2 } });
  });
});
