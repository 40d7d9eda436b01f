import { Injectable } from '@nestjs/common';
import type { ApprovalStep } from '../../domain/workflow/types';
import { AppException, badRequest, notFound } from '../../platform/http-errors/app-exception';
import type { Queryable } from '../../platform/database/queryable';
import { Agency, Department } from './agency';
import { APPROVAL_STEP_ROLES, DEFAULT_AGENCY_SETTINGS } from './agency-settings';
import { AgencyRepository } from './agency.repository';
import { ApprovalStepDto, UpdateAgencyDto } from './dto';

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
    if (settings?.approvalChain) {
      settings.approvalChain = await this.checkedApprovalChain(agencyId, settings.approvalChain);
    }
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

  /**
   * The approval chain as stored: each step names an active approver of the agency, or, naming no
   * one, a role that may approve (a step only a nonexistent role could approve would leave every
   * reply stuck in 报批).
   */
  private async checkedApprovalChain(agencyId: string, chain: ApprovalStepDto[]): Promise<ApprovalStep[]> {
    const ids = chain.map((s) => s.approverId).filter((id): id is string => !!id);
    const approvers = await this.repo.activeApprovers(agencyId, ids);
    const problems: { field: string; message: string }[] = [];
    chain.forEach((s, i) => {
      const field = `settings.approvalChain.${i}`;
      if (s.approverId && !approvers.has(s.approverId)) {
        problems.push({ field: `${field}.approverId`, message: `第 ${i + 1} 级审批人不是本机关在用的审批人` });
      } else if (!s.approverId && !(APPROVAL_STEP_ROLES as readonly string[]).includes(s.step)) {
        problems.push({ field: `${field}.step`, message: `第 ${i + 1} 级未指定审批人时，环节须为 approver（任一审批人）或 legal（法制审核人员）` });
      }
    });
    if (problems.length) throw badRequest(`提交的数据有误：${problems.map((p) => p.message).join('；')}`, problems);
    return chain.map((s) => ({ step: s.step.trim(), ...(s.approverId ? { approverId: s.approverId } : {}) }));
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
