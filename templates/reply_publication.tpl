#! type: reply_publication
#! outcome: publication
#! remedy: outcome
#! seal: sealed
# 适用条款：条例第三十九条第二款
# 使用时机：申请获取公开出版物的；告知获取途径。
# 法律依据、救济条款由系统根据答复类型自动生成（{{citation}}、@remedy），请勿手工改写。
@title {{agency.name}}政府信息公开申请答复书
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{applicant.name}}：
@p 本机关于{{dates.receiptDate}}收到{{submittedText}}政府信息公开申请（案件编号：{{case.caseNumber}}），申请获取“{{case.description}}”。现答复如下：
@p 经审查，您申请获取的信息属于公开出版物。根据{{citation}}的规定，现告知您获取途径如下：{{publicationSource}}。
@remedy
@p 特此答复。
@signature {{agency.name}}
@date {{dates.issuedOn}}
