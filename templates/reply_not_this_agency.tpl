#! type: reply_not_this_agency
#! outcome: not_this_agency
#! remedy: outcome
#! seal: sealed
# 适用条款：条例第三十六条第（五）项
# 使用时机：所申请信息不属于本机关负责公开的；告知负责公开机关的名称和联系方式（competentAgency、competentAgencyContact 必填，缺少时办理意见被拒绝并指明字段）。
# 法律依据、救济条款由系统根据答复类型自动生成（{{citation}}、@remedy），请勿手工改写。
@title {{agency.name}}政府信息公开申请答复书
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{applicant.name}}：
@p 本机关于{{dates.receiptDate}}收到{{submittedText}}政府信息公开申请（案件编号：{{case.caseNumber}}），申请获取“{{case.description}}”。现答复如下：
@p 经审查，您申请获取的信息不属于本机关负责公开。{{reasons}}。根据{{citation}}的规定，该信息的负责公开机关为{{competentAgency.name}}，联系方式：{{competentAgency.contact}}，请您向其提出申请。
@remedy
@p 特此答复。
@signature {{agency.name}}
@date {{dates.issuedOn}}
