import { Injectable } from '@nestjs/common';
import { AppException, notFound } from '../../platform/http-errors/app-exception';
import type { Queryable } from '../../platform/database/queryable';
import { Agency, Department } from './agency';
import { DEFAULT_AGENCY_SETTINGS } from './agency-settings';
import { AgencyRepository } from './agency.repository';
import { UpdateAgencyDto } from './dto';

@Injectable()
export class AgenciesService {
  constructor(private readonly repo: AgencyRepository) {}

  /** Inside a transaction, pass its manager: a second pool connection must never be awaited while one is held. */
  async get(agencyId: string, m?: Queryable): Promise<Agency> {
    const a = await this.repo.findById(agencyId, m);
    if (!a) throw notFound('行政机关不存在');
    a.settings = { ...DEFAULT_AGENCY_SETTINGS, ...a.settings };
    return a;
  }

  async update(agencyId: string, dto: UpdateAgencyDto): Promise<Agency> {
    const a = await this.get(agencyId);
    const { settings, ...fields } = dto;
    const changes = {
      ...fields,
      ...(settings
        ? {
            settings: {
              ...a.settings,
              ...settings,
              docSeries: { ...a.settings.docSeries, ...(settings.docSeries ?? {}) },
            } as Agency['settings'],
          }
        : {}),
    };
    const updated = await this.repo.update(agencyId, changes);
    if (!updated) throw notFound('行政机关不存在');
    updated.settings = { ...DEFAULT_AGENCY_SETTINGS, ...updated.settings };
    return updated;
  }

  /** A new agency with the default settings, in the caller's transaction (platform operator). */
  async create(
    m: Queryable,
    a: { name: string; shortName: string; docPrefix: string; disclosureOfficeName?: string; reconsiderationBody?: string; court?: string },
  ): Promise<Agency> {
    const created = await this.repo.insert(m, {
      name: a.name.trim(),
      shortName: a.shortName.trim(),
      docPrefix: a.docPrefix.trim(),
      disclosureOfficeName: a.disclosureOfficeName?.trim() ?? '',
      reconsiderationBody: a.reconsiderationBody?.trim() ?? '',
      court: a.court?.trim() ?? '',
      settings: DEFAULT_AGENCY_SETTINGS,
    });
    created.settings = { ...DEFAULT_AGENCY_SETTINGS, ...created.settings };
    return created;
  }

  async list(): Promise<Agency[]> {
    const all = await this.repo.list();
    return all.map((a) => ({ ...a, settings: { ...DEFAULT_AGENCY_SETTINGS, ...a.settings } }));
  }

  listDepartments(agencyId: string): Promise<Department[]> {
    return this.repo.departments(agencyId);
  }

  async createDepartment(agencyId: string, name: string): Promise<Department> {
    const trimmed = name.trim();
    if (await this.repo.departmentNamed(agencyId, trimmed)) {
      throw new AppException(409, 'DEPARTMENT_EXISTS', `承办部门“${trimmed}”已存在`);
    }
    return this.repo.insertDepartment(agencyId, trimmed);
  }

  /** A department of the caller's agency, or 404 (never another agency's). */
  async departmentOf(agencyId: string, departmentId: string, m?: Queryable): Promise<Department> {
    const d = await this.repo.department(agencyId, departmentId, m);
    if (!d) throw notFound('承办部门不存在');
    return d;
  }
}
