import notice2025 from './notices/2025.json';
import notice2026 from './notices/2026.json';
import { YearNotice } from './notice';

export * from './iso-date';
export * from './notice';
export * from './working-calendar';

/** The notices that ship with the product (shared/domain/calendar). Later years are loaded as data. */
export const BUILTIN_NOTICES: readonly YearNotice[] = [notice2025, notice2026];
