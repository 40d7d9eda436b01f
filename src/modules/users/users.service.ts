import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ROLES, type Role } from '../../domain/workflow/roles';
import type { AuthUser } from '../../platform/auth/auth-user';
import { APP_CONFIG, AppConfig } from '../../platform/config/config';
import { AppException, badRequest, conflict, notFound } from '../../platform/http-errors/app-exception';
import { AgenciesService } from '../agencies/agencies.service';
import { CreateAgencyDto, CreateUserDto, ResetPasswordDto, UpdateUserDto } from './dto';
import type { Agency } from '../agencies/agency';
import type { Queryable } from '../../platform/database/queryable';
import { hashPassword } from './passwords';
import { User } from './user';
import { UserChanges, UserRepository } from './user.repository';
import { UUID } from '../../platform/ids';

export type PublicUser = User;

const userNotFound = () => notFound('用户不存在');
const usernameTaken = (username: string) => new AppException(409, 'USERNAME_TAKEN', `用户名“${username}”已被使用`);
/** Roles in the order of ROLES, each once. */
const normalRoles = (roles: Role[]): Role[] => ROLES.filter((r) => roles.includes(r));

/**
 * 用户管理 within the admin's own agency. Every change an admin makes to a user (roles, active,
 * display name, password) ends that user's sessions in the same transaction and is recorded in
 * user_admin_events; the session check reads the user row on every request, so the next request
 * with an old token is answered 401.
 */
@Injectable()
export class UsersService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly users: UserRepository,
    private readonly agencies: AgenciesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  list(agencyId: string): Promise<User[]> {
    return this.users.list(agencyId, this.config.loginLockSeconds);
  }

  async create(agencyId: string, dto: CreateUserDto, actor?: AuthUser): Promise<User> {
    if (dto.departmentId) await this.agencies.departmentOf(agencyId, dto.departmentId);
    if (await this.users.usernameTaken(dto.username)) throw usernameTaken(dto.username);
    const passwordHash = await hashPassword(dto.password);
    return this.db.transaction((m) => this.insertUser(m, agencyId, { ...dto, passwordHash }, actor));
  }

  /**
   * 平台管理员: a new agency and its first admin in one transaction (the agency's other fields are
   * set later by that admin). The operator's act is recorded in user_admin_events of the new agency.
   */
  async createAgency(actor: AuthUser, dto: CreateAgencyDto): Promise<{ agency: Agency; admin: User }> {
    if (await this.users.usernameTaken(dto.admin.username)) throw usernameTaken(dto.admin.username);
    const passwordHash = await hashPassword(dto.admin.password);
    try {
      return await this.db.transaction(async (m) => {
        const agency = await this.agencies.create(m, dto);
        const admin = await this.insertUser(
          m,
          agency.id,
          { username: dto.admin.username, displayName: dto.admin.displayName ?? '系统管理员', roles: ['admin'], passwordHash },
          actor,
        );
        return { agency, admin };
      });
    } catch (e) {
      // Two operators took the same username at once: the unique index decided.
      if ((e as { code?: string }).code === '23505') throw usernameTaken(dto.admin.username);
      throw e;
    }
  }

  private async insertUser(
    m: Queryable,
    agencyId: string,
    u: { username: string; displayName: string; roles: Role[]; departmentId?: string; passwordHash: string },
    actor?: AuthUser,
  ): Promise<User> {
    const user = await this.users.insert(
      {
        agencyId,
        departmentId: u.departmentId ?? null,
        username: u.username,
        displayName: u.displayName.trim(),
        passwordHash: u.passwordHash,
        roles: normalRoles(u.roles),
      },
      m,
    );
    if (actor) {
      await this.users.recordAdminEvent(m, {
        agencyId,
        userId: user.id,
        actorId: actor.id,
        action: 'create',
        changes: { username: user.username, displayName: user.displayName, roles: user.roles, departmentId: user.departmentId },
        sessionsEnded: 0,
      });
    }
    return user;
  }

  async update(actor: AuthUser, id: string, dto: UpdateUserDto): Promise<User> {
    if (dto.active === undefined && dto.roles === undefined && dto.displayName === undefined && dto.departmentId === undefined) {
      throw badRequest('提交的数据有误：请至少修改 active、roles、displayName、departmentId 中的一项');
    }
    if (!UUID.test(id)) throw userNotFound();
    const self = id === actor.id;
    if (self && dto.active === false) throw conflict('CANNOT_DEACTIVATE_SELF', '不能停用自己的账户，请由其他系统管理员操作');
    if (self && dto.roles && !dto.roles.includes('admin')) {
      throw conflict('CANNOT_REMOVE_OWN_ADMIN', '不能取消自己的系统管理员角色，请由其他系统管理员操作');
    }
    if (dto.departmentId) await this.agencies.departmentOf(actor.agencyId, dto.departmentId);
    return this.db.transaction(async (m) => {
      const before = await this.users.lockForChange(m, actor.agencyId, id);
      if (!before) throw userNotFound();
      const next: UserChanges = {
        active: dto.active,
        roles: dto.roles && normalRoles(dto.roles),
        displayName: dto.displayName?.trim(),
        departmentId: dto.departmentId,
      };
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (next.active !== undefined && next.active !== before.active) changes.active = { from: before.active, to: next.active };
      if (next.roles && next.roles.join() !== before.roles.join()) changes.roles = { from: before.roles, to: next.roles };
      if (next.displayName !== undefined && next.displayName !== before.displayName) {
        changes.displayName = { from: before.displayName, to: next.displayName };
      }
      if (next.departmentId !== undefined && next.departmentId !== before.departmentId) {
        changes.departmentId = { from: before.departmentId, to: next.departmentId };
      }
      await this.users.update(m, id, next);
      // Their own change keeps the admin's current session; anyone else's ends all of theirs.
      const sessionsEnded = await this.users.endSessions(m, id, self ? actor.sessionId : undefined);
      await this.users.recordAdminEvent(m, { agencyId: actor.agencyId, userId: id, actorId: actor.id, action: 'update', changes, sessionsEnded });
      return (await this.users.one(m, actor.agencyId, id, this.config.loginLockSeconds))!;
    });
  }

  async resetPassword(actor: AuthUser, id: string, dto: ResetPasswordDto): Promise<void> {
    if (!UUID.test(id)) throw userNotFound();
    const hash = await hashPassword(dto.password);
    await this.db.transaction(async (m) => {
      if (!(await this.users.lockForChange(m, actor.agencyId, id))) throw userNotFound();
      await this.users.setPassword(m, id, hash);
      const sessionsEnded = await this.users.endSessions(m, id, id === actor.id ? actor.sessionId : undefined);
      await this.users.recordAdminEvent(m, {
        agencyId: actor.agencyId,
        userId: id,
        actorId: actor.id,
        action: 'password_reset',
        changes: {},
        sessionsEnded,
      });
    });
  }
}
