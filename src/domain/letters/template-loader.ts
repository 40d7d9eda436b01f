/** Reads letter templates from templates/ by type key (node:fs; cached per process). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { LetterContext } from './context';
import { renderTemplate, type LetterDocument } from './template-engine';

/** The project's templates/ folder, found upwards from here (works from src/ and from dist/src/). */
function findTemplateDir(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, 'templates');
    if (existsSync(join(candidate, 'receipt.tpl'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return resolve(__dirname, '../../../templates');
    dir = parent;
  }
}

export const DEFAULT_TEMPLATE_DIR = findTemplateDir();

export class TemplateLoader {
  private readonly cache = new Map<string, string>();
  constructor(private readonly dir: string = process.env.LETTER_TEMPLATE_DIR ?? DEFAULT_TEMPLATE_DIR) {}

  /** All type keys (file names without .tpl). */
  types(): string[] {
    return readdirSync(this.dir)
      .filter((f) => f.endsWith('.tpl'))
      .map((f) => f.slice(0, -4))
      .sort();
  }

  load(type: string): string {
    if (!/^[a-z_]+$/.test(type)) throw new Error(`invalid template type "${type}"`);
    let text = this.cache.get(type);
    if (text === undefined) {
      try {
        text = readFileSync(join(this.dir, `${type}.tpl`), 'utf8');
      } catch {
        throw new Error(`no letter template for type "${type}" in ${this.dir}`);
      }
      this.cache.set(type, text);
    }
    return text;
  }

  render(type: string, ctx: LetterContext): LetterDocument {
    return renderTemplate(this.load(type), ctx);
  }
}
