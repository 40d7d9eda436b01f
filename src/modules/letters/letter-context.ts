/**
 * The letters' facts live in src/domain/letters/case-letters.ts (pure); the agency entity fits
 * its LetterAgency shape.
 */
export * from '../../domain/letters/case-letters';
