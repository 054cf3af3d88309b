package tripline

// Party roles in a transaction.
const (
	RoleSeller           = "seller"
	RoleBuyer            = "buyer"
	RoleConsignee        = "consignee"
	RoleEndUser          = "end_user"
	RoleFreightForwarder = "freight_forwarder"
	RolePayer            = "payer"
	RoleNotifyParty      = "notify_party"
)

// Transaction is one order or shipment to check: the parties with their
// roles, the items, the route, the payment and what the customer said about
// the end use. It is the input of a red-flag check.
type Transaction struct {
	ID string `json:"id"`
	// Date is the order date (ISO 8601); company ages are counted to it.
	Date    string  `json:"date,omitempty"`
	Parties []Party `json:"parties"`
	Items   []Item  `json:"items"`
	Route   Route   `json:"route"`
	Payment Payment `json:"payment"`
	// EndUse is the stated end use, free text, often empty.
	EndUse string `json:"end_use,omitempty"`
	// Notes is what sales or compliance staff wrote down about the order.
	Notes string `json:"notes,omitempty"`
}

// Party is one party to a transaction, as the customer file describes it.
type Party struct {
	// Role is one of the Role* constants.
	Role    string `json:"role"`
	Name    string `json:"name"`
	Country string `json:"country,omitempty"` // ISO 3166-1 alpha-2
	Address string `json:"address,omitempty"`
	Email   string `json:"email,omitempty"`
	Phone   string `json:"phone,omitempty"`
	// Registered is the date of incorporation (ISO 8601) when known.
	Registered string `json:"registered,omitempty"`
	Industry   string `json:"industry,omitempty"`
	Website    string `json:"website,omitempty"`
}

// Item is one line of an order.
type Item struct {
	Description string `json:"description"`
	// HSCode is the Harmonized System code as declared, at any length and
	// with or without dots ("8542.31", "85423100").
	HSCode       string  `json:"hs_code,omitempty"`
	PartNumber   string  `json:"part_number,omitempty"`
	Manufacturer string  `json:"manufacturer,omitempty"`
	Quantity     float64 `json:"quantity,omitempty"`
	// UnitValue is the price of one unit in Currency.
	UnitValue float64 `json:"unit_value,omitempty"`
	Currency  string  `json:"currency,omitempty"`
	// ECCN is an export control classification number (US ECCN or EU
	// Annex I entry) when the seller gives one.
	ECCN string `json:"eccn,omitempty"`
}

// Route is how the goods travel.
type Route struct {
	Origin      string   `json:"origin,omitempty"`
	Transit     []string `json:"transit,omitempty"`
	Destination string   `json:"destination,omitempty"`
}

// Payment says who pays and how.
type Payment struct {
	// Method is wire, cash, crypto or letter_of_credit.
	Method       string `json:"method,omitempty"`
	PayerCountry string `json:"payer_country,omitempty"`
	Currency     string `json:"currency,omitempty"`
}

// Risk is the outcome of a check.
type Risk string

// Risk levels, from nothing to report to hold or block.
const (
	RiskClear  Risk = "clear"  // nothing to report
	RiskLow    Risk = "low"    // a note, no hold
	RiskMedium Risk = "medium" // enhanced due diligence
	RiskHigh   Risk = "high"   // hold or block
)

// Decision is the defensible answer for one transaction: a risk level and
// score, every red flag with its rule and source, the listed parties found,
// the goods classification, and the versions of the lists, catalogue and
// rules that produced it.
type Decision struct {
	ID        string      `json:"id"`
	Risk      Risk        `json:"risk"`
	Score     float64     `json:"score"`
	Flags     []Flag      `json:"flags"`
	PartyHits []PartyHit  `json:"party_hits"`
	Goods     []GoodsLine `json:"goods"`
	// Versions names what answered: "catalogue", "rules", "algorithm" and
	// one "list:SOURCE" entry per list snapshot ("list:ofac-sdn": "3").
	Versions map[string]string `json:"versions"`
}

// Flag is one red flag raised by a rule.
type Flag struct {
	// Rule is the rule id (BIS-KYC-10, FINCEN-BIS-2023-05, ...).
	Rule string `json:"rule"`
	// Category is the red-flag category word (party_match, chpl_item ...).
	Category string `json:"category"`
	// Severity is low, medium or high.
	Severity string `json:"severity"`
	// Reason is the human explanation of the red flag.
	Reason string `json:"reason"`
	// Evidence names the facts of this transaction that raised it.
	Evidence string `json:"evidence,omitempty"`
	// Source is the official document the rule comes from.
	Source string `json:"source"`
}

// PartyHit is a party of a transaction that matched a listed entity.
type PartyHit struct {
	Role string `json:"role"`
	// Party is the name as the transaction writes it.
	Party string `json:"party"`
	// ID is the listed entity's id ("ofac-sdn:12345").
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Score    float64  `json:"score"`
	Programs []string `json:"programs,omitempty"`
}

// GoodsLine is the classification of one item of a transaction.
type GoodsLine struct {
	// Item is the item's index in the transaction, from 0.
	Item int `json:"item"`
	// HSCode is the 6-digit subheading ("8542.31"), declared or inferred.
	HSCode string `json:"hs_code,omitempty"`
	// HSSource says where HSCode came from: declared, part_number,
	// description, or "" when unknown.
	HSSource string `json:"hs_source,omitempty"`
	// CHPLTier is the Common High Priority List tier ("1", "3.B") or "".
	CHPLTier string `json:"chpl_tier"`
	// UAV is the Iran-UAV key-commodity category, or "".
	UAV string `json:"uav,omitempty"`
	// Controls are export control entries that may apply (EU Annex I
	// entries, ECCNs, watch-listed part numbers), each a review lead.
	Controls []string `json:"controls"`
}
