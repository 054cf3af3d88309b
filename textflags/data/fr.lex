# French indicator lexicon (see lexicon.go for the format). Elisions are
# written out by the tokenizer (n'a → ne a, l'acheteur → le acheteur), so
# "ne … pas" around a verb negates it from before.
lang: fr
script: latin
stopwords: le la les un une des du de et à au aux en est était été pas ne sur pour par avec dans que qui il elle ils nous notre son sa ses ce cette mais ou si après avant très a ont leur se
letters: éèêàçœûîôùÉÈÊÀÇ
scope: 4
scope_after: 1
window: 12
negators: ne pas jamais sans aucun aucune ni non rien nullement guère incapable impossible "pas en mesure" "hors d'état"
not_negators: "non seulement" "sans doute" "sans cesse"
breaks: mais cependant toutefois pourtant alors et ou car puisque tandis quoique
hedges: si "au cas où" "en cas de" "à condition que" "pourvu que" "sauf si" "dans le cas où" "dans l'hypothèse où"
hedge_guards: demand* interrog* savoir "se renseigne" renseign*

# ---- shared ----
@SAY: dire dit dis disent préciser précis* indiquer indiqu* communiqu* révéler révél* divulgu* expliqu* répondre répond* réponse* confirmer confirm* nommer nomm* identifi* donner donn* fournir fourni* partag* transmet* transmis* renseign* déclarer déclar* spécifi* signer signé signée signés remplir rempli* retourn* reçu reçue recevoir envoy* mentionn* détaill* clarifi* éclairc*
@REFUSE: refus* décli* réticen* hésit* "pas disposé" "peu disposé" "pas prêt" rechign* rejet* rejeté* "se refuse" évasi* élud* esquiv* "botte en touche" "garde le silence" "gardé le silence" silencieux "se tait" "ne souhaite pas" "ne veut pas" "ne voulait pas" "ne a pas voulu" "ne ont pas voulu" "ne voulaient pas" "ne veulent pas" "ne souhaitait pas" "ne a pas souhaité" "se garde de"
@EVADE: évasi* élud* esquiv* "botte en touche" "botter en touche" "botté en touche" "noie le poisson" "noyé le poisson" flou floue flous floues vague vagues "pas clair" "peu clair" imprécis* contradictoire* incohérent* "pas important" "sans importance" "peu importe" "ne nous regarde pas" "ne vous regarde pas" "change de sujet" "changé de sujet" "changer de sujet" "détourne la conversation" "détourné la conversation" "tourne autour du pot" "tourné autour du pot" "aucune réponse claire" "pas de réponse claire" évite évité éviter "se dérobe" dérob* "reste vague" "resté vague" "restée vague" ambigu* esquiv* élud* "autre chose" "changé de sujet" "change de sujet" agacé* énervé* "histoire différente" "autre histoire" "une histoire"
@EVADESTRONG: évasi* élud* esquiv* "botte en touche" "botté en touche" "noie le poisson" "change de sujet" "changé de sujet" "changer de sujet" "détourne la conversation" "tourne autour du pot" dérob* "évite les questions" "évité les questions" "éviter les questions" "évite de répondre" "évité de répondre"
@PRODUCT: produit* article* pièce* composant* module* appareil* équipement* machine* matériel* marchandise* capteur* système* puce* carte* outil* dispositif* unité* modèle* récepteur*

# ---- end use ----
@PURPOSE: "à quoi" serviront servira servir "utilisé pour" "utilisés pour" "utilisée pour" "utilisées pour" "utilisation finale" "usage final" "utilisation prévue" "usage prévu" "utilisateur final" "utilisateurs finaux" "destinataire final" "client final" "clients finaux" finalité usage utilisation utilisateur utilisateurs "pour quoi faire" "pourquoi faire" "qui utilisera" "qui va utiliser" "à quelle fin" "quelle fin" "emploi final" "utilisation envisagée" "usage envisagé" "l'emploi" "serviront" "servira" exploit* "qui utilisera" "qui exploitera" "client final" "utilisateur final"
@MISSING: manqu* absent* inconnu* "non communiqué" "non communiquée" "non précisé" "non précisée" "non indiqué" "non indiquée" "non renseigné" "non renseignée" "non fourni" "non fournie" "non déclaré" "non spécifié" "pas communiqué" "pas précisé" "pas indiqué" confidentiel* secret* "aucune information" "aucune info" "aucun détail" "aucune précision" "aucune indication" "pas de information" "pas de précision" "sans information" vide "laissé vide" "en blanc" "non disponible" "n/a" "à préciser" "à définir" vague flou floue général* générale* "rien de plus" "sans plus" vague*
end_use_missing: REFUSE PURPOSE
end_use_missing: ^SAY PURPOSE -FUNCTION
end_use_missing: MISSING PURPOSE window=6
end_use_missing: EVADE PURPOSE window=8

# ---- evasive about the destination, domestic use or re-export ----
@DEST: destination* réexport* "ré-export*" "re-export*" export* "rester en" "rester au" "rester dans" "reste en" "reste au" "reste dans" "restera en" "restera au" "restera dans" "resteront en" "resteront au" "resteront dans" "restent en" "restent au" "restent dans" "reste sur place" "restera sur place" "resteront sur place" demeur* où pays "pays tiers" "destination finale" "destination ultime" national* domestique* étranger revend* revente réexpédi* transbord* ira iront partira partiront finiront finira aboutir* "va ensuite" "vont ensuite" "dans quel pays"
evasive_customer: EVADE DEST
evasive_customer: REFUSE DEST window=8
evasive_customer: ^SAY DEST -NOTYET window=8
evasive_customer: EVADESTRONG -PURPOSE -DATE -DELIV window=20

# ---- unfamiliar with the product ----
@KNOW: connai* connais* connu* savoir sait savait su compren* compri* expliqu* répond* répondre réponse* décrire décri* idée maîtris* "au courant" familier* familiarisé* connaissance* compétence* dire indiquer préciser nommer
@TECH: caractéristique* spécification* "fiche technique" "fiches techniques" "données techniques" paramètre* performance* tension* courant puissance* interface* protocole* fréquence* "bande passante" température* plage* résolution* précision* tolérance* technique* technolog* fonction* fonctionnement application applications "à quoi sert" "ce que fait" "comment fonctionne" capacité* capacités configuration* réglage* alimentation* "questions de base" "questions simples" "questions techniques" "quel modèle" "quelle version" vitesse* couple débit sensibilité* portée volt volts ampère* ampere* watt* hertz débit* pression* connecteur* prise* filetage* câble* port ports montage* dimension*
@UNFAMILIAR: "aucune idée" "pas la moindre idée" "aucune connaissance" "aucune notion" "pas de notion" "ignore tout" "ignorait tout" ignorant* novice profane "pas du métier" "pas technicien" "pas ingénieur" "aucune compétence" "pas familier" "peu familier" inexpériment* "sans expérience" "aucune expérience" dépassé perdu confus "ne y connaît rien" "ne connaît rien" "ne connaissait rien" "ne savait rien" "ne sait rien" "rien compris" "pas compris" ignorait ignore confond* "mélange*" "soi-disant" "prétendu*" incapable*
@ASKWHAT: "demandé à quoi" "demandé ce que" "demandé comment" "demande à quoi" "demande ce que" "demande comment" "voulait savoir à quoi" "voulait savoir ce que" "voulait savoir comment" "demandait à quoi" "demandait ce que"
unfamiliar_product: ^KNOW TECH
unfamiliar_product: UNFAMILIAR TECH
unfamiliar_product: UNFAMILIAR PRODUCT
unfamiliar_product: ASKWHAT PRODUCT window=10

# ---- routine services declined ----
@SERVICE: installation* install* "mise en service" "mise en route" "mise en marche" formation* garantie* maintenance* entretien* service* "après-vente" sav assistance* support* étalonnage* calibrage* calibration* réception "test de réception" "essais de réception" "sur site" technicien* "pièces de rechange" "pièces détachées" visite* "mise à jour" documentation* montage démarrage "prise en main"
@DECLINE: refus* décli* rejet* rejeté* renonc* "pas intéressé" "pas intéressés" "pas intéressée" "pas intéressées" "aucun intérêt" "pas de intérêt" "pas besoin" "aucun besoin" "pas nécessaire" inutile superflu* "ne souhaite pas" "ne souhaite ni" "ne veut pas" "ne veut ni" "ne voulait pas" "ne a pas voulu" "ne désire pas" "ne désire ni" annul* supprim* retir* exclu* dispens* "se passer de" "se passe de" "se passera de" "fait l'impasse" "fait le impasse" écart* "non souhaité" "non souhaitée" "pas souhaité" "pas souhaitée" "pas requis" "pas requise" "non requis" "non requise" "non merci" "pas pour nous" "se débrouill*" déclin*
@WANT: veut veulent voulait voulu vouloir souhait* désir* besoin* nécessit* requis* requiert exig* intéress* "tient à" command* réserv*
@SELF: "eux-mêmes" "eux mêmes" "lui-même" "lui même" "elle-même" "leurs propres" "son propre personnel" "leur propre personnel" "propres techniciens" "propre équipe" "en interne" interne "par ses soins" "par leurs soins"
declined_services: DECLINE SERVICE
declined_services: ^WANT SERVICE window=8
declined_services: ^SERVICE WANT window=6
declined_services: SELF SERVICE window=6

# ---- vague delivery ----
@DATE: date* délai* calendrier* planning* échéance* horaire* créneau "semaine de livraison" "jour de livraison" moment
@DELIV: livr* expédi* envoi* envoy* enlèvement* enlever retrait récupér* chargement*
@OPEN: ouvert* flou* vague* incertain* indéterminé* inconnu* "non fixé" "non fixée" "pas fixé" "pas fixée" "non défini" "non définie" "à définir" "à confirmer" "à préciser" "à déterminer" "à voir" "on verra" "nous verrons" "plus tard" ultérieurement "quand ce sera possible" "quand possible" "quand ça le arrange" "quand cela le arrange" "un jour" "à un moment" "ne importe quand" "pas encore connu" "reste à fixer" "reste à définir" "reste à voir" imprécis* "le moment venu" "en temps voulu" flexible souple indéfini* "sans date" "pas encore" "toujours ouvert" "reste ouvert" "dépend de" "dépend du" "là où" "on vous tiendra" "tiendra au courant" "à préciser" "à définir" "aucun"
@FIXED: fix* arrêt* défini* déterminé* convenu* confirmé* précis* planifié* programmé* certain* connu*
@REMOTE: isolé* reculé* "zone reculée" "région reculée" éloigné* "près de la frontière" "proche de la frontière" "zone frontalière" "région frontalière" frontalier* "en plein désert" désert* "au milieu de nulle part" "zone de conflit" "zone de guerre" "sans adresse" "lieu inconnu" "lieu non précisé"
@LOCATION: adresse* lieu* site* emplacement* "point de livraison" "lieu de livraison" endroit destinataire*
@LATER: "plus tard" ultérieurement "sera communiquée" "sera communiqué" "sera précisée" "sera précisé" "sera donnée" "sera donné" "sera indiquée" "sera indiqué" "à suivre" suivra "à venir" "à communiquer" "à préciser" "à le arrivée"
vague_delivery: OPEN DATE window=8
vague_delivery: OPEN DELIV window=7
vague_delivery: ^FIXED DATE window=8
vague_delivery: ^SAY DATE window=6
vague_delivery: REMOTE DELIV window=10
vague_delivery: REMOTE LOCATION window=6
vague_delivery: LATER LOCATION window=8
vague_delivery: LATER DATE window=8

# ---- price far above the market ----
@MULT: double "le double" triple "le triple" "deux fois" "trois fois" "quatre fois" "dix fois" "plusieurs fois" /^[0-9]+x$/ /^x[0-9]+$/
@ABOVE: "au-dessus" "au dessus" supérieur supérieure supérieurs supérieures "bien plus" "beaucoup plus" "largement plus" "nettement plus" "plus que" "plus cher" majoration* prime* surcoût* surprix surpay* "au-delà" excéd* dépass*
@REFPRICE: "prix catalogue" catalogue* tarif* "prix public" "prix de liste" "liste de prix" marché* "prix du marché" "prix courant" "prix habituel" "prix normal" "prix standard" devis "notre offre" offre* concurrence concurrent* distributeur* ailleurs "valeur réelle"
@PRICEWORD: prix tarif* coût* montant* devis offre* somme*
@PAYVERB: paie paient payer payé payée paiera paieront payera payait accept* propos* offr* "prêt à" "disposé à" consent* "d'accord" "de accord" acquitt* régler réglé règle
@MATTER: importe importance problème* question souci* négoci* marchand* discut* remise rabais compte préoccupation obstacle
@NOOBJECT: "peu importe le prix" "le prix importe peu" "quel que soit le prix" "à ne importe quel prix" "à tout prix" "coûte que coûte" "sans regarder le prix" "sans regarder à la dépense" surpay* "trop payé"
@CHECK: vérifi* contrôl*
overpricing: MULT PRICEWORD PAYVERB -CHECK window=12
overpricing: ABOVE REFPRICE PAYVERB window=12
overpricing: ABOVE REFPRICE PRICEWORD window=8
overpricing: ^MATTER PRICEWORD window=6
overpricing: NOOBJECT

# ---- cash, crypto-currency ----
@CASH: espèces "en liquide" "argent liquide" "argent comptant" cash "billets de banque" "en billets" "valise de billets" liquidités
@CRYPTO: crypto* bitcoin* btc usdt tether ethereum monero "monnaie numérique" "monnaies numériques" "monnaie virtuelle" "monnaies virtuelles" "actifs numériques" hawala "lingots de or" "mandat cash" "western union" "cartes prépayées" "carte prépayée"
@CASHOK: escompte* remise* rabais "paiement comptant" "au comptant" trésorerie "cash-flow" "flux de trésorerie" "cash pooling" caisse
unusual_payment: CASH -CASHOK
unusual_payment: CRYPTO

# ---- payment re-routed ----
@PAY: paiement* payer payé payée payés paie paient paiera paieront payera payeront payait payeur* règlement* régler réglé virement* fonds argent facture* factur* versement* transfert*
@SWITCH: chang* modifi* remplac* redirig* détourn* dévi* réorient* basculé* "ne est plus" "ne sera plus" "à la place" "au lieu"
@OTHERPARTY: tiers tierce "société tierce" "un tiers" "partie tierce" "autre société" "une autre société" "autre entreprise" "autre compte" "un autre compte" "autre banque" "autre pays" "société inconnue" "sans lien" "sans rapport" "une société à" "une société en" "une société aux" "une société au" "de une société" "par une société" "société offshore" offshore "société écran" particulier "compte personnel" "compte privé" "quelqu'un de autre" "quelqu'un d autre" filiale* "société sœur" "société soeur" "maison de négoce" "sans lien" "bureau de change" "autre société"
@ORIG: initialement "au départ" "de abord" "au début" prévu prévue devait devaient "était prévu" censé annoncé convenu programmé planifié
@NOW: maintenant désormais "à la place" finalement "en fin de compte" "au dernier moment" "à la dernière minute" "dernière minute" "dernier moment" soudain* "tout à coup" mais cependant "entre-temps"
@PAYTERMS: "conditions de paiement" "délai de paiement" échéance* jours devise* monnaie "lettre de crédit" "crédit documentaire" acompte* "lettre de transport" "pro forma" proforma connaissement*
payment_reroute: SWITCH PAY -PAYTERMS -CASH window=8
payment_reroute: ORIG PAY NOW window=18
payment_reroute: PAY +OTHERPARTY -CASH window=8

# ---- shipping changed ----
@SHIPTO: destinataire* consignataire* "adresse de livraison" "adresse de expédition" adresse* "lieu de livraison" "pays de destination" destination* "instructions de expédition" "instructions de livraison" itinéraire* route "livrer à" "livrer chez" "livré à" "livrée à" "livraison à" "livraison chez" "envoyer à" "expédier à" "expédier vers" livrer réceptionnaire*
@SHIPSWITCH: chang* modifi* remplac* redirig* détourn* dévi* réorient* "à la place" "au lieu" désormais nouveau nouvelle nouvel nouveaux nouvelles autre "un autre" "une autre" différent différente plutôt "mis à jour" corrig* rectifi*
@SPLIT: répart* divis* fraction* scind* découp* morcel* étal* moitié "en plusieurs" "plusieurs petites commandes" "plusieurs commandes" "plusieurs envois" "plusieurs expéditions" "plusieurs factures" "plusieurs livraisons" "commandes séparées" "envois séparés" "factures séparées" "petites commandes" "petits envois" "petites quantités" "chaque commande" "chaque facture" "chaque envoi" "chaque livraison" "toutes les commandes" "commandes successives" "commandes répétées" "commandes consécutives" "en lots" "par lots" tranche* "deux commandes" "trois commandes" "trois envois" "deux envois" "le reste" "le solde"
shipping_change: SHIPSWITCH SHIPTO -SPLIT window=12

# ---- split shipments ----
@SPLITHEAD: répart* divis* fraction* scind* découp* morcel* étal* moitié "en plusieurs" "plusieurs petites commandes" "plusieurs commandes" "plusieurs envois" "plusieurs expéditions" "plusieurs factures" "plusieurs livraisons" "commandes séparées" "envois séparés" "factures séparées" "petites commandes" "petits envois" "chaque commande" "chaque facture" "chaque envoi" "chaque livraison" "toutes les commandes" "commandes successives" "commandes répétées" "commandes consécutives" "en lots" "par lots" tranche* "deux commandes" "trois commandes" "trois envois" "deux envois" "par lots" "en lots" "en plusieurs" répartir répart* échelonn* "petit à petit" "au compte-gouttes"
@DIFF: différent* divers* plusieurs autre autres distinct* séparé* chacun chacune respectif* deux trois quatre cinq six second seconde deuxième
@TARGET: destinataire* adresse* société* entreprise* client* acheteur* entité* destination* entrepôt* site sites noms transitaire* agent* colis lot lots envoi* expédition*
@UNDER: "en dessous" "en-dessous" "au-dessous" sous inférieur inférieure "moins de" "juste sous" "juste en dessous" "pas dépasser" "sans dépasser" éviter contourner "sans licence" "sans autorisation"
@LIMIT: seuil* limite* plafond* "de minimis" déclaration* licence* autorisation* "valeur maximale"
@MONEY: eur euro* usd dollar* unités pièces pcs
split_shipment: SPLITHEAD DIFF TARGET window=14
split_shipment: SPLITHEAD UNDER LIMIT window=14
split_shipment: SPLITHEAD UNDER MONEY window=12

# ---- wider coverage (round 2: synonyms, redirected shipments, premiums, unnamed consignees) ----
@REDIRECT: redirig* détourn* dérout* réorient* "réacheminé*" "envoyé ailleurs"
shipping_change: REDIRECT DELIV window=10
@PREMIUMPAY: supplément* surcoût* "plus que demandé" "payer plus" surpay* "trop payé"
overpricing: PAYVERB PREMIUMPAY -CHECK window=6
vague_delivery: ^SAY LOCATION window=6

# ---- round 3: concept families (eval/notes/train2.jsonl); see en.lex ----
@EVADE: raccroché raccroche "se tait" "s'est tu" "s'est tue" motus "bouche cousue" "haussé les épaules" "hausse les épaules" "noie le poisson" "botte en touche" "tourne autour du pot" "reste flou" "resté flou" "reste évasif" "est resté évasif"
@SAY: retourné retournée retournés renvoyé renvoyée renvoyés "revenu" "revenus"
@CASH: billets "liasse de billets" liasse* "en liquide"
@KNOW: compréhension notions connaissance*
@VAGUEUSE: "divers projets" "différents projets" "projets divers" "usage général" "usages divers" "fins diverses" "applications diverses" "divers usages" "usage industriel général" "propres projets"
end_use_missing: PURPOSE VAGUEUSE window=12
@NOTYET: encore "pour l'instant" "pour le moment" "à ce stade"
@INSTEADBUYER: "à la place du client" "à la place de l'acheteur" "au lieu du client" "au lieu de l'acheteur" "pas de l'acheteur" "pas du client" "et non l'acheteur" "et non le client" "pas par l'acheteur" "pas par le client" "en lieu et place du client"
payment_reroute: PAY INSTEADBUYER window=14
@VIA: via "par l'intermédiaire" "par le biais" "par un" "par une" "provient de" "vient de" "venu de" "payé par" "réglé par" "viré par" "passer par"
@PAYPARTY: partenaire* cousin* frère* oncle* "bureau de change" changeur* "maison de commerce" intermédiaire* particulier "compte personnel" "compte privé" "une société" "une entreprise" "une firme" "quelqu'un d'autre" "société sœur" "société soeur"
payment_reroute: PAY VIA PAYPARTY -CASH window=14
@NOHAGGLE: "sans négocier" "sans négociation" "sans marchander" "sans discuter" "sans sourciller" "sans broncher" "sans demander de remise" "sans demander de rabais" "sans la moindre négociation" "sans aucune négociation" "n'a pas négocié" "sans discussion" "sans rechigner"
overpricing: NOHAGGLE PRICEWORD window=14
overpricing: NOHAGGLE PAYVERB window=10
@TRANSIT: "zone franche" "zone de libre-échange" "entrepôt sous douane" "entrepôt douanier" "entrepôt de transit" "entrepôt du transitaire" "entrepôt de notre agent" "entrepôt de l'agent" "notre agent" "leur agent" "boîte postale" "aux bons soins" "c/o" "à ordre"
@SOMEWHERE: "quelque part" "n'importe où"
@NOTKNOWN: "à préciser" "à confirmer" "à définir" "à déterminer" "pas encore connu" "pas encore connue" "pas encore défini" "pas encore fixé" "pas encore déterminé" "encore inconnu" "reste à définir" "reste à préciser" "sera communiqué" "sera communiquée" "sera précisé" "sera précisée" "sera indiqué" "sera indiquée" "communiqué plus tard" "non défini" "inconnu pour l'instant"
vague_delivery: TRANSIT DELIV window=10
vague_delivery: TRANSIT LOCATION window=10
vague_delivery: SOMEWHERE DELIV window=10
vague_delivery: SOMEWHERE LOCATION window=8
vague_delivery: NOTKNOWN LOCATION window=8
vague_delivery: NOTKNOWN DELIV window=10
@SPLITMORE: répart* distribu* "le reste" "l'autre moitié" "la seconde moitié" "la deuxième moitié" "le restant"
split_shipment: SPLITMORE DIFF TARGET window=14
@INABLE: "n'a pas su" "ne savait pas" "n'a pas pu" "incapable" "ne pouvait pas" "ne peut pas" "n'arrive pas" "n'arrivait pas" "n'a su"
@FUNCTION: sert servent "à quoi sert" "à quoi servent" fonctionne fonctionnent "ce que fait" "ce qu'il fait"
unfamiliar_product: INABLE KNOW FUNCTION window=12
# an order cut into a number of orders, invoices or parcels, or each part
# invoiced on its own (not: cost centres, a framework contract, one site)
@CUT: découp* divis* fractionn* scind* sépar* morcel* couper coupé* coupe
@COUNT: plusieurs deux trois quatre cinq six sept huit neuf dix /^[0-9]+$/
@DOCUNIT: commande* facture* envoi* expédition* livraison* lot lots colis paquet* tranche*
@EACHOWN: "une facture pour chacun" "une facture pour chacune" "une facture chacun" "sa propre facture" "facture séparée" "factures séparées" "facturé séparément" "facturés séparément" "facture distincte" "factures distinctes" "facture individuelle" "factures individuelles"
@COSTCENTRE: "centre de coût*" "centres de coût*" "centre de coûts" "contrat-cadre" "contrat cadre" "même site" "même usine" "même adresse"
split_shipment: CUT COUNT DOCUNIT -COSTCENTRE window=10
split_shipment: EACHOWN COUNT -COSTCENTRE window=12
@VIA: "viennent de" "venant de" "proviennent de"
@PAYPARTY: "maison de négoce" "sans lien avec"

# ---- round 4: concepts across the wording (eval/notes/train3.jsonl) ----
# Éluder la question de l'exploitant ou du client final est de l'évasion ;
# la question de l'usage répondue par « confidentiel », « interne »,
# « pas notre affaire » ; la marchandise part désormais vers B au lieu de A ;
# payer un multiple ou un pourcentage de plus ; un autre compte ; ne pas
# distinguer deux modèles ni savoir utiliser l'appareil.
@ENDUSER: "utilisateur final" "utilisateurs finaux" "client final" "clients finaux" "destinataire final" exploitant* "qui utilisera" "qui exploitera" "quelle usine" "quel site"
@EVADE: "détourne la conversation" "détourné la conversation" "détourne le sujet" élude éludé "parle d'autre chose" "parle des délais" "parle du prix" "noie le poisson" "change de sujet"
evasive_customer: EVADE ENDUSER window=14
@SECRET: confidentiel* secret secrète secrets interne "affaire interne" "secret industriel" "secret commercial" "secret d'affaires" "pas notre affaire" "pas votre affaire" "ne nous regarde pas" "ne vous regarde pas" "pas pertinent" "sans rapport" privé "question privée"
@ASKPURPOSE: usage utilisation "à quoi" serviront servira application* finalité "usage prévu" "utilisation prévue" destination
end_use_missing: ASKPURPOSE SECRET -ENDUSER window=16
@INSTEAD: "au lieu de" "au lieu d" "plutôt que" "à la place de" "en lieu et place"
@MOVE: expédi* envoy* livr* partir part partira ira iront "sera envoyée" "sera expédiée" marchandise* cargaison* envoi* colis acheminé* acheminement transport*
shipping_change: INSTEAD MOVE -PAY -SPLIT window=12
@PCT: /^[0-9]+$/
@MOREPCT: plus supplément* surcoût* majoration* prime
overpricing: PAYVERB MULT -CHECK -SPLIT window=6
overpricing: PAYVERB PCT MOREPCT -CHECK -CASHOK window=6
@NEWACCOUNT: "nouveau compte" "autre compte" "compte différent" "un autre compte" "nouvelle banque" "autre banque" "banque différente" "nouvelles coordonnées bancaires" "nouveau rib" "autre rib" "compte d'une autre" "compte d'un autre" "compte de une autre" "compte de un autre"
payment_reroute: NEWACCOUNT -CASHOK window=14
@DIFFER: différence* différenci* distingu* diffèrent "se distinguent"
@OPERATE: utiliser manipuler faire fonctionner "mise en service" commande* pilot*
unfamiliar_product: ^KNOW DIFFER window=10
unfamiliar_product: INABLE DIFFER window=10
unfamiliar_product: ^KNOW OPERATE PRODUCT window=10
# neither the purpose nor the destination given: a correlative negation
# reaches both topics, whatever the verb's own polarity
@NEITHER: ni
end_use_missing: ~ASKPURPOSE NEITHER ~SAY -ENDUSER window=18
end_use_missing: ~PURPOSE NEITHER ~SAY -ENDUSER window=18
evasive_customer: ~DEST NEITHER ~SAY window=18
# negative verbs and offers (round 4): "refused to name", "did not refuse to
# name", "ready to pay more if we take cash"
neg_verbs: refus* hésit* évit* rechign*
offers: propos* offr* "prêt à" prêt prête "disposé à" dispos* veut voudrait souhait* insist*
# round 4b (voir en.lex)
@VARIANTS: version* histoire* récit* explication* réponses "à chaque fois" "chaque fois"
evasive_customer: VARIANTS DIFF DEST window=14
@WRITE: indiquer indiqué* indique mentionn* écrire écrit* figur* porter porté* inscri* déclarer nommer
@DOCS: document* papier* facture* étiquette* "liste de colisage" "connaissement" "lettre de transport" "déclaration en douane" formulaire*
evasive_customer: ^WRITE DEST DOCS window=14
@FIELD: rubrique* case champ section* ligne* question* questionnaire* formulaire*
end_use_missing: PURPOSE FIELD MISSING window=10
@MISSING: vide vides "restée vide" "resté vide" "sans réponse" "non renseigné*" blanc
@GENERAL: généraux générales général générale divers diverses "toutes sortes"
@USES: besoins usages applications fins utilisations
end_use_missing: GENERAL USES window=4
end_use_missing: USES GENERAL window=4
# round 4c (voir en.lex)
@RELATIVE: frère* sœur* soeur* cousin* cousine* oncle* tante* neveu* nièce* fils fille épouse mari parent* "beau-frère" "belle-sœur"
payment_reroute: PAY RELATIVE -CASH window=12
@PAY: virement*
@APLACE: "un port" "dans un port" "un entrepôt" "un lieu" "une ville" "quelque part"
@NODETAIL: "sans autre précision" "sans autres précisions" "sans plus de précision*" "sans plus de détails" "sans détails" "aucun détail" "aucune précision" "rien de plus"
vague_delivery: APLACE NODETAIL window=16
vague_delivery: DELIV NODETAIL window=14
@LOST: perdu perdue perplexe désemparé* dépassé* "à court de réponse" démuni*
@TECH: température* "données de fonctionnement"
unfamiliar_product: LOST TECH window=14
@SIMPLEQ: "questions simples" "questions basiques" "questions élémentaires" "question simple"
unfamiliar_product: INABLE SIMPLEQ window=12
# round 4d (voir en.lex)
@WHYCARE: "pourquoi nous tenons à savoir" "pourquoi nous voulons savoir" "pourquoi cela nous intéresse" "pourquoi ça nous intéresse" "en quoi cela nous regarde" "en quoi ça nous regarde" "pourquoi nous avons besoin de savoir"
@WHERE: où installés installées installé installée
evasive_customer: WHYCARE WHERE window=14
evasive_customer: WHYCARE DEST window=14
@DEST: "reste au" "reste en" "reste dans" "restent au" "restent en" "restera au" "restera en" "resteront au" "resteront en"
@ONLY: seulement uniquement "ne que" juste simplement
@PROJECT: "un projet" "pour un projet" "d'un projet" "de un projet"
end_use_missing: PURPOSE ONLY PROJECT window=14
@CROSSED: barré barrée barrés rayé rayée biffé* "sans signature" "non signé*"
end_use_missing: PURPOSE CROSSED window=14
end_use_missing: ASKPURPOSE ONLY PROJECT window=14
# round 4e: a series of orders each just under a threshold (one order
# under a threshold is no split)
@EACH: chacune chacun "toutes" "tous" "à chaque fois" chaque
@DOCUNIT: commande* ordre*
split_shipment: EACH UNDER LIMIT DOCUNIT window=16
# round 4f: the goods re-pointed, "not to X any more but to Y"
@NOTBUT: "non plus"
@CONTRAST: "mais à" "mais au" "mais aux" "mais chez" "mais vers"
@MOVE: aller va vont
shipping_change: ~NOTBUT CONTRAST MOVE window=16
# round 4g: knowing next to nothing about the product while ordering it; not
# one technical question answered
@NOTONE: "aucune question" "pas une seule" "aucune des" "à aucune"
@TECHQ: "question technique" "questions techniques"
unfamiliar_product: NOTONE TECHQ window=12
