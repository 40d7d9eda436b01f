/**
 * Regenerates docs/letters/<type>.png (needs poppler-utils: pdftoppm). Not used by tests.
 *   node -r @swc-node/register docs/letters/generate-previews.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TemplateLoader } from '../../src/domain/letters';
import { LetterPdfRenderer } from '../../src/platform/pdf';
import { sampleContext } from '../../test/unit/letters/fixtures';

async function main(): Promise<void> {
  const loader = new TemplateLoader();
  const renderer = new LetterPdfRenderer();
  const tmp = mkdtempSync(join(tmpdir(), 'letters-'));
  for (const type of loader.types()) {
    const pdf = join(tmp, `${type}.pdf`);
    writeFileSync(pdf, await renderer.render(loader.render(type, sampleContext(type))));
    execFileSync('pdftoppm', ['-r', '60', '-png', '-singlefile', pdf, join(__dirname, type)]);
  }
  // a draft preview (watermark, no 文号)
  const draft = join(tmp, 'draft.pdf');
  writeFileSync(draft, await renderer.render(loader.render('reply_not_exist', { ...sampleContext('reply_not_exist'), docNumber: null }), { draft: true }));
  execFileSync('pdftoppm', ['-r', '60', '-png', '-singlefile', draft, join(__dirname, 'draft_reply_not_exist')]);
}

void main();
