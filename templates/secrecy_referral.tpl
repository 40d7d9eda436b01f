#! type: secrecy_referral
#! remedy: none
#! document_name: 本函
#! seal: sealed
# 适用条款：条例第十七条第三款（不能确定政府信息是否可以公开的，报有关主管部门或者保密行政管理部门确定）、第三十三条第三款
# 使用时机：保密审查中不能确定申请公开的信息是否可以公开，报请主管部门或者保密行政管理部门确定的（basis: secrecyReferral）。
# 不设答复期限，不视为同意：确定之前不作公开决定，所需时间不计算在答复期限内。
# 程序性文书，不载明救济途径（shared/domain §5）。
@title {{agency.name}}关于政府信息是否可以公开的征求意见函
{{#if docNumber}}@docnumber {{docNumber}}{{/if}}
@salutation {{consultation.party}}：
@p 本机关于{{dates.receiptDate}}收到政府信息公开申请（案件编号：{{case.caseNumber}}），申请获取“{{consultation.information}}”。本机关依照《中华人民共和国保守国家秘密法》和{{reg}}第十七条的规定对该信息进行了审查，不能确定其是否可以公开。根据{{reg}}第十七条第三款的规定，现报请贵单位确定。
@p 请贵单位对该信息是否可以公开（或者其中可以公开的部分）予以确定，并书面函复本机关。
@p 联系人：{{agency.disclosureOffice}}；联系电话：{{agency.phone}}；地址：{{agency.address}}。
@p 特此函告。
@signature {{agency.name}}
@date {{dates.issuedOn}}
