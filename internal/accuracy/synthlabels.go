package accuracy

// The labels and keys the synthetic score writes before a value: the
// spellings the README documents for each category (Simplified, Traditional
// and English labels; JSON keys), written out here rather than read from
// the engine's registry, so that the score checks the documentation
// against the engine instead of the engine against itself.

// synthLabels are a category's labels: Simplified, Traditional, English.
type synthLabels struct{ zh, tw, en []string }

var labelsOf = map[string]synthLabels{
	"cn_id":       {zh: []string{"身份证号", "身份证号码", "公民身份号码"}, tw: []string{"身分證字號", "身份證號碼"}, en: []string{"ID card", "ID number"}},
	"cn_mobile":   {zh: []string{"手机", "手机号", "联系电话"}, tw: []string{"手機", "手機號碼", "電話"}, en: []string{"mobile", "phone"}},
	"cn_landline": {zh: []string{"电话", "座机", "固话"}, tw: []string{"電話", "座機"}, en: []string{"tel", "phone"}},
	"bank_card":   {zh: []string{"银行卡号", "卡号", "信用卡"}, tw: []string{"銀行卡號", "卡號"}, en: []string{"card number", "credit card"}},
	"email":       {zh: []string{"邮箱", "电子邮箱"}, tw: []string{"電子郵件", "郵箱"}, en: []string{"email", "e-mail"}},
	"cn_passport": {zh: []string{"护照号码", "护照"}, tw: []string{"護照號碼"}, en: []string{"passport"}},
	"cn_permit":   {zh: []string{"通行证号码", "回乡证", "台胞证"}, tw: []string{"通行證", "回鄉證"}, en: []string{"permit"}},
	"cn_plate":    {zh: []string{"车牌号", "车牌"}, tw: []string{"車牌號碼", "車牌"}, en: []string{"plate"}},
	"cn_address":  {zh: []string{"地址", "住址", "收货地址", "家庭住址"}, tw: []string{"通訊地址", "收貨地址"}, en: []string{"address"}},
	"cn_name":     {zh: []string{"姓名", "收货人", "联系人", "收件人", "真实姓名"}, tw: []string{"聯絡人", "收貨人", "真實姓名"}, en: []string{"name", "full name"}},
	"us_ssn":      {en: []string{"SSN", "social security"}},
	"phone":       {zh: []string{"电话", "手机"}, tw: []string{"電話"}, en: []string{"phone", "tel", "call me"}},
	"iban":        {zh: []string{"账号"}, tw: []string{"帳號"}, en: []string{"IBAN", "account"}},
	"hk_id":       {zh: []string{"香港身份证", "香港身份证号码"}, tw: []string{"香港身份證"}, en: []string{"HKID"}},
	"mo_id":       {zh: []string{"澳门身份证", "澳门居民身份证"}, tw: []string{"澳門身份證"}, en: []string{"Macau ID"}},
	"tw_id":       {zh: []string{"台湾身份证"}, tw: []string{"身分證字號", "台灣身分證"}, en: []string{"Taiwan ID"}},
	"qq":          {zh: []string{"QQ", "QQ号", "企鹅号"}, tw: []string{"QQ號碼"}, en: []string{"QQ number"}},
	"wechat":      {zh: []string{"微信", "微信号"}, tw: []string{"微信號"}, en: []string{"WeChat ID"}},
	"geo":         {zh: []string{"经纬度", "坐标"}, tw: []string{"經緯度", "座標"}, en: []string{"coordinates", "GPS"}},
}

// keysOf are JSON keys naming each category, camelCase, snake_case and
// Chinese.
var keysOf = map[string][]string{
	"cn_id":       {"idCard", "id_card", "身份证号"},
	"cn_mobile":   {"mobile", "phoneNumber", "手机号"},
	"cn_landline": {"tel", "landline", "座机"},
	"bank_card":   {"bankCard", "card_no", "银行卡号"},
	"email":       {"email", "emailAddress", "邮箱"},
	"cn_passport": {"passport", "passportNo"},
	"cn_permit":   {"permit", "通行证"},
	"cn_plate":    {"plate", "licensePlate", "车牌号"},
	"cn_address":  {"address", "homeAddress", "收货地址"},
	"cn_name":     {"name", "realName", "consignee", "收货人"},
	"us_ssn":      {"ssn"},
	"phone":       {"phone", "telephone"},
	"iban":        {"iban", "bankAccount"},
	"hk_id":       {"hkid", "hkidCard"},
	"mo_id":       {"macauId", "moid"},
	"tw_id":       {"twid", "taiwanId"},
	"qq":          {"qq", "qqNumber"},
	"wechat":      {"wechatId", "weixin"},
	"geo":         {"coordinates", "gps"},
}

// labelSeps join a label to its value.
var labelSeps = []string{"：", ":", ": ", " ", "："}

// labelTails follow a labelled value: the end of a field, a sentence or a
// record.
var labelTails = []string{"", "，请核对", "。", "\n备注：无", " 已登记", "；"}
