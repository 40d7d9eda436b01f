/** Every migration, in order. The app, the CLI and the tests all run this list. */
import { Foundation1764660000000 } from './1764660000000-foundation';

export const MIGRATIONS = [Foundation1764660000000];
