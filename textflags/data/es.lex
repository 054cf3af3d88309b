# Spanish indicator lexicon (see lexicon.go for the format). Negation in
# Spanish stands before the verb ("no quiso decir", "no le interesa"), with
# clitic pronouns between, so the scope reaches four tokens forward.
lang: es
script: latin
stopwords: a el la los las un una unos unas de del al y en es era fue ser que se su sus por para con sin no lo le les nos nuestro nuestra este esta ese esa pero o si muy ya como más han ha hay
letters: ñÑ¿¡áéíóúÁÉÍÓÚ
scope: 4
scope_after: 1
window: 12
negators: no nunca jamás sin ningún ninguna ninguno ni nada tampoco nadie "en absoluto" incapaz imposible "no pudo" "no puede" "no podía"
not_negators: "no solo" "no sólo" "sin duda" "sin embargo"
breaks: pero sino aunque mientras y o porque pues entonces ya
hedges: si "en caso de" "en caso de que" "siempre que" "a condición de que" "con tal de que" "a menos que" salvo "en el supuesto de"
hedge_guards: pregunt* consult* saber "quería saber" averigu*

# ---- shared ----
@SAY: decir dijo dijeron dice dicen diga digan contar contó cuenta cuentan explicar explic* indicar indic* precisar precis* especific* aclar* revel* divulg* comunic* respond* respuesta* contest* confirm* nombr* identific* dar dio dieron da dan facilit* proporcion* entreg* compart* declar* firm* rellen* complet* cumpliment* devolv* devuelt* recib* envi* mencion* detall* informar inform*
@REFUSE: neg* rechaz* reticen* renuent* reacio* reacia* "no quiso" "no quisieron" "no quiere" "no quieren" "no quería" "no querían" "no desea" "no deseaba" "no está dispuesto" "no estaba dispuesto" "no están dispuestos" "poco dispuesto" "nada dispuesto" evasiv* evad* elud* esquiv* "guardó silencio" "se calló" callad* "prefirió no" "prefiere no" "se resiste" resist* hermétic* "se reservó" reserv*
@EVADE: evasiv* evad* evasión elud* esquiv* "evitó responder" "evitó contestar" "evita responder" "evita contestar" "evitó la pregunta" "evita la pregunta" "evitó las preguntas" "se fue por las ramas" "se va por las ramas" "irse por las ramas" "cambió de tema" "cambia de tema" "cambiar de tema" "dio largas" "da largas" "andarse con rodeos" rodeos vago vaga vagos vagas vaguedad* impreciso* imprecisa* "poco claro" "poco clara" "nada claro" "no está claro" ambigu* contradictori* incoherent* inconsistent* "no es importante" "no importa" "da igual" "sin importancia" "no es asunto" "no nos incumbe" "no le incumbe" "no es de su incumbencia" "respuestas confusas" confus* "no respondió" "no contestó" "sin respuesta clara" "ninguna respuesta clara" esquiv* elud* "otro asunto" "otro tema" "cambió de tema" molest* irrit* "historia distinta" "historia diferente" "otra historia"
@EVADESTRONG: evasiv* evad* evasión elud* esquiv* "se fue por las ramas" "se va por las ramas" "cambió de tema" "cambia de tema" "cambiar de tema" "dio largas" "da largas" rodeos "evitó responder" "evitó contestar" "evitó la pregunta" "evita la pregunta" "evitó las preguntas" "evita las preguntas"
@PRODUCT: producto* artículo* pieza* componente* módulo* aparato* dispositivo* equipo* máquina* maquinaria material* mercancía* sensor* sistema* chip* placa* tarjeta* herramienta* unidad* unidades modelo* receptor* transmisor* motor* controlador* instrumento*

# ---- end use ----
@PURPOSE: "para qué" "para que" "a qué" "qué uso" "se usarán" "se usará" "se utilizarán" "se utilizará" "se van a usar" "se va a usar" "se emplearán" "se empleará" "servirán" "servirá" "uso final" "usos finales" "uso previsto" "utilización final" "destino final de uso" "aplicación final" "aplicación prevista" "usuario final" "usuarios finales" "destinatario final" "cliente final" "clientes finales" "quién usará" "quién va a usar" "quién lo usará" "para quién" finalidad propósito "fin último" "con qué fin" "qué fin" "declaración de usuario" "certificado de usuario" "certificado de uso" "el uso" "su uso" "el proyecto" "qué proyecto" servirán servirá operará "quién operará" "quién usará" "cliente final" "usuario final" "para qué"
@MISSING: falt* ausent* desconocid* "no indicado" "no indicada" "no especificado" "no especificada" "no declarado" "no declarada" "no informado" "no facilitado" "no facilitada" "no comunicado" "no precisado" "sin especificar" "sin indicar" "sin definir" "sin información" "sin datos" "sin detalles" "ninguna información" "ningún dato" "ningún detalle" "no hay información" confidencial* secret* reservad* "en blanco" vacío vacía "no disponible" "n/a" "por definir" "por precisar" vago vaga "interno" "interna" general* generales "nada más" "sin más" genérico*
end_use_missing: REFUSE PURPOSE
end_use_missing: ^SAY PURPOSE -FUNCTION
end_use_missing: MISSING PURPOSE window=6
end_use_missing: EVADE PURPOSE window=8

# ---- evasive about the destination, domestic use or re-export ----
@DEST: destino* reexport* "re-export*" export* "se quedará" "se quedarán" "se queda" "se quedan" "quedará en" "quedarán en" "quedarse en" "permanecerá" "permanecerán" permanec* "dónde" donde país "países" "tercer país" "terceros países" "destino final" nacional* doméstic* extranjero revend* reventa reenví* reexpedi* transbord* "irá" "irán" "acabará" "acabarán" "terminará" "terminarán" "a dónde" "adónde" "en qué país" "qué país"
evasive_customer: EVADE DEST
evasive_customer: REFUSE DEST window=8
evasive_customer: ^SAY DEST -NOTYET window=8
evasive_customer: EVADESTRONG -PURPOSE -DATE -DELIV window=20

# ---- unfamiliar with the product ----
@KNOW: conoc* conoc sabía sabe saben sabían supo supieron saber entend* entiend* comprend* explic* respond* contest* describ* domin* "idea" familiar* "al tanto" "al corriente" conocimiento* competen* decir indicar precisar nombrar
@TECH: característica* especificacion* especificación "ficha técnica" "fichas técnicas" "hoja de datos" "datos técnicos" parámetro* prestacion* rendimiento* tensión* voltaje* corriente potencia* interfaz* interface* protocolo* frecuencia* "ancho de banda" temperatura* rango* resolución* precisión* toleranc* técnic* tecnolog* funcion* funcionamiento aplicación aplicaciones "para qué sirve" "qué hace" "cómo funciona" capacidad* configuración* ajuste* alimentación* "preguntas básicas" "preguntas sencillas" "preguntas técnicas" "qué modelo" "qué versión" velocidad* par caudal sensibilidad* alcance voltio* amperio* vatio* hercio* caudal* presión conector* enchufe* rosca* cable* puerto puertos montaje* dimensiones
@UNFAMILIAR: "ni idea" confund* "no distingu*" "ninguna idea" "sin idea" "ningún conocimiento" "sin conocimiento*" "no tenía idea" "no tiene idea" desconoc* ignor* novato* profano* lego "no es técnico" "no era técnico" "no es ingeniero" "sin experiencia" "ninguna experiencia" inexpert* perdid* confundid* "no entendía nada" "no entiende nada" "no sabía nada" "no sabe nada" "no sabía qué" "no sabe qué" "no entendió" "no comprendía" "no se aclaraba" "no entendía" "no sabía" "no sabe" confund* "supuesto*" "no sabe" "no sabía" incapaz
@ASKWHAT: "preguntó para qué" "pregunta para qué" "preguntó qué" "pregunta qué" "preguntó cómo" "pregunta cómo" "preguntaron para qué" "preguntaron qué" "quería saber para qué" "quería saber qué" "quería saber cómo" "nos preguntó para qué" "nos preguntó qué" "nos preguntó cómo"
@DOES: sirve sirven hace hacen funciona funcionan "para qué es" "qué es"
unfamiliar_product: ^KNOW TECH
unfamiliar_product: UNFAMILIAR TECH
unfamiliar_product: UNFAMILIAR PRODUCT
unfamiliar_product: ASKWHAT PRODUCT window=10
unfamiliar_product: ASKWHAT DOES window=6

# ---- routine services declined ----
@SERVICE: instalación* instalar instalaciones montaje "puesta en marcha" "puesta en servicio" formación capacitación entrenamiento curso* garantía* mantenimiento* servicio* "posventa" "postventa" "servicio técnico" asistencia* soporte calibración* calibrado "pruebas de aceptación" "prueba de aceptación" "en sitio" "in situ" técnico* "piezas de repuesto" repuesto* visita* "actualizaciones" documentación manual* arranque "recepción"
@DECLINE: rechaz* renunci* declin* "no le interesa" "no les interesa" "no le interesaba" "no les interesaba" "no está interesado" "no están interesados" "no estaba interesado" "sin interés" "ningún interés" "no necesita" "no necesitan" "no necesitaba" "no hace falta" "no requiere" "innecesari*" "superflu*" prescind* "se saltó" "se salta" "dijo que no a" "no quiso" "no quisieron" "no quiere" "no quieren" "no desea" "no desean" cancel* "eliminó" "eliminaron" "quitó" "quitaron" "excluy*" exclu* "no contrat*" "no aceptó" "no aceptaron" "no gracias" declin* "lo harán ellos" "se encargan" "se encargarán"
@WANT: quier* quis* quería querían desea* necesit* requier* requer* interes* "le interesa" "les interesa" contrat* acept* "hace falta" pedir pidió pidieron solicit*
@SELF: "ellos mismos" "él mismo" "ella misma" "por su cuenta" "por cuenta propia" "su propio personal" "sus propios técnicos" "su propio equipo" "personal propio" "técnicos propios" "equipo propio" "internamente" "de forma interna"
declined_services: DECLINE SERVICE
declined_services: ^WANT SERVICE window=8
declined_services: ^SERVICE WANT window=6
declined_services: SELF SERVICE window=6

# ---- vague delivery ----
@DATE: fecha* plazo* calendario* "cuándo" cuando momento horario* "semana de entrega" "día de entrega" cronograma
@DELIV: entreg* envío* envi* despach* recog* retir* carga* embarqu* suministr*
@OPEN: abierto* abierta* vago* vaga* imprecis* incierto* incierta* indefinid* indeterminad* desconocid* "sin definir" "sin fijar" "sin fecha" "sin concretar" "no definido" "no definida" "no fijado" "no fijada" "no está definido" "no está definida" "no está fijado" "no está fijada" "no se sabe" "por definir" "por confirmar" "por determinar" "por concretar" "por ver" "ya veremos" "ya se verá" "más adelante" "en algún momento" "cuando se pueda" "cuando sea posible" "cuando les convenga" "cuando le convenga" "cuando puedan" "algún día" "en su momento" "a su debido tiempo" "cualquier momento" flexible* "aún no" "todavía no" "aún no" "todavía no" "sigue abierto" "depende de" "donde les diga" "ya avisaremos" "sin definir" "por definir" "aún sin"
@FIXED: fij* defin* determin* acord* confirm* concret* program* planific* "cerrado" "cerrada" cert* conocid*
@REMOTE: remot* aislad* apartad* alejad* "lejos de" "cerca de la frontera" "junto a la frontera" "zona fronteriza" "región fronteriza" fronteriz* desierto* "en medio de la nada" "zona de conflicto" "zona de guerra" "sin dirección" "lugar desconocido" "lugar no especificado"
@LOCATION: dirección* direcciones lugar* sitio* ubicación* "punto de entrega" "lugar de entrega" emplazamiento* destinatario*
@LATER: "más adelante" "más tarde" posteriormente "se dará" "se darán" "se comunicará" "se comunicarán" "se indicará" "se indicarán" "se informará" "se enviará" "se enviarán" "se facilitará" "se precisará" "a su llegada" "al llegar" "por confirmar" "por definir"
vague_delivery: OPEN DATE window=8
vague_delivery: OPEN DELIV window=7
vague_delivery: ^FIXED DATE window=8
vague_delivery: ^SAY DATE window=6
vague_delivery: REMOTE DELIV window=10
vague_delivery: REMOTE LOCATION window=6
vague_delivery: LATER LOCATION window=8
vague_delivery: LATER DATE window=8

# ---- price far above the market ----
@MULT: doble "el doble" triple "el triple" "dos veces" "tres veces" "cuatro veces" "diez veces" "varias veces" /^[0-9]+x$/ /^x[0-9]+$/
@ABOVE: "por encima" superior superiores "muy superior" "mucho más" "bastante más" "muy por encima" "más que" "más caro" "más cara" sobreprecio* recargo* prima* "sobre el" excede* exced* supera* super*
@REFPRICE: "precio de lista" "lista de precios" "precio de catálogo" catálogo* tarifa* lista "precio de mercado" mercado* "precio habitual" "precio normal" "precio estándar" "precio público" cotización* presupuesto* oferta* competencia competidor* distribuidor* "otros proveedores" "valor real"
@PRICEWORD: precio* coste* costo* importe* monto* cotización* presupuesto* oferta* suma tarifa*
@PAYVERB: pag* acept* ofrec* ofrec propon* propus* "dispuesto a" "dispuestos a" "de acuerdo" consint* abon*
@MATTER: import* problema* preocup* negoci* regate* discut* "descuento" "rebaja" cuestión
@NOOBJECT: "cueste lo que cueste" "a cualquier precio" "a toda costa" "el precio da igual" "el precio no importa" "el precio no les importa" "el precio no le importa" "sin importar el precio" "sea cual sea el precio" "pagar de más" "pagó de más" "pagan de más" sobrepag*
@CHECK: verific* comprob* control*
overpricing: MULT PRICEWORD PAYVERB -CHECK window=12
overpricing: ABOVE REFPRICE PAYVERB window=12
overpricing: ABOVE REFPRICE PRICEWORD window=8
overpricing: ^MATTER PRICEWORD window=6
overpricing: NOOBJECT

# ---- cash, crypto-currency ----
@CASH: efectivo metálico "en mano" billetes "dinero contante" "al contado" cash "dinero en efectivo" "maletín"
@CRYPTO: cripto* bitcoin* btc usdt tether ethereum monero "moneda digital" "monedas digitales" "moneda virtual" "monedas virtuales" "activos digitales" hawala "lingotes de oro" "western union" "tarjetas prepago" "tarjeta prepago" "giro postal"
@CASHOK: "descuento por pronto pago" "pronto pago" descuento* rebaja* "flujo de caja" "flujo de efectivo" "caja chica" tesorería "cash pooling" "pago anticipado"
unusual_payment: CASH -CASHOK
unusual_payment: CRYPTO

# ---- payment re-routed ----
@PAY: pago* pag* pagador* pagará pagarán abon* transferencia* giro* fondos dinero factura* factur* importe* cobro* remesa* liquidación*
@SWITCH: cambi* modific* sustitu* reemplaz* redirig* desvi* reorient* "ya no" "en lugar" "en vez" "ahora lo hará" "ahora lo hace" "a través de" "por medio de" "vía" "mediante"
@OTHERPARTY: tercer* "un tercero" "una tercera" "otra empresa" "otra compañía" "otra sociedad" "otra cuenta" "otro banco" "otra entidad" "otro país" "empresa desconocida" "sin relación" "no relacionada" "ajena" ajeno "una empresa en" "una empresa de" "una sociedad en" "empresa offshore" offshore "empresa pantalla" "sociedad pantalla" "un particular" "cuenta personal" "cuenta privada" "otra persona" "alguien más" filial* "empresa hermana" "sociedad hermana" comercializadora* ajena ajeno "casa de cambio" "otra empresa"
@ORIG: inicialmente "en principio" "al principio" originalmente previsto prevista "iba a" "iban a" "debía" "debían" "estaba previsto" "estaba prevista" acordado planificado programado "tenía que" "tenían que"
@NOW: ahora "en su lugar" finalmente "al final" "en el último momento" "a última hora" "último momento" "de repente" "de pronto" pero "sin embargo"
@PAYTERMS: "condiciones de pago" "plazo de pago" "fecha de pago" vencimiento* días divisa* moneda "carta de crédito" "crédito documentario" anticipo* "a 30 días" "a 60 días" "guía aérea" proforma "pro forma" "conocimiento de embarque"
payment_reroute: SWITCH PAY -PAYTERMS -CASH window=8
payment_reroute: ORIG PAY NOW window=18
payment_reroute: PAY +OTHERPARTY -CASH window=8

# ---- shipping changed ----
@SHIPTO: destinatario* consignatario* receptor* "dirección de entrega" "dirección de envío" dirección* "lugar de entrega" "país de destino" destino* "instrucciones de envío" "instrucciones de entrega" ruta* itinerario* "entregar a" "enviar a" "enviarlo a" "enviarlos a" "entregado a" "envío a" "entrega en" transitario* "punto de entrega"
@SHIPSWITCH: cambi* modific* sustitu* reemplaz* redirig* desvi* reorient* "en lugar" "en vez" nuevo nueva nuevos nuevas otro otra distinto distinta diferente actualiz* corrig* "ahora"
@SPLIT: divid* divisi* fraccion* repart* partir parti* "la mitad" mitad "en varios" "en varias" "varios pedidos" "varias entregas" "varios envíos" "varias facturas" "pedidos pequeños" "pequeños pedidos" "envíos pequeños" "pedidos separados" "envíos separados" "facturas separadas" "cada pedido" "cada factura" "cada envío" "cada entrega" "todos los pedidos" "pedidos sucesivos" "pedidos repetidos" "pedidos consecutivos" "por lotes" "en lotes" tramo* "dos pedidos" "tres pedidos" "dos envíos" "tres envíos" "el resto" "lo demás" "lo restante"
shipping_change: SHIPSWITCH SHIPTO -SPLIT window=12

# ---- split shipments ----
@SPLITHEAD: divid* divisi* fraccion* repart* partir "la mitad" mitad "en varios" "en varias" "varios pedidos" "varias entregas" "varios envíos" "varias facturas" "pedidos pequeños" "pequeños pedidos" "envíos pequeños" "pedidos separados" "envíos separados" "facturas separadas" "cada pedido" "cada factura" "cada envío" "cada entrega" "todos los pedidos" "pedidos sucesivos" "pedidos repetidos" "pedidos consecutivos" "por lotes" "en lotes" tramo* "dos pedidos" "tres pedidos" "dos envíos" "tres envíos" "en lotes" "por lotes" repartir repart* escalonad* "poco a poco"
@DIFF: distint* diferent* vari* otro otra otros otras separad* cada respectiv* dos tres cuatro cinco seis segundo segunda
@TARGET: destinatario* dirección* direcciones empresa* compañía* sociedad* cliente* comprador* entidad* destino* almacén* almacenes sitio* nombre* receptor* transitario* agente* paquete* lote lotes envío* envíos
@UNDER: "por debajo" debajo bajo inferior inferiores "menos de" "justo por debajo" "no superar" "sin superar" "no exceder" "sin exceder" evitar eludir "sin licencia" "sin autorización"
@LIMIT: umbral* límite* limite* tope* "de minimis" declaración* licencia* autorización* control "valor máximo" notificación*
@MONEY: eur euro* usd dólar* dolar* unidades piezas pcs
split_shipment: SPLITHEAD DIFF TARGET window=14
split_shipment: SPLITHEAD UNDER LIMIT window=14
split_shipment: SPLITHEAD UNDER MONEY window=12

# ---- wider coverage (round 2: synonyms, redirected shipments, premiums, unnamed consignees) ----
@REDIRECT: desvi* redirig* reencamin* "enviado a otro"
shipping_change: REDIRECT DELIV window=10
@PREMIUMPAY: sobreprecio* recargo* "más de lo pedido" "pagar más" sobrepag*
overpricing: PAYVERB PREMIUMPAY -CHECK window=6
vague_delivery: ^SAY LOCATION window=6

# ---- round 3: concept families (eval/notes/train2.jsonl); see en.lex ----
@EVADE: colgó cuelga "se calla" "se calló" "se encoge de hombros" "se encogió de hombros" "se va por las ramas" "se fue por las ramas" "da largas" "dio largas" "escurre el bulto" "no suelta prenda" "se niega a decir"
@REFUSE: "se niega" "se negó" niega negó
@SAY: devuelto devuelta devolvieron devuelve devolvió "de vuelta"
@VAGUEUSE: "varios proyectos" "distintos proyectos" "diversos proyectos" "uso general" "usos varios" "fines diversos" "aplicaciones diversas" "uso industrial general" "proyectos propios"
end_use_missing: PURPOSE VAGUEUSE window=12
@NOTYET: todavía aún "por ahora" "de momento" "por el momento"
@INSTEADBUYER: "en lugar del cliente" "en vez del cliente" "en lugar del comprador" "en vez del comprador" "no el comprador" "no es el comprador" "no del comprador" "no el cliente" "no es el cliente" "no del cliente" "y no el cliente" "en sustitución del cliente"
payment_reroute: PAY INSTEADBUYER window=14
@VIA: vía "a través de" "por medio de" mediante "por un" "por una" "viene de" "llegó de" "procede de" "pagado por" "pagará"
@PAYPARTY: socio* primo* hermano* pariente* amigo* "casa de cambio" cambista* "casa comercial" intermediari* particular "cuenta personal" "cuenta privada" "una empresa" "una compañía" "una firma" "otra persona" "alguien más" "empresa hermana" "empresa asociada"
payment_reroute: PAY VIA PAYPARTY -CASH window=14
@NOHAGGLE: "sin regatear" "sin negociar" "sin negociación" "sin discutir" "sin pedir descuento" "sin rechistar" "sin pestañear" "sin ninguna negociación" "no regateó" "no negoció" "sin objeciones"
overpricing: NOHAGGLE PRICEWORD window=14
overpricing: NOHAGGLE PAYVERB window=10
@TRANSIT: "zona franca" "zona libre" "depósito aduanero" "almacén aduanero" "depósito fiscal" "almacén de tránsito" "almacén del transitario" "almacén de nuestro agente" "nuestro agente" "su agente" "apartado de correos" "apartado postal" "a la orden"
@SOMEWHERE: "algún lugar" "alguna parte" "cualquier lugar" "algún sitio" "algún puerto" "algún almacén"
@NOTKNOWN: "por definir" "por confirmar" "por determinar" "a definir" "a confirmar" "todavía no se sabe" "aún no se sabe" "no se sabe" "todavía desconocido" "aún desconocido" "se confirmará" "se comunicará" "se indicará" "sin definir" "sin determinar" "pendiente de confirmar" "pendiente de definir"
vague_delivery: TRANSIT DELIV window=10
vague_delivery: TRANSIT LOCATION window=10
vague_delivery: SOMEWHERE DELIV window=10
vague_delivery: SOMEWHERE LOCATION window=8
vague_delivery: NOTKNOWN LOCATION window=8
vague_delivery: NOTKNOWN DELIV window=10
@SPLITMORE: repart* distribu* "el resto" "lo demás" "la otra mitad" "la segunda mitad" "el restante" "los restantes"
split_shipment: SPLITMORE DIFF TARGET window=14
@INABLE: "no supo" "no sabía" "no pudo" "no puede" incapaz "no fue capaz" "no era capaz" "no es capaz"
@FUNCTION: sirve sirven "para qué sirve" "para qué sirven" funciona funcionan "qué hace" "lo que hace"
unfamiliar_product: INABLE KNOW FUNCTION window=12
# an order cut into a number of orders, invoices or parcels, or each part
# invoiced on its own (not: cost centres, a framework contract, one site)
@CUT: trocea* trocee* divid* divide* fraccion* partir parta partan separa* "repartir"
@COUNT: varios varias dos tres cuatro cinco seis siete ocho nueve diez /^[0-9]+$/
@DOCUNIT: pedido* factura* envío* envio* entrega* lote* paquete* bulto* partida* remesa*
@EACHOWN: "una factura cada uno" "una factura cada una" "una factura por cada" "su propia factura" "factura separada" "facturas separadas" "facturado por separado" "facturados por separado" "factura individual" "facturas individuales"
@COSTCENTRE: "centro de coste*" "centros de coste*" "centro de costo*" "contrato marco" "mismo sitio" "misma planta" "misma dirección"
split_shipment: CUT COUNT DOCUNIT -COSTCENTRE window=10
split_shipment: EACHOWN COUNT -COSTCENTRE window=12
@SPLITHEAD: "más pequeños" "más pequeñas" "pedidos pequeños" "pedidos más pequeños"
@VAGUEUSE: "fines industriales generales" "fines generales" "uso industrial" "usos industriales generales"

# ---- round 4: concepts across the wording (eval/notes/train3.jsonl) ----
# Esquivar la pregunta por el usuario o cliente final es evasión; la
# pregunta por el uso respondida con «confidencial», «reservado», «no es
# asunto suyo»; la carga va ahora a B en vez de a A; pagar un múltiplo o
# un porcentaje más; otra cuenta; no distinguir dos modelos ni saber
# manejar el equipo.
@ENDUSER: "usuario final" "usuarios finales" "cliente final" "clientes finales" "destinatario final" operador* explotador* "quién usará" "quién lo usará" "quién va a usar" "qué planta" "qué fábrica"
@EVADE: "desvía la conversación" "desvió la conversación" "desvía el tema" "esquiva el tema" "esquivó el tema" "cambia de tema" "cambió de tema" "habla de otra cosa" "habla del precio" "se va por las ramas"
evasive_customer: EVADE ENDUSER window=14
@SECRET: confidencial* secreto secreta reservad* interno interna "asunto interno" "secreto comercial" "secreto industrial" "no es asunto" "no nos incumbe" "no les incumbe" "no le incumbe" "no es de su incumbencia" privado "no viene al caso" irrelevante
@ASKPURPOSE: uso usos utilización aplicación* "para qué" finalidad "uso previsto" destino servirán servirá
end_use_missing: ASKPURPOSE SECRET -ENDUSER window=16
@INSTEAD: "en vez de" "en lugar de" "en vez" "en lugar" "en sustitución de"
@MOVE: envi* enví* despach* entreg* irá irán va van "saldrá" carga mercancía* mercadería* envío* pedido* transport* remesa*
shipping_change: INSTEAD MOVE -PAY -SPLIT window=12
@PCT: /^[0-9]+$/
@MOREPCT: más extra recargo* sobreprecio* prima
overpricing: PAYVERB MULT -CHECK -SPLIT window=6
overpricing: PAYVERB PCT MOREPCT -CHECK -CASHOK window=6
@NEWACCOUNT: "nueva cuenta" "otra cuenta" "cuenta distinta" "cuenta diferente" "otro banco" "banco distinto" "banco diferente" "nuevo banco" "nuevos datos bancarios" "cuenta de otra" "cuenta de otro"
payment_reroute: NEWACCOUNT -CASHOK window=14
@DIFFER: diferencia* diferenci* distingu* "se diferencian" difieren
@OPERATE: manejar manejo operar operación utilizar "poner en marcha" "hacer funcionar"
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
neg_verbs: rechaz* "se niega" "se negó" "se niegan" evit* vacil* titube* reacio reacia
offers: ofrec* propon* propus* "dispuesto a" dispuest* quiere quieren insist* sugier*
# round 4b (ver en.lex)
@VARIANTS: versi* historia* relato* explicacion* explicación* respuestas "cada vez"
evasive_customer: VARIANTS DIFF DEST window=14
@WRITE: figur* indic* mencion* escrib* escrit* pon* poner consign* declar* nombr* aparec*
@DOCS: documento* papel* factura* etiqueta* "lista de empaque" "conocimiento de embarque" "guía aérea" "declaración de aduana" formulario*
evasive_customer: ^WRITE DEST DOCS window=14
@FIELD: casilla* campo* sección* apartado* línea* pregunta* cuestionario* formulario*
end_use_missing: PURPOSE FIELD MISSING window=10
@MISSING: vacía vacío "en blanco" "sin respuesta" "sin rellenar"
@GENERAL: generales general diversos diversas varios varias "todo tipo"
@USES: fines usos aplicaciones necesidades propósitos
end_use_missing: GENERAL USES window=4
end_use_missing: USES GENERAL window=4

# morphology (round 4): a plain word of five letters or more also matches
# with a plural or gender ending (vacío → vacía, vacíos)
inflect: 2
vowels: aoe
# round 4c (ver en.lex)
@RELATIVE: hermano* hermana* primo primos prima tío tía sobrino* sobrina* hijo hija esposa esposo marido pariente* cuñado* cuñada*
payment_reroute: PAY RELATIVE -CASH window=12
@PAY: transferencia*
@APLACE: "un puerto" "en un puerto" "algún puerto" "un almacén" "un lugar" "una ciudad"
@NODETAIL: "sin más detalles" "sin más datos" "sin otros detalles" "sin detalles" "ningún detalle" "sin más precisión" "nada más"
vague_delivery: APLACE NODETAIL window=16
vague_delivery: DELIV NODETAIL window=14
@LOST: perdido perdida perplejo perpleja desconcertad* "en blanco" despistad*
@TECH: temperatura* "datos de funcionamiento"
unfamiliar_product: LOST TECH window=14
@SIMPLEQ: "preguntas sencillas" "preguntas simples" "preguntas básicas" "pregunta sencilla"
unfamiliar_product: INABLE SIMPLEQ window=12
# round 4d (ver en.lex)
@WHYCARE: "por qué nos importa" "por qué nos interesa" "por qué queremos saber" "por qué necesitamos saber" "qué nos importa"
@WHERE: dónde donde instalarán instalados instaladas
evasive_customer: WHYCARE WHERE window=14
evasive_customer: WHYCARE DEST window=14
@DEST: "se queda" "se quedan" "se quedará" "se quedarán" quedará quedarán
@ONLY: solo sólo solamente únicamente "nada más que"
@PROJECT: "un proyecto" "para un proyecto" "de un proyecto"
end_use_missing: PURPOSE ONLY PROJECT window=14
@CROSSED: tachado tachada tachados "sin firmar" "sin firma"
end_use_missing: PURPOSE CROSSED window=14
end_use_missing: ASKPURPOSE ONLY PROJECT window=14
# round 4e: a series of orders each just under a threshold (one order
# under a threshold is no split)
@EACH: "cada uno" "cada una" cada "todos" "todas"
@DOCUNIT: pedido* orden* órden*
split_shipment: EACH UNDER LIMIT DOCUNIT window=16
# round 4g: knowing next to nothing about the product while ordering it; not
# one technical question answered
@NOTONE: "ninguna pregunta" "ni una sola" "ninguna de" "a ninguna"
@TECHQ: "pregunta técnica" "preguntas técnicas"
unfamiliar_product: NOTONE TECHQ window=12
