import { AgencySettings } from './agency-settings';

/** 行政机关 — the tenant (table agencies). */
export interface Agency {
  id: string;
  name: string;
  shortName: string;
  /** 文号 prefix, e.g. "某某公开" → 某某公开〔2026〕12号. */
  docPrefix: string;
  /** 政府信息公开工作机构 */
  disclosureOfficeName: string;
  disclosureOfficePhone: string | null;
  disclosureOfficeEmail: string | null;
  address: string | null;
  postalCode: string | null;
  phone: string | null;
  /** 复议机关 named in remedy clauses (行政复议法第24条). */
  reconsiderationBody: string;
  /** 人民法院 named in remedy clauses. */
  court: string;
  settings: AgencySettings;
  createdAt: Date;
  updatedAt: Date;
}

/** 承办部门 — belongs to one agency (table departments). */
export interface Department {
  id: string;
  agencyId: string;
  name: string;
  createdAt: Date;
}
