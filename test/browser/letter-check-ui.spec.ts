/**
 * The public tracking page's 文书真伪核验 (issue 17): an applicant chooses the PDF they received and
 * is told whether it is a letter the system issued and whether its signature is valid.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { register } from '../support/cases';
import { fetchLetterBytes } from '../support/letters';
import { BrowserRig, describeInBrowser, expectSoundPage, startRig } from './browser-support';

describeInBrowser('web UI: checking a letter on the public tracking page', () => {
  let rig: BrowserRig;
  let dir: string;
  beforeAll(async () => {
    rig = await startRig();
    dir = mkdtempSync(path.join(os.tmpdir(), 'letter-check-'));
  }, 120_000);
  afterAll(async () => {
    if (rig) await rig.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('an issued (signed) receipt checks as authentic; the same file with one byte changed does not', async () => {
    const { page, baseUrl, t } = rig;
    const c = await register(t);
    expect(c.status).toBe(201);
    const receipt = c.body.letters[0] as { id: string; docNumber: string };
    const pdf = await fetchLetterBytes(t, receipt.id);
    const good = path.join(dir, 'receipt.pdf');
    writeFileSync(good, pdf);
    const tampered = Buffer.from(pdf);
    tampered[300] = tampered[300] === 0x30 ? 0x31 : 0x30;
    const bad = path.join(dir, 'receipt-changed.pdf');
    writeFileSync(bad, tampered);

    await page.goto(`${baseUrl}/track`);
    const section = page.getByRole('region', { name: '文书真伪核验' });
    await section.getByLabel('文书 PDF').setInputFiles(good);
    const result = section.getByRole('status', { name: '核验结果' });
    await result.waitFor();
    const text = await result.innerText();
    expect(text).toContain('核验通过');
    expect(text).toContain(receipt.docNumber);
    expect(text).toMatch(/电子签名\s*有效/);
    expect(text).toContain('测试用电子签章');
    await expectSoundPage(rig);

    await section.getByLabel('文书 PDF').setInputFiles(bad);
    await page.getByText('核验未通过').waitFor();
    const after = await section.getByRole('status', { name: '核验结果' }).innerText();
    expect(after).not.toContain(receipt.docNumber);
    expect(after).toContain('无效');
    await expectSoundPage(rig);
  });
});
