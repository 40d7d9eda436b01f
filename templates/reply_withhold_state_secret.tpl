#! type: reply_withhold_state_secret
#! outcome: withhold_state_secret
#! remedy: outcome
#! seal: sealed
# 适用条款：条例第十四条
# 使用时机：经保密审查（条例第十七条，结论为不予公开或部分公开）依法确定为国家秘密的；必须写明理由。
# 答复只写明经保密审查依法确定为国家秘密，不得写入密级、保密期限、定密依据等涉密内容；审查依据留存于案件记录。
# 法律依据、救济条款由系统根据答复类型自动生成（{{citation}}、@remedy），请勿手工改写。
@title {{agency.name}}政府信息公开申请答复书
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{applicant.name}}：
@p 本机关于{{dates.receiptDate}}收到{{submittedText}}政府信息公开申请（案件编号：{{case.caseNumber}}），申请获取“{{case.description}}”。现答复如下：
@p 本机关于{{dates.secrecyReview}}依照{{reg}}第十七条的规定对您申请获取的信息进行了保密审查，该信息已依法确定为国家秘密。{{reasons}}。根据{{citation}}的规定，本机关决定不予公开。
@remedy
@p 特此答复。
@signature {{agency.name}}
@date {{dates.issuedOn}}
