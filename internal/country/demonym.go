package country

import "strings"

// Demonym resolves a nationality adjective or a people's name ("Iranian",
// "Iranians", "North Korean", "Soviet"), and the misspellings the lists
// write ("Ukranian", "Belarussian"), to an ISO alpha-2 code. ok is true for
// every word in the table; code is "" for "korean", the people of two
// countries, which the caller tells apart by "North" or "South".
func Demonym(s string) (code string, ok bool) {
	code, ok = demonyms[strings.ToLower(strings.TrimSpace(s))]
	return code, ok
}

// demonyms: the adjectives of the lists' citizenship fields (DFAT's
// consolidated list) and of news writing, with their plural peoples'
// names; SU for the Soviet Union, which old records name.
var demonyms = map[string]string{
	"afghan": "AF", "afghani": "AF", "algerian": "DZ", "american": "US", "americans": "US",
	"armenian": "AM", "australian": "AU", "austrian": "AT", "azerbaijani": "AZ", "bahraini": "BH",
	"bangladeshi": "BD", "belarusian": "BY", "belarusians": "BY", "belarussian": "BY",
	"belgian": "BE", "bolivian": "BO", "bosnian": "BA", "brazilian": "BR", "british": "GB",
	"bulgarian": "BG", "burmese": "MM", "cambodian": "KH", "canadian": "CA", "chadian": "TD",
	"chinese": "CN", "colombian": "CO", "congolese": "CD", "croatian": "HR", "cuban": "CU",
	"cypriot": "CY", "czech": "CZ", "danish": "DK", "dprk": "KP", "dutch": "NL", "egyptian": "EG",
	"emirati": "AE", "eritrean": "ER", "ethiopian": "ET", "filipino": "PH", "finnish": "FI",
	"french": "FR", "georgian": "GE", "german": "DE", "germans": "DE", "greek": "GR",
	"hongkong": "HK", "hungarian": "HU", "indian": "IN", "indonesian": "ID", "iranian": "IR",
	"iranians": "IR", "iraqi": "IQ", "iraqis": "IQ", "israeli": "IL", "israelis": "IL",
	"italian": "IT", "japanese": "JP", "jordanian": "JO", "kazakh": "KZ", "kazakhstani": "KZ",
	"kenyan": "KE", "korean": "", "kuwaiti": "KW", "kyrgyz": "KG", "lebanese": "LB", "libyan": "LY",
	"malaysian": "MY", "malian": "ML", "mauritanian": "MR", "mauritian": "MU", "mexican": "MX",
	"moldovan": "MD", "mongolian": "MN", "moroccan": "MA", "myanmar": "MM", "nicaraguan": "NI",
	"nigerian": "NG", "north korean": "KP", "norwegian": "NO", "omani": "OM", "pakistani": "PK",
	"palestinian": "PS", "polish": "PL", "qatari": "QA", "russian": "RU", "russians": "RU",
	"rwandan": "RW", "saudi": "SA", "saudi arabian": "SA", "saudis": "SA", "senegalese": "SN",
	"serbian": "RS", "singaporean": "SG", "slovak": "SK", "somali": "SO", "south sudanese": "SS",
	"soviet": "SU", "spanish": "ES", "sudanese": "SD", "swedish": "SE", "swiss": "CH", "syrian": "SY",
	"syrians": "SY", "taiwanese": "TW", "tajik": "TJ", "tajikistani": "TJ", "tanzanian": "TZ",
	"thai": "TH", "tunisian": "TN", "turkish": "TR", "turkmen": "TM", "türkiyish": "TR",
	"ugandan": "UG", "ukrainian": "UA", "ukrainians": "UA", "ukranian": "UA", "ussr": "SU",
	"ussr (until 1991)": "SU", "uzbek": "UZ", "uzbekistani": "UZ", "venezuelan": "VE",
	"venezuelans": "VE", "vietnamese": "VN", "yemeni": "YE", "yemenis": "YE", "zimbabwean": "ZW",
}
