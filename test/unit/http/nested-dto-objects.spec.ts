/**
 * A nested DTO field (@ValidateNested on a single object) also carries @IsObject: class-validator
 * lets an array through @ValidateNested (it validates each element, none for []), so `{"admin": []}`
 * reached the service and answered 500 (found by test/integration/fuzz-write-endpoints.spec.ts).
 */
import { getMetadataStorage } from 'class-validator';
import * as audit from '../../../src/modules/audit/dto';
import * as auth from '../../../src/modules/auth/dto';
import * as agencies from '../../../src/modules/agencies/dto';
import * as calendar from '../../../src/modules/calendar/dto';
import * as cases from '../../../src/modules/cases/dto';
import * as users from '../../../src/modules/users/dto';

describe('nested DTO objects', () => {
  const classes = [agencies, audit, auth, calendar, cases, users].flatMap((m) => Object.values(m).filter((x): x is new () => object => typeof x === 'function'));

  it('every @ValidateNested single-object field is also @IsObject', () => {
    const storage = getMetadataStorage();
    const missing: string[] = [];
    let nested = 0;
    for (const c of classes) {
      const metas = storage.getTargetValidationMetadatas(c, '', true, false);
      for (const m of metas.filter((x) => x.type === 'nestedValidation' && !x.each)) {
        nested++;
        const hasIsObject = metas.some((x) => x.propertyName === m.propertyName && x.name === 'isObject');
        if (!hasIsObject) missing.push(`${c.name}.${m.propertyName}`);
      }
    }
    expect(nested).toBeGreaterThanOrEqual(6);
    expect(missing).toEqual([]);
  });
});
