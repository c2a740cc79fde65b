import { DemoSeedService } from '@app/demo';
import { BrowserWorld, browserWorld, screenshot, signIn } from './browser';

const SUITE = 'vendor-authoring';
/** The body line the broken variable goes on: well inside the seeded product-launch email. */
const BROKEN_LINE = 11;

describe('portal, as a vendor marketer: a template refused with its line, fixed and published; the dashboard as charts and tables', () => {
  let w: BrowserWorld;
  let templateId: string;

  beforeAll(async () => {
    w = await browserWorld();
    await w.t.get(DemoSeedService).seed();
    templateId = (await w.t.db.query<{ id: string }[]>(`SELECT id FROM templates WHERE key = 'product-launch'`))[0]!.id;
  }, 120_000);
  afterAll(() => w.close());

  it('lists the publish error by line, puts the cursor on that line, and publishes once fixed', async () => {
    const page = await w.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, w, 'marketer@acme-cloud.example');
    await page.waitForURL(/\/vendor$/);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Templates' }).click();
    await page.getByRole('heading', { level: 1, name: 'Templates' }).waitFor();
    const row = page.getByTestId(`template-row-${templateId}`);
    await row.getByText('published').waitFor();
    await screenshot(page, SUITE, '01-templates');

    await row.getByRole('link').click();
    const bodyArea = page.getByTestId('template-body');
    await bodyArea.waitFor();
    expect(await page.getByTestId('template-version-state').innerText()).toContain('Version 1 is published');
    const original = await bodyArea.inputValue();
    const lines = original.split('\n');
    expect(lines.length).toBeGreaterThan(BROKEN_LINE);

    // An unknown variable on a known line: the API refuses it and says where.
    lines[BROKEN_LINE - 1] = `${lines[BROKEN_LINE - 1]!} {{notDeclared}}`;
    await bodyArea.fill(lines.join('\n'));
    await page.getByTestId('publish-template').click();
    const problem = page.getByTestId(`publish-error-line-${BROKEN_LINE}`);
    await problem.waitFor();
    const listed = page.getByTestId('publish-problems');
    expect(await listed.innerText()).toMatch(/notDeclared" is used but not declared/);
    // Only the broken line is listed; nothing else about the template was wrong.
    expect(await listed.locator('[data-testid^="publish-error-line-"]').count()).toBe(1);
    await screenshot(page, SUITE, '02-publish-refused');

    // A click on the problem puts the cursor on that line of the body.
    await problem.click();
    const caret = await page.evaluate<{ focused: boolean; line: number; selected: string }>(`(() => {
      const el = document.querySelector('[data-testid="template-body"]');
      return {
        focused: document.activeElement === el,
        line: el.value.slice(0, el.selectionStart).split('\\n').length,
        selected: el.value.slice(el.selectionStart, el.selectionEnd),
      };
    })()`);
    expect(caret.focused).toBe(true);
    expect(caret.line).toBe(BROKEN_LINE);
    expect(caret.selected).toContain('{{notDeclared}}');
    expect(await page.locator('#template-body-position').innerText()).toBe(`Line ${BROKEN_LINE}, column 1`);
    await screenshot(page, SUITE, '03-cursor-on-line');

    // Fixed: the draft (saved by the refused publish) goes live as version 2.
    await bodyArea.fill(original);
    await page.getByTestId('publish-template').click();
    await page.getByTestId('template-version-state').filter({ hasText: 'Version 2 is published' }).waitFor();
    expect(await page.getByTestId('publish-problems').count()).toBe(0);
    await screenshot(page, SUITE, '04-published');
    const stored = await w.t.db.query<{ version: number; body: string }[]>(
      `SELECT version, body FROM template_versions WHERE template_id = $1 AND published_at IS NOT NULL ORDER BY version DESC LIMIT 1`,
      [templateId],
    );
    expect(stored[0]!.version).toBe(2);
    expect(stored[0]!.body).not.toContain('notDeclared');
    await page.close();
  });

  it('finds templates and kits by name and status, each row saying where it stands', async () => {
    const page = await w.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, w, 'marketer@acme-cloud.example');
    await page.waitForURL(/\/vendor$/);

    await page.goto(`${w.baseUrl}/vendor/templates`);
    await page.getByRole('heading', { level: 1, name: 'Templates' }).waitFor();
    const templateRows = page.locator('[data-testid^="template-row-"]');
    await templateRows.first().waitFor();
    // The API searches: one request answers the row, its status and its version.
    await page.getByRole('searchbox', { name: 'Search' }).fill('webinar');
    await page.getByTestId('template-count').filter({ hasText: /^1 template$/ }).waitFor();
    const webinar = templateRows.first();
    expect(await webinar.getByRole('link').innerText()).toMatch(/^Webinar invitation/);
    expect(await webinar.getByText('published').count()).toBe(1);
    expect(await webinar.locator('td.num').innerText()).toBe('v1');
    await page.getByTestId('template-status-filter').selectOption('draft');
    await page.getByText('No template matches “webinar” with these filters.').waitFor();
    expect(await templateRows.count()).toBe(0);
    await page.getByTestId('template-status-filter').selectOption('published');
    await page.getByTestId('template-count').filter({ hasText: /^1 template$/ }).waitFor();
    await screenshot(page, SUITE, '05-templates-search');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Kits' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kits' }).waitFor();
    const kitRows = page.locator('[data-testid^="kit-row-"]');
    await page.getByRole('searchbox', { name: 'Search' }).fill('backup-5-launch');
    await page.getByTestId('kit-count').filter({ hasText: /^1 kit$/ }).waitFor();
    expect(await kitRows.first().getByRole('link').innerText()).toBe('Acme Cloud Backup 5 launch');
    expect(await kitRows.first().locator('td.num').innerText()).toBe('v1');
    await page.getByTestId('kit-status-filter').selectOption('retired');
    await page.getByText('No kit matches these filters.').waitFor();
    await page.getByTestId('kit-status-filter').selectOption('published');
    await page.getByTestId('kit-count').filter({ hasText: /^1 kit$/ }).waitFor();
    await screenshot(page, SUITE, '06-kits-search');
    await page.close();
  });

  it('shows the program dashboard as charts, and the same numbers as a table on request', async () => {
    const page = await w.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, w, 'marketer@acme-cloud.example');
    await page.waitForURL(/\/vendor$/);
    await page.getByTestId('vendor-dashboard').waitFor();

    // The charts draw (recharts renders SVG once the lazy chunk and the data have arrived).
    for (const name of ['adoption', 'clicks-leads', 'funnel']) {
      const card = page.getByTestId(`chart-${name}`);
      await card.locator('.chart svg.recharts-surface').first().waitFor();
    }
    const adoption = page.getByTestId('chart-adoption');
    // Northwind IT launched the published kit: at least one launched bar and a summary that says so.
    expect(await adoption.locator('.chart-summary').innerText()).toMatch(/[1-9]\d* of \d+ eligible partners launched/);
    expect(await adoption.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('chart-clicks-leads').locator('.recharts-line').count()).toBe(3);
    await screenshot(page, SUITE, '07-dashboard-charts');

    // "Show as table" swaps the drawing for a table of the same numbers, and back.
    const toggle = adoption.getByRole('button', { name: 'Show as table' });
    await toggle.click();
    const table = adoption.getByRole('table', { name: 'Adoption by tier' });
    await table.waitFor();
    expect(await adoption.locator('.chart svg').count()).toBe(0);
    expect(await table.getByRole('columnheader').allInnerTexts()).toEqual(['Tier', 'Eligible partners', 'Launched', 'Adoption']);
    const launched = await table.locator('tbody tr > :nth-child(3)').allInnerTexts();
    expect(launched.reduce((s, n) => s + Number(n), 0)).toBeGreaterThan(0);
    expect(await adoption.getByRole('button', { name: 'Show as chart' }).getAttribute('aria-pressed')).toBe('true');

    const clicks = page.getByTestId('chart-clicks-leads');
    await clicks.getByRole('button', { name: 'Show as table' }).click();
    const weeks = clicks.getByRole('table', { name: 'Clicks and leads per week' });
    await weeks.waitFor();
    // The default range is 12 weeks: one row per week.
    expect(await weeks.locator('tbody tr').count()).toBe(12);
    await screenshot(page, SUITE, '08-dashboard-tables');

    await adoption.getByRole('button', { name: 'Show as chart' }).click();
    await adoption.locator('.chart svg.recharts-surface').first().waitFor();
    await page.close();
  });
});
