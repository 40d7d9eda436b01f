/**
 * Issue 18 in Chromium: on the case page the handler uploads a record, sees its page thumbnails,
 * draws a region over a line of text with the mouse, names its ground and reason, and previews the
 * released copy; the released PDF fetched as the browser fetches it has no text under the region
 * (pdfjs, and pdftotext where installed) while the rest of the page and the other page keep theirs.
 * The approver sees the same documents and regions, without the controls to change them.
 */
import { act, departmentId, register } from '../support/cases';
import { hasPdftotext, INSIDE, OTHER_PAGE, pdfjsRead, pdftotext, textPdf } from '../support/redaction-fixtures';
import { BrowserRig, describeInBrowser, expectSoundPage, screenshot, signIn, signOut, startRig } from './browser-support';

jest.setTimeout(120_000);

describeInBrowser('documents and redaction in Chromium (附件与遮盖)', () => {
  let rig: BrowserRig;
  let c: any;
  let pdfBytes: Buffer;

  beforeAll(async () => {
    rig = await startRig();
    const t = rig.t;
    c = (await register(t)).body;
    c = (await act(t, 'clerk', c, 'accept', { occurredOn: '2026-02-13' })).body;
    c = (await act(t, 'clerk', c, 'assign', { departmentId: await departmentId(t), occurredOn: '2026-02-16' })).body;
    pdfBytes = await textPdf(2);
  }, 180_000);
  afterAll(async () => rig?.close());

  it('the handler uploads, draws a region with the mouse, names its ground and previews the released copy', async () => {
    const { page, baseUrl } = rig;
    await signIn(rig, 'handler');
    await page.waitForLoadState('networkidle');
    await page.goto(`${baseUrl}/cases/${c.id}`);
    const panel = page.locator('section.documents');
    await panel.getByText('尚无附件。').waitFor();
    await page.waitForLoadState('networkidle'); // the case page settled (the panel is not mounted again under the input)
    // the file's bytes handed to the input (a path would be read by the browser process)
    await panel.locator('[data-test=doc-upload]').setInputFiles({ name: '检索结果.pdf', mimeType: 'application/pdf', buffer: pdfBytes });
    await panel.getByRole('button', { name: /检索结果\.pdf（2页，遮盖 0 处）/ }).waitFor();
    const thumbs = panel.getByRole('navigation', { name: '页面缩略图' });
    await thumbs.getByRole('button', { name: '第2页' }).waitFor();
    // the thumbnails are real images of the pages
    const thumb = thumbs.getByRole('img', { name: '第1页' });
    await thumb.scrollIntoViewIfNeeded(); // loading="lazy": fetched once on screen
    await page.waitForFunction((el: any) => el.complete && el.naturalWidth > 0, await thumb.elementHandle());

    // INSIDE is at (100, 100) pt, 14 pt high; the view is 560 px wide for 595 pt
    const view = panel.getByRole('img', { name: '检索结果.pdf 第1页' });
    await view.waitFor();
    const box = (await view.boundingBox())!;
    const s = box.width / 595.28;
    await page.mouse.move(box.x + 90 * s, box.y + 90 * s);
    await page.mouse.down();
    await page.mouse.move(box.x + 250 * s, box.y + 110 * s, { steps: 5 });
    await page.mouse.move(box.x + 350 * s, box.y + 125 * s, { steps: 5 });
    await page.mouse.up();
    await panel.locator('[data-test=region-ground]').selectOption({ index: 1 });
    await panel.locator('[data-test=region-reason]').fill('涉及个人信息，依法不予公开');
    await panel.locator('[data-test=region-save]').click();
    await panel.getByRole('button', { name: /检索结果\.pdf（2页，遮盖 1 处）/ }).waitFor();
    await panel.getByText('涉及个人信息，依法不予公开').first().waitFor();

    await panel.locator('[data-test=show-released]').check();
    const released = panel.getByRole('img', { name: '检索结果.pdf 第1页' });
    await page.waitForFunction((el: any) => el.complete && el.naturalWidth > 0, await released.elementHandle());
    await screenshot(rig, 'documents-redaction');

    // the released copy, as the link in the panel serves it to the signed-in browser
    const href = await panel.locator('[data-test=released-link]').first().getAttribute('href');
    const res = await page.request.get(`${baseUrl}${href}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('application/pdf');
    const pdf = Buffer.from(await res.body());
    const read = await pdfjsRead(pdf);
    expect(read.pages).toHaveLength(2);
    expect(read.pages[0]).not.toContain(INSIDE);
    expect(read.pages[1]).toContain(OTHER_PAGE);
    if (hasPdftotext() || process.env.CI) {
      expect(pdftotext(pdf, 1)).not.toContain(INSIDE);
      expect(pdftotext(pdf, 2)).toContain(OTHER_PAGE);
    }
    await expectSoundPage(rig);
  });

  it('the approver sees the documents and the regions, but no control to change them', async () => {
    const { page, baseUrl } = rig;
    await signOut(rig);
    await signIn(rig, 'approver');
    await page.waitForLoadState('networkidle');
    await page.goto(`${baseUrl}/cases/${c.id}`);
    const panel = page.locator('section.documents');
    await panel.getByRole('button', { name: /检索结果\.pdf（2页，遮盖 1 处）/ }).waitFor();
    await panel.getByText('涉及个人信息，依法不予公开').first().waitFor();
    expect(await panel.locator('[data-test=doc-upload]').count()).toBe(0);
    expect(await panel.getByRole('button', { name: '撤销' }).count()).toBe(0);
    await expectSoundPage(rig);
  });
});
