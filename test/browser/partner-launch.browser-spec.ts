import { BlastService } from '@app/campaigns';
import { AuthService } from '@app/core';
import { DEMO_PASSWORD, DemoSeedService } from '@app/demo';
import { MessageSender } from '@app/mailing';
import { addContact } from '@app/testing';
import { BrowserWorld, browserWorld, screenshot, signIn } from './browser';

const SUITE = 'partner-launch';


describe('portal, as a partner: preview a kit with its own logo, edit, launch, and the email goes out', () => {
  let w: BrowserWorld;
  let bluepeak: { id: string; name: string };

  beforeAll(async () => {
    w = await browserWorld();
    await w.t.get(DemoSeedService).seed();
    bluepeak = (await w.t.db.query<{ id: string; name: string }[]>(`SELECT id, name FROM partners WHERE slug = 'bluepeak-systems'`))[0]!;
    await addContact(w.t, bluepeak.id, 'dana@customer-of-bluepeak.example', { firstName: 'Dana', company: 'Harbour Freight' });
    await addContact(w.t, bluepeak.id, 'eli@customer-of-bluepeak.example', { firstName: 'Eli', company: 'Harbour Freight' });
    const { session } = await w.t.get(AuthService).login('admin@bluepeak-systems.example', DEMO_PASSWORD, '127.0.0.1');
    await w.t.http().post('/api/v1/audiences').set('authorization', `Bearer ${session.token}`).send({ name: 'Customers', filter: {} }).expect(201);
  }, 120_000);
  afterAll(() => w.close());

  it('launches the kit in one click after fixing a field the constraints refuse', async () => {
    const page = await w.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, w, 'admin@bluepeak-systems.example');
    await page.waitForURL(/\/home$/);
    await screenshot(page, SUITE, '01-home');

    await page.getByRole('link', { name: 'Catalog' }).first().click();
    const card = page.getByTestId('kit-card').filter({ hasText: 'Backup 5' });
    await card.getByRole('link').first().click();
    await page.getByTestId('launch-button').waitFor();

    // The email preview is co-branded with BluePeak's own logo.
    const email = page.locator('iframe[title^="Email preview"]').first();
    await email.waitFor();
    await page.waitForFunction(`document.querySelector('iframe[title^="Email preview"]')?.srcdoc.includes('/media/partners/')`);
    expect(await email.getAttribute('srcdoc')).toContain(`/media/partners/${bluepeak.id}/logo-`);
    await screenshot(page, SUITE, '02-kit-preview');

    // A button link outside the allowed domains is refused next to the field.
    const ctaUrl = page.getByTestId('field-product-launch-ctaUrl');
    await ctaUrl.fill('https://www.elsewhere.example/offer');
    const ctaField = page.locator('.field', { has: ctaUrl });
    await ctaField.locator('.field-error').waitFor();
    expect(await ctaField.locator('.field-error').innerText()).toMatch(/acme-cloud\.example/);
    await screenshot(page, SUITE, '03-constraint-error');

    // Fixed, with the partner's own headline, and launched to its audience now.
    await ctaUrl.fill('https://www.acme-cloud.example/backup-5/trial');
    await page.getByTestId('field-product-launch-headline').fill('BluePeak brings you Backup 5');
    await ctaField.locator('.field-error').waitFor({ state: 'detached' });
    await page.getByText('Audience and send time (optional)').click();
    await page.getByTestId('launch-audience').selectOption({ label: 'Customers' });
    // The follow-up's personal note must not stay the placeholder: the launch names it.
    await page.getByTestId('launch-button').click();
    const note = page.getByTestId('field-follow-up-personalNote');
    const noteField = page.locator('.field', { has: note });
    await noteField.locator('.field-error').waitFor();
    expect(await noteField.locator('.field-error').innerText()).toContain('replace the placeholder');
    await screenshot(page, SUITE, '04-launch-blocked');
    await note.fill('Good to see you at the recovery workshop. Here is the playbook; happy to run a restore test with your team.');
    await page.getByTestId('launch-button').click();
    await page.getByTestId('launch-header').waitFor();
    expect(page.url()).toMatch(/\/launches\/[0-9a-f-]{36}$/);
    await screenshot(page, SUITE, '05-launch');

    // The blast reaches the SMTP sink, co-branded and with the edit.
    await w.t.get(BlastService).expandDue();
    await w.t.get(MessageSender).drain();
    const sent = w.t.mail.list().filter((m) => m.to[0]?.endsWith('@customer-of-bluepeak.example'));
    expect(sent.map((m) => m.to[0]).sort()).toEqual(['dana@customer-of-bluepeak.example', 'eli@customer-of-bluepeak.example']);
    expect(sent[0]!.subject).toBe('BluePeak brings you Backup 5');
    expect(sent[0]!.from).toContain(bluepeak.name);
    await page.close();
  });

  it('keeps a partner out of vendor pages typed into the address bar', async () => {
    const page = await w.browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(page, w, 'admin@northwind-it.example');
    await page.waitForURL(/\/home$/);
    await page.goto(`${w.baseUrl}/vendor`);
    await page.getByTestId('forbidden').waitFor();
    expect(await page.getByTestId('forbidden').innerText()).toContain('vendor team');
    await screenshot(page, SUITE, '06-partner-on-vendor-page-phone');
    // The API refuses the vendor's data as well, whatever the page shows.
    const status = await page.evaluate<number>(`fetch('/api/v1/assets', { headers: { authorization: 'Bearer ' + sessionStorage.getItem('channelkit.session') } }).then((r) => r.status)`);
    expect(status).toBe(403);
    await page.close();
  });
});
