# German indicator lexicon (see lexicon.go for the format). Compounds are
# matched by their parts (*schulung*: Produktschulung); separable verbs and
# the verb-second order put "nicht" after the verb, so negators also reach
# back from up to six tokens after a head (scope_after).
lang: de
script: latin
stopwords: der die das den dem des ein eine einen einem einer und zu im in ist war wurde wurden nicht kein keine mit auf für von bei nach vor sich sie er wir uns unser unsere auch aber oder wenn dass laut zum zur vom am hat haben will soll sollen möchte wie noch nur sehr
letters: äöüßÄÖÜ
scope: 5
scope_after: 6
window: 12
negators: nicht kein keine keinen keinem keiner keines nie niemals ohne weder nichts "nicht mehr" kaum keinerlei
not_negators: "nicht nur" "kein wunder" "nicht zuletzt"
breaks: aber jedoch sondern doch obwohl während und oder denn weil dass sowie
hedges: falls wenn sofern "im falle" "für den fall" vorausgesetzt "unter der bedingung"
hedge_guards: frag* erkundig* "wissen" "wollte wissen" nachgefragt

# ---- shared ----
@SAY: sagen sagt sagte sagten gesagt mitteil* mitgeteilt teilte teilt nennen nennt nannte nannten genannt angeben angegeben angabe angaben gibt gab geben gegeben erklär* beantwort* antwort* bestätig* offenleg* offengelegt preisgeb* preisgegeben verrat* verriet äußer* geäußert auskunft auskünfte informier* unterschreib* unterschrieb* unterzeichn* ausfüll* ausgefüllt vorleg* vorgelegt einreich* eingereicht schick* geschickt übermittel* spezifizier* präzisier* konkretisier* erläuter* "klare antwort" "klare auskunft" "eindeutige antwort" beschreib* bezeichn* identifizier* erhalten eingegangen vorliegend "liegt vor" "liegen vor"
@REFUSE: verweiger* weiger* lehnt* lehnte* abgelehnt ablehn* zögerlich* zögert* zurückhaltend* "nicht bereit" unwillig* "will nicht" "wollte nicht" "wollen nicht" "wollten nicht" "möchte nicht" "mochte nicht" ausweich* "keine auskunft" verschweig* verschwieg* verheimlich* bedeckt "hält sich bedeckt" schweigt schwieg "will es nicht sagen" "kein kommentar"
@EVADE: ausweich* wich weicht wichen ausgewichen vage vag unklar unklare "keine klare antwort" "keine klaren antworten" "keine eindeutige antwort" "keine eindeutigen antworten" widersprüchlich* drumherum "um den heißen brei" druckst* herumgedruckst "ließ offen" "lässt offen" "offen gelassen" "nicht wichtig" unwichtig "spielt keine rolle" egal "geht uns nichts an" "geht sie nichts an" "geht niemanden etwas an" "wechselte das thema" "wechselt das thema" "thema gewechselt" "lenkte ab" "lenkt ab" abgelenkt "blieb vage" "bleibt vage" schwammig* nebulös* ausflücht* "ausweichend" unpräzise "unbestimmt" "hielt sich bedeckt" "hält sich bedeckt" umgang* umgeh* umging* "das thema" "themenwechsel" gereizt* "andere geschichte" "neue geschichte" "anderen geschichte" ausflücht* ausrede*
@EVADESTRONG: ausweich* wich weicht wichen ausgewichen drumherum "um den heißen brei" druckst* herumgedruckst "wechselte das thema" "wechselt das thema" "thema gewechselt" "lenkte ab" "lenkt ab" ausflücht*
@PRODUCT: produkt* *produkt* artikel* teil teile bauteil* *bauteil* modul* *modul* gerät* *gerät* einheit* maschine* ware waren komponente* sensor* *sensor* system* chip* platine* werkzeug* hardware typ modell* "was er bestellt" "was sie bestellt" "was bestellt"

# ---- end use ----
@PURPOSE: verwendungszweck* *verwendungszweck* verwendet verwendung* wofür wozu zweck einsatzzweck* *einsatzzweck* *endverbleib* endverbleib* endverwend* endnutzer* *endnutzer* endabnehmer* *endabnehmer* endkunde* endkunden endanwender* endverbraucher* "end-user" "end user" "endverwender" eingesetzt genutzt benutzt nutzung anwendungszweck* "wer die ware" "wer die teile" "wer die geräte" eve "für wen" "zu welchem zweck" "welchem zweck" "vorgesehene verwendung" "beabsichtigte verwendung" "endgültige verwendung" betreib* betreiber* einsetz* eingesetzt "wer die" "am ende" endkunde* endanwender* endnutzer*
@MISSING: fehlt fehlen fehlend* fehlte unbekannt unklar "nicht bekannt" vertraulich* geheim* "nicht angegeben" "nicht genannt" leer "keine angaben" "keine angabe" "keine information" "keine informationen" "keine info" "keine infos" "nicht vorhanden" unvollständig ausstehend "steht aus" "stehen aus" "liegt nicht vor" "liegen nicht vor" "n/a" "betriebsgeheimnis" "geheimsache" "ohne angabe" "ohne angaben" vage schwammig allgemein* "nichts weiter" "nichts näheres" "keine näheren" unspezifisch* pauschal*
end_use_missing: REFUSE PURPOSE
end_use_missing: ^SAY PURPOSE -FUNCTION
end_use_missing: MISSING PURPOSE window=6
end_use_missing: EVADE PURPOSE window=8

# ---- evasive about the destination, domestic use or re-export ----
@DEST: wohin woandershin bestimmungsland* *bestimmungsland* bestimmungsort* zielland* *zielland* wiederausfuhr* *wiederausfuhr* reexport* "re-export*" weiterexport* *weiterexport* weiterleit* weiterverkauf* weiterlieferung* export* *export* ausfuhr* verbleib* bleib* bleibt bleiben verbleibt "im land" inland* inländisch* wohin ausland* drittland* *drittland* "geht weiter" "weiter nach" "landet" "landen" "ins ausland" "endziel" "endgültiges ziel" "endgültigen ziel" "endgültigen bestimmung*" "welches land" "welchem land" "welche länder" "wo die ware" "wo die teile" "wo die geräte"
evasive_customer: EVADE DEST
evasive_customer: REFUSE DEST window=8
evasive_customer: ^SAY DEST -NOTYET window=12
evasive_customer: EVADESTRONG -PURPOSE -DATE -DELIV window=20

# ---- unfamiliar with the product ----
@KNOW: kenn* kannte* gekannt wusste* weiß wissen gewusst versteh* verstand* verstanden erklär* beantwort* antwort* sagen sagt sagte nennen nannte ahnung vertraut* bescheid begriff* kapier* beschreib* "im bilde" kompetent* fachkenntnis* kenntnis* fachwissen versiert* "auskunft geben" "auskunft"
@TECH: "technische daten" "technischen daten" daten datenblatt* *datenblatt* spezifikation* kenndaten leistungsdaten* *leistungsdaten* parameter* schnittstelle* *schnittstelle* spannung* *spannung* strom* leistung* frequenz* *frequenz* temperatur* *temperatur* bereich* auflösung* genauigkeit* toleranz* technisch* technik* funktion* *funktion* anwendung* *anwendung* einsatzbereich* merkmal* *merkmal* eigenschaft* fähig* fähigkeit* konfiguration* betriebs* protokoll* baudrate* drehmoment* grundlagen "einfache fragen" "technische fragen" "fragen zur" "fragen zum" leistungsfähig* "was das gerät" "wie das gerät" "was das teil" "wie es funktioniert" "was es kann" "welche ausführung" "welches modell" "welche variante" volt ampere watt hertz durchfluss* druck* anschluss* anschlüsse stecker* gewinde* kabel* port ports montage* abmessung* maße
@UNFAMILIAR: unkundig* ahnungslos* "keine ahnung" laie "keine kenntnis" "keine kenntnisse" "keine fachkenntnis*" "kein fachwissen" "nicht vertraut" unerfahren* "kein techniker" "kein ingenieur" "wenig ahnung" "kaum ahnung" "keinen schimmer" überfordert unwissend* "null ahnung" "keinerlei kenntnis*" "nicht technisch" fachfremd* "kein fachmann" "keine erfahrung" "keinerlei erfahrung" verwechselt* "durcheinander" verwechsel* verwechselt* durcheinander* "angebliche*" "sogenannte*" "so genannte*"
@ASKWHAT: "fragte was" "fragte uns was" "fragte wozu" "fragte uns wozu" "fragte wie" "fragte uns wie" "wollte wissen was" "wollte wissen wozu" "wollte wissen wie" "erkundigte sich was" "erkundigte sich wozu" "fragte nach dem zweck" "fragt was" "fragt wozu"
@DOES: macht tut funktioniert funktion* kann "gut ist" dient "ist für" "wofür es ist" "taugt" "eigentlich"
unfamiliar_product: ^KNOW TECH
unfamiliar_product: UNFAMILIAR TECH
unfamiliar_product: UNFAMILIAR PRODUCT
unfamiliar_product: ASKWHAT PRODUCT window=10

# ---- routine services declined ----
@SERVICE: installation* *installation* montage* *montage* inbetriebnahme* *inbetriebnahme* schulung* *schulung* einweisung* *einweisung* unterweisung* training* *training* wartung* *wartung* instandhaltung* service* *service* garantie* *garantie* gewährleistung* *gewährleistung* support *support* kalibrier* *kalibrier* abnahme* *abnahme* "vor ort" "vor-ort" inspektion* *inspektion* techniker* *techniker* kundendienst* ersatzteil* *ersatzteil* reparatur* *reparatur* updates dokumentation handbuch* anleitung* "aufbau vor ort" "einrichtung der maschine" inbetriebsetzung* *inbetriebsetzung* "einrichten" "aufstellen" *aufstellung*
@DECLINE: lehnt* lehnte* abgelehnt ablehn* verzicht* *verzicht* verweiger* weiger* "kein interesse" "keinerlei interesse" "nicht interessiert" desinteressiert* uninteressiert* abbestell* storniert* storno* gestrichen streich* abgewählt ausgeschlossen "nicht gewünscht" "nicht erwünscht" "nicht erforderlich" "nicht nötig" "nicht notwendig" "nicht benötigt" unnötig überflüssig "kein bedarf" "keinen bedarf" "keine notwendigkeit" "winkte ab" "winkt ab" abgewinkt ausgeschlagen "schlug aus" "schlägt aus" zurückgewiesen zurückweis* "braucht keine" "braucht keinen" "brauchen keine" "will keine" "will keinen" "wollte keine" "wollte keinen" "möchte keine" "möchte keinen" "dankend abgelehnt" "nein danke" "kein bedarf" "nicht gewünscht" "machen das selbst" "macht das selbst" "erledigen das selbst"
@WANT: will wollen wollte wollten möchte möchten mochte brauch* benötig* bedarf wünsch* interess* gewünscht erforderlich nötig notwendig "legt wert" bestell* bucht buchen gebucht nimmt nehmen "in anspruch"
@SELF: selbst selber "eigenes personal" "eigenen technikern" "eigene techniker" "eigenen leuten" "eigene leute" eigenregie intern hauseigen* "eigenen monteur*" "eigene monteure" "eigenen mitarbeiter*" "eigene mitarbeiter"
declined_services: DECLINE SERVICE
declined_services: ^WANT SERVICE window=8
declined_services: ^SERVICE WANT window=6
declined_services: SELF SERVICE window=6

# ---- vague delivery ----
@DATE: termin* *termin* datum *datum* zeitpunkt* zeitplan* *zeitplan* zeitraum zeitfenster* frist* *frist* deadline wann lieferzeit* *lieferzeit* lieferwoche* "geliefert werden soll"
@DELIV: liefer* *lieferung* geliefert versand* *versand* versend* verschick* abholung* *abholung* abhol* auslieferung* zustellung* sendung* verlad*
@OPEN: offen unklar vage vag unbestimmt* unbekannt ungewiss unsicher flexibel "noch nicht fest*" irgendwann "bei gelegenheit" "wenn es passt" "wenns passt" "wenn's passt" "folgt später" später "meldet sich" "melden sich" "gibt bescheid" "geben bescheid" "sagt bescheid" "sagen bescheid" "steht noch nicht" "steht nicht fest" "noch offen" "in den sternen" ungeklärt* tba tbd tbc schwammig* "völlig unklar" "noch nicht bekannt" "nicht absehbar" "unabsehbar" "sobald möglich" "bei bedarf" "noch kein" "noch keine" "noch keinen" "noch nicht" "hängt ab" "hängt vom" "hängt von" dahin wohin "wo unser" ausstehend "melden uns" "melden wir"
@FIXED: fest* festgelegt festgesetzt fix fixiert vereinbart bestätigt definiert bestimmt terminiert geplant konkret bekannt verbindlich*
@REMOTE: abgelegen* entlegen* grenzregion* *grenzregion* grenzgebiet* *grenzgebiet* "nahe der grenze" "an der grenze" grenznah* grenzübergang* "mitten im nirgendwo" wüste einöde abseits* konfliktgebiet* kriegsgebiet* "ohne adresse" "ohne anschrift" "unbekannten ort" "abgelegenen ort"
@LOCATION: adresse* *adresse* anschrift* *anschrift* ort standort* lieferort* lieferstelle* übergabeort* empfänger* *empfänger*
@LATER: folgt "folgt später" später nachgereicht "wird nachgereicht" "wird mitgeteilt" "noch mitgeteilt" "wird bekanntgegeben" "wird noch bekanntgegeben" "noch offen" "noch unbekannt" "bei ankunft"
vague_delivery: OPEN DATE window=8
vague_delivery: OPEN DELIV window=7
vague_delivery: ^FIXED DATE window=6
vague_delivery: ^SAY DATE window=6
vague_delivery: REMOTE DELIV window=10
vague_delivery: REMOTE LOCATION window=6
vague_delivery: LATER LOCATION window=8
vague_delivery: LATER DATE window=8

# ---- price far above the market ----
@MULT: doppelt* "das doppelte" dreifach* "das dreifache" vierfach* fünffach* zehnfach* mehrfach* vielfach* /^[0-9]+(x|fach|fache|fachen)$/ zweimal dreimal "um ein vielfaches"
@ABOVE: über "deutlich über" "weit über" "weit mehr" "viel mehr" "deutlich mehr" "erheblich mehr" "wesentlich mehr" mehr höher oberhalb aufschlag* *aufschlag* prämie* zuschlag* *zuschlag* überteuert* jenseits aufpreis*
@REFPRICE: listenpreis* *listenpreis* liste marktpreis* *marktpreis* markt* katalog* *katalogpreis* angebot* tarif* "üblichen preis" "normalen preis" normalpreis* preisliste* marktüblich* wettbewerb* "andere händler" anderswo woanders "bei anderen" wert "tatsächlichen wert"
@PRICEWORD: preis* *preis* kosten* betrag* angebot* summe* liste
@PAYVERB: zahlt zahlte zahlen bezahl* gezahlt akzeptier* nimmt nahm hingenommen einverstanden bereit biet* bot angeboten zugestimmt "stimmt zu" "stimmte zu" "willigt ein" "willigte ein" freiwillig
@MATTER: rolle egal wichtig thema problem* *problem* ausschlaggebend "von bedeutung" bedeutung verhandl* verhandel* handel* feilsch* rabatt* *rabatt* nachlass interessiert spielt diskutier*
@NOOBJECT: "egal was es kostet" "koste es was es wolle" "um jeden preis" "jeden preis" "zu jedem preis" überbezahl* überzahl* "zu viel bezahlt" "preis egal" "geld spielt keine rolle" "preis spielt keine rolle"
@CHECK: prüf* geprüft kontrollier*
overpricing: MULT PRICEWORD PAYVERB -CHECK window=12
overpricing: ABOVE REFPRICE PAYVERB window=12
overpricing: ABOVE REFPRICE PRICEWORD window=8
overpricing: ^MATTER PRICEWORD window=6
overpricing: NOOBJECT

# ---- cash, crypto-currency ----
@CASH: bargeld* *bargeld* "in bar" "gegen bar" barzahlung* *barzahlung* cash banknoten* geldscheine* "bares" "koffer voller geld" "koffer mit geld" scheine* "in scheinen" bargeld* banknote* "in bar"
@CASHWEAK: bar
@PAYDE: zahlt zahlte zahlen bezahl* gezahlt begleich* beglichen betrag* rechnung* "*zahlung*" summe*
@CRYPTO: krypto* *krypto* bitcoin* btc usdt tether ethereum monero stablecoin* "digitale währung*" "virtuelle währung*" hawala goldbarren* "western union" geschenkkarte* prepaidkarte* "prepaid-karte*"
@CASHOK: skonto* *skonto* rabatt* nachlass cashflow "cash-flow" kassenbestand barmittel barwert "cash pool*" "cash management" vorkasse "netto kasse" kasse
unusual_payment: CASH -CASHOK
unusual_payment: CASHWEAK PAYDE -CASHOK window=5
unusual_payment: CRYPTO

# ---- payment re-routed ----
@PAY: zahlt zahlte zahlen zahlung* *zahlung* *zahlungen bezahl* gezahlt zahler* *zahler überweis* *überweisung* überwies* gelder geld finanzmittel zahlungsfluss rechnung* *rechnung* abrechn* begleich* beglichen konto bankverbindung zahlungsweg* zahlungseingang* "überwiesen"
@SWITCH: änder* *änderung* geändert gewechselt wechsel* *wechsel* umgeleitet umleit* umgestellt umstell* ersetzt ersetz* verlegt verlager* umgebucht "nicht mehr" übernimmt übernahm übernommen "läuft über" "laufen über" "läuft jetzt über" umgerout*
@OTHERPARTY: dritter dritte dritten "dritte partei" drittpartei* drittfirma* "fremde firma" "fremden firma" "anderen firma" "andere firma" "anderes unternehmen" "anderen unternehmen" "andere gesellschaft" "anderen gesellschaft" "anderes konto" "anderen konto" "andere bank" "anderen bank" "anderes land" "anderen land" unbeteiligt* "nicht beteiligte" "fremdes konto" privatkonto* privatperson* "eine firma in" "einer firma in" "einem unternehmen in" "ein unternehmen in" "eine handelsfirma" "einer handelsfirma" offshore* briefkastenfirma* "jemand anderes" "jemand anders" "von einer firma" "von einem unternehmen" schwesterfirma* schwestergesellschaft* tochterfirma* tochtergesellschaft* konzernfirma* "verbundene*" "fremden handelshaus" "fremdes handelshaus" handelshaus* wechselstube*
@ORIG: ursprünglich* eigentlich zunächst zuerst anfangs sollte sollten geplant vorgesehen "war vorgesehen" "war geplant" angekündigt erst
@NOW: jetzt nun stattdessen "statt dessen" kurzfristig "in letzter minute" "im letzten moment" letztlich schließlich plötzlich doch nunmehr neuerdings inzwischen mittlerweile aber sondern
@PAYTERMS: zahlungsziel* *zahlungsziel* zahlungsbedingung* *zahlungsbedingung* fälligkeit* tage raten* währung* *währung* akkreditiv* luftfrachtbrief* frachtbrief* konnossement* proforma* *proforma*
payment_reroute: SWITCH PAY -PAYTERMS -CASH window=8
payment_reroute: ORIG PAY NOW window=18
payment_reroute: PAY +OTHERPARTY -CASH window=8

# ---- shipping changed ----
@SHIPTO: empfänger* *empfänger* lieferadress* *adresse* anschrift* *anschrift* bestimmungsland* *bestimmungsland* zielort* zielland* bestimmungsort* versandanweisung* *anweisung* route* routing lieferort* "liefern an" "geliefert an" "lieferung an" "schicken an" "senden an" "versenden an" "liefern wir an" "an einen" "an eine" lieferanschrift* lieferstelle*
@SHIPSWITCH: änder* *änderung* geändert gewechselt wechsel* *wechsel* umgeleitet umleit* umgestellt umstell* ersetzt ersetz* verlegt verlager* umgebucht umdisponiert statt anstatt anstelle stattdessen "nicht mehr" neu neue neuen neuer neues andere anderen anderer anderes korrigiert* aktualisiert* umgeschrieben umadressiert plötzlich
@SPLIT: aufteil* aufgeteilt *aufteilung* aufsplitt* aufgesplittet splitt* *splitt* gesplittet stückel* *stückel* gestückelt zerleg* zerlegt teilen geteilt verteil* hälfte* halbier* tranche* "mehrere kleine" "mehrere kleinere" "kleinere bestellungen" "kleinere aufträge" "kleinere sendungen" "mehrere bestellungen" "mehrere aufträge" "mehrere sendungen" "mehrere rechnungen" "mehrere lieferungen" "separate bestellungen" "separate aufträge" "separate rechnungen" "getrennte bestellungen" "getrennte rechnungen" "einzelne bestellungen" "jede bestellung" "jeder auftrag" "jede rechnung" "jede sendung" "jede lieferung" "alle bestellungen" "wiederholte bestellungen" "aufeinanderfolgende bestellungen" nacheinander portion* "zwei bestellungen" "drei bestellungen" "zwei sendungen" "drei sendungen" "vier sendungen" "zwei lieferungen" "drei lieferungen" "den rest" rest
shipping_change: SHIPSWITCH SHIPTO -SPLIT window=14

# ---- split shipments ----
@SPLITHEAD: aufteil* aufgeteilt *aufteilung* aufsplitt* aufgesplittet splitt* *splitt* gesplittet stückel* *stückel* gestückelt zerleg* zerlegt teilen geteilt verteil* hälfte* halbier* tranche* "mehrere kleine" "mehrere kleinere" "kleinere bestellungen" "kleinere aufträge" "kleinere sendungen" "mehrere bestellungen" "mehrere aufträge" "mehrere sendungen" "mehrere rechnungen" "mehrere lieferungen" "separate bestellungen" "separate aufträge" "separate rechnungen" "getrennte bestellungen" "getrennte rechnungen" "einzelne bestellungen" "jede bestellung" "jeder auftrag" "jede rechnung" "jede sendung" "jede lieferung" "alle bestellungen" "wiederholte bestellungen" "aufeinanderfolgende bestellungen" nacheinander portion* "zwei bestellungen" "drei bestellungen" "zwei sendungen" "drei sendungen" "vier sendungen" partien "in partien" portionen "in portionen" stückweise "nach und nach" gestaffelt* zerleg* "aufteilen" aufgeteilt verteil* 
@DIFF: verschieden* unterschiedlich* diverse mehrere andere anderen anderer anderes zweite zweiten separate getrennte jeweils "je ein" "je eine" zwei drei vier fünf sechs
@TARGET: empfänger* *empfänger* adresse* *adresse* anschrift* firma firmen unternehmen gesellschaft* kunde kunden abnehmer* *abnehmer* ziel* standort* lager partner* besteller käufer* namen spediteur* *spediteur* agent* paket* partie* charge* sendung* *sendung* lose
@UNDER: unter unterhalb "knapp unter" "weniger als" "nicht über" "nicht mehr als" "bleibt unter" "bleiben unter" "nicht überschreit*" umgehen "zu umgehen" "ohne genehmigung" "ohne lizenz"
@LIMIT: grenze* *grenze* schwelle* *schwelle* limit* *limit* meldegrenze* meldepflicht* *pflicht* genehmigung* *genehmigung* lizenz* *lizenz* freigrenze* wertgrenze* betragsgrenze* "de minimis"
@MONEY: eur euro* usd dollar* chf stück stk einheiten je
split_shipment: SPLITHEAD DIFF TARGET window=14
split_shipment: SPLITHEAD UNDER LIMIT window=14
split_shipment: SPLITHEAD UNDER MONEY window=12

# ---- wider coverage (round 2: synonyms, redirected shipments, premiums, unnamed consignees) ----
@REDIRECT: umgeleitet umleit* umgelenkt umdisponiert umgeroutet
shipping_change: REDIRECT DELIV window=10
@PREMIUMPAY: aufpreis* aufschlag* "mehr als verlangt" "mehr zahlen" überzahl* "zu viel"
overpricing: PAYVERB PREMIUMPAY -CHECK window=8
overpricing: PREMIUMPAY PAYVERB -CHECK window=8
vague_delivery: ^SAY LOCATION window=6

# ---- round 3: concept families (eval/notes/train2.jsonl); see en.lex ----
@EVADE: "drückt sich" "drückte sich" "drücken sich" "gedrückt" schmallippig* einsilbig* wortkarg* maulfaul* mauert* "blockt ab" "blockte ab" abgeblockt "windet sich" "wand sich" "hält sich zurück" "hielt sich zurück" "macht dicht" "legt auf" "legte auf" aufgelegt "zuckt mit den schultern" "zuckte mit den schultern" achselzuck*
@SAY: zurückgeschickt zurückgesandt zurückgesendet zurückgekommen zurück
@KNOW: verständnis* sachverstand* "know-how" sachkenntnis*
@UNFAMILIAR: "kein verständnis" "keinerlei verständnis" "fehlt jedes" "fehlt jegliches" "fehlt jede" "fehlt jegliche" "fehlt das nötige" "ohne jede ahnung" "nicht im geringsten"
@VAGUEUSE: "diverse projekte" "verschiedene projekte" "verschiedene zwecke" "diverse zwecke" "allgemeine zwecke" "allgemeine industrielle" "allgemeiner industriebedarf" "verschiedene anwendungen" "diverse anwendungen" "eigene projekte" "forschungszwecke"
end_use_missing: PURPOSE VAGUEUSE window=12
@NOTYET: noch vorerst derzeit "im moment" "zur zeit" "zurzeit" "bisher"
@INSTEADBUYER: "statt des kunden" "statt des käufers" "statt des bestellers" "anstelle des kunden" "anstelle des käufers" "anstatt des kunden" "statt dem kunden" "nicht der kunde" "nicht vom kunden" "nicht der käufer" "nicht vom käufer" "nicht der besteller" "nicht vom besteller" "nicht der rechnungsempfänger" "nicht vom rechnungsempfänger" "nicht die firma der wir" "nicht von der firma"
payment_reroute: PAY INSTEADBUYER window=14
@VIA: über durch via "von einem" "von einer" "kam von" "kommt von" "stammt von" "gezahlt von" "bezahlt von" "überwiesen von"
@PAYPARTY: geschäftspartner* handelspartner* partnerfirma* partnerunternehmen* cousin* vetter* bruder* verwandte* verwandten freund* onkel* wechselstube* geldwechsler* wechselbüro* handelshaus* vermittler* mittelsm* zwischenhändler* privatperson* privatkonto* "eine firma" "einer firma" "ein unternehmen" "einem unternehmen" "eine gesellschaft" "einer gesellschaft" "jemand anderes" "jemand anders"
payment_reroute: PAY VIA PAYPARTY -CASH window=14
@NOHAGGLE: "ohne zu feilschen" "ohne feilschen" "ohne zu verhandeln" "ohne verhandlung" "ohne jede verhandlung" "ohne nachzuverhandeln" "ohne rabatt" "ohne nach rabatt" "ohne murren" "ohne zu murren" "ohne diskussion" "ohne zu diskutieren" "ohne wimpernzucken" anstandslos "nicht verhandelt" "nicht gefeilscht" "kein feilschen" "keine verhandlung" "ohne handeln" "ohne zu handeln"
overpricing: NOHAGGLE PRICEWORD window=14
overpricing: NOHAGGLE PAYVERB window=10
@TRANSIT: freihandelszone* *freihandelszone* freizone* *freizone* zolllager* *zolllager* zollager* *zollager* transitlager* *transitlager* spediteurlager* "lager des spediteurs" "lager eines spediteurs" "lager unseres agenten" "lager des agenten" "lager unseres vertreters" postfach* "c/o" "zu händen" "an order"
@SOMEWHERE: irgendwo irgendwohin "irgendein lager" "irgendeinen hafen" "irgendeine adresse"
@NOTKNOWN: "steht nicht fest" "stehen nicht fest" "steht noch nicht fest" "noch offen" "noch unklar" "noch nicht bekannt" "noch nicht klar" "wird noch mitgeteilt" "werden noch mitgeteilt" "wird nachgereicht" "werden nachgereicht" "folgt noch" "folgt später" "noch nicht sagen" "noch unbekannt" "nicht festgelegt" "noch nicht festgelegt" "noch zu klären" "noch zu bestimmen" "wird noch bekannt gegeben" "wird später bekannt gegeben"
vague_delivery: TRANSIT DELIV window=10
vague_delivery: TRANSIT LOCATION window=10
vague_delivery: TRANSIT PRODUCT window=8
vague_delivery: SOMEWHERE DELIV window=10
vague_delivery: SOMEWHERE LOCATION window=8
vague_delivery: NOTKNOWN LOCATION window=8
vague_delivery: NOTKNOWN DELIV window=10
@INSTEADTO: "statt nach" "anstatt nach" "statt an" "anstatt an" "anstelle nach"
shipping_change: INSTEADTO window=12
@SPLITMORE: verteil* aufteil* aufgeteilt "der rest" "den rest" "restliche*" "die andere hälfte" "zweite hälfte" "die übrigen" "den übrigen"
split_shipment: SPLITMORE DIFF TARGET window=14
@INABLE: "konnte nicht" "konnten nicht" "kann nicht" "können nicht" "nicht in der lage" "war nicht in der lage" "außerstande" "unfähig"
@FUNCTION: dient dienen funktioniert funktionieren "was es macht" "was es tut" "was es kann" "wofür es gut ist" "wozu es gut ist" "macht" "tut"
unfamiliar_product: INABLE KNOW FUNCTION window=12
# an order cut into a number of orders, invoices or parcels, or each part
# invoiced on its own (not: cost centres, a framework contract, one site)
@CUT: zerleg* aufteil* aufgeteilt split* splitt* aufsplitt* stückel* aufstückel* trenn* gestückelt
@COUNT: mehrere einige zwei drei vier fünf sechs sieben acht neun zehn /^[0-9]+$/
@DOCUNIT: bestellung* auftrag aufträge aufträgen rechnung* sendung* lieferung* teillieferung* partie* posten lose los paket* päckchen tranche* charge*
@EACHOWN: "eigene rechnung" "eigenen rechnung" "eigener rechnung" "jeweils eine rechnung" "jeweils einer rechnung" "separate rechnung*" "getrennte rechnung*" "getrennten rechnung*" "einzelne rechnungen" "einzeln abgerechnet" "einzeln berechnet" "einzeln fakturiert" "separat fakturiert" "separat abgerechnet"
@COSTCENTRE: kostenstelle* *kostenstelle* rahmenvertrag* *rahmenvertrag* "dasselbe werk" "dieselbe adresse" "gleiche werk" "gleiche adresse" "gleichen werk" "selben werk"
split_shipment: CUT COUNT DOCUNIT -COSTCENTRE window=10
split_shipment: EACHOWN COUNT -COSTCENTRE window=12
@CASH: "bar bezahlen" "bar zahlen" "bar bezahlt" "bar gezahlt" "bar begleichen" "bar beglichen" "bar zu zahlen" "bar zu bezahlen"
@CASH: "zahlt bar" "zahlte bar" "zahlen bar" "bezahlt bar" "bezahlte bar" "bezahlen bar"

# ---- round 4: concepts across the wording (eval/notes/train3.jsonl) ----
# Ausweichen beim späteren Betreiber oder Endkunden ist Ausweichen (der
# Endverbleib ist der Zweck, der Endkunde eine Person); die Frage nach dem
# Zweck mit "geheim", "intern", "geht uns nichts an" beantwortet; die
# Sendung geht jetzt statt nach A nach B; ein Vielfaches oder Prozente
# mehr zahlen; ein neues oder anderes Konto; zwei Modelle nicht
# unterscheiden oder die Bedienung nicht kennen.
@ENDUSER: endnutzer* *endnutzer* endabnehmer* *endabnehmer* endkunde* endkunden endanwender* endverbraucher* "end-user" "end user" endverwender* betreiber* *betreiber* "wer die anlage" "wer die maschine" "wer die geräte" "welches werk" "welchen standort"
@EVADE: "lenkt ab" "lenkte ab" "lenkt um" "lenkte um" "lenkt auf" "lenkte auf" "lenkt sofort" "lenkt das gespräch" "lenkte das gespräch" "weicht aus" "wich aus" "weicht jedes mal aus" "wechselt das thema" "wechselte das thema" "themawechsel" "redet von etwas anderem"
evasive_customer: EVADE ENDUSER window=14
@SECRET: geheim *geheim* geheimsache vertraulich* intern interne internes "interne angelegenheit" "interne sache" betriebsgeheimnis* geschäftsgeheimnis* "geht uns nichts an" "geht sie nichts an" "nicht ihre sache" "nicht unsere sache" "privatsache" "nicht relevant" irrelevant
@ASKPURPOSE: verwendungszweck* *verwendungszweck* verwendung* wofür wozu zweck einsatzzweck* *einsatzzweck* anwendung* nutzung* gebraucht eingesetzt "verwendet werden"
end_use_missing: ASKPURPOSE SECRET -ENDUSER window=16
@INSTEAD: statt anstatt anstelle "an stelle" "anstelle von" "statt nach" "statt an"
@MOVE: geht gehen ging gehen versand* versend* verschick* geliefert liefer* *lieferung* sendung* *sendung* ware waren fracht* transport* "nun nach" "jetzt nach"
shipping_change: INSTEAD MOVE -PAY -SPLIT window=12
@PCT: /^[0-9]+$/
@MOREPCT: mehr aufpreis aufschlag* zuschlag* extra
overpricing: PAYVERB MULT -CHECK -SPLIT window=8
overpricing: PAYVERB PCT MOREPCT -CHECK -CASHOK window=6
@NEWACCOUNT: "neues konto" "neuen konto" "neuem konto" "neue bankverbindung" "neuen bankverbindung" "neue kontoverbindung" "anderes konto" "anderen konto" "anderem konto" "andere bank" "anderen bank" "anderer bank" "fremdes konto" "fremden konto" "konto einer anderen" "konto eines anderen" "neue iban" "andere iban"
payment_reroute: NEWACCOUNT -CASHOK window=14
@DIFFER: unterschied* unterscheid* *unterschied* abgrenz* "auseinanderhalten" "auseinander halten"
@OPERATE: bedienung* *bedienung* bedien* handhab* betrieb betreiben inbetriebnahme
unfamiliar_product: ^KNOW DIFFER window=10
unfamiliar_product: INABLE DIFFER window=10
unfamiliar_product: ^KNOW OPERATE window=8
# neither the purpose nor the destination given: a correlative negation
# reaches both topics, whatever the verb's own polarity
@NEITHER: weder
end_use_missing: ~ASKPURPOSE NEITHER ~SAY -ENDUSER window=18
end_use_missing: ~PURPOSE NEITHER ~SAY -ENDUSER window=18
evasive_customer: ~DEST NEITHER ~SAY window=18
# negative verbs and offers (round 4): "refused to name", "did not refuse to
# name", "ready to pay more if we take cash"
neg_verbs: weigert* verweigert* zöger* *zögern* scheut scheute vermeid* vermied* ablehn* lehnt
offers: biet* bot angeboten bereit "ist bereit" "wäre bereit" will wollen möchte schlägt vorgeschlagen
# round 4b (siehe en.lex)
@VARIANTS: version* geschicht* darstellung* angaben antworten "jedes mal" "jedesmal"
evasive_customer: VARIANTS DIFF DEST window=14
@WRITE: nennen genannt schreib* geschrieben angeb* angegeben erwähn* aufführ* aufgeführt vermerk* ausweis* drucken
@DOCS: papier* *papiere* dokument* *dokument* unterlag* rechnung* *rechnung* etikett* packliste* frachtbrief* ausfuhranmeldung* zollpapier*
evasive_customer: ^WRITE DEST DOCS window=14
@FIELD: feld *feld* abschnitt* rubrik* spalte* frage* fragebogen* formular*
end_use_missing: PURPOSE FIELD MISSING window=10
@DEST: endbestimmungsland* *bestimmungsland* zielland* *zielland* land ländern
@GENERAL: allgemein* *allgemein* diverse verschiedene sonstige
@USES: *zwecke zwecke anwendungen einsatzbereiche bedarfe
end_use_missing: GENERAL USES window=4
@GENZWECK: /^allgemein[a-z]*zwecke?n?$/ /^industriezwecke?n?$/
end_use_missing: GENZWECK
@SPLITHEAD: losen lose "in losen" teillieferung* *teillieferung* teilsendung* *teilsendung* tranchen
@TARGET: empfänger* *empfänger*
@KNOW: ahnung

# morphology (round 4): a plain word of five letters or more also matches
# inflected (see lexicon.go)
inflect: 2
vowels: e
# round 4c (siehe en.lex)
@RELATIVE: bruder* brüder* schwester* cousin* vetter* onkel* tante* neffe* nichte* sohn* tochter* ehefrau ehemann verwandt* schwager* schwägerin*
payment_reroute: PAY RELATIVE -CASH window=12
@PAY: überweisung* *überweisung*
@APLACE: "einen hafen" "einem hafen" "irgendeinen hafen" "ein lager" "einen ort" "einem ort" "eine stadt"
@NODETAIL: "keine weiteren angaben" "keine näheren angaben" "keine details" "ohne weitere angaben" "ohne nähere angaben" "keine weiteren details" "nichts weiter" "keine genaueren angaben"
vague_delivery: APLACE NODETAIL window=16
vague_delivery: DELIV NODETAIL window=14
@LOST: ratlos* hilflos* verdutzt* perplex* "stand auf dem schlauch" überfragt
@TECH: *temperatur* betriebsdaten
unfamiliar_product: LOST TECH window=14
@SIMPLEQ: "einfache fragen" "einfachste fragen" "grundlegende fragen" "einfache frage"
unfamiliar_product: INABLE SIMPLEQ window=12
unfamiliar_product: ^KNOW SIMPLEQ window=12
# round 4d (siehe en.lex)
@WHYCARE: "warum uns interessiert" "warum uns das interessiert" "warum wir das wissen" "warum wir wissen wollen" "was uns das angeht" "was geht sie das an" "wozu wir das wissen"
@WHERE: wo aufgestellt installiert "eingebaut"
evasive_customer: WHYCARE WHERE window=14
evasive_customer: WHYCARE DEST window=14
@ONLY: nur lediglich "bloß" ausschließlich
@PROJECT: "ein projekt" "für ein projekt" "einem projekt" "ein vorhaben"
end_use_missing: PURPOSE ONLY PROJECT window=14
@CROSSED: durchgestrichen* gestrichen geschwärzt* "ohne unterschrift" unsigniert* "nicht unterschrieben"
end_use_missing: PURPOSE CROSSED window=14
end_use_missing: ASKPURPOSE ONLY PROJECT window=14
# round 4e: a series of orders each just under a threshold (one order
# under a threshold is no split)
@EACH: jede jeder jedes "alle" "jedes mal" jeweils
@DOCUNIT: bestellung* *bestellung* auftr* *auftrag*
split_shipment: EACH UNDER LIMIT DOCUNIT window=16
# round 4g: knowing next to nothing about the product while ordering it; not
# one technical question answered
@KENNT: "kennt sich" "kannte sich" "kennen sich" "kannten sich" "auskennen"
@NICHTAUS: "nicht aus" "gar nicht aus" "überhaupt nicht aus" "kaum aus" "nicht gut aus" "nicht wirklich aus"
unfamiliar_product: KENNT NICHTAUS TECH window=16
unfamiliar_product: KENNT NICHTAUS PRODUCT window=16
@NOTONE: "keine einzige" "keine einzigen" "nicht eine" "keine der" "keine technische" "keine technischen"
@TECHQ: "technische frage*" "technischen frage*" *fachfrage* "fachliche frage*"
unfamiliar_product: NOTONE TECHQ window=12
