import { parsePdf, type ParsedPdf } from '../unit/letters/pdf-helpers';
import type { TestContext } from './test-app';

/** A final letter's PDF as served by GET /api/v1/letters/:id/pdf to `role`, parsed back (pdfjs). */
export async function fetchLetterPdf(t: TestContext, letterId: string, role = 'legal'): Promise<ParsedPdf> {
  const res = await t.http
    .get(`/api/v1/letters/${letterId}/pdf`)
    .set('authorization', `Bearer ${await t.login(role)}`)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
  if (res.status !== 200) throw new Error(`GET /letters/${letterId}/pdf as ${role}: ${res.status}`);
  return parsePdf(res.body as Buffer);
}

/** The letter's text without page numbers ("— 1 —"), pages joined. */
export async function fetchLetterText(t: TestContext, letterId: string, role = 'legal'): Promise<string> {
  const pdf = await fetchLetterPdf(t, letterId, role);
  return pdf.pages.map((p) => p.items.filter((i) => !/^— \d+ —$/.test(i.str)).map((i) => i.str).join('')).join('');
}
