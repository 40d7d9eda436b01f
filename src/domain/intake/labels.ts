/**
 * The Chinese names of the application's channels (条例第31条: how the application reached the
 * agency) and of the applicant categories of the annual report (国办公开办函〔2021〕30号, section 三's
 * columns): one list for the web UI, the case file and the report.
 */
export const CHANNEL_LABELS: Readonly<Record<string, string>> = {
  in_person: '当面提交',
  registered_post: '挂号信函（邮政）',
  ordinary_post: '平常信函',
  online: '互联网渠道',
  fax: '传真',
};

export const APPLICANT_CATEGORY_LABELS = {
  natural_person: '自然人',
  commercial: '商业企业',
  research: '科研机构',
  public_interest: '社会公益组织',
  legal_service: '法律服务机构',
  other: '其他',
} as const;
