import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { AppException, notFound } from '../../platform/http-errors/app-exception';
import { Agency } from './agency.entity';
import { DEFAULT_AGENCY_SETTINGS } from './agency-settings';
import { Department } from './department.entity';
import { UpdateAgencyDto } from './dto';

@Injectable()
export class AgenciesService {
  constructor(
    @InjectRepository(Agency) private readonly agencies: Repository<Agency>,
    @InjectRepository(Department) private readonly departments: Repository<Department>,
  ) {}

  /** Inside a transaction, pass its manager: a second pool connection must never be awaited while one is held. */
  async get(agencyId: string, m?: EntityManager): Promise<Agency> {
    const repo = m ? m.getRepository(Agency) : this.agencies;
    const a = await repo.findOneBy({ id: agencyId });
    if (!a) throw notFound('行政机关不存在');
    a.settings = { ...DEFAULT_AGENCY_SETTINGS, ...a.settings };
    return a;
  }

  async update(agencyId: string, dto: UpdateAgencyDto): Promise<Agency> {
    const a = await this.get(agencyId);
    const { settings, ...fields } = dto;
    Object.assign(a, fields);
    if (settings) {
      a.settings = {
        ...a.settings,
        ...settings,
        docSeries: { ...a.settings.docSeries, ...(settings.docSeries ?? {}) },
      } as Agency['settings'];
    }
    return this.agencies.save(a);
  }

  listDepartments(agencyId: string): Promise<Department[]> {
    return this.departments.find({ where: { agencyId }, order: { name: 'ASC' } });
  }

  async createDepartment(agencyId: string, name: string): Promise<Department> {
    const trimmed = name.trim();
    if (await this.departments.findOneBy({ agencyId, name: trimmed })) {
      throw new AppException(409, 'DEPARTMENT_EXISTS', `承办部门“${trimmed}”已存在`);
    }
    return this.departments.save(this.departments.create({ agencyId, name: trimmed }));
  }

  /** A department of the caller's agency, or 404 (never another agency's). */
  async departmentOf(agencyId: string, departmentId: string): Promise<Department> {
    const d = await this.departments.findOneBy({ id: departmentId, agencyId });
    if (!d) throw notFound('承办部门不存在');
    return d;
  }
}
