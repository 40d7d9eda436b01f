import { Agency } from '../../modules/agencies/agency.entity';
import { Department } from '../../modules/agencies/department.entity';
import { Session } from '../../modules/auth/session.entity';
import { User } from '../../modules/users/user.entity';

/** Every TypeORM entity. The schema itself comes only from migrations/ (never synchronize). */
export const ENTITIES = [Agency, Department, User, Session];
