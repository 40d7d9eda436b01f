#! type: reply_repeated_request
#! outcome: repeated_request
#! remedy: outcome
#! seal: sealed
# 适用条款：条例第三十六条第（六）项
# 使用时机：本机关已就同一申请作出答复、申请人重复申请的；写明原答复日期和文号。
# 法律依据、救济条款由系统根据答复类型自动生成（{{citation}}、@remedy），请勿手工改写。
@title {{agency.name}}政府信息公开申请答复书
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{applicant.name}}：
@p 本机关于{{dates.receiptDate}}收到{{submittedText}}政府信息公开申请（案件编号：{{case.caseNumber}}），申请获取“{{case.description}}”。现答复如下：
@p 经审查，{{#if earlierReply}}本机关已于{{dates.earlierReply}}以{{earlierReply.docNumber}}就您的同一政府信息公开申请作出答复{{else}}本机关已就您的同一政府信息公开申请作出答复{{/if}}，您再次提出的申请属于重复申请。根据{{citation}}的规定，本机关不予重复处理。
@remedy
@p 特此答复。
@signature {{agency.name}}
@date {{dates.issuedOn}}
