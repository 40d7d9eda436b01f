#! type: reply_special_law
#! outcome: special_law
#! remedy: outcome
#! seal: sealed
# 适用条款：条例第三十六条第（七）项
# 使用时机：法律、行政法规对信息的获取有特别规定的（如工商登记、不动产登记资料查询）。
# 法律依据、救济条款由系统根据答复类型自动生成（{{citation}}、@remedy），请勿手工改写。
@title {{agency.name}}政府信息公开申请答复书
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{applicant.name}}：
@p 本机关于{{dates.receiptDate}}收到{{submittedText}}政府信息公开申请（案件编号：{{case.caseNumber}}），申请获取“{{case.description}}”。现答复如下：
@p 您申请获取的信息，{{specialLaw.law}}对其获取有特别规定。根据{{citation}}的规定，请您依照{{specialLaw.law}}的规定，向{{specialLaw.office}}办理。
@remedy
@p 特此答复。
@signature {{agency.name}}
@date {{dates.issuedOn}}
