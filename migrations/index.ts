/** Every migration, in order. The app, the CLI and the tests all run this list. */
import { Foundation1764660000000 } from './1764660000000-foundation';
import { Calendar1764660100000 } from './1764660100000-calendar';
import { Cases1764660200000 } from './1764660200000-cases';

export const MIGRATIONS = [Foundation1764660000000, Calendar1764660100000, Cases1764660200000];
