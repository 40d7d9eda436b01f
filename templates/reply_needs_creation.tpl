#! type: reply_needs_creation
#! outcome: needs_creation
#! remedy: outcome
#! seal: sealed
# 适用条款：条例第三十八条
# 使用时机：需要对现有政府信息进行加工、分析的。写明本机关作出的决定（不予提供），不照抄条文的“可以”。
# 法律依据、救济条款由系统根据答复类型自动生成（{{citation}}、@remedy），请勿手工改写。
@title {{agency.name}}政府信息公开申请答复书
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{applicant.name}}：
@p 本机关于{{dates.receiptDate}}收到{{submittedText}}政府信息公开申请（案件编号：{{case.caseNumber}}），申请获取“{{case.description}}”。现答复如下：
@p 经审查，本机关没有与您申请内容相对应的现成信息，向您提供该信息需要对现有政府信息进行加工、分析。{{#if reasons}}{{reasons}}。{{/if}}根据{{citation}}的规定，本机关不予提供。
@remedy
@p 特此答复。
@signature {{agency.name}}
@date {{dates.issuedOn}}
