import { parsePdf, type ParsedPdf } from '../unit/letters/pdf-helpers';
import type { TestContext } from './test-app';

/** GET `url` as `role` with the body kept as bytes (PDFs, images). */
export async function getBytes(t: TestContext, url: string, role = 'legal') {
  return t.http
    .get(url)
    .set('authorization', `Bearer ${await t.login(role)}`)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
}

/** A final letter's bytes exactly as served by GET /api/v1/letters/:id/pdf to `role`. */
export async function fetchLetterBytes(t: TestContext, letterId: string, role = 'legal'): Promise<Buffer> {
  const res = await getBytes(t, `/api/v1/letters/${letterId}/pdf`, role);
  if (res.status !== 200) throw new Error(`GET /letters/${letterId}/pdf as ${role}: ${res.status}`);
  return res.body as Buffer;
}

/** A final letter's PDF as served by GET /api/v1/letters/:id/pdf to `role`, parsed back (pdfjs). */
export async function fetchLetterPdf(t: TestContext, letterId: string, role = 'legal'): Promise<ParsedPdf> {
  return parsePdf(await fetchLetterBytes(t, letterId, role));
}

/** The letter's text without page numbers ("— 1 —"), pages joined. */
export async function fetchLetterText(t: TestContext, letterId: string, role = 'legal'): Promise<string> {
  const pdf = await fetchLetterPdf(t, letterId, role);
  return pdf.pages.map((p) => p.items.filter((i) => !/^— \d+ —$/.test(i.str)).map((i) => i.str).join('')).join('');
}
