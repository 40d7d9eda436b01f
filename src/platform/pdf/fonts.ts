/**
 * The letters' font files, each opened once per process (fontkit) and shared by every PDF that
 * embeds it — the letters (LetterPdfRenderer) and the case file's cover (CaseFileService). A Noto
 * CJK face is 10–15 MB and stays in memory once opened: opened per service, the body and heading
 * faces were held twice (~25 MB more) as soon as a case file was generated, and the cover parsed
 * them again for every case file. pdfkit takes a fontkit font as it is (PDFFontFactory.open) and
 * makes its own subset per document; the font object itself is only read.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { create as openFont } from 'fontkit';

const opened = new Map<string, object>();

/** The font in `file`, opened on first use and the same object afterwards. */
export function sharedFont(file: string): object {
  const key = path.resolve(file);
  let font = opened.get(key);
  if (!font) {
    font = openFont(readFileSync(key));
    opened.set(key, font);
  }
  return font;
}
