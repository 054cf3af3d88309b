# English indicator lexicon (see lexicon.go for the format).
# Concepts are written from the meaning of the red flags (BIS KYC red flags,
# FinCEN/BIS alerts), with synonyms and stems, not from any evaluation set.
lang: en
script: latin
stopwords: the a an and of to in for is was were be been with on at by from that this it he she they we our us his her their would could did does has have will as but or when after before said asked which what who not any them its there
scope: 4
window: 10
negators: not no never without nor neither unable cannot none nothing nobody "no longer" "failed to" "fails to" "fail to" lack lacks lacked lacking hardly barely
not_negators: "not only" "no doubt" "not least"
breaks: but however although though yet whereas while and or then so because since which who whom
hedges: if unless "in case" "in the event" "provided that" "as long as" "assuming that" hypothetically
hedge_guards: ask* enquir* inquir* wonder* check* know queried query "find out"

# ---- shared ----
@SAY: say says said saying tell tells told telling answer* confirm* disclos* reveal* specif* clarif* explain* indicat* state stated states stating mention* name named naming identif* share shared provide* provided give gave given giving "straight answer" "clear answer" "direct answer" "clear reply" "straight reply" reply replied respond* communicat* elaborat* detail* submit* "fill in" "filled in" "fill out" "filled out" complet* sign signed signing return* receiv* "come back" "came back" commit* "put in writing" "in writing" "write down" "spell out" "let us know" "say who" "say what"
@REFUSE: refus* declin* reluctan* unwilling* hesitan* hesitat* reject* "would not" "will not" "not willing" "not prepared" "not ready to" balk* withh* "kept quiet" "keeps quiet" "stayed silent" "remained silent" secretive "preferred not" "prefers not" "prefer not" "rather not" resist* object* "pushed back" "push back"
@EVADE: evasiv* defensive* "laugh* it off" "laughed off" "brush* it off" "joked about" evad* evasion dodg* duck* sidestep* "side-step*" "side step*" cagey cagily deflect* "beat* around" "beating about" stonewall* avoid* elud* "changed the subject" "change the subject" "changes the subject" "changing the subject" "steer* away" "steered the conversation" "steering the conversation" "brushed off" "brush* off" "shrug* off" "shrugged" vague* unclear noncommittal "non-committal" contradict* inconsistent* "not important" "unimportant" "of no importance" "doesn't matter" "does not matter" "did not matter" "not matter" "none of your business" "none of our business" "not your concern" "not our concern" "no concern of" "not relevant" irrelevant "would rather not say" "prefer* not to say" "would not be drawn" "wouldn't be drawn" "non-answer" "no real answer" "waffl*" "hedg*" "equivocat*" "mumbl*" "played down" "skirt*" "around the question" evasively vaguely "moved on" "changed tack" "changed topic" "change* topic*" "switched topic*" "different story" "different stories" "new story" "another story" "story keeps changing" irritat* annoyed "got angry" bristl* "would not engage" "avoids the subject" "dodgy"
@EVADESTRONG: evasiv* evad* evasion dodg* sidestep* "side-step*" cagey cagily deflect* stonewall* "changed the subject" "change the subject" "changes the subject" "changing the subject" "beat* around" "avoid* question*" "avoid* the question*" "avoid* our question*" "avoid* my question*" "avoid* answering" "steer* away" "would not be drawn" equivocat* "skirted the question" "skirts the question"
@PRODUCT: product* item* part parts module* device* unit units equipment machine* goods component* sensor* system* chip* board* tool* hardware model* kit* instrument* controller* receiver* transmitter* motor* drive* "what they ordered" "what he ordered" "what she ordered"

# ---- end use ----
@PURPOSE: "used for" "use for" "uses for" "be used" "is used" "are used" "will be used" "would be used" "going to be used" "be using" purpose* "end use*" "end-use*" enduse* "end user*" "end-user*" enduser* "intended use*" "final use*" "ultimate use*" "final application" "what for" "what they are for" "what it is for" "what the goods are for" "what the parts are for" "what the items are for" "who will use" "who is going to use" "who uses" "for whom" "ultimate consignee" "end customer*" "final customer*" "ultimate customer*" "who the customer is" "application of the goods" "use of the goods" "use of the parts" "use of the items" euc eucs eus "end-use statement*" "destination of use" "nature of the project" "what the project is" "what project" "be doing" "will be doing" "who operates" "who will operate" "who ultimately" "ultimately operate*" "the operator" "end application" "do with them" "do with it" "what they need them for" "what it is needed for"
@MISSING: missing blank empty unknown unstated undisclosed undeclared unspecified unexplained "not known" confidential secret classified "need to know" "need-to-know" "none given" "not given" "not stated" "not provided" "left open" "to be advised" tbd tba withheld absent lacking vague* "not filled" "not disclosed" "no details" "no information" "no info" "no answer" "no reply" "no response" "not available" "n/a" "left empty" "left blank" "hush-hush" "under wraps" "off limits" "off-limits" "private matter" generic "general industrial" "general use" "general purposes" "nothing more" "no further" unspecific "non-specific" nonspecific "not in a position" "in the dark" "no idea"
end_use_missing: REFUSE PURPOSE window=14
end_use_missing: ^SAY PURPOSE window=14
end_use_missing: MISSING PURPOSE window=6
end_use_missing: EVADE PURPOSE window=8

# ---- evasive about the destination, domestic use or re-export ----
@DEST: destination* re-export* reexport* "re export*" export* stay stays stayed staying "remain in" "remains in" "remained in" "remain within" "remain at" "end up" "ends up" "ending up" "ended up" where whereabouts country countries domestic* onward "leave" "leaves" "leaving" "go further" "goes further" "going further" "further on" abroad "third countr*" "final destination*" "ultimate destination*" "final country" "ultimate country" "which market" "which markets" resell* "re-sell*" "sold on" "sell on" "passed on" "pass on" transship* "trans-ship*" "go next" "goes next" "going next"
evasive_customer: EVADE DEST
evasive_customer: REFUSE DEST window=8
evasive_customer: ^SAY DEST -NOTYET window=8
evasive_customer: EVADESTRONG -PURPOSE -DATE -DELIV window=20

# ---- unfamiliar with the product ----
@KNOW: know knows knew knowing known understand* understood grasp* explain* answer* describe* tell told say said name naming familiar* aware* comprehend* "make sense" "made sense" "idea" "clue" competent* expert* knowledg* "background" follow* "technical questions" answers
@TECH: spec specs version* "difference between" "differences between" measur* specification* "data sheet*" datasheet* parameter* performance* characteristic* voltage* current amperage power* interface* protocol* frequenc* bandwidth temperature* range resolution accuracy precision tolerance* rating* baud pinout pin-out pins firmware configur* setting* capacit* functional* feature* application* technical* technic* technology technologies operat* "how it works" "how they work" "what it does" "what they do" "what it is" dimension* sensitivity throughput speed impedance gain "input" "output" wavelength torque rpm "load" "duty cycle" "supply" "signal" "basic questions" "simple questions" "technical questions" basics fundamentals "part number" "part numbers" variant* "which model" "which version" "which type" volt volts amp amps ampere* watt* hertz "flow rate" flow pressure connector* plug* socket* thread* cable* port ports wiring pinning "mounting" mount* dimensions
@UNFAMILIAR: unfamiliar "no grasp" "little grasp" "poor grasp" "no feel for" "not familiar" clueless ignorant "no technical" layman "lay person" "layperson" novice "no expertise" "no experience" inexperienc* "out of his depth" "out of her depth" "out of their depth" "at a loss" baffled puzzled confused "no knowledge" "knew nothing" "knows nothing" "know nothing" "no understanding" "little understanding" "little knowledge" "limited knowledge" "poor understanding" "not technical" "non-technical" "nontechnical" "no background" "not an engineer" "no engineer" "no idea" "no clue" "haven't a clue" "hasn't a clue" "not a clue" "could not tell" "couldn't tell" "cannot tell" "can't tell" "mixed up" "confus*" "mixed up" muddl* "got wrong" "gets wrong" "so-called" "supposed engineer"
@ASKWHAT: "asked what" "asked us what" "asked me what" "asked how" "asked us how" "asked me how" "wanted to know what" "wanted to know how" "wants to know what" "asking what" "asking us what" "asked which one" "asked us which" "asked what exactly"
@DOES: does do doing works work function* "is for" "are for" "good for" "capable of" "can do" "able to do" "is it" "it is" "they are" purpose "used for"
unfamiliar_product: ^KNOW TECH
unfamiliar_product: UNFAMILIAR TECH
unfamiliar_product: UNFAMILIAR PRODUCT -DELIV -DEST
unfamiliar_product: ASKWHAT PRODUCT DOES window=10

# ---- routine services declined ----
@SERVICE: install* commission* "start-up" startup "start up" training train trainer* instruct* onboarding maintenance maintain* servic* warrant* guarantee* support setup "set-up" "set up" calibrat* "acceptance test*" "site acceptance" "factory acceptance" "after-sales" aftersales "after sales" "on-site" onsite "field engineer*" technician* "engineer visit*" "site visit*" "spare parts" "spares" "operator course*" "user course*" "aftercare" "after-care" "servicing" "repair*" "inspection*" "acceptance" "handover" "hand-over" "walkthrough" "demonstration" "demo" "manual*" "documentation" "updates" "software updates"
@DECLINE: declin* refus* reject* waiv* "turn* down" "turned down" forgo* forwent forgone skip* "opt* out" "opted out" "pass* on" "passed on" "do without" "does without" "did without" "not interested" "no interest" uninterested "not keen" "no use for" dispens* "said no to" "says no to" "say no to" "see no need" "sees no need" "saw no need" "no need" cancel* "struck out" "strike out" exclud* "taken off" "took off" "take off" remov* "left out" "leave out" "dropped" "drop" "not bother*" "won't bother" "didn't bother" "not necessary" "unnecessary" "superfluous" "not required" "not needed" "not wanted" "pointless" "no thanks" "no thank you" "but no to" "no to" "not for us" "passes on" "will manage" "manage themselves"
@WANT: want* need* requir* interest* wish* desir* "care about" "care for" "cares about" "cares for" bother* "take up" "took up" "sign up" "signed up" "book" "order" "ordered" "buy" "bought" "accept" "accepted" "use" "use of"
@SELF: themselves "their own people" "their own staff" "their own engineers" "their own technicians" "their own team" "own staff" "own people" "own engineers" "own technicians" "own team" "in-house" "in house" himself herself "by themselves" "on their own" "local contractor*"
declined_services: DECLINE SERVICE
declined_services: ^WANT SERVICE window=8
declined_services: ^SERVICE WANT window=6
declined_services: SELF SERVICE window=8

# ---- vague delivery ----
@DATE: date dates dated timing timeline* timeframe* "time frame*" "time-frame*" time times schedul* deadline* "lead time" eta etd "delivery window" "shipping window" "delivery slot" "delivery week" "delivery period" "delivery term*" "by when" "how soon"
@DELIV: deliver* ship shipped shipping shipment* dispatch* despatch* pickup "pick-up" "pick up" "picked up" collect* consignment* "goods out" "send" "sent"
@OPEN: open "open-ended" vague* unclear undecided undefined undetermined unknown uncertain unsure flexible "to be advised" "to be confirmed" "to be decided" "to be determined" "to be agreed" tba tbc tbd whenever sometime "some time" "at some point" "any time" anytime "let us know" "let you know" "will advise" "advise later" "will tell us" "get back to us" "in due course" eventually "we'll see" "we will see" "wait and see" indefinit* "no idea when" "not sure when" "still open" "up in the air" hazy fuzzy "not yet known" "not clear" "whenever convenient" "when convenient" "when possible" "when it suits" "as and when" "sooner or later" "one day" "in the future" wherever whichever "not yet" "yet to be" "still to be" "still pending" pending "not named" "not decided" "depends on" "depending on" "subject to their"
@FIXED: fix fixed firm set agreed confirm* defin* determin* decid* known certain schedul* specif* committed "pinned down" "nailed down" "pin down" "nail down" concrete
@REMOTE: remote isolated "out-of-the-way" "out of the way" "middle of nowhere" desert "border area" "border region" "border zone" "near the border" "close to the border" "border town" "border crossing" "frontier" "mountain*" "unmarked" "no street address" "undisclosed location" "no address" "a field" "open field" "roadside" "remote area" "remote site" "isolated area" "isolated site" "conflict zone" "war zone"
@LOCATION: address addresses location* site place "delivery point" "drop-off point" "drop point" "exact place" consignee* recipient* receiver*
@LATER: "to follow" "follow later" "will follow" later "to be advised" "to be confirmed" "to be given" "to be provided" tba tbc "will be provided" "will be given" "will be sent" "will be communicated" "will be announced" "at a later" "in due course" "still unknown" "not yet given" "not yet known" "on arrival" 
vague_delivery: OPEN DATE window=8
vague_delivery: OPEN DELIV window=7
vague_delivery: ^FIXED DATE window=6
vague_delivery: ^SAY DATE window=6
vague_delivery: REMOTE DELIV window=10
vague_delivery: REMOTE LOCATION window=6
vague_delivery: LATER LOCATION window=8
vague_delivery: LATER DATE window=8
@WAITINSTR: "until further notice" "until further instruction*" "until instructed" "until they tell us" "until he tells us" "until she tells us" "until told" "until we hear" "until they let us know" "until they decide" "until called off" "until they call"
@HOLD: hold* keep* kept store* deliver* ship* send dispatch* release*
vague_delivery: WAITINSTR HOLD window=12

# ---- price far above the market ----
@MULT: double doubled twice triple tripled treble "three times" "four times" "five times" "ten times" "several times" "many times" /^[0-9]+x$/ /^x[0-9]+$/ "times the" "times our" "times what" "times list" "times market" "200%" "300%"
@ABOVE: above "over the" "over our" "over list" "over market" "over catalogue" "over catalog" "more than" higher exceed* "in excess of" beyond premium* markup "mark-up" surcharge* inflat* "well over" "far over" "way over" "far more" "much more" "significantly more" "way more" "a lot more" "considerably more" "well above" "far above" "way above" "significantly above" "substantially above" "plus" "on top of"
@REFPRICE: list "list price*" market* catalog* catalogue* quote* quotation* tariff* rrp msrp "going rate" "usual rate" "standard rate" "usual price" "normal price" "standard price" "regular price" "what others charge" "others charge" charge* elsewhere distributor* competitor* "street price" "market value" "fair price" "fair value" "real value" "what it is worth" "what they are worth" worth
@PRICEWORD: price* cost* quote* quotation* list tariff* "asking price" amount rate "what we charge" "what we asked" sum
@PAYVERB: pay pays paid paying accept* agree* offer* willing* "happy to" "ready to" "prepared to" propos* "signed off" took takes "take" insist* suggest* "went along"
@MATTER: matter matters mattered issue issues concern* object objection problem importan* relevan* sensitiv* care cares cared consideration "a factor" bargain* haggl* negotiat* discount*
@NOOBJECT: "no object" irrelevant "regardless of price" "regardless of cost" "regardless of the price" "regardless of the cost" "whatever it costs" "whatever the price" "whatever the cost" "at any price" "any price" "at any cost" "money is no object" overpa* "over-pa*" "too much" "price insensitive" "price-insensitive" "blank cheque" "blank check" "name your price" "name our price"
@CHECK: check* "double-check*" booking booked
overpricing: MULT PRICEWORD PAYVERB -CHECK window=12
overpricing: ABOVE REFPRICE PAYVERB window=12
overpricing: ABOVE REFPRICE PRICEWORD window=8
overpricing: ^MATTER PRICEWORD window=6
overpricing: NOOBJECT

# ---- cash, crypto-currency ----
@CASH: cash banknote* "bank notes" "bank-notes" "hard cash" "in notes" "bundles of notes" "paper money" "physical money" "currency notes"
@CRYPTO: crypto* bitcoin* btc usdt tether ethereum monero xmr stablecoin* "stable coin*" "digital currency" "digital currencies" "virtual currency" "virtual currencies" "digital asset*" hawala "money order*" "gold bar*" bullion "prepaid card*" "gift card*" "western union" moneygram "payment app*" "e-wallet*"
@CASHOK: "cash discount*" "cash in advance" "cash against documents" "cash flow" "cash-flow" cashflow "cash pool*" "cash pooling" "cash management" "petty cash" "cash position" "cash-back" cashback "cash and carry" "cash equivalent*" "cash terms" "cash payment terms" discount* rebate* skonto "early payment" "prompt payment" "early-payment" "prompt-payment" "within 10 days" "within 14 days" "within 30 days" "net 30"
unusual_payment: CASH -CASHOK
unusual_payment: CRYPTO

# ---- payment re-routed ----
@PAY: pay pays paid paying payer* payment* payor remit* funds fund money wire wired wiring transfer* "bank transfer" invoic* bill billed billing settle* settlement remittance* proceeds
@SWITCH: chang* switch* rerout* "re-rout*" redirect* "re-direct*" divert* replac* moved "moving" swap* swapp* shift* reassign* substitut* alter* amend* modif* "no longer" "taken over" "take over" "takes over" "took over" "handed over to" "now via" "now through" "now from" "routed via" "routed through" "go through" "goes through" "going through" "come through" "comes through" "coming through" updat* revis*
@OTHERPARTY: "third party" "a trading house" "a trading firm" "third-party" "third parties" unrelated "another company" "different company" "other company" "another firm" "different firm" "another entity" "different entity" "another account" "different account" "other account" "another bank" "different bank" "other bank" "another country" "different country" "foreign company" "an offshore" offshore "shell company" "a friend" "a relative" "a partner company" "a trading company" "a company in" "a firm in" "an entity in" "someone else" "somebody else" "a private person" "an individual" "personal account" "private account" affiliate* "sister company" "sister firm" "sister companies" subsidiar* "related company" "group company" "associated company" "unrelated trading" "a money changer" "exchange office" "exchange house"
@ORIG: originally initially "first" "supposed to" "was to" "were to" "meant to" planned "was planned" scheduled "was scheduled" expected "was due" "were due" previously agreed "had agreed" "was going to" "were going to" "would come" "was arranged"
@NOW: now instead "at the last minute" "last-minute" "last minute" "at the last moment" "last moment" finally "in the end" eventually "but" "however" "no longer" "suddenly" "all of a sudden" "today" "actually"
@PAYTERMS: "payment terms" "terms of payment" "due date" "payment date" "payment deadline" instalment* installment* "net 30" "net 60" "days" currency "in euros" "in dollars" "to eur" "to usd" "letter of credit" "l/c" "airway bill" "air waybill" waybill "bill of lading" "b/l" proforma "pro forma" "pro-forma"
payment_reroute: SWITCH PAY -PAYTERMS -CASH window=8
payment_reroute: ORIG PAY NOW window=18
payment_reroute: PAY +OTHERPARTY -CASH window=8

# ---- shipping changed ----
@SHIPTO: consignee* "ship-to" "ship to" destination* "delivery address*" "shipping address*" "delivery point" address* recipient* receiver* "shipping instruction*" "delivery instruction*" "routing" "shipping route" route "deliver to" "delivered to" "deliver it to" "deliver them to" "delivering to" "send to" "sent to" "send them to" "send it to" "ship to" "shipped to" "shipping to" "port of discharge" "place of delivery" "final destination" "notify party" "forward to" "forwarded to" "goods to" "delivery location" "drop-off"
@SHIPSWITCH: chang* switch* amend* modif* replac* moved rerout* "re-rout*" redirect* "re-direct*" divert* swap* swapp* substitut* alter* updat* revis* "new" "another" "different" "instead" "no longer" "rather than" "instead of"
@SPLIT: split* divid* "break* up" "break* into" "broken up" "broken into" "spread* across" "spread* over" "spread* out" portion* halv* half halves "in lots" "in tranches" tranche* "several smaller" "several small" "multiple smaller" "multiple small" "smaller orders" "smaller shipments" "smaller lots" "smaller invoices" "separate orders" "separate shipments" "separate invoices" "separate consignments" "several orders" "several invoices" "several shipments" "several consignments" "multiple orders" "multiple shipments" "multiple invoices" "multiple consignments" "number of orders" "series of orders" "repeated orders" "repeat orders" "successive orders" "consecutive orders" "one order after another" piecemeal chunk* fragment* "in batches" "each order*" "every order*" "each invoice*" "every invoice*" "each shipment*" "every shipment*" "each delivery" "each consignment" "all orders" "all the orders" "all of the orders" "two orders" "three orders" "four orders" "five orders" "six orders" "two shipments" "three shipments" "four shipments" "five shipments" "two invoices" "three invoices" "several invoices" "other half"
shipping_change: SHIPSWITCH SHIPTO -SPLIT window=10

# ---- split shipments ----
@SPLITHEAD: split* distribute distributed distributing "spread* between" divid* "break* up" "break* into" "broken up" "broken into" "spread* across" "spread* over" "spread* out" portion* halv* half halves "in lots" "in tranches" tranche* "several smaller" "several small" "multiple smaller" "multiple small" "smaller orders" "smaller shipments" "smaller lots" "smaller invoices" "separate orders" "separate shipments" "separate invoices" "separate consignments" "several orders" "several invoices" "several shipments" "several consignments" "multiple orders" "multiple shipments" "multiple invoices" "multiple consignments" "number of orders" "series of orders" "repeated orders" "repeat orders" "successive orders" "consecutive orders" "one order after another" piecemeal chunk* fragment* "in batches" "each order*" "every order*" "each invoice*" "every invoice*" "each shipment*" "every shipment*" "each delivery" "each consignment" "all orders" "all the orders" "all of the orders" "two orders" "three orders" "four orders" "five orders" "six orders" "two shipments" "three shipments" "four shipments" "five shipments" "two invoices" "three invoices" batches "in batches" "in parcels" "in portions" "piecemeal" "one at a time" "bit by bit" "staggered" "several parcels" "small parcels"
@DIFF: different distinct various several multiple "other" another second separate "each to" "each going" "each one to" "one each" "respective" "two" "three" "four" "five" "six" "several" "various" "a number of" "seven" "eight" "ten"
@TARGET: consignee* address* recipient* receiver* compan* firm* customer* destination* entit* buyer* warehouse* location* "ship-to" parties party names "end users" sites forwarder* agent* carrier* shipment* consignment* parcel* batch* lot lots addressee*
@UNDER: under below "less than" beneath "short of" "stay below" "stay under" "stays under" "stays below" "keep below" "keep under" "kept under" "kept below" "just short" "not exceed" "does not exceed" "do not exceed" "never exceed*" "avoid* the" "avoid* reporting" "avoid* declaring" "avoid* a licen*" "avoid* licen*" "without a licen*" "without licen*"
@LIMIT: threshold* limit* ceiling* "de minimis" reporting licen* declar* cap declaration* "reportable" "value limit" notification* "control level" "approval"
@MONEY: usd eur euro* dollar* gbp chf cny rmb aed yuan "us$" units pieces pcs pc items "each"
split_shipment: SPLITHEAD DIFF TARGET window=14
split_shipment: SPLITHEAD UNDER LIMIT window=14
split_shipment: SPLITHEAD UNDER MONEY window=12

# ---- wider coverage (round 2: synonyms, redirected shipments, premiums, unnamed consignees) ----
@REDIRECT: redirect* "re-direct*" rerout* "re-rout*" divert* "sent elsewhere" "send elsewhere"
shipping_change: REDIRECT DELIV window=10
@PREMIUMPAY: premium* surcharge* "over the odds" "top dollar" "more than we asked" "more than asked" "above our price" "above asking" "above the asking" overpa* "over-pa*"
overpricing: PAYVERB PREMIUMPAY -CHECK window=6
vague_delivery: ^SAY LOCATION window=6

# ---- round 3: concept families (eval/notes/train2.jsonl) ----
# Concepts named once for every language: someone paying instead of the
# buyer, a payment through a named kind of intermediary, a price accepted
# without haggling, a transit place (free zone, bonded or forwarder's
# warehouse) as the delivery point, a place "somewhere" or "not yet
# known", a consignment distributed or its remainder sent elsewhere, and
# an inability to explain what a product does.
@EVADE: "hung up" "hangs up" "put the phone down" "went quiet" "goes quiet" "clammed up" "clams up" "just said" "only said" "shrug*" "tight-lipped" "tight lipped" "brushes it off" "would not commit" "won't commit"
@SAY: back "heard back" "get back"
@PURPOSE: "intended application*" "planned application*" "the application" "application of" "intended purpose*"
@VAGUEUSE: "various projects" "various applications" "various purposes" "various uses" "different projects" "several projects" "general purposes" "general use" "general industrial" "all sorts of" "different uses" "various customers" "own projects" "research purposes"
end_use_missing: PURPOSE VAGUEUSE window=12
@NOTYET: yet "for now" "for the moment" "at this stage" "not decided" "undecided"
@INSTEADBUYER: "instead of the buyer" "instead of the customer" "instead of the client" "in place of the buyer" "in place of the customer" "rather than the buyer" "rather than the customer" "rather than from the company" "not the buyer" "not from the buyer" "not the customer" "not from the customer" "not by the buyer" "not by the customer" "not the company we invoiced" "not the invoiced company" "not the party we invoiced"
payment_reroute: PAY INSTEADBUYER window=14
@VIA: via through "by way of" "made by" "sent by" "wired by" "paid by" "settled by" "coming from" "comes from" "came from"
@PAYPARTY: "a firm" "a company" "an entity" "a trading" "a partner" "partner firm" "partner company" "business partner" cousin* brother* relative* friend* uncle "money exchange*" "exchange office*" "exchange house*" "money changer*" "trading house*" intermediar* "private person" individual "personal account" "private account" "someone else" "held by"
payment_reroute: PAY VIA PAYPARTY -CASH window=14
@NOHAGGLE: "without haggling" "without negotiating" "without negotiation" "without any negotiation" "without bargaining" "without any haggling" "no haggling" "without asking for a discount" "without a discount request" "without a murmur" "without blinking" "without batting an eye" "without question" "without any question*" "didn't haggle" "did not haggle" "didn't negotiate" "did not negotiate" "never haggled" "no negotiation"
overpricing: NOHAGGLE PRICEWORD window=14
overpricing: NOHAGGLE PAYVERB window=10
@TRANSIT: "free zone" "free-zone" freezone "free trade zone" "free-trade zone" ftz "bonded warehouse*" "bonded store" "customs warehouse*" "transit warehouse*" "forwarder's warehouse*" "forwarders warehouse*" "agent's warehouse*" "agents warehouse*" "our agent" "their agent" "to order" "c/o" "care of" "po box" "p o box" "post box"
@SOMEWHERE: somewhere someplace "some place" "some port" "some warehouse" anywhere
vague_delivery: TRANSIT DELIV window=10
vague_delivery: TRANSIT LOCATION window=10
vague_delivery: SOMEWHERE DELIV window=10
vague_delivery: SOMEWHERE LOCATION window=8
vague_delivery: ^SAY NOTYET DELIV window=12
@SPLITMORE: "the rest" remainder "the remaining" "other half" "second half" distribut* "shared out" "share out" "spread among" "spread between" "divided among" "divided between" "split among" "split between"
split_shipment: SPLITMORE DIFF TARGET window=14
@INABLE: "could not" "couldn't" "cannot" "can't" "unable to" "was unable" "were unable" "failed to" "wasn't able" "was not able" "weren't able" "were not able"
@FUNCTION: "supposed to do" "meant to do" "is for" "are for" "does" "do" "works" "work"
unfamiliar_product: INABLE KNOW PRODUCT FUNCTION window=12
@TECH: size* sizes
# an order cut into a number of orders, invoices or parcels, or each part
# invoiced on its own (not: cost centres, a framework contract, one site)
@CUT: cut chop* "break* up" "broken up" "break* down" split* divid* "carve* up" "carved up" "chop* up"
@COUNT: several multiple two three four five six seven eight nine ten /^[0-9]+$/
@DOCUNIT: order orders invoice* shipment* consignment* lot lots batch* parcel* package* deliveries "purchase orders" pos tranche*
@EACHOWN: "one by one" "each on its own" "each with its own" "an invoice each" "invoice each" "own invoice" "separate invoice*" "individual invoice*" "invoiced separately" "separately invoiced" "invoiced individually"
@COSTCENTRE: "cost centre*" "cost center*" "cost-centre*" "budget line*" framework "same site" "same plant" "same address" "same consignee"
split_shipment: CUT COUNT DOCUNIT -COSTCENTRE window=10
split_shipment: EACHOWN COUNT -COSTCENTRE window=12

# ---- round 4: concepts across the wording (eval/notes/train3.jsonl) ----
# Evasive behaviour about who will use the goods is evasion (the end use
# is the purpose, the end user a person); a question about the purpose
# answered with "secret", "internal", "not your business"; the goods now
# going somewhere instead of somewhere else; paying a multiple or a
# percentage more; a new or another account paying; unable to tell two
# models apart or to operate the product.
@ENDUSER: "end user*" "end-user*" enduser* "end customer*" "final user*" "final customer*" "ultimate user*" "ultimate customer*" "ultimate consignee*" operator* "who will use" "who will run" "who will operate" "who uses" "who runs" "who operates" "actually run" "actually use" "which plant" "which site" "which facility"
@EVADE: "switches to" "switched to" "steers the call" "steering the call" "steered the call" "talks about something else" "talked about something else" "elsewhere whenever"
evasive_customer: EVADE ENDUSER window=14
@SECRET: confidential secret secrets classified proprietary internal "internal matter" "trade secret" "business secret" "none of our business" "none of your business" "not our business" "not your business" "not our concern" "not your concern" "private matter" "need to know" "not relevant" irrelevant "under wraps" "hush-hush" undisclosed
@ASKPURPOSE: purpose* "intended use*" "intended application*" "the application" "end use*" "end-use*" "what for" "what the" "will do" "used for" "be used" "use of"
end_use_missing: ASKPURPOSE SECRET -ENDUSER window=16
@INSTEAD: "instead of" "rather than" "in place of" "in lieu of"
@MOVE: go goes going gone went ship* send* sent deliver* rout* dispatch* despatch* forward* transport* consignment* cargo goods shipment* "bound for"
shipping_change: INSTEAD MOVE -PAY -SPLIT window=12
@PAYMULT: "pay double" "pay twice" "pay triple" "pay three times" "pay four times" "pay ten times" "pay several times" "paying double" "paying twice" "paying triple" "pays double" "pays twice" "paid double" "paid twice" "paid triple"
@PCT: /^[0-9]+$/
@MOREPCT: more extra "on top" surcharge premium
overpricing: PAYMULT -CHECK window=6
overpricing: PAYVERB MULT -CHECK -SPLIT window=6
overpricing: PAYVERB PCT MOREPCT -CHECK -CASHOK window=6
@NEWACCOUNT: "new account" "new bank account" "new bank details" "new banking details" "another account" "another bank account" "different account" "different bank account" "other account" "another bank" "different bank" "new bank" "account of another" "account held by"
payment_reroute: NEWACCOUNT PAY -CASHOK window=14
payment_reroute: PAY NEWACCOUNT -CASHOK window=14
@PAY: refund* deposit balance
@DIFFER: difference* differ differs differed differentiat* distinguish* "tell apart" "tell the two apart"
@OPERATE: operat* handl* "use it" "use them" "run it" "run them" "set it up" "switch it on" "turn it on"
unfamiliar_product: ^KNOW DIFFER window=10
unfamiliar_product: INABLE DIFFER window=10
unfamiliar_product: ^KNOW OPERATE PRODUCT window=10
# neither the purpose nor the destination given: a correlative negation
# reaches both topics, whatever the verb's own polarity
@NEITHER: neither nor
end_use_missing: ~ASKPURPOSE NEITHER ~SAY -ENDUSER window=18
end_use_missing: ~PURPOSE NEITHER ~SAY -ENDUSER window=18
evasive_customer: ~DEST NEITHER ~SAY window=18
# negative verbs and offers (round 4): "refused to name", "did not refuse to
# name", "ready to pay more if we take cash"
neg_verbs: refus* declin* reluctan* unwilling* hesitat* hesitan* avoid* evad*
offers: offer* "ready to" "willing to" "prepared to" "happy to" propos* suggest* insist* want* wants
# round 4b: conflicting accounts of the destination; asking that the
# destination be kept off the papers; an end-use field left empty; general
# purposes as the only use given
@VARIANTS: stor* version* explanation* answers "each time" "every time"
evasive_customer: VARIANTS DIFF DEST window=14
@WRITE: write writing written mention* state stated show* appear* put indicat* name declar* print*
@DOCS: document* paper* paperwork invoice* label* "packing list*" "shipping papers" "bill of lading" "air waybill" waybill "customs declaration*" form forms
evasive_customer: ^WRITE DEST DOCS window=14
@FIELD: section field box column line entry question questionnaire form
end_use_missing: PURPOSE FIELD MISSING window=10
@GENERAL: general generic various miscellaneous "all kinds of" "all sorts of" "general industrial" "general industry"
@USES: purposes uses applications needs requirements
end_use_missing: GENERAL USES window=4
@KNOW: notion inkling
# round 4c: a relative paying; a place named only as "a port in the region"
# with no details; a customer at a loss about operating data
@RELATIVE: brother* sister* cousin* uncle* aunt* nephew* niece* "son of" "daughter of" wife husband relative* "family member*" "in-law*"
payment_reroute: PAY RELATIVE -CASH window=12
@APLACE: "a port" "some port" "one of the ports" "a harbour" "a harbor" "a warehouse" "a location" "a site" "a city" "a place"
@NODETAIL: "no further details" "no more details" "no other details" "no details" "no further information" "no further info" "nothing more" "no specifics" "not more specific"
vague_delivery: APLACE NODETAIL window=16
vague_delivery: DELIV NODETAIL window=14
@LOST: lost perplexed baffled bewildered "at a loss" "blank look" "looked blank" "drew a blank" stumped helpless
@TECH: temperature* "operating data"
unfamiliar_product: LOST TECH window=14
@SIMPLEQ: "simple questions" "basic questions" "simple question" "basic question" "easy questions"
unfamiliar_product: INABLE SIMPLEQ window=12
# round 4d: "why do you care where"; "only: for a project"; the use struck
# out of the end-use declaration
@WHYCARE: "why we care" "why we need to know" "why we want to know" "why it matters" "why that matters" "why do you care" "why do you need to know" "what business" "why it concerns us" "why that concerns us"
@WHERE: where installed "be installed" located
evasive_customer: WHYCARE WHERE window=14
evasive_customer: WHYCARE DEST window=14
@ONLY: only just "all we were told" "nothing but" merely solely
@PROJECT: "a project" "for a project" "one project" "some project" "a programme" "a program"
end_use_missing: PURPOSE ONLY PROJECT window=14
@CROSSED: "crossed out" "struck out" "struck through" "blacked out" "scratched out" deleted "left unsigned" unsigned
end_use_missing: PURPOSE CROSSED window=14
end_use_missing: ASKPURPOSE ONLY PROJECT window=14
# round 4e: a series of orders each just under a threshold (one order
# under a threshold is no split)
@EACH: each "every one" "each one" "every single one" "all of them" "each of them" "every time"
@DOCUNIT: orders order
split_shipment: EACH UNDER LIMIT DOCUNIT window=16
# round 4g: knowing next to nothing about the product while ordering it; not
# one technical question answered
@UNFAMILIAR: "next to nothing" "little or nothing" "knows little" "knew little" "very little idea"
@NOTONE: "not one" "not a single" "none of" "no technical" "not even one" "unable to answer" "could not answer" "could answer none"
@TECHQ: "technical question*" "technical queries" "technical query"
unfamiliar_product: NOTONE TECHQ window=12
