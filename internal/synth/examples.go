package synth

// Examples are a category's generators: values a detector must find
// behind one of the category's labels, and look-alikes it must not find
// even there.
type Examples struct {
	Valid, Invalid []Kind
}

// ByCategory holds the examples of every category of the engine's
// registry, by category name; the engine's tests fail for a category
// added without them.
var ByCategory = map[string]Examples{
	"cn_id": {
		Valid:   []Kind{{"cnid18", CNID18}, {"cnid18_x", CNID18X}, {"foreign_permanent", CNForeignPermanentID}},
		Invalid: []Kind{{"cnid_bad_check", CNIDBadCheck}, {"cnid_bad_date", CNIDBadDate}, {"foreign_permanent_bad_check", CNForeignPermanentIDBadCheck}},
	},
	"cn_mobile":   {Valid: []Kind{{"mobile", CNMobile}}, Invalid: []Kind{{"mobile_bad_prefix", CNMobileBadPrefix}}},
	"cn_landline": {Valid: []Kind{{"landline", CNLandline}}, Invalid: []Kind{{"service_400", ServiceNumber400}}},
	"bank_card": {
		Valid:   []Kind{{"card", AnyCard}, {"maestro", Maestro}, {"dankort", Dankort}, {"unionpay_81", UnionPay81}, {"uatp", UATP}},
		Invalid: []Kind{{"card_bad_luhn", CardBadLuhn}, {"card_unknown_iin", CardUnknownIIN}},
	},
	"email": {
		Valid:   []Kind{{"email", Email}},
		Invalid: []Kind{{"email_no_domain", EmailNoDomain}, {"image_at_scale", ImageAtScale}, {"mention", Mention}, {"package_at_version", PackageAtVersion}},
	},
	"cn_passport": {Valid: []Kind{{"passport", CNPassport}}, Invalid: []Kind{{"passport_short", CNPassportShort}}},
	"cn_permit":   {Valid: []Kind{{"permit", CNPermit}}, Invalid: []Kind{{"permit_short", CNPermitShort}}},
	"cn_plate":    {Valid: []Kind{{"plate", CNPlate}}, Invalid: []Kind{{"plate_bad_letter", CNPlateBadLetter}, {"plate_bad_province", CNPlateBadProvince}}},
	"cn_address":  {Valid: []Kind{{"address", CNAddress}}, Invalid: []Kind{{"address_count", CNAddressCount}, {"address_date", CNPlaceDate}, {"address_metro_line", CNMetroLine}}},
	"cn_name":     {Valid: []Kind{{"name", CNName}}, Invalid: []Kind{{"name_filler", CNNameFiller}}},
	"us_ssn":      {Valid: []Kind{{"ssn", USSSN}}, Invalid: []Kind{{"ssn_invalid", USSSNInvalid}}},
	"phone":       {Valid: []Kind{{"e164", E164Phone}}, Invalid: []Kind{{"phone_sum", PhoneSum}, {"phone_hkmo_bad_length", PhoneHKMOBadLength}}},
	"iban":        {Valid: []Kind{{"iban", IBAN}, {"iban_grouped", IBANGrouped}, {"iban_written", IBANWritten}, {"iban_libya", IBANLibya}}, Invalid: []Kind{{"iban_bad_check", IBANBadCheck}}},
	"hk_id":       {Valid: []Kind{{"hkid", HKID}}, Invalid: []Kind{{"hkid_bad_check", HKIDBadCheck}}},
	"mo_id":       {Valid: []Kind{{"moid", MOID}}, Invalid: []Kind{{"moid_bad_prefix", MOIDBadPrefix}}},
	"tw_id":       {Valid: []Kind{{"twid", TWID}, {"tw_resident_old", TWResidentOld}}, Invalid: []Kind{{"twid_bad_check", TWIDBadCheck}, {"tw_resident_old_bad_check", TWResidentOldBadCheck}}},
	"qq":          {Valid: []Kind{{"qq", QQNumber}}, Invalid: []Kind{{"qq_leading_zero", QQLeadingZero}}},
	"wechat":      {Valid: []Kind{{"wechat_id", WeChatID}}, Invalid: []Kind{{"wechat_id_bad", WeChatIDBad}}},
	"geo": {
		Valid:   []Kind{{"coordinates", Coordinates}},
		Invalid: []Kind{{"coordinates_coarse", CoordinatesCoarse}, {"coordinates_out_of_range", CoordinatesOutOfRange}},
	},
}
