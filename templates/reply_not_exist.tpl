#! type: reply_not_exist
#! outcome: not_exist
#! remedy: outcome
#! seal: sealed
# 适用条款：条例第三十六条第（四）项
# 使用时机：经合理检索没有所申请信息的；须写明检索范围、方式和关键词。
# 法律依据、救济条款由系统根据答复类型自动生成（{{citation}}、@remedy），请勿手工改写。
@title {{agency.name}}政府信息公开申请答复书
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{applicant.name}}：
@p 本机关于{{dates.receiptDate}}收到{{submittedText}}政府信息公开申请（案件编号：{{case.caseNumber}}），申请获取“{{case.description}}”。现答复如下：
@p 本机关对您申请的信息进行了检索：{{search}}。经检索，本机关没有您申请公开的信息，该政府信息不存在。根据{{citation}}的规定，现予告知。
@remedy
@p 特此答复。
@signature {{agency.name}}
@date {{dates.issuedOn}}
