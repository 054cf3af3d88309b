#!/usr/bin/env python3
"""Builds and checks eval/orders-indep (orders.jsonl + truth.jsonl).

Usage: build.py [--check] [--lists DIR]

Written by an author who did not read Tripline's rules, text lexicons or
matching code (rules/, textflags/, match/, decide/default.rules) nor
eval/holdout. Each order is composed here from facts chosen by hand (parties,
goods, route, payment, notes); the truth labels are derived from those facts
with the flag definitions of ../shared/eval/README.md, never from a run of the
tool. Listed parties are real OFAC SDN entities written as a customer would
write them (see HITS below).

--check only validates the written files (every line parses, ids unique,
truth ids match the orders, label entries well formed) and, with --lists,
that no fictional party name shares all its distinctive words with a listed
name.
"""
import datetime as dt
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------- label ids
F = {
    "party_match": "BIS-KYC-01|FINCEN-BIS-2023-07|party_match",
    "chpl_item": "FINCEN-BIS-2022-23-09|chpl_item",
    "uav_item": "IRAN-UAV-2023-01|uav_item",
    "transshipment": "FINCEN-BIS-2022-23-06|BIS-KYC-11|IRAN-UAV-2023-03|DERIVED-IR-UAV-04|transshipment",
    "destination_embargo": "destination_embargo",
    "third_party_payment": "FINCEN-BIS-2022-23-05|DERIVED-IR-UAV-06|third_party_payment",
    "end_use_missing": "BIS-KYC-02|FINCEN-BIS-2023-03|FINCEN-BIS-2022-23-02|end_use_missing",
    "industry_mismatch": "BIS-KYC-03|FINCEN-BIS-2023-06|industry_mismatch",
    "industry_mismatch_engine": "BIS-KYC-03|FINCEN-BIS-2023-06|DERIVED-IR-UAV-01|industry_mismatch",
    "industry_mismatch_servo": "BIS-KYC-03|FINCEN-BIS-2023-06|DERIVED-IR-UAV-02|industry_mismatch",
    "new_company": "FINCEN-BIS-2022-23-08|BIS-KYC-06|new_company",
    "freight_forwarder_consignee": "BIS-KYC-10|FINCEN-BIS-2023-05|freight_forwarder_consignee",
    "free_mail": "FINCEN-BIS-2022-23-07|FINCEN-BIS-2023-02|free_mail",
    "phone_country_mismatch": "FINCEN-BIS-2023-04|phone_country_mismatch",
    "residential_address": "residential_address",
    "unusual_payment": "BIS-KYC-05|unusual_payment",
    "vague_delivery": "BIS-KYC-09|vague_delivery",
    "declined_services": "BIS-KYC-08|FINCEN-BIS-2022-23-02|declined_services",
    "unfamiliar_product": "BIS-KYC-07|unfamiliar_product",
    "evasive_customer": "BIS-KYC-13|evasive_customer",
    "overpricing": "FINCEN-BIS-2023-09|overpricing",
    "payment_reroute": "FINCEN-BIS-2023-08|FINCEN-BIS-2022-23-03|payment_reroute",
    "shipping_change": "FINCEN-BIS-2022-23-04|FINCEN-BIS-2022-23-03|shipping_change",
}
NOTE_FLAGS = ["vague_delivery", "declined_services", "unfamiliar_product", "evasive_customer",
              "overpricing", "payment_reroute", "shipping_change", "unusual_payment", "end_use_missing"]

EMBARGOED = {"IR", "RU", "BY", "KP", "SY", "CU", "VE"}
# ../shared/data/dualuse/transshipment_points_bis_fincen.csv
HUBS = {"AM", "BR", "CN", "GE", "IN", "IL", "KZ", "KG", "MX", "NI", "RS", "SG", "ZA", "TW",
        "TJ", "TR", "AE", "UZ", "HK", "MO"}
# countries where neither the hub nor the embargo flag applies and nobody would argue one
LOWRISK = {"DE", "NL", "FR", "IT", "GB", "US", "JP", "CH", "SE", "FI", "AT", "CZ", "PL", "KR",
           "ES", "BE", "DK", "IE", "PT", "NO", "CA", "AU", "LU", "SK", "SI", "HU", "EE", "LT",
           "LV", "NZ", "GR", "RO", "HR"}
DIAL = {"DE": "49", "NL": "31", "FR": "33", "IT": "39", "GB": "44", "US": "1", "JP": "81",
        "CH": "41", "SE": "46", "FI": "358", "AT": "43", "CZ": "420", "PL": "48", "KR": "82",
        "ES": "34", "BE": "32", "DK": "45", "IE": "353", "PT": "351", "NO": "47", "CA": "1",
        "AU": "61", "AE": "971", "TR": "90", "HK": "852", "CN": "86", "SG": "65", "AM": "374",
        "GE": "995", "KZ": "7", "KG": "996", "UZ": "998", "IN": "91", "RS": "381", "MY": "60",
        "TH": "66", "TW": "886", "IL": "972", "MX": "52", "BR": "55", "ZA": "27", "RU": "7",
        "BY": "375", "IR": "98", "SY": "963", "VE": "58", "KP": "850", "TJ": "992", "ID": "62",
        "LU": "352", "SK": "421", "HU": "36", "GR": "30", "RO": "40", "EG": "20", "SA": "966",
        "VN": "84", "CY": "357", "NZ": "64", "EE": "372", "HR": "385", "LB": "961"}
FREE_MAIL = ["gmail.com", "hotmail.com", "outlook.com", "yahoo.com", "mail.ru", "yandex.ru",
             "qq.com", "163.com", "126.com", "gmx.de", "web.de", "protonmail.com", "inbox.ru",
             "bk.ru", "icloud.com", "hotmail.co.uk", "yahoo.com.hk", "list.ru", "aol.com",
             "sina.com", "foxmail.com", "live.com", "rambler.ru", "yandex.com"]
USD = {"USD": 1.0, "EUR": 1.08, "GBP": 1.27, "CHF": 1.12, "JPY": 0.0067, "CNY": 0.14,
       "AED": 0.27, "SEK": 0.095, "KRW": 0.00073, "PLN": 0.25, "CZK": 0.043, "DKK": 0.145,
       "NOK": 0.093, "TRY": 0.029, "SGD": 0.74, "HKD": 0.128, "INR": 0.012, "CAD": 0.73}

# CHPL tiers by hs6 (../shared/data/dualuse/chpl_common_high_priority_list_2024-02-23.csv)
CHPL = {}
# Iran-UAV key items outside the CHPL (iran_uav_key_items_hs_mapping.csv, no CHPL tier)
UAV_ONLY = {"852692", "901490", "903180", "840710", "840890", "840910", "841111", "841121",
            "841191", "880710", "850110", "850131", "850151", "880694", "880699", "681511", "850760"}


def load_chpl():
    path = os.path.join(HERE, "..", "..", "..", "shared", "data", "dualuse",
                        "chpl_common_high_priority_list_2024-02-23.csv")
    if not os.path.exists(path):
        path = "/work/shared/data/dualuse/chpl_common_high_priority_list_2024-02-23.csv"
    import csv
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            CHPL[r["hs6"]] = r["tier"]


# ---------------------------------------------------------------- goods
# (key, [descriptions], hs dotted, part number, manufacturer, usd unit price, kind)
# kind: "chpl" (tier from the CHPL), "uav" (Iran-UAV outside the CHPL), "" ordinary
GOODS = {}


def g(key, descs, hs, pn, mfr, price, fam):
    GOODS[key] = dict(descs=descs, hs=hs, pn=pn, mfr=mfr, price=price, fam=fam)


# --- CHPL electronics
g("stm32f405", ["ARM Cortex-M4 microcontroller, LQFP64", "32-bit MCU STM32F405RGT6", "Mikrocontroller 32 Bit, LQFP-64"], "8542.31", "STM32F405RGT6", "STMicroelectronics", 9.4, "elec")
g("stm32h743", ["High-performance MCU 480 MHz, 2 MB flash", "MCU STM32H743VIT6, LQFP100"], "8542.31", "STM32H743VIT6", "STMicroelectronics", 14.8, "elec")
g("samd21", ["Microcontroller ATSAMD21G18A-AU", "32-bit ARM MCU, TQFP48"], "8542.31", "ATSAMD21G18A-AU", "Microchip Technology", 3.1, "elec")
g("ra6m5", ["Renesas RA6M5 microcontroller, LQFP144", "MCU 200 MHz Cortex-M33"], "8542.31", "R7FA6M5BH3CFC", "Renesas", 11.2, "elec")
g("imxrt1062", ["Crossover processor i.MX RT1062", "Application processor, 600 MHz, BGA196"], "8542.31", "MIMXRT1062DVL6B", "NXP Semiconductors", 12.5, "elec")
g("tms320f28335", ["Digital signal controller TMS320F28335PGFA", "DSP 150 MHz, LQFP176"], "8542.31", "TMS320F28335PGFA", "Texas Instruments", 21.0, "elec")
g("lpc1768", ["Cortex-M3 MCU LPC1768FBD100", "Microcontrôleur 32 bits LQFP100"], "8542.31", "LPC1768FBD100", "NXP Semiconductors", 9.0, "elec")
g("xc7s50", ["FPGA Spartan-7, 52k logic cells", "Programmable logic device XC7S50-1CSGA324C"], "8542.39", "XC7S50-1CSGA324C", "AMD Xilinx", 61.0, "elec")
g("max10", ["FPGA MAX 10, 8k LE, EQFP144", "Intel FPGA 10M08SCE144C8G"], "8542.39", "10M08SCE144C8G", "Intel", 19.5, "elec")
g("lcmxo2", ["Lattice MachXO2 PLD, TQFP100", "CPLD LCMXO2-1200HC-4TG100C"], "8542.39", "LCMXO2-1200HC-4TG100C", "Lattice Semiconductor", 7.9, "elec")
g("ad9364", ["RF agile transceiver 70 MHz-6 GHz, 1x1", "Transceiver IC AD9364BBCZ"], "8542.39", "AD9364BBCZ", "Analog Devices", 248.0, "elec")
g("adf4351", ["Wideband PLL synthesizer with VCO", "Frequency synthesizer ADF4351BCPZ"], "8542.39", "ADF4351BCPZ", "Analog Devices", 29.0, "elec")
g("ads131m04", ["4-channel 24-bit delta-sigma ADC", "ADC ADS131M04IPWR, TSSOP20"], "8542.39", "ADS131M04IPWR", "Texas Instruments", 4.2, "elec")
g("sx1262", ["LoRa transceiver IC SX1262", "Sub-GHz radio transceiver, QFN24"], "8542.39", "SX1262IMLTRT", "Semtech", 4.3, "elec")
g("hmc8410", ["Low-noise amplifier 0.01-10 GHz", "LNA HMC8410LP2FE"], "8542.33", "HMC8410LP2FE", "Analog Devices", 31.0, "elec")
g("opa2188", ["Precision op-amp, zero drift, dual", "Operational amplifier OPA2188AIDR"], "8542.33", "OPA2188AIDR", "Texas Instruments", 2.3, "elec")
g("ddr3", ["DDR3L SDRAM 4 Gbit, FBGA96", "DRAM MT41K256M16TW-107:P"], "8542.32", "MT41K256M16TW-107:P", "Micron Technology", 5.1, "elec")
g("w25q128", ["Serial NOR flash 128 Mbit, SOIC8", "SPI flash W25Q128JVSIQ"], "8542.32", "W25Q128JVSIQ", "Winbond", 1.6, "elec")
g("sram", ["Asynchronous SRAM 8 Mbit, TSOP44", "SRAM IS61WV51216BLL-10TLI"], "8542.32", "IS61WV51216BLL-10TLI", "ISSI", 6.2, "elec")
g("zedf9p", ["Multi-band GNSS RTK module", "u-blox ZED-F9P high precision GNSS receiver"], "8526.91", "ZED-F9P-04B", "u-blox", 205.0, "elec")
g("neom9n", ["GNSS module, 92-channel, standard precision", "GNSS receiver NEO-M9N"], "8526.91", "NEO-M9N-00B", "u-blox", 24.0, "elec")
g("mosaicx5", ["Multi-frequency GNSS receiver module mosaic-X5", "GNSS RTK receiver board"], "8526.91", "mosaic-X5", "Septentrio", 420.0, "elec")
g("rfd900x", ["900 MHz long-range telemetry radio modem", "Radio modem RFD900x"], "8517.62", "RFD900x", "RFDesign", 148.0, "elec")
g("ec25", ["LTE Cat 4 module, mini PCIe", "Cellular module Quectel EC25-E"], "8517.62", "EC25EFA-512-STD", "Quectel", 21.0, "elec")
g("xbee3", ["Zigbee 3.0 RF module, PCB antenna", "Digi XBee 3 module"], "8517.62", "XB3-24Z8PT-J", "Digi International", 19.0, "elec")
g("tant", ["Tantalum capacitor 100 uF 16 V, case D", "Tantal-Kondensator 100 µF 16 V"], "8532.21", "T491D107K016AT", "KEMET", 0.42, "elec")
g("tant2", ["Tantalum chip capacitor 47 uF 25 V", "Condensateur tantale 47 µF"], "8532.21", "TAJD476K025RNJ", "KYOCERA AVX", 0.55, "elec")
g("mlcc", ["MLCC 4.7 uF 50 V X7R 1206", "Multilayer ceramic capacitor GRM31CR71H475KA12L"], "8532.24", "GRM31CR71H475KA12L", "Murata", 0.11, "elec")
g("mlcc2", ["Ceramic capacitor 10 uF 25 V 0805, reel", "MLCC CL21A106KAYNNNE"], "8532.24", "CL21A106KAYNNNE", "Samsung Electro-Mechanics", 0.03, "elec")
g("dcdc", ["DC-DC converter module 48 V to 12 V, 500 W", "Isolated DC-DC converter DCM3623"], "8504.40", "DCM3623T50M17C2T00", "Vicor", 152.0, "elec")
g("traco", ["DC/DC converter 40 W, 2:1 input", "DC-DC-Wandler TEN 40-2411"], "8504.40", "TEN 40-2411", "TRACO Power", 61.0, "elec")
g("mosfet", ["N-channel power MOSFET 100 V 180 A, TO-220", "Power MOSFET IRFB4110PBF"], "8541.29", "IRFB4110PBF", "Infineon", 3.2, "elec")
g("connector", ["Circular connector, 12 pin, M12, panel mount", "Industrial connector M12 A-coded"], "8536.69", "T4171110012-001", "TE Connectivity", 8.5, "elec")
g("boson", ["Uncooled thermal camera core 640x512", "Thermal imaging core FLIR Boson 640"], "8525.89", "Boson 640", "Teledyne FLIR", 3150.0, "elec")
g("gnss_ant", ["Active GNSS antenna, L1/L5, magnetic mount", "Multi-band GNSS antenna"], "8529.10", "AA.175.301111", "Taoglas", 22.0, "elec")
g("pcb", ["Bare printed circuit boards, 6-layer FR4, per our Gerber rev C", "Printed circuit boards, 4-layer"], "8534.00", "", "", 4.6, "elec")
g("scope", ["Digital oscilloscope 4 ch 200 MHz", "Oscilloscope DSOX1204G"], "9030.20", "DSOX1204G", "Keysight", 1580.0, "test")
g("siggen", ["RF signal generator 9 kHz-6 GHz", "Signal generator SMB100B"], "8543.20", "SMB100B", "Rohde & Schwarz", 14800.0, "test")
g("bearing", ["Deep groove ball bearing 6205-2RS1", "Ball bearings 25x52x15 mm, sealed"], "8482.10", "6205-2RS1", "SKF", 6.1, "mech")
g("bearing2", ["Angular contact ball bearing 7205 BECBP", "Spindle bearing, angular contact"], "8482.10", "7205 BECBP", "SKF", 38.0, "mech")
g("rollerbrg", ["Tapered roller bearing 30206", "Kegelrollenlager 30206"], "8482.20", "30206-A", "Schaeffler FAG", 14.0, "mech")
g("vmc", ["Vertical machining centre, 3-axis, 24-tool ATC", "5-axis universal machining centre"], "8457.10", "", "", 118000.0, "cnc")
g("lathe", ["CNC turning centre, horizontal, 8-inch chuck", "CNC-Drehmaschine horizontal"], "8458.11", "", "", 74000.0, "cnc")
g("mill", ["CNC milling machine, bed type", "CNC bed milling machine"], "8459.61", "", "", 91000.0, "cnc")
g("spindle", ["Motor spindle for machining centre, 24,000 rpm", "Spindle unit, HSK-A63"], "8466.93", "", "", 9800.0, "cnc")
# --- Iran-UAV key items outside the CHPL
g("rotax912", ["Aircraft engine Rotax 912 ULS, 100 hp", "Four-stroke aero engine 912 ULS"], "8407.10", "912 ULS", "BRP-Rotax", 21500.0, "engine")
g("rotax914", ["Turbocharged aircraft engine Rotax 914 UL", "Aero engine 914 UL, 115 hp"], "8407.10", "914 UL", "BRP-Rotax", 31000.0, "engine")
g("limbach550", ["Two-stroke aircraft engine L550E, 50 hp", "Limbach L 550 E boxer engine"], "8407.10", "L550E", "Limbach Flugmotoren", 16500.0, "engine")
g("limbach275", ["Two-stroke UAV engine L275E", "Limbach L 275 E engine"], "8407.10", "L275E", "Limbach Flugmotoren", 9200.0, "engine")
g("carb", ["Carburettor assembly for Rotax 912", "Vergaser komplett für Rotax 912"], "8409.10", "892535", "BRP-Rotax", 1450.0, "engine")
g("cylhead", ["Cylinder head assembly for L550E", "Cylinder heads, aircraft piston engine"], "8409.10", "L550-ZK", "Limbach Flugmotoren", 980.0, "engine")
g("sgm7j", ["AC servo motor 400 W, 3000 rpm", "Servomotor SGM7J-04AFC6S"], "8501.51", "SGM7J-04AFC6S", "Yaskawa", 410.0, "servo")
g("ecmax", ["Brushless DC servo motor EC-max 30, 60 W", "DC servomotor with encoder"], "8501.31", "272768", "maxon", 265.0, "servo")
g("volz", ["Aviation-grade servo actuator DA 26", "Digital servo actuator for UAV control surfaces"], "8501.31", "DA 26-D", "Volz Servos", 690.0, "servo")
g("microservo", ["Micro servo 9 g, metal gear", "Mini servo motor 10 W"], "8501.10", "MG90S", "TowerPro", 3.5, "servo")
g("prop", ["Carbon propeller 26x10, 2-blade", "Propeller for UAV engine, 27x12"], "8807.10", "26x10E", "Mejzlik", 310.0, "prop")
g("rcradio", ["Radio remote control transmitter, 16 ch, 2.4 GHz", "RC transmitter T16IZ"], "8526.92", "T16IZ", "Futaba", 720.0, "rc")
g("lipo", ["Lithium-ion battery pack 6S 22000 mAh", "Li-ion accumulator pack 22.2 V"], "8507.60", "TA-HV-22000-6S1P", "Tattu", 390.0, "battery")
g("cells", ["Li-ion cells 21700, 4200 mAh", "Lithium-ion rechargeable cells P42A"], "8507.60", "INR21700-P42A", "Molicel", 5.2, "battery")
g("jetcat", ["Small turbojet engine, 300 N thrust", "Micro turbine P300-PRO"], "8411.11", "P300-PRO", "JetCat", 10400.0, "engine")
# --- ordinary goods (headings on neither list)
for key, descs, hs, price in [
    ("oliveoil", ["Extra virgin olive oil, 1 l bottles", "Aceite de oliva virgen extra"], "1509.20", 6.9),
    ("coffee", ["Green coffee beans, Arabica, 60 kg bags", "Rohkaffee Arabica"], "0901.11", 310.0),
    ("roastcoffee", ["Roasted coffee beans, 1 kg packs", "Café torréfié en grains"], "0901.21", 14.5),
    ("rice", ["Basmati rice, 25 kg bags", "Long-grain basmati rice"], "1006.30", 31.0),
    ("dates", ["Medjool dates, 5 kg cartons", "Fresh dates, premium grade"], "0804.10", 38.0),
    ("tea", ["Black tea, loose leaf, 10 kg", "Ceylon black tea"], "0902.30", 52.0),
    ("pasta", ["Durum wheat pasta, 500 g packs", "Pâtes de blé dur"], "1902.19", 0.95),
    ("tuna", ["Canned tuna in olive oil, 160 g", "Atún en aceite de oliva"], "1604.14", 1.7),
    ("honey", ["Natural honey, 500 g jars", "Blütenhonig im Glas"], "0409.00", 4.1),
    ("chocolate", ["Chocolate bars, filled, 100 g", "Schokoladentafeln gefüllt"], "1806.32", 1.3),
    ("tshirt", ["Cotton T-shirts, knitted, assorted sizes", "T-shirts en coton"], "6109.10", 3.8),
    ("towels", ["Terry towels, cotton, 50x100 cm", "Hand towels, cotton terry"], "6302.60", 4.4),
    ("bedlinen", ["Printed cotton bed linen sets", "Bettwäsche Baumwolle bedruckt"], "6302.21", 18.0),
    ("officechair", ["Office swivel chairs, upholstered, metal frame", "Bürodrehstühle gepolstert"], "9401.71", 96.0),
    ("desk", ["Metal office desks, 160x80 cm", "Steel office desks"], "9403.10", 210.0),
    ("tiles", ["Porcelain floor tiles 60x60 cm", "Glazed ceramic tiles"], "6907.21", 11.0),
    ("rebar", ["Steel reinforcing bars B500B, 12 mm", "Rebar, hot-rolled, 12 m lengths"], "7214.20", 640.0),
    ("pvcpipe", ["PVC-U pressure pipes DN110", "PVC pipes for drainage, 110 mm"], "3917.23", 9.5),
    ("paint", ["Acrylic wall paint, white, 10 l", "Dispersionsfarbe weiß 10 l"], "3209.10", 34.0),
    ("woodscrews", ["Wood screws, zinc-plated, 4x40 mm", "Spanplattenschrauben 4x40"], "7318.12", 0.02),
    ("syringes", ["Disposable syringes 5 ml with needle", "Single-use syringes, sterile"], "9018.31", 0.07),
    ("bandages", ["Adhesive bandages, assorted", "Sterile gauze bandages"], "3005.90", 0.9),
    ("masks", ["Surgical face masks, type IIR, boxes of 50", "Masques chirurgicaux type IIR"], "6307.90", 3.2),
    ("hospbed", ["Electric hospital beds, 3-section", "Hospital nursing beds"], "9402.90", 1350.0),
    ("bicycle", ["City bicycles, 28-inch, 7-speed", "Trekking bicycles"], "8712.00", 240.0),
    ("toys", ["Plastic building-block toy sets", "Wooden educational toys"], "9503.00", 12.0),
    ("shoes", ["Running shoes, textile upper", "Sports footwear"], "6404.11", 27.0),
    ("cosmetics", ["Face cream, 50 ml jars", "Skin care creams"], "3304.99", 5.5),
    ("shampoo", ["Shampoo, 400 ml bottles", "Hair shampoo"], "3305.10", 1.9),
    ("paper", ["Copy paper A4, 80 g/m2, 500-sheet reams", "Kopierpapier A4"], "4802.56", 3.4),
    ("fridge", ["Household refrigerators, 350 l, A++", "Combined fridge-freezers"], "8418.10", 330.0),
    ("washer", ["Front-loading washing machines, 8 kg", "Washing machines, household"], "8450.11", 290.0),
    ("aircon", ["Split air conditioners 12,000 BTU", "Wall-mounted split AC units"], "8415.10", 360.0),
    ("ledbulb", ["LED light bulbs E27, 9 W", "LED lamps E27 warm white"], "8539.52", 1.1),
    ("vacuum", ["Vacuum cleaners, bagless, 700 W", "Aspirateurs sans sac"], "8508.11", 62.0),
    ("drill", ["Cordless drill drivers, 18 V, bare tool", "Hand-held electric drills"], "8467.21", 58.0),
    ("spanners", ["Combination spanner sets, chrome vanadium", "Ring spanner sets"], "8204.11", 14.0),
    ("brakepads", ["Brake pads, front axle, passenger cars", "Bremsbeläge Vorderachse"], "8708.30", 17.0),
    ("leadbatt", ["Lead-acid starter batteries 12 V 74 Ah", "Car batteries, lead-acid"], "8507.10", 58.0),
    ("sparkplug", ["Spark plugs, nickel, passenger cars", "Zündkerzen"], "8511.10", 1.9),
    ("motoroil", ["Engine oil 5W-30, 5 l cans", "Synthetic motor oil 5W-40"], "2710.19", 16.0),
    ("valves", ["Ball valves, brass, DN25", "Brass ball valves 1 inch"], "8481.80", 7.8),
    ("pallets", ["Wooden EUR pallets", "Wooden pallets 1200x800"], "4415.20", 9.0),
    ("boxes", ["Corrugated cardboard boxes, double wall", "Cartons ondulés"], "4819.10", 0.6),
    ("film", ["Polyethylene stretch film, 23 micron", "LDPE stretch wrap"], "3920.10", 12.0),
    ("breakers", ["Miniature circuit breakers 16 A, 1P", "Leitungsschutzschalter B16"], "8536.20", 3.1),
    ("cable", ["Power cable NYM-J 3x2.5 mm2, 100 m rolls", "Installation cable, copper"], "8544.49", 68.0),
    ("switches", ["Wall light switches, white", "Interrupteurs muraux"], "8536.50", 1.4),
    ("motor15", ["Three-phase induction motors 1.5 kW, IE3", "AC motors 1.5 kW, 4-pole"], "8501.52", 145.0),
    ("pump", ["Centrifugal water pumps 2.2 kW", "Circulation pumps for heating"], "8413.70", 280.0),
    ("fertilizer", ["Urea fertilizer, 46 % N, 50 kg bags", "Granular urea"], "3102.10", 24.0),
    ("seeds", ["Vegetable seeds, tomato hybrids", "Seeds of vegetables for sowing"], "1209.91", 45.0),
    ("toner", ["Toner cartridges, black, for laser printers", "Tonerkartuschen schwarz"], "8443.99", 38.0),
    ("glass", ["Float glass sheets 4 mm", "Clear float glass"], "7005.29", 7.2),
    ("weldrods", ["Welding electrodes E6013, 3.2 mm", "Rutile welding rods"], "8311.10", 2.4),
    ("fans", ["Table fans 40 cm", "Electric desk fans"], "8414.51", 11.0),
    ("perfume", ["Eau de parfum, 100 ml", "Perfumes, 100 ml"], "3303.00", 21.0),
    ("kettle", ["Electric kettles 1.7 l", "Wasserkocher 1,7 l"], "8516.79", 13.0),
    ("rccar", ["Remote-controlled toy cars, 1:16", "RC toy cars for children"], "9503.00", 18.0),
]:
    g(key, descs, hs, "", "", price, "")

CHPL_FAMILIES = {"elec", "test", "mech", "cnc"}


def hs6(hs):
    return hs.replace(".", "")[:6]


def kind_of(key):
    h = hs6(GOODS[key]["hs"])
    if h in CHPL:
        return "chpl"
    if h in UAV_ONLY:
        return "uav"
    return ""


# ---------------------------------------------------------------- helpers
rng = random.Random(20261208)


def pick(xs):
    return xs[rng.randrange(len(xs))]


def phone(cc, style=None, code=None, seed=None):
    code = code or DIAL[cc]
    r = random.Random(seed) if seed else rng
    n = str(r.randrange(2, 10)) + "".join(str(r.randrange(10)) for _ in range(8))
    style = style if style is not None else r.randrange(5)
    if style == 0:
        return f"+{code} {n[:2]} {n[2:5]} {n[5:]}"
    if style == 1:
        return f"+{code}-{n[:3]}-{n[3:]}"
    if style == 2:
        return f"00{code} {n[:3]} {n[3:]}"
    if style == 3:
        return f"+{code} ({n[:3]}) {n[3:6]}-{n[6:]}"
    return f"+{code}{n}"


def days_before(date, lo, hi):
    d = dt.date.fromisoformat(date) - dt.timedelta(days=rng.randrange(lo, hi))
    return d.isoformat()


def slug(name):
    import unicodedata
    name = "".join(c for c in unicodedata.normalize("NFKD", name.replace("ı", "i")) if not unicodedata.combining(c))
    s = re.sub(r"\b(gmbh|ltd|llc|co|inc|sas|s\.?a\.?|ag|b\.?v\.?|fze|fzco|pte|limited|company|sti|san|tic|a\.?s\.?|too|llp|osoo|d\.?o\.?o\.?|sp\.? z o\.?o\.?|s\.?r\.?l\.?|s\.?p\.?a\.?|oy|ab|aps|kk|corp|corporation|pvt|private|the)\b\.?", " ", name.lower())
    s = re.sub(r"[^a-z0-9]+", "", s)
    return s[:24] or "co"


def party(role, name, cc, address, *, email=None, phone_=None, reg=None, industry=None,
          web=None, res=False, fwd=False, icls=None, free=False, tld=None, amb=False):
    """A party; keys starting with _ are label facts and are not written."""
    p = {"role": role, "name": name, "country": cc, "address": address}
    dom = (web.replace("www.", "") if web else f"{slug(' '.join(name.split()[:2]))}.{tld or cc.lower()}")
    if email is None:
        email = f"{pick(['sales', 'info', 'office', 'purchasing', 'orders', 'einkauf', 'contact', 'procurement'])}@{pick(FREE_MAIL) if free else dom}"
        if free:
            email = f"{slug(' '.join(name.split()[:2]))}{rng.randrange(10, 99)}@{pick(FREE_MAIL)}"
    if email:
        p["email"] = email
    p["phone"] = phone_ or phone(cc, seed=name + cc)
    if reg:
        p["registered"] = reg
    if industry:
        p["industry"] = industry
    if web:
        p["website"] = web
    p["_res"] = "amb" if amb else bool(res)
    p["_fwd"] = fwd
    p["_icls"] = icls
    return p


def item(key, qty, *, desc=None, no_hs=False, no_pn=False, cur="USD", price=None, eccn=None, hs_override=None):
    gd = GOODS[key]
    it = {"description": desc or pick(gd["descs"])}
    if not no_hs:
        it["hs_code"] = hs_override or gd["hs"]
    if gd["pn"] and not no_pn:
        it["part_number"] = gd["pn"]
    if gd["mfr"]:
        it["manufacturer"] = gd["mfr"]
    it["quantity"] = qty
    usd = price if price is not None else gd["price"] * rng.uniform(0.9, 1.15)
    v = usd / USD[cur]
    it["unit_value"] = round(v, 2) if v >= 1 else round(v, 4)
    it["currency"] = cur
    if eccn:
        it["eccn"] = eccn
    it["_key"] = key
    return it


# ---------------------------------------------------------------- sellers
SELLERS = [
    party("seller", "Nordwerk Elektronik Vertrieb GmbH", "DE", "Hansastrasse 41, 81373 Muenchen", web="www.nordwerk-elektronik.de", reg="2003-05-12", industry="electronic component distribution"),
    party("seller", "Brabant Semicon B.V.", "NL", "Flight Forum 112, 5657 DC Eindhoven", web="www.brabantsemicon.nl", reg="2009-02-02", industry="electronic component distribution"),
    party("seller", "Lumicomp Distribution SAS", "FR", "14 rue Ampere, 38000 Grenoble", web="www.lumicomp.fr", reg="2011-09-19", industry="electronic component distribution"),
    party("seller", "Pennine Electronic Supplies Ltd", "GB", "Unit 6, Calder Park, Wakefield WF2 7AW", web="www.pennine-es.co.uk", reg="1998-03-30", industry="electronic component distribution"),
    party("seller", "Cascade Microparts Inc.", "US", "2200 NE Brookwood Pkwy, Hillsboro, OR 97124", web="www.cascademicroparts.com", reg="2006-07-14", industry="electronic component distribution"),
    party("seller", "Tamagawa Buhin Shoji K.K.", "JP", "2-11-4 Shin-Yokohama, Kohoku-ku, Yokohama 222-0033", web="www.tamagawa-buhin.co.jp", reg="1994-04-01", industry="electronic component distribution"),
    party("seller", "Aare Praezisionsteile AG", "CH", "Industriering 9, 5001 Aarau", web="www.aare-praezision.ch", reg="2001-11-08", industry="industrial equipment distribution"),
    party("seller", "Vasteras Drivteknik AB", "SE", "Kopparlundsvagen 17, 721 30 Vasteras", web="www.drivteknik.se", reg="2005-06-21", industry="motion control distribution"),
    party("seller", "Hanbit Components Co., Ltd.", "KR", "88 Gasan digital 1-ro, Geumcheon-gu, Seoul 08590", web="www.hanbitcomp.co.kr", reg="2008-10-10", industry="electronic component distribution"),
    party("seller", "Officine Meccaniche Brenta S.p.A.", "IT", "Via dell'Industria 27, 35129 Padova", web="www.omb-brenta.it", reg="1987-01-15", industry="machine tool manufacturer"),
    party("seller", "Donau Flugtechnik GmbH", "AT", "Flughafenstrasse 12, 4063 Hoersching", web="www.donau-flugtechnik.at", reg="2002-03-04", industry="aircraft parts distribution"),
    party("seller", "Kraków Tools Export Sp. z o.o.", "PL", "ul. Lipowa 29, 30-702 Krakow", web="www.krakowtools.pl", reg="2010-08-23", industry="manufacturing and export"),
    party("seller", "Iberia Foods Export S.L.", "ES", "Calle de la Industria 56, 46520 Sagunto, Valencia", web="www.iberiafoodsexport.es", reg="2004-12-01", industry="food export"),
    party("seller", "Baltic Home Goods OU", "EE", "Parnu mnt 158, 11317 Tallinn", web="www.baltichomegoods.ee", reg="2012-05-17", industry="wholesale of household goods"),
    party("seller", "Jutland Industrial Supply A/S", "DK", "Ostre Havnevej 8, 8000 Aarhus", web="www.jutland-supply.dk", reg="1999-09-09", industry="industrial supplies wholesale"),
    party("seller", "Midland Build Supplies Ltd", "GB", "42 Tyburn Road, Birmingham B24 8NB", web="www.midlandbuild.co.uk", reg="2007-02-26", industry="building materials wholesale"),
    party("seller", "Ohio Valley Medical Supply LLC", "US", "880 Polaris Pkwy, Westerville, OH 43082", web="www.ohiovalleymed.com", reg="2000-10-05", industry="medical supplies wholesale"),
    party("seller", "Ningbo Haiyue Household Products Co., Ltd.", "CN", "No. 188 Xingning Road, Yinzhou District, Ningbo", web="www.haiyue-household.cn", reg="2006-04-11", industry="manufacturing and export"),
    party("seller", "Bursa Tekstil Ihracat A.S.", "TR", "Demirtas OSB, Mustafa Karaer Cad. No:12, Osmangazi, Bursa", web="www.bursatekstilihracat.com.tr", reg="1996-06-18", industry="textile manufacturing and export"),
    party("seller", "Tainan Precision Bearings Co., Ltd.", "TW", "No. 25, Gongye 2nd Rd., Annan District, Tainan 709", web="www.tainanbearings.com.tw", reg="1991-08-08", industry="bearing manufacturing"),
]
SELL = {s["name"]: s for s in SELLERS}
ELEC_SELLERS = [s for s in SELLERS if s["_icls"] is None and "electronic" in s.get("industry", "")]


def seller(kind="elec"):
    if kind == "elec":
        return dict(pick(ELEC_SELLERS))
    if kind == "cnc":
        return dict(pick([SELLERS[9], SELLERS[6]]))
    if kind == "engine":
        return dict(SELLERS[10])
    if kind == "servo":
        return dict(pick([SELLERS[7], SELLERS[6]]))
    if kind == "mech":
        return dict(pick([SELLERS[6], SELLERS[14], SELLERS[7]]))
    return dict(pick(SELLERS))


# ---------------------------------------------------------------- flags
VAGUE_END_USES = ["", "N/A", "for stock", "general trading", "resale", "various projects", "-",
                  "TBD", "trading purposes only", "allgemeiner Bedarf", "usage général",
                  "uso general", "для собственных нужд", "ticari amaçlı", "贸易", "للاستخدام العام",
                  "as required", "commercial", "customer project", "for our business", "internal use", "Resale", "trading"]
# stated but thin end uses: not labelled either way
THIN_END_USES = {"Spare engines for customers", "generator sets", "for models", "hobby use", "RC hobby",
                 "Resale to manufacturers in our region", "distribution to local OEM customers", "Own use",
                 "production of industrial controllers", "Serienfertigung", "repair of equipment",
                 "производство приборов учёта", "Production of industrial controllers", "R&D"}


def is_vague(eu):
    return eu.strip().lower() in {v.lower() for v in VAGUE_END_USES}


def role_parties(o, role):
    return [p for p in o["parties"] if p["role"] == role]


def customers(o):
    """buyer, consignee and end user; the buyer stands in for a missing consignee / end user."""
    buyer = role_parties(o, "buyer")
    cons = role_parties(o, "consignee") or buyer
    eu = role_parties(o, "end_user") or buyer
    return buyer, cons, eu


def value_usd(o):
    return sum(i["quantity"] * i["unit_value"] * USD[i["currency"]] for i in o["items"])


def derive(o, spec):
    """Returns (must, must_not) category sets from the order's facts and the spec."""
    must, mnot = set(), set()
    keys = [i["_key"] for i in o["items"]]
    kinds = [kind_of(k) for k in keys]
    controlled = any(kinds)
    buyer, cons, eu = customers(o)
    bc = buyer + [p for p in cons if p not in buyer]
    # party match
    (must if spec.get("hits") else mnot).add("party_match")
    (must if "chpl" in kinds else mnot).add("chpl_item")
    (must if "uav" in kinds else mnot).add("uav_item")
    # embargo: destination, transit, consignee, end user, notify party
    r = o["route"]
    emb_c = {r["destination"], *r.get("transit", [])} | {p["country"] for p in cons + eu + role_parties(o, "notify_party")}
    other_c = {p["country"] for p in o["parties"] if p["role"] in ("payer", "freight_forwarder", "buyer")}
    if emb_c & EMBARGOED:
        must.add("destination_embargo")
    elif not (other_c & EMBARGOED) and o["payment"].get("payer_country") not in EMBARGOED:
        mnot.add("destination_embargo")
    # transshipment: controlled goods to or through a hub
    hub_c = {r["destination"], *r.get("transit", [])} | {p["country"] for p in cons + eu}
    if controlled and hub_c & HUBS:
        must.add("transshipment")
    elif not controlled or hub_c <= LOWRISK | EMBARGOED:
        mnot.add("transshipment")
    # third-party payment
    names = {p["name"] for p in buyer + eu}
    payers = role_parties(o, "payer")
    bcountry = buyer[0]["country"] if buyer else None
    if any(p["name"] not in names for p in payers) or (o["payment"].get("payer_country") and o["payment"]["payer_country"] != bcountry):
        must.add("third_party_payment")
    else:
        mnot.add("third_party_payment")
    # end use
    eu_text = o.get("end_use", "")
    if "end_use_missing" in spec.get("notes_flags", ()):
        must.add("end_use_missing")
    elif eu_text in THIN_END_USES:
        pass
    elif controlled and is_vague(eu_text):
        must.add("end_use_missing")
    elif not is_vague(eu_text):
        mnot.add("end_use_missing")
    # industry
    icls = [p["_icls"] for p in eu] or [p["_icls"] for p in buyer]
    if controlled and "mismatch" in icls:
        fam = {GOODS[k]["fam"] for k in keys if kind_of(k)}
        must.add("industry_mismatch_engine" if fam & {"engine"} and not fam & CHPL_FAMILIES
                 else "industry_mismatch_servo" if fam & {"servo"} and not fam & CHPL_FAMILIES
                 else "industry_mismatch")
    elif all(c == "fit" for c in icls) and icls:
        mnot.add("industry_mismatch")
    # new company: buyer or consignee incorporated less than a year before
    date = dt.date.fromisoformat(o["date"])
    ages = [(date - dt.date.fromisoformat(p["registered"])).days for p in bc if p.get("registered")]
    if any(a < 365 for a in ages):
        assert all(a < 330 or a > 400 for a in ages), o["id"]
        must.add("new_company")
    else:
        mnot.add("new_company")
    # forwarder as consignee
    if any(p["_fwd"] for p in role_parties(o, "consignee")):
        must.add("freight_forwarder_consignee")
    else:
        mnot.add("freight_forwarder_consignee")
    # free mail
    def free(p):
        return p.get("email", "").split("@")[-1].lower() in FREE_MAIL
    if any(free(p) for p in bc):
        must.add("free_mail")
    elif not any(free(p) for p in o["parties"]):
        mnot.add("free_mail")
    # phone country
    def phone_ok(p):
        if not p.get("phone"):
            return True
        digits = re.sub(r"[^0-9+]", "", p["phone"])
        digits = digits[2:] if digits.startswith("00") else digits.lstrip("+")
        return digits.startswith(DIAL[p["country"]])
    if any(not phone_ok(p) for p in o["parties"]):
        must.add("phone_country_mismatch")
    else:
        mnot.add("phone_country_mismatch")
    # residential
    res = [p["_res"] for p in bc]
    if True in res:
        must.add("residential_address")
    elif "amb" not in res:
        mnot.add("residential_address")
    # unusual payment
    if o["payment"]["method"] in ("cash", "crypto"):
        assert value_usd(o) >= 5000, o["id"]
        must.add("unusual_payment")
    elif "unusual_payment" in spec.get("notes_flags", ()):
        must.add("unusual_payment")
    else:
        mnot.add("unusual_payment")
    for nf in spec.get("notes_flags", ()):
        must.add(nf)
    for nf in spec.get("notes_not", ()):
        mnot.add(nf)
    for k in spec.get("unlabel", ()):
        must.discard(k)
        mnot.discard(k)
    mnot -= must
    if "industry_mismatch" in mnot and any(m.startswith("industry_mismatch") for m in must):
        mnot.discard("industry_mismatch")
    return must, mnot, controlled


ORDER = ["party_match", "chpl_item", "uav_item", "destination_embargo", "transshipment",
         "third_party_payment", "end_use_missing", "industry_mismatch", "industry_mismatch_engine",
         "industry_mismatch_servo", "new_company", "freight_forwarder_consignee", "free_mail",
         "phone_country_mismatch", "residential_address", "unusual_payment"] + NOTE_FLAGS[:-2]

DIVERSION = {"end_use_missing", "industry_mismatch", "industry_mismatch_engine", "industry_mismatch_servo",
             "new_company", "freight_forwarder_consignee", "free_mail", "phone_country_mismatch",
             "residential_address", "unusual_payment", "third_party_payment", "vague_delivery",
             "declined_services", "unfamiliar_product", "evasive_customer", "overpricing",
             "payment_reroute", "shipping_change"}

ORDERS, TRUTH = [], []


def emit(o, spec):
    must, mnot, controlled = derive(o, spec)
    scen = spec["scenario"]
    # risk, from the definitions in ../shared/eval/README.md
    ndiv = len(must & DIVERSION)
    if spec.get("hits") or (controlled and "destination_embargo" in must):
        risk, acc = "high", ["high"]
    elif scen in ("mixed_chpl_legit",):
        risk, acc = "low", ["clear", "low", "medium"]
    elif scen in ("mixed_hub_chpl_documented",):
        risk, acc = "medium", ["low", "medium"]
    elif scen == "div_weak":
        assert ndiv <= 1, (o["id"], must)
        risk, acc = "medium", ["medium", "high"]
    elif controlled:
        assert ndiv >= 2, (o["id"], must)
        risk, acc = "high", ["high"]
    else:
        assert not controlled and "destination_embargo" not in must
        assert ndiv <= 1, (o["id"], must)
        risk, acc = ("low" if ndiv else "clear"), ["clear", "low"]
    if "risk" in spec:
        risk, acc = spec["risk"], spec["acceptable"]
    out = {k: v for k, v in o.items()}
    out["parties"] = [{k: v for k, v in p.items() if not k.startswith("_")} for p in o["parties"]]
    out["items"] = [{k: v for k, v in i.items() if not k.startswith("_")} for i in o["items"]]
    if not out.get("notes"):
        out.pop("notes", None)
    ORDERS.append(out)
    t = {"id": o["id"], "expected_risk": risk, "acceptable_risk": acc,
         "must_flag": [F[k] for k in ORDER if k in must],
         "must_not_flag": [F[k] for k in ORDER if k in mnot],
         "party_hits": spec.get("hits", []),
         "goods": [{"item": n, "chpl_tier": CHPL.get(hs6(GOODS[i["_key"]]["hs"]), ""), "hs6": GOODS[i["_key"]]["hs"]}
                   for n, i in enumerate(o["items"])],
         "scenario": scen}
    if spec.get("lang"):
        t["notes_lang"] = spec["lang"]
    TRUTH.append(t)


def new_id():
    return f"x{len(ORDERS) + 1:04d}"


def rdate():
    d = dt.date(2025, 2, 3) + dt.timedelta(days=rng.randrange(0, 220))
    return d.isoformat()


def order(parties, items, route, payment, end_use="", notes="", date=None):
    return {"id": new_id(), "date": date or rdate(), "parties": parties, "items": items,
            "route": route, "payment": payment, "end_use": end_use, "notes": notes}


def pay(method, cc, cur="USD"):
    return {"method": method, "payer_country": cc, "currency": cur}


# ---------------------------------------------------------------- notes
# Each text states exactly the indicators listed with it, in the language given.
NOTES = {
    "overpricing": [
        ("en", "Client accepted our quote at roughly double the usual distributor price and did not ask for any discount."),
        ("de", "Kunde zahlt freiwillig rund 60 % über unserem Listenpreis, Hauptsache die Ware geht diese Woche raus."),
        ("fr", "Le client propose de payer nettement plus que le prix catalogue, sans négocier."),
        ("es", "El cliente ofreció pagar casi el triple del precio de mercado sin regatear."),
        ("ru", "Покупатель готов заплатить вдвое выше рыночной цены, торговаться не стал."),
        ("tr", "Müşteri liste fiyatının çok üzerinde bir fiyatı pazarlık etmeden kabul etti."),
        ("ar", "وافق العميل على دفع ضعف سعر السوق دون أي تفاوض."),
        ("zh", "客户愿意以高出市场价一倍的价格购买，完全没有讨价还价。"),
        ("en", "They insisted on paying a 40% premium over our web price as long as we skip the usual lead time."),
    ],
    "declined_services": [
        ("en", "They do not want the commissioning visit or the operator training that comes with every machine."),
        ("de", "Der Kunde verzichtet ausdrücklich auf Inbetriebnahme, Schulung und Garantie."),
        ("fr", "L'acheteur a refusé l'installation et la formation comprises dans l'offre."),
        ("es", "El comprador rechazó la instalación y el mantenimiento incluidos en la oferta."),
        ("ru", "Клиент отказался от монтажа, пусконаладки и гарантийного обслуживания."),
        ("tr", "Alıcı kurulum ve eğitim hizmetini istemedi, garantiye de ihtiyaç olmadığını söyledi."),
        ("ar", "رفض المشتري خدمات التركيب والتدريب والضمان المعروضة عليه."),
        ("zh", "买方拒绝了我们提供的安装调试和保修服务。"),
        ("en", "Customer waived the warranty and told us no installation support will be needed on site."),
    ],
    "unfamiliar_product": [
        ("en", "Their contact could not tell us the supply voltage or the package he needed and asked us to pick whatever works."),
        ("de", "Der Einkäufer kannte weder die technischen Daten noch den Verwendungszweck der Bauteile."),
        ("fr", "Le client ne connaît visiblement pas les caractéristiques techniques du produit commandé."),
        ("es", "El cliente no conocía las especificaciones técnicas del equipo que pedía."),
        ("ru", "Покупатель не разбирается в характеристиках товара и не смог назвать нужные параметры."),
        ("tr", "Müşteri sipariş ettiği ürünün teknik özellikleri hakkında hiçbir şey bilmiyordu."),
        ("ar", "لم يكن العميل على دراية بالمواصفات الفنية للمنتج الذي طلبه."),
        ("zh", "客户对所订产品的技术参数一无所知。"),
    ],
    "evasive_customer": [
        ("en", "When we asked whether the parts stay in the country or get re-exported, the contact changed the subject."),
        ("de", "Auf die Frage, ob die Ware wieder ausgeführt wird, ist der Kunde ausgewichen."),
        ("fr", "Le client reste évasif quand on lui demande si les marchandises seront réexportées."),
        ("es", "El cliente se mostró evasivo sobre si la mercancía se va a reexportar."),
        ("ru", "На вопрос о реэкспорте товара клиент уклонился от ответа."),
        ("tr", "Müşteri, malların yeniden ihraç edilip edilmeyeceği sorusunu geçiştirdi."),
        ("ar", "تهرب العميل من الإجابة عندما سألناه عن إعادة تصدير البضاعة."),
        ("zh", "问及货物是否会再出口时，客户含糊其辞，回避回答。"),
    ],
    "vague_delivery": [
        ("en", "Delivery date is 'sometime next quarter' and the final delivery point is still to be confirmed."),
        ("de", "Liefertermin und Lieferort sind weiterhin unklar, der Kunde will sich später melden."),
        ("fr", "La date et le lieu de livraison restent flous."),
        ("es", "La fecha y el lugar de entrega siguen sin definirse."),
        ("ru", "Сроки и место поставки клиент не уточняет."),
        ("tr", "Teslimat tarihi ve teslimat yeri hâlâ belirsiz."),
        ("ar", "موعد ومكان التسليم لا يزالان غير محددين."),
        ("zh", "交货时间和交货地点至今都不明确。"),
    ],
    "shipping_change": [
        ("en", "Two days before dispatch the buyer asked us to change the consignee to a different company in another city."),
        ("de", "Kurz vor dem Versand bat der Kunde, die Lieferadresse auf eine andere Firma zu ändern."),
        ("fr", "Juste avant l'expédition, le client a demandé de changer le destinataire."),
        ("es", "A último momento el cliente cambió el destinatario y la ruta del envío."),
        ("ru", "За день до отгрузки покупатель попросил сменить грузополучателя."),
        ("tr", "Sevkiyattan hemen önce alıcı teslimat adresini başka bir firmanın adresiyle değiştirdi."),
        ("ar", "قبل الشحن بيوم طلب المشتري تغيير المرسل إليه."),
        ("zh", "发货前一天，客户要求把收货人改成另一家公司。"),
    ],
    "payment_reroute": [
        ("en", "The invoice will be settled by an affiliate in another country; buyer asked us to accept funds from that account."),
        ("de", "Die Zahlung soll über eine Schwesterfirma in einem Drittland laufen."),
        ("fr", "Le paiement sera effectué par une société tierce dans un autre pays."),
        ("es", "El pago llegará desde una empresa de otro país, no desde el comprador."),
        ("ru", "Оплата пойдёт через третью компанию в другой стране."),
        ("tr", "Ödeme üçüncü bir ülkedeki başka bir şirket üzerinden yapılacak."),
        ("ar", "سيتم الدفع عن طريق شركة أخرى في بلد ثالث."),
        ("zh", "货款将由第三国的另一家公司代为支付。"),
    ],
    "unusual_payment": [
        ("en", "Customer asked whether he can pay the whole amount in cash when collecting."),
        ("de", "Der Kunde möchte den gesamten Betrag bar bezahlen."),
        ("fr", "Le client souhaite régler la totalité en espèces."),
        ("es", "El cliente quiere pagar todo en efectivo."),
        ("ru", "Клиент хочет оплатить заказ криптовалютой (USDT)."),
        ("tr", "Müşteri ödemenin tamamını nakit yapmak istiyor."),
        ("ar", "يريد العميل دفع المبلغ كاملا نقدا."),
        ("zh", "客户要求用USDT加密货币付款。"),
    ],
    "end_use_missing": [
        ("en", "Customer refuses to sign our end-user statement and says the end use is confidential."),
        ("de", "Der Kunde weigert sich, die Endverbleibserklärung zu unterschreiben."),
        ("fr", "Le client refuse de signer la déclaration d'utilisateur final."),
        ("es", "El cliente se niega a firmar el certificado de usuario final."),
        ("ru", "Покупатель отказывается подписывать сертификат конечного пользователя."),
        ("tr", "Müşteri son kullanıcı beyanını imzalamayı reddetti."),
        ("ar", "رفض العميل توقيع شهادة المستخدم النهائي."),
        ("zh", "客户拒绝签署最终用户声明。"),
    ],
}
# Neutral notes: routine remarks, some touching a topic without raising it.
NEUTRAL = [
    ("en", "Repeat customer since 2019, payment 30 days net.", ()),
    ("en", "Installation and operator training booked for week 14.", ("declined_services",)),
    ("en", "Customer asked whether installation is included; yes, two days on site, booked.", ("declined_services",)),
    ("en", "Customer reviewed the datasheets and confirmed the 3.3 V variant.", ("unfamiliar_product",)),
    ("en", "Price as per 2025 frame agreement, unchanged from last year.", ("overpricing",)),
    ("en", "Deliver to goods-in, gate 4, Monday to Friday 7-15h.", ("vague_delivery",)),
    ("de", "Abholung durch die Spedition des Kunden, Liefertermin KW 18 bestätigt.", ("vague_delivery",)),
    ("de", "Stammkunde, Zahlung 30 Tage netto.", ()),
    ("de", "Kunde hat die Schulung für drei Mitarbeiter gebucht.", ("declined_services",)),
    ("fr", "Livraison au quai 3, créneau confirmé avec le client.", ("vague_delivery",)),
    ("fr", "Client habituel, paiement à 30 jours fin de mois.", ()),
    ("es", "Cliente habitual desde 2018; pago a 60 días.", ()),
    ("es", "Entrega en el almacén central, fecha confirmada.", ("vague_delivery",)),
    ("ru", "Постоянный клиент, оплата по счёту в течение 30 дней.", ()),
    ("tr", "Düzenli müşteri, ödeme 30 gün vadeli.", ()),
    ("ar", "عميل دائم، الدفع خلال 30 يوما من تاريخ الفاتورة.", ()),
    ("zh", "老客户，货款30天内付清。", ()),
    ("en", "PO 4500-1187, partial deliveries not allowed.", ()),
    ("en", "Customer PO attached, delivery address as on file since 2021.", ("shipping_change",)),
    ("en", "Buyer asked for a quote in EUR; converted at the day's rate.", ()),
    ("de", "Bitte Lieferschein mit Bestellnummer beilegen.", ()),
    ("fr", "Facture à envoyer au service comptabilité.", ()),
]
SPECIFIC_END_USES = {
    "elec": [
        ("en", "Assembly of motor-control boards for our e-bike drive units at our Eindhoven plant"),
        ("de", "Fertigung von Steuerungen für Heizungswärmepumpen in unserem Werk in Ulm"),
        ("fr", "Intégration dans nos bornes de recharge fabriquées à Lyon"),
        ("es", "Fabricación de controladores de riego automatizado en nuestra planta de Murcia"),
        ("en", "Production of smart electricity meters for the utility tender awarded in March"),
        ("en", "Spare parts for the patient monitors we service in regional hospitals"),
        ("de", "Serienfertigung von Füllstandssensoren für die Lebensmittelindustrie"),
        ("en", "Prototype run of our agricultural soil-moisture sensor, 2,000 units"),
    ],
    "test": [
        ("en", "Equipment for our university teaching laboratory (electronics course)"),
        ("de", "Prüfplätze in unserer Qualitätssicherung, Werk Bremen"),
    ],
    "mech": [
        ("en", "Replacement bearings for the conveyor lines of our bottling plant"),
        ("de", "Ersatzteile für die Getriebe unserer Windkraftanlagen-Wartung"),
    ],
    "cnc": [
        ("en", "Capacity expansion of our machining hall for automotive brake calipers"),
        ("fr", "Remplacement de deux tours vieillissants dans notre atelier de sous-traitance"),
    ],
}


def note(flag, lang=None):
    pool = NOTES[flag]
    if lang:
        pool = [x for x in pool if x[0] == lang] or pool
    return pick(pool)


# ---------------------------------------------------------------- clean buyers
# (name, country, address, industry, goods, end use, currency)
CLEAN = [
    ("Feinkost Lindner GmbH", "DE", "Grossmarkt 5, 50968 Koeln", "food wholesale", ["oliveoil", "pasta", "tuna"], "Weiterverkauf an Feinkostläden im Rheinland", "EUR"),
    ("Brasserie du Port SARL", "FR", "3 quai Lunel, 06300 Nice", "restaurant", ["oliveoil", "roastcoffee"], "Consommation dans notre restaurant", "EUR"),
    ("Kaffeerösterei Alpstein AG", "CH", "Poststrasse 18, 9000 St. Gallen", "coffee roasting", ["coffee"], "Rösten und Verkauf an Cafés in der Ostschweiz", "CHF"),
    ("Harbour Grocers Ltd", "IE", "Unit 14, North Wall Quay Business Centre, Dublin 1", "grocery retail", ["rice", "tea", "honey"], "Resale in our six Dublin shops", "EUR"),
    ("Tapas y Vinos Distribuciones S.L.", "ES", "Poligono Industrial La Portalada, Nave 7, 26006 Logrono", "food distribution", ["tuna", "oliveoil"], "Distribución a bares y restaurantes de La Rioja", "EUR"),
    ("Hotel Strandvejen A/S", "DK", "Strandvejen 203, 2900 Hellerup", "hotel", ["towels", "bedlinen"], "Replacement linen for our 140 rooms", "DKK"),
    ("Lakeside Care Homes Ltd", "GB", "Lakeside House, 9 Station Road, Windermere LA23 1AA", "residential care operator", ["bandages", "masks", "hospbed"], "Use in our four care homes in Cumbria", "GBP"),
    ("Clinica San Rafael S.A.", "ES", "Calle Serrano Galvache 56, 28033 Madrid", "private hospital", ["syringes", "masks", "bandages"], "Consumo en nuestras plantas de hospitalización", "EUR"),
    ("Mercy Valley Regional Hospital", "US", "1200 Hospital Drive, Dayton, OH 45409", "hospital", ["hospbed", "syringes"], "Replacement of ward beds in building B", "USD"),
    ("Velo Huber OG", "AT", "Mariahilfer Strasse 88, 1070 Wien", "bicycle retail", ["bicycle"], "Verkauf in unserem Geschäft", "EUR"),
    ("Spielwaren Kunterbunt KG", "DE", "Koenigstrasse 31, 70173 Stuttgart", "toy retail", ["toys", "rccar"], "Weihnachtsgeschäft in unseren Filialen", "EUR"),
    ("Fjellsport AS", "NO", "Storgata 40, 0182 Oslo", "sporting goods retail", ["shoes", "tshirt"], "Resale in our stores", "NOK"),
    ("Belle Peau Cosmétiques SA", "BE", "Avenue Louise 331, 1050 Bruxelles", "cosmetics retail", ["cosmetics", "shampoo", "perfume"], "Vente dans nos parfumeries", "EUR"),
    ("Kontorpartner Sverige AB", "SE", "Industrigatan 4, 212 14 Malmo", "office supplies wholesale", ["paper", "toner", "officechair"], "Resale to business customers in Skane", "SEK"),
    ("Prairie Office Interiors Inc.", "CA", "2150 Dunwin Drive, Mississauga, ON L5L 5M8", "office furniture dealer", ["officechair", "desk"], "Fit-out of a client's new office floor in Toronto", "CAD"),
    ("Budimex Materialy Sp. z o.o.", "PL", "ul. Przemyslowa 12, 61-579 Poznan", "building materials wholesale", ["tiles", "paint", "glass"], "Sprzedaz hurtowa dla firm budowlanych", "PLN"),
    ("Stavebniny Morava s.r.o.", "CZ", "Vidensk  120, 619 00 Brno", "building materials retail", ["rebar", "pvcpipe", "woodscrews"], "Prodej stavebnim firmam v regionu", "CZK"),
    ("Hoekstra Bouwgroep B.V.", "NL", "Industrieweg 44, 8444 AR Heerenveen", "construction contractor", ["rebar", "pvcpipe", "valves"], "Construction of a school building in Heerenveen", "EUR"),
    ("Electroménager Dupuis SAS", "FR", "ZA des Landes, 12 rue Gutenberg, 44800 Saint-Herblain", "household appliance retail", ["fridge", "washer", "vacuum"], "Vente en magasin", "EUR"),
    ("Casa Clima Impianti S.r.l.", "IT", "Via Emilia Ovest 1120, 41123 Modena", "HVAC installer", ["aircon", "pump", "motor15"], "Installazione presso clienti residenziali e uffici in Emilia", "EUR"),
    ("Autoteile Brandl GmbH", "AT", "Industriezeile 36, 4020 Linz", "car parts wholesale", ["brakepads", "leadbatt", "sparkplug", "motoroil"], "Weiterverkauf an Kfz-Werkstätten in Oberösterreich", "EUR"),
    ("Tyne Motor Factors Ltd", "GB", "Unit 3, Team Valley Trading Estate, Gateshead NE11 0PZ", "motor factors", ["brakepads", "sparkplug", "leadbatt"], "Resale to garages in the North East", "GBP"),
    ("Elektro Maier Installationen GmbH", "DE", "Gewerbepark Sued 7, 93059 Regensburg", "electrical installer", ["breakers", "cable", "switches", "ledbulb"], "Elektroinstallation Neubau Wohnanlage Regensburg-Ost", "EUR"),
    ("Pakkaus Oy", "FI", "Teollisuustie 19, 33330 Tampere", "packaging wholesale", ["boxes", "film", "pallets"], "Resale to manufacturers in Pirkanmaa", "EUR"),
    ("Agro Coop Pannonia Zrt.", "HU", "Szegedi ut 80, 6000 Kecskemet", "agricultural cooperative", ["fertilizer", "seeds"], "Use by member farms", "EUR"),
    ("Quinta do Vale Verde Lda", "PT", "Estrada Nacional 222, km 14, 5110-204 Armamar", "vineyard", ["pallets", "boxes"], "Packing our 2025 harvest", "EUR"),
    ("Ferramenta Bianchi S.n.c.", "IT", "Via Roma 61, 10121 Torino", "hardware store", ["drill", "spanners", "woodscrews"], "Rivendita al dettaglio", "EUR"),
    ("Lucerne Facility Services AG", "CH", "Tribschenstrasse 61, 6005 Luzern", "facility management", ["ledbulb", "fans", "kettle"], "Ersatzbedarf in den von uns betreuten Bürogebäuden", "CHF"),
    ("Kitakyushu Home Center K.K.", "JP", "3-8-1 Asano, Kokurakita-ku, Kitakyushu 802-0001", "home improvement retail", ["paint", "drill", "ledbulb"], "Sale in our stores", "JPY"),
    ("Seoul Fresh Mart Co., Ltd.", "KR", "215 Olympic-ro, Songpa-gu, Seoul 05554", "supermarket chain", ["oliveoil", "chocolate", "pasta"], "Sale in our supermarkets", "KRW"),
    ("Bayside Textiles Pty Ltd", "AU", "14 Fennell Street, Port Melbourne VIC 3207", "apparel wholesale", ["tshirt", "towels"], "Wholesale to retailers in Victoria", "USD"),
    ("Riverside Community College", "US", "4800 Magnolia Avenue, Riverside, CA 92506", "education", ["desk", "officechair", "paper"], "Furnishing the new library wing", "USD"),
    ("Weldtech Fabrication Ltd", "GB", "Unit 11, Hawkley Industrial Estate, Wigan WN3 6HE", "steel fabrication", ["weldrods", "spanners", "rebar"], "Consumables for our fabrication shop", "GBP"),
    ("Grüne Gärtnerei Weber e.K.", "DE", "Gaertnerweg 3, 01279 Dresden", "horticulture", ["seeds", "pvcpipe", "pump"], "Bewässerung und Anzucht in unserer Gärtnerei", "EUR"),
    ("Luxembourg Catering Services S.A.", "LU", "12 rue de l'Industrie, 3895 Foetz", "catering", ["oliveoil", "rice", "roastcoffee"], "Preparation of meals for company canteens", "EUR"),
]
# Small lawful businesses with one benign irregularity (free mail x4, young x3, parent pays x2, forwarder x3)
MINOR = [
    ("Bäckerei Sonnenkorn", "DE", "Marktplatz 7, 34117 Kassel", "bakery", ["chocolate", "honey"], "Verarbeitung in unserer Backstube", "EUR"),
    ("Taller Mecánico Hermanos Ruiz", "ES", "Calle Mayor 112, 30201 Cartagena", "car repair workshop", ["brakepads", "sparkplug", "motoroil"], "Reparaciones en nuestro taller", "EUR"),
    ("Pizzeria Da Gennaro", "IT", "Via Toledo 210, 80134 Napoli", "restaurant", ["oliveoil", "tuna"], "Uso nella nostra pizzeria", "EUR"),
    ("Maple Leaf Hardware", "CA", "455 King Street W, Kitchener, ON N2G 1C2", "hardware store", ["drill", "spanners"], "Resale in our store", "CAD"),
    ("Nordlicht Yoga Studio UG", "DE", "Schanzenstrasse 21, 20357 Hamburg", "fitness studio", ["towels", "fans"], "Ausstattung unseres neuen Studios", "EUR"),
    ("Verde Lavanderia S.r.l.", "IT", "Via Nizza 44, 10125 Torino", "laundry service", ["washer"], "Opening of our second laundromat", "EUR"),
    ("Brightside Dental Ltd", "GB", "22 Castle Street, Cardiff CF10 1BU", "dental practice", ["masks", "syringes"], "Use in our new practice", "GBP"),
    ("Hotel Alpenblick Ziller GmbH", "AT", "Dorfstrasse 12, 6290 Mayrhofen", "hotel", ["bedlinen", "towels"], "Erneuerung der Zimmerwäsche", "EUR"),
    ("Boulangeries Lefèvre SAS", "FR", "18 rue de la République, 69002 Lyon", "bakery chain", ["boxes", "chocolate"], "Utilisation dans nos boulangeries", "EUR"),
    ("Vinhos do Douro Exportação Lda", "PT", "Rua do Carmo 30, 5050-221 Peso da Régua", "winery", ["pallets", "boxes", "film"], "Embalagem da vindima 2025", "EUR"),
    ("Skovgaard Byg ApS", "DK", "Industrivej 18, 7100 Vejle", "construction contractor", ["tiles", "paint"], "Renovering af skole i Vejle", "DKK"),
    ("Van der Berg Tuincentrum B.V.", "NL", "Zuidweg 50, 2671 MN Naaldwijk", "garden centre", ["seeds", "pvcpipe", "pump"], "Verkoop in ons tuincentrum", "EUR"),
]
# Lawful buyers in hub countries, ordinary goods
HUB_LAWFUL = [
    ("Al Noor Hypermarkets LLC", "AE", "Office 1402, Al Moosa Tower 2, Sheikh Zayed Road, Dubai", "supermarket chain", ["rice", "tea", "chocolate"], "Sale in our hypermarkets in Dubai and Sharjah", "AED", "www.alnoorhypermarkets.ae"),
    ("Gulf Smile Dental Clinics LLC", "AE", "Villa-style clinic, Building 7, Dubai Healthcare City Phase 2, Dubai", "dental clinics", ["masks", "syringes"], "Use in our three clinics", "AED", "www.gulfsmiledental.ae"),
    ("Anadolu Yapı Market A.Ş.", "TR", "Organize Sanayi Bölgesi 3. Cad. No:14, Sincan, Ankara", "building materials retail", ["tiles", "paint", "pvcpipe"], "Mağazalarımızda satış", "EUR", "www.anadoluyapimarket.com.tr"),
    ("Ege Otel İşletmeleri A.Ş.", "TR", "Atatürk Bulvarı No:88, Kuşadası, Aydın", "hotel", ["towels", "bedlinen", "aircon"], "Otelimizin yenileme çalışması", "EUR", "www.egeotel.com.tr"),
    ("Kowloon Bay Stationers Ltd", "HK", "Unit 12, 9/F, Kowloon Bay Industrial Centre, 15 Wang Hoi Road, Kowloon Bay", "office supplies wholesale", ["paper", "toner"], "Resale to offices in Hong Kong", "HKD", "www.kbstationers.com.hk"),
    ("Jade Garden Restaurants Group Ltd", "HK", "20/F, Causeway Bay Commercial Building, 1 Sugar Street, Causeway Bay", "restaurant group", ["oliveoil", "roastcoffee", "kettle"], "Use in our restaurants", "HKD", "www.jadegardengroup.com.hk"),
    ("Suzhou Yuanfeng Textile Trading Co., Ltd.", "CN", "No. 8 Suhong Middle Road, Suzhou Industrial Park, Jiangsu", "textile trading", ["tshirt", "towels"], "Resale to retailers in Jiangsu", "USD", "www.yuanfengtextile.cn"),
    ("Chengdu Lotus Hotel Management Co., Ltd.", "CN", "No. 99 Tianfu Avenue North, High-tech Zone, Chengdu", "hotel management", ["bedlinen", "towels", "ledbulb"], "Refurbishment of two hotels in Chengdu", "USD", "www.lotushotels.cn"),
    ("Ararat Valley Foods CJSC", "AM", "12 Arshakunyats Ave., Yerevan 0023", "food processing", ["pallets", "boxes", "film"], "Packaging of our canned vegetables", "USD", "www.araratvalleyfoods.am"),
    ("Tbilisi Medical Supplies LLC", "GE", "27 Vazha-Pshavela Ave., Tbilisi 0186", "medical supplies distribution", ["syringes", "bandages", "masks"], "Supply to public clinics under the 2025 tender", "EUR", "www.tbilisimedsupplies.ge"),
    ("Almaty Agro Service TOO", "KZ", "Raiymbek Ave. 348, Almaty 050061", "agricultural supplies", ["fertilizer", "seeds"], "Sale to farms in Almaty region", "USD", "www.almatyagroservice.kz"),
    ("Ala-Too Stroy OsOO", "KG", "Ibraimova St. 103, office 4, Bishkek 720011", "construction contractor", ["tiles", "glass", "cable"], "Construction of a residential block in Bishkek", "USD", "www.alatoostroy.kg"),
    ("Samarkand Textile Mills JSC", "UZ", "Industrial Zone, 5 Mirzo Ulugbek St., Samarkand 140100", "textile manufacturing", ["motor15", "fans", "pallets"], "Maintenance of our spinning mill", "USD", "www.samarkandtextile.uz"),
    ("Lion City Bakeries Pte. Ltd.", "SG", "10 Senoko Loop, #04-02, Singapore 758168", "bakery chain", ["chocolate", "honey", "boxes"], "Use in our central bakery", "SGD", "www.lioncitybakeries.sg"),
    ("Pune Auto Components Pvt. Ltd.", "IN", "Plot 48, MIDC Bhosari, Pune 411026", "automotive parts manufacturing", ["weldrods", "spanners", "motoroil"], "Consumables for our stamping plant", "USD", "www.puneautocomponents.in"),
    ("Novi Sad Agrar d.o.o.", "RS", "Bulevar Oslobodjenja 102, 21000 Novi Sad", "agricultural supplies", ["fertilizer", "seeds", "pvcpipe"], "Prodaja poljoprivrednim gazdinstvima", "EUR", "www.novisadagrar.rs"),
    ("Monterrey Hogar S.A. de C.V.", "MX", "Av. Constitucion 2050 Pte., Col. Obispado, 64060 Monterrey, N.L.", "household appliance retail", ["fridge", "washer", "fans"], "Venta en nuestras tiendas", "USD", "www.monterreyhogar.mx"),
    ("Cape Fresh Produce (Pty) Ltd", "ZA", "18 Bofors Circle, Epping Industria, Cape Town 7460", "fresh produce exporter", ["boxes", "pallets", "film"], "Packing citrus for export", "USD", "www.capefreshproduce.co.za"),
    ("Sao Paulo Papelaria Ltda", "BR", "Rua Vergueiro 3185, Vila Mariana, Sao Paulo SP 04101-300", "stationery retail", ["paper", "toner"], "Revenda em nossas lojas", "USD", "www.sppapelaria.com.br"),
    ("Taichung Bicycle Parts Co., Ltd.", "TW", "No. 36, Gongye 10th Rd., Xitun District, Taichung 407", "bicycle manufacturing", ["paint", "boxes", "spanners"], "Consumables for our assembly line", "USD", "www.tcbikeparts.com.tw"),
    ("Haifa Bay Hospitality Ltd", "IL", "Derech HaAtsmaut 54, Haifa 3303310", "hotel", ["bedlinen", "towels", "kettle"], "Room renovation, 2025", "USD", "www.haifabayhospitality.co.il"),
]
# Well-known lawful companies (real, not listed) buying ordinary goods, and lawful namesakes
BIGCO = [
    ("Siemens Healthineers AG", "DE", "Henkestrasse 127, 91052 Erlangen", "medical technology manufacturer", ["boxes", "pallets", "paper"], "Verpackung und Büromaterial, Werk Erlangen", "EUR", "www.siemens-healthineers.com"),
    ("Emirates Flight Catering Co. LLC", "AE", "Emirates Flight Catering Centre, Dubai International Airport, Dubai", "airline catering", ["oliveoil", "roastcoffee", "tea"], "Meal production for airline customers", "AED", "www.emiratesflightcatering.com"),
    ("Türk Hava Yolları A.O.", "TR", "Genel Yönetim Binası, Yeşilköy Mah. Havaalanı Cad. No:3/1, Bakırköy, İstanbul", "airline", ["towels", "paper", "kettle"], "Cabin and office supplies", "EUR", "www.turkishairlines.com"),
    ("Carrefour Hypermarchés SAS", "FR", "1 rue Jean Mermoz, 91000 Evry-Courcouronnes", "hypermarket chain", ["oliveoil", "pasta", "chocolate"], "Vente en hypermarchés", "EUR", "www.carrefour.fr"),
    ("Tata Steel Nederland BV", "NL", "Wenckebachstraat 1, 1951 JZ Velsen-Noord", "steel production", ["weldrods", "motoroil", "valves"], "Maintenance consumables for the IJmuiden works", "EUR", "www.tatasteelnederland.com"),
    ("Kaspi Bank JSC", "KZ", "154A Nauryzbay Batyr St., Almaty 050013", "banking", ["officechair", "desk", "paper"], "Furnishing of branch offices", "USD", "www.kaspi.kz"),
]
NAMESAKES = [
    # names sharing a word with listed names (Integral, Kupol, Peleng, Mahan, Taco, Olimpik), lawful, ordinary goods
    ("Integral Bau GmbH", "DE", "Lindenstrasse 14, 49074 Osnabrueck", "construction contractor", ["rebar", "tiles", "cable"], "Rohbau Kita Osnabrueck-Schinkel", "EUR", "www.integral-bau.de"),
    ("Kupol Hotel Group d.o.o.", "HR", "Obala kneza Branimira 6, 23000 Zadar", "hotel", ["towels", "bedlinen"], "Renovation of our Zadar hotel", "EUR", "www.kupolhotels.hr"),
    ("Mahan Persian Carpets Ltd", "GB", "Unit 4, Wembley Commercial Centre, East Lane, Wembley HA9 7UR", "carpet retail", ["paper", "boxes", "film"], "Packaging for our carpet shop", "GBP", "www.mahancarpets.co.uk"),
    ("Taco Fiesta Restaurants LLC", "US", "1818 W Main Street, Mesa, AZ 85201", "restaurant chain", ["oliveoil", "rice", "tuna"], "Use in our eleven restaurants", "USD", "www.tacofiesta.com"),
    ("Olimpik Spor Malzemeleri Ltd. Şti.", "TR", "Kazım Dirik Mah. 372. Sk. No:11, Bornova, İzmir", "sporting goods retail", ["shoes", "tshirt"], "Mağazalarımızda perakende satış", "EUR", "www.olimpikspor.com.tr"),
    ("Peleng Optika Ltd", "CY", "Arch. Makariou III Ave. 155, 3026 Limassol", "optician", ["paper", "officechair"], "Furniture and stationery for our shop", "EUR", "www.pelengoptika.com.cy"),
]


ORD_SELLERS = {
    "food": ["Iberia Foods Export S.L.", "Baltic Home Goods OU"],
    "tex": ["Bursa Tekstil Ihracat A.S.", "Baltic Home Goods OU"],
    "home": ["Ningbo Haiyue Household Products Co., Ltd.", "Baltic Home Goods OU", "Jutland Industrial Supply A/S"],
    "build": ["Midland Build Supplies Ltd", "Kraków Tools Export Sp. z o.o.", "Jutland Industrial Supply A/S"],
    "med": ["Ohio Valley Medical Supply LLC"],
    "ind": ["Jutland Industrial Supply A/S", "Kraków Tools Export Sp. z o.o."],
}
GOOD_GROUP = {}
for grp, keys in {
    "food": "oliveoil coffee roastcoffee rice dates tea pasta tuna honey chocolate",
    "tex": "tshirt towels bedlinen shoes",
    "home": "officechair desk fridge washer aircon vacuum kettle fans toys rccar bicycle cosmetics shampoo perfume paper toner ledbulb",
    "build": "tiles rebar pvcpipe paint woodscrews glass cable breakers switches",
    "med": "syringes bandages masks hospbed",
    "ind": "drill spanners brakepads leadbatt sparkplug motoroil valves pallets boxes film motor15 pump fertilizer seeds weldrods",
}.items():
    for k in keys.split():
        GOOD_GROUP[k] = grp


def ord_seller(goods):
    return dict(SELL[pick(ORD_SELLERS[GOOD_GROUP[goods[0]]])])


def qty_for(key):
    p = GOODS[key]["price"]
    return int(max(2, round(rng.uniform(3000, 60000) / p, -1 if p < 50 else 0)))


def ord_route(s, cc):
    tr = []
    if s["country"] in ("CN", "TW") and cc not in ("CN", "TW", "HK"):
        tr = [pick(["SG", "AE", "MY", "NL"])] if rng.random() < 0.5 else []
    elif s["country"] != cc and rng.random() < 0.3:
        tr = [pick(["NL", "DE", "BE"])]
    tr = [t for t in tr if t not in (s["country"], cc)]
    return {"origin": s["country"], "transit": tr, "destination": cc}


def clean_order(prof, scenario, minor=None, web=None, res_amb=False):
    name, cc, addr, ind, goods, eu, cur = prof[:7]
    web = web or (prof[7] if len(prof) > 7 else f"www.{slug(name)}.{cc.lower()}")
    date = rdate()
    s = ord_seller(goods)
    reg = (dt.date(2024, 1, 1) - dt.timedelta(days=random.Random(name).randrange(365 * 2, 365 * 30))).isoformat()
    if minor == "young":
        reg = days_before(date, 60, 300)
    b = party("buyer", name, cc, addr, reg=reg, industry=ind, web=web, icls="fit",
              free=(minor == "free_mail"), amb=res_amb)
    if minor == "free_mail":
        b.pop("website", None)
    parties = [s, b]
    pc = cc
    if minor == "parent":
        parent_cc = pick([c for c in ["DE", "FR", "NL", "GB", "US", "SE", "CH"] if c != cc])
        parent = party("payer", f"{max(name.split()[:3], key=len)} {pick(['Holding', 'Group'])} {dict(DE='GmbH', FR='SA', NL='N.V.', GB='plc', US='Inc.', SE='AB', CH='AG')[parent_cc]}",
                       parent_cc, pick(["Head office, 1 Market Square", "Konzernzentrale, Hauptstrasse 1", "Siège, 10 avenue de la Gare"]) + f", {parent_cc}",
                       reg=days_before(date, 365 * 10, 365 * 40), industry="holding company", icls="fit")
        parties.append(parent)
        pc = parent_cc
    if minor == "forwarder":
        fw = party("consignee", pick(["Kühne Lagerlogistik", "Hafen Cargo Services", "Transports Moreau", "Dalsland Spedition", "Ijssel Warehousing"]) + " " +
                   dict(DE="GmbH", FR="SARL", NL="B.V.", SE="AB", AT="GmbH", GB="Ltd", IE="Ltd", BE="SRL", ES="S.L.", IT="S.r.l.", DK="ApS", CH="AG", FI="Oy", PL="Sp. z o.o.", CZ="s.r.o.", NO="AS", PT="Lda", HU="Kft.", LU="S.à r.l.", CA="Inc.", US="LLC", AU="Pty Ltd", JP="K.K.", KR="Co., Ltd.").get(cc, "Ltd"),
                   cc, pick(["Logistikpark 4, Halle B", "Zone logistique, entrepôt 7", "Warehouse 12, Freight Terminal Road"]),
                   reg=days_before(date, 365 * 5, 365 * 25), industry="freight forwarding and warehousing", fwd=True)
        parties.append(fw)
    items = [item(k, qty_for(k), cur=cur, no_hs=(rng.random() < 0.1)) for k in goods[:rng.randrange(1, len(goods) + 1)]]
    ln, nt, nnot = pick(NEUTRAL)
    o = order(parties, items, ord_route(s, cc), pay(pick(["wire", "wire", "wire", "letter_of_credit"]), pc, pick([cur, "USD", "EUR"]) if cur not in ("USD", "EUR") else cur),
              end_use=eu, notes=nt, date=date)
    emit(o, {"scenario": scenario, "notes_not": nnot, "lang": ln})


def build_clean():
    for prof in CLEAN:
        clean_order(prof, "clean_everyday")
    for prof in rng.sample(CLEAN, 15):
        clean_order(prof, "clean_everyday")
    for m, prof in zip(["free_mail"] * 4 + ["young"] * 3 + ["parent"] * 2 + ["forwarder"] * 3, MINOR):
        clean_order(prof, "clean_minor", minor=m)
    for prof in HUB_LAWFUL:
        clean_order(prof, "mixed_hub_lawful", res_amb=prof[0].startswith("Gulf Smile"))
    for prof in BIGCO:
        clean_order(prof, "clean_bigco")
    for prof in NAMESAKES:
        clean_order(prof, "clean_namesake")


def main():
    load_chpl()
    if "--check" in sys.argv:
        return check()
    build_clean()
    build_risky()
    write()
    check()


def write():
    with open(os.path.join(HERE, "orders.jsonl"), "w", encoding="utf-8") as f:
        for o in ORDERS:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, "truth.jsonl"), "w", encoding="utf-8") as f:
        for t in TRUTH:
            f.write(json.dumps(t, ensure_ascii=False) + "\n")


def check():
    orders = [json.loads(l) for l in open(os.path.join(HERE, "orders.jsonl"), encoding="utf-8")]
    truth = [json.loads(l) for l in open(os.path.join(HERE, "truth.jsonl"), encoding="utf-8")]
    ids = [o["id"] for o in orders]
    assert len(ids) == len(set(ids)), "duplicate order ids"
    assert ids == [t["id"] for t in truth], "truth ids differ from order ids"
    known = set(F.values())
    roles = {"seller", "buyer", "consignee", "end_user", "freight_forwarder", "payer", "notify_party"}
    for o, t in zip(orders, truth):
        assert set(o) <= {"id", "date", "parties", "items", "route", "payment", "end_use", "notes"}, o["id"]
        dt.date.fromisoformat(o["date"])
        for p in o["parties"]:
            assert p["role"] in roles and p["name"] and len(p["country"]) == 2, o["id"]
            assert set(p) <= {"role", "name", "country", "address", "email", "phone", "registered", "industry", "website"}, o["id"]
        for i in o["items"]:
            assert i["quantity"] >= 0 and i["unit_value"] >= 0 and i["currency"], o["id"]
        assert o["payment"]["method"] in ("wire", "cash", "crypto", "letter_of_credit"), o["id"]
        assert t["expected_risk"] in t["acceptable_risk"], o["id"]
        for m in t["must_flag"] + t["must_not_flag"]:
            assert m in known, (o["id"], m)
        assert not set(t["must_flag"]) & set(t["must_not_flag"]), o["id"]
        assert len(t["goods"]) == len(o["items"]), o["id"]
        for h in t["party_hits"]:
            assert re.fullmatch(r"ofac-sdn:\d+", h["expected"]) and h["role"] in roles, o["id"]
            assert any(p["name"] == h["written_as"] and p["role"] == h["role"] for p in o["parties"]), (o["id"], h)
    if "--lists" in sys.argv:
        collisions(orders, truth, sys.argv[sys.argv.index("--lists") + 1])
    print(f"ok: {len(orders)} orders, {len(set(ids))} unique ids, truth matches", file=sys.stderr)




# ---------------------------------------------------------------- risky parties (fictional)
ROOTS = ["Zarevo", "Milvane", "Tovaris", "Ekrona", "Sarvan", "Dunmere", "Altavia", "Corvend", "Nexora",
         "Peltrix", "Qandor", "Virelo", "Ostrana", "Halvex", "Brimor", "Cendra", "Ulvira", "Mardex",
         "Sorvane", "Telvar", "Yaskor", "Zentrio", "Avelon", "Gravik", "Istrel", "Jorvex", "Kalden",
         "Lorvin", "Mesrin", "Norvik", "Pavlex", "Rundor", "Selvik", "Tamrex", "Ubrin", "Varnel",
         "Wexor", "Yorvel", "Zilmar", "Orvanta", "Belmira", "Castrel", "Drevon", "Fenwyn", "Gorlan",
         "Harvela", "Ilmora", "Karsten Vale", "Lunvar", "Mirovia", "Nalvex", "Oskaro", "Prevent Axis",
         "Quillon", "Rastova", "Sunvex", "Tirelo", "Vandor", "Welkar", "Xylon Bay", "Yelvira", "Zorvan"]
ROOTS += [p + q for p in ["Zar", "Mil", "Tov", "Ekr", "Sarv", "Dunm", "Alt", "Corv", "Nex", "Pelt", "Qand", "Vir",
                           "Ostr", "Halv", "Brim", "Cend", "Ulv", "Mard", "Sorv", "Telv", "Yask", "Zent", "Avel",
                           "Grav", "Istr", "Jorv", "Kald", "Lorv", "Mesr", "Norv"]
          for q in ["evo", "ane", "aris", "ona", "ex", "ora", "ix", "ento", "ava", "ion", "ema", "usk"]
          if p + q not in ROOTS]
_used_roots = set()


def root():
    r = pick([x for x in ROOTS if x not in _used_roots])
    _used_roots.add(r)
    return r


TRADER = {
    "AE": ["{} General Trading LLC", "{} Electronics FZE", "{} Technologies FZCO", "{} Trading L.L.C."],
    "TR": ["{} Elektronik Sanayi ve Ticaret Ltd. Şti.", "{} Dış Ticaret A.Ş.", "{} Teknoloji İthalat İhracat Ltd. Şti."],
    "HK": ["{} Technology (HK) Limited", "{} International Trading Co., Limited", "{} Electronics Company Limited"],
    "CN": ["Shenzhen {} Electronics Co., Ltd.", "Guangzhou {} Trading Co., Ltd.", "Xiamen {} Import and Export Co., Ltd."],
    "AM": ["{} LLC", "{} CJSC"], "GE": ["{} LLC", "{} Ltd"], "KZ": ["{} TOO", "{} LLP"],
    "KG": ["OsOO {}", "{} LLC"], "UZ": ["{} MChJ", "{} LLC"], "RS": ["{} d.o.o. Beograd"],
    "SG": ["{} Pte. Ltd."], "IN": ["{} Impex Private Limited"], "MY": ["{} Sdn. Bhd."],
}
FWD = {
    "AE": ["{} Logistics FZE", "{} Freight Services LLC", "{} Cargo L.L.C."],
    "TR": ["{} Lojistik ve Taşımacılık A.Ş.", "{} Uluslararası Nakliyat Ltd. Şti."],
    "HK": ["{} Freight (HK) Limited", "{} Logistics Company Limited"],
    "CN": ["Shenzhen {} Supply Chain Co., Ltd."],
    "AM": ["{} Cargo LLC"], "GE": ["{} Logistics LLC"], "KZ": ["{} Logistic TOO"],
    "KG": ["{} Cargo OsOO"], "UZ": ["{} Trans Logistic MChJ"], "RS": ["{} Spedicija d.o.o."],
    "SG": ["{} Shipping Services Pte. Ltd."],
}
BIZ = {
    "AE": ["Office 2207, Mazaya Business Avenue BB2, Jumeirah Lakes Towers, Dubai", "Warehouse RA08-KB03, Jebel Ali Free Zone, Dubai",
           "Office Q1-05-112/B, SAIF Zone, Sharjah", "Shop 4, Al Ras Building 7, Deira, Dubai", "Office 908, Prime Tower, Business Bay, Dubai"],
    "TR": ["Maslak Mah. Büyükdere Cad. No:255 Kat:9, Sarıyer, İstanbul", "İkitelli OSB Mah. Çelik İş Merkezi No:12/34, Başakşehir, İstanbul",
           "Perpa Ticaret Merkezi B Blok Kat:8 No:1123, Şişli, İstanbul", "Ostim OSB 1203. Cad. No:7, Yenimahalle, Ankara"],
    "HK": ["Unit 1705, 17/F, Shun Tak Centre West Tower, 168 Connaught Road Central", "Room 1203, 12/F, Tower 2, Silvercord, 30 Canton Road, Tsim Sha Tsui",
           "Unit B, 9/F, Kwai Shing Industrial Building, 36 Tai Lin Pai Road, Kwai Chung"],
    "CN": ["Room 1806, Block A, Zhongdian Information Building, Huaqiang North Road, Futian District, Shenzhen",
           "3/F, No. 12 Keji South 8th Road, Nanshan District, Shenzhen", "Room 2203, No. 183 Tianhe North Road, Tianhe District, Guangzhou"],
    "AM": ["Office 305, 2 Vazgen Sargsyan St., Yerevan 0010", "Office 14, 10 Tigran Mets Ave., Yerevan 0005"],
    "GE": ["Office 12, 7 Marjanishvili St., Tbilisi 0102", "Office 5, 71 Tsereteli Ave., Tbilisi 0154"],
    "KZ": ["Office 804, Nurly Tau BC, 17 Al-Farabi Ave., Almaty 050059", "Office 12, 8 Kunaev St., Astana 010000"],
    "KG": ["Office 301, 55 Chui Ave., Bishkek 720040", "Office 7, 120 Toktogul St., Bishkek 720001"],
    "UZ": ["Office 9, 42 Amir Temur Ave., Tashkent 100000", "Office 3, 17 Bunyodkor Ave., Tashkent 100043"],
    "RS": ["Bulevar Mihajla Pupina 10, poslovni centar, 11070 Novi Beograd", "Omladinskih brigada 88, 11070 Novi Beograd"],
    "SG": ["10 Anson Road, #21-07 International Plaza, Singapore 079903", "2 Kallang Avenue, #07-12 CT Hub, Singapore 339407"],
    "IN": ["Office 402, Crystal Plaza, Andheri West, Mumbai 400053"],
    "MY": ["Level 15, Menara Hap Seng, Jalan P. Ramlee, 50250 Kuala Lumpur"],
}
RES = {
    "AE": ["Flat 1104, Al Khail Heights 5B, Al Quoz, Dubai", "Villa 27, Street 14, Mirdif, Dubai", "Apartment 608, Marina Pinnacle, Dubai Marina, Dubai"],
    "TR": ["Gül Apt. No:5 Daire:9, Bahçelievler Mah., Bahçelievler, İstanbul", "Çamlık Sitesi C Blok Daire 14, Ataşehir, İstanbul"],
    "HK": ["Flat C, 15/F, Block 3, Taikoo Shing residential estate, Quarry Bay", "Flat 8, 22/F, Lok Fu Estate, Kowloon"],
    "CN": ["Room 502, Unit 2, Building 7, Lijing Garden residential compound, Longgang District, Shenzhen"],
    "AM": ["Apt. 17, 31 Tumanyan St., Yerevan 0002"], "GE": ["Apt. 44, 15 Pekini Ave., Tbilisi 0160"],
    "KZ": ["kv. 56, d. 12, mkr. Samal-2, Almaty 050051"], "KG": ["kv. 23, d. 7, 6 mkr., Bishkek 720054"],
    "UZ": ["kv. 31, dom 18, Chilanzar 9 kvartal, Tashkent 100115"], "RS": ["Jurija Gagarina 145, stan 22, 11070 Novi Beograd"],
    "SG": ["Blk 412 Ang Mo Kio Ave 10, #08-1187 (HDB flat), Singapore 560412"],
}
UNRELATED = ["furniture retail", "beauty salon", "travel agency", "real estate agency", "restaurant", "flower wholesale",
             "textile trading", "car rental", "jewellery retail", "construction materials", "fruit and vegetable import", "event management"]


def trader(cc, role, date, *, new=False, free=False, res=False, industry=None, icls=None, name=None, web=True, phone_code=None):
    name = name or pick(TRADER[cc]).format(root())
    reg = days_before(date, 40, 280) if new else days_before(date, 365 * 3, 365 * 18)
    ind = industry or pick(["general trading", "import and export", "trading of electronic components", "wholesale trade"])
    addr = pick(RES[cc]) if res else pick(BIZ[cc])
    w = (f"www.{slug(' '.join(name.split()[:2]))}.{'com' if rng.random() < 0.5 else cc.lower()}" if web and not free else None)
    return party(role, name, cc, addr, reg=reg, industry=ind, web=w, free=free, res=res,
                 icls=icls, phone_=phone(cc, code=phone_code) if phone_code else None)


def forwarder(cc, date, *, industry=True, new=False):
    name = pick(FWD[cc]).format(root())
    return party("consignee", name, cc, pick(BIZ[cc]), reg=days_before(date, 40, 280) if new else days_before(date, 365 * 3, 365 * 20),
                 industry=pick(["freight forwarding", "logistics and warehousing", "international freight and customs brokerage"]) if industry else None,
                 web=f"www.{slug(name)}.com", fwd=True)


EMB_END = {
    "RU": [("OOO Zarevo Pribor", "ul. Kirova 118, office 402, Novosibirsk 630102"), ("AO Nortex Avtomatika", "Promyshlennaya ul. 14, Ekaterinburg 620100"),
           ("OOO Ulvira Elektronika", "Leninsky pr. 95, office 12, Moscow 119313"), ("OOO Sorvane Tekhnologii", "ul. Marshala Govorova 52, St. Petersburg 198095")],
    "BY": [("OOO Milvane Tekh", "pr. Pobeditelei 65, office 301, Minsk 220035"), ("ChUP Halvex Systems", "ul. Kalinovskogo 7, Vitebsk 210015")],
    "IR": [("Sarvan Sanat Pars Co.", "No. 17, 4th Alley, Gandhi St., Tehran 1517863111"), ("Tovaris Kish Trading Co.", "Unit 12, Pardis Commercial Complex, Kish Island")],
    "VE": [("Corvend Industrial C.A.", "Av. Francisco de Miranda, Torre Europa, piso 6, Caracas 1060")],
}


# ---------------------------------------------------------------- listed parties
# (SDN entity number, written as, variant, role, country, address, goods, options)
# Names in non-Latin script are written from the author's own knowledge of the
# entity's name in its language, not copied from any list file.
HITS = [
    (47993, "Olimpik Gama İç ve Dış Ticaret San. Ltd. Şti.", "legal_form", "buyer", "TR", "Beylikdüzü OSB, Brand İstanbul B Blok No:5/2, Beylikdüzü, İstanbul", ["stm32h743", "ddr3"], {}),
    (51274, "MNR Lojistik ve Dış Ticaret Limited Şirketi", "translit", "consignee", "TR", "Cumhuriyet Mah. Gürpınar Yolu A Blok No:10/3 İç Kapı No:55, Beylikdüzü, İstanbul", ["ad9364"], {"fwd": True, "industry": "logistics and foreign trade"}),
    (51182, "APILINE TRADING F.Z.E.", "legal_form", "buyer", "AE", "Jebel Ali Free Zone, Dubai", ["zedf9p", "rfd900x"], {}),
    (50127, "HK Cinty Company Limited", "legal_form", "consignee", "HK", "Room 2, 3/F, Ruby Commercial Building, Hong Kong", ["xc7s50"], {"buyer_cc": "TR"}),
    (46712, "C and I Semiconductors Co Ltd", "translit", "buyer", "HK", "Room A4, 8/F, Ko Fai Industrial Building, 7 Ko Fai Road, Yau Tong, Kowloon", ["opa2188", "hmc8410"], {}),
    (49700, "Relan Ltd.", "legal_form", "end_user", "HK", "Room 1508, 15/F, Office Tower Two, Grand Plaza, 625 Nathan Road, Mong Kok", ["sx1262", "w25q128"], {"buyer_cc": "SG"}),
    (49688, "JOCWA CO LTD", "legal_form", "buyer", "HK", "Flat 1512, 15/F, Lucky Centre, 165-171 Wanchai Road, Wan Chai", ["tant", "tant2"], {"amb": True}),
    (51166, "All Parts Trading Co., Ltd.", "typo", "buyer", "HK", "Room 13, 27/F, Ho King Commercial Centre, 2-16 Fa Yuen Street, Mong Kok", ["samd21", "mlcc"], {}),
    (38796, "Milur Electronics CJSC", "legal_form", "buyer", "AM", "111 Raffi St., Malatia-Sebastia, Yerevan", ["connector", "mosfet"], {"transit": ["GE"]}),
    (48847, "Profflab LLC", "reorder", "buyer", "KG", "179 Toktogul St., office 2, Bishkek", ["scope"], {}),
    (44024, "Progress Leader OsOO", "translit", "buyer", "KG", "39/1 Skryabin St., Bishkek 720001", ["fans", "cable"], {}),
    (48946, "KBR Tekhnologii LLP", "legal_form", "consignee", "KZ", "18 Konstitutsii Kazakhstana St., Petropavl", ["neom9n", "ec25"], {"buyer_cc": "AM"}),
    (50446, "CATU TECH LLP", "legal_form", "buyer", "KZ", "23 Beimbet Mailin St., office 16, Astana 010000", ["ec25", "neom9n"], {"dest": "RU", "transit": ["KZ"]}),
    (46592, "Micro Electronics Technologies Pte Ltd", "exact", "buyer", "SG", "50 Tagore Lane, #05-03F, Singapore 787494", ["stm32f405", "xbee3"], {}),
    (47201, "Good Forwarding DOO Beograd", "typo", "consignee", "RS", "Jurija Gagarina 231, 11070 Beograd", ["ad9364", "adf4351"], {"fwd": True, "industry": "freight forwarding", "buyer_cc": "TR"}),
    (44216, "MCI Trading d.o.o.", "drop_legal", "buyer", "RS", "Mirocka 1/1, 11060 Beograd", ["lpc1768"], {}),
    (51194, "Melix Global Sdn. Bhd.", "exact", "buyer", "MY", "30, Jalan PJU 1A/15, Taman Perindustrian Jaya, 47301 Petaling Jaya, Selangor", ["lcmxo2", "max10"], {}),
    (51249, "MMP Electronic Comp Co., Ltd", "typo", "buyer", "TH", "CP Tower 3, Building A, 4th Floor, Phaya Thai Road, Bangkok 10400", ["stm32f405", "tant"], {}),
    (49305, "OOO Ostec Smart Technologies", "legal_form", "end_user", "RU", "ul. Kulakova 20, str. 1G, Moscow 123592", ["scope", "siggen"], {"buyer_cc": "KZ", "dest": "RU", "transit": ["KZ"]}),
    (43276, "Shenzhen Yantu Imp. & Exp. Co., Ltd.", "legal_form", "buyer", "CN", "Huaqiang North Road, Futian District, Shenzhen", ["xc7s50", "ddr3"], {}),
    (47702, "Shenzhen Bi Guang Trading Company Limited", "translit", "consignee", "CN", "Longhua District, Shenzhen", ["imxrt1062"], {"buyer_cc": "HK"}),
    (41134, "Caspro Technology Ltd", "alias", "buyer", "CN", "Bao'an District, Shenzhen", ["ecmax", "carb"], {}),
    (44018, "Shenzhen Jiasibo Tech Co., Ltd.", "legal_form", "buyer", "CN", "Nanshan District, Shenzhen", ["gnss_ant", "boson"], {}),
    (44784, "Hong Kong Himark Electron Model Ltd.", "translit", "buyer", "HK", "Kwun Tong, Kowloon, Hong Kong", ["sgm7j"], {}),
    (44785, "Dal Enerji Madencilik Turizm San. ve Tic. A.Ş.", "legal_form", "buyer", "TR", "Çankaya, Ankara", ["ecmax", "volz"], {}),
    (44787, "Anka Port İç ve Dış Ticaret İnşaat Lojistik San. Ltd. Şti.", "legal_form", "consignee", "TR", "Mersin Serbest Bölgesi, Akdeniz, Mersin", ["sgm7j"], {"fwd": True, "industry": "logistics and trade", "buyer_cc": "AE"}),
    (52355, "Illumove S.A.", "legal_form", "buyer", "CH", "EPFL Innovation Park, Bâtiment C, 1015 Lausanne", ["imxrt1062", "adf4351"], {"eu": "Development of motion-control electronics"}),
    (46917, "CV Surabaya Hobby", "reorder", "buyer", "ID", "Jl. Raya Darmo 45, Surabaya 60241", ["microservo", "rcradio", "lipo"], {"industry": "hobby and model shop"}),
    (46920, "Dirac Technology (HK) Limited", "legal_form", "consignee", "HK", "Unit 6, 11/F, Kwai Cheong Centre, 50 Kwai Cheong Road, Kwai Chung", ["ads131m04", "hmc8410"], {"buyer_cc": "SG"}),
    (41137, "Raven Intl Trade Limited", "legal_form", "buyer", "HK", "Tsim Sha Tsui, Kowloon, Hong Kong", ["xbee3", "sx1262"], {}),
    (44786, "Farhad Ghaedi Wholesalers L.L.C.", "legal_form", "payer", "AE", "Al Qusais Industrial Area 2, Dubai", ["sgm7j"], {"buyer_cc": "TR"}),
    (11447, "Karl Lee", "alias", "payer", "CN", "Dalian, Liaoning", ["bearing2", "spindle"], {"buyer_cc": "HK"}),
    (41484, "Murat Bükey", "translit", "buyer", "TR", "Karşıyaka, İzmir", ["ecmax", "sgm7j"], {}),
    (44783, "Hamidreza Janghorbani", "typo", "notify_party", "IR", "Tehran", ["microservo", "ecmax"], {"buyer_cc": "AE"}),
    (45934, "ZALA AERO Group", "alias", "end_user", "RU", "ul. Arkhitektora Vlasova 2, Izhevsk", ["neom9n", "rfd900x"], {"buyer_cc": "KG", "dest": "RU", "transit": ["KZ"]}),
    (16865, "Almaz-Antey Concern JSC", "reorder", "end_user", "RU", "ul. Vereyskaya 41, Moscow 121471", ["ad9364", "xc7s50"], {"buyer_cc": "AE", "dest": "RU", "transit": ["AE"]}),
    # --- Cyrillic
    (18782, "АО «Рособоронэкспорт»", "script", "end_user", "RU", "ул. Гоголевский бульвар, 21, стр. 1, Москва 119019", ["tms320f28335", "ad9364"], {"buyer_cc": "AE", "dest": "RU", "transit": ["AE"], "script": "Cyrl"}),
    (16911, "АО «Концерн «Калашников»", "script", "end_user", "RU", "проезд Дерябина, 3В, Ижевск 426006", ["boson", "neom9n"], {"buyer_cc": "KG", "dest": "RU", "transit": ["KG", "KZ"], "script": "Cyrl"}),
    (35348, "ООО «Радиоавтоматика»", "script", "buyer", "RU", "ул. Большая Новодмитровская, 36, Москва 127015", ["ad9364", "hmc8410"], {"script": "Cyrl"}),
    (35936, "АО «Микрон»", "script", "end_user", "RU", "1-й Западный проезд, 12, стр. 1, Зеленоград, Москва 124460", ["scope", "lcmxo2"], {"buyer_cc": "HK", "dest": "RU", "transit": ["HK"], "script": "Cyrl"}),
    (34656, "ПАО «Промсвязьбанк»", "script", "payer", "RU", "Смирновская ул., 10, стр. 22, Москва 109052", ["stm32f405"], {"buyer_cc": "AM", "script": "Cyrl"}),
    (17013, "Банк ВТБ (ПАО)", "script", "payer", "RU", "Пресненская наб., 12, Москва 123112", ["washer", "fridge"], {"buyer_cc": "KZ", "script": "Cyrl"}),
    (34981, "ОАО «Интеграл»", "script", "end_user", "BY", "ул. Казинца, 121А, Минск 220108", ["ddr3", "sram"], {"buyer_cc": "RS", "dest": "BY", "transit": ["RS"], "script": "Cyrl"}),
    (33395, "ОАО «Пеленг»", "script", "buyer", "BY", "ул. Макаёнка, 25, Минск 220114", ["boson", "gnss_ant"], {"script": "Cyrl"}),
    (41318, "ОАО «Минский автомобильный завод»", "script", "buyer", "BY", "ул. Социалистическая, 2, Минск 220021", ["brakepads", "sparkplug"], {"script": "Cyrl"}),
    (46431, "АО «ИЭМЗ «Купол»", "script", "end_user", "RU", "ул. Песочная, 3, Ижевск 426033", ["rotax912", "carb"], {"buyer_cc": "TR", "dest": "RU", "transit": ["TR"], "script": "Cyrl"}),
    (24283, "Дерипаска Олег Владимирович", "script", "payer", "RU", "Москва", ["aircon"], {"buyer_cc": "AE", "script": "Cyrl"}),
    # --- Arabic script (Persian and Arabic)
    (12927, "شرکت هواپیمایی ماهان", "script", "end_user", "IR", "تهران، بزرگراه شهید لشگری، روبروی فرودگاه مهرآباد", ["gnss_ant", "dcdc"], {"buyer_cc": "AE", "dest": "IR", "transit": ["AE"], "script": "Arab"}),
    (25578, "بانک ملی ایران", "script", "payer", "IR", "تهران، خیابان فردوسی", ["stm32f405", "w25q128"], {"buyer_cc": "AE", "script": "Arab"}),
    (25580, "بانک سپه", "script", "payer", "IR", "تهران، میدان امام خمینی", ["zedf9p"], {"buyer_cc": "TR", "script": "Arab"}),
    (25677, "بانک تجارت", "script", "payer", "AE", "Dubai", ["rice", "tea"], {"buyer_cc": "AE", "script": "Arab"}),
    (16418, "صنایع هوایی قدس", "script", "end_user", "IR", "تهران، جاده قدیم کرج", ["limbach550", "prop"], {"buyer_cc": "AM", "dest": "IR", "transit": ["AM"], "script": "Arab"}),
    (11184, "صنایع الکترونیک ایران", "script", "end_user", "IR", "شیراز", ["ad9364", "xc7s50"], {"buyer_cc": "HK", "dest": "IR", "transit": ["AE"], "script": "Arab"}),
    (9352, "مركز الدراسات والبحوث العلمية", "script", "end_user", "SY", "دمشق، برزة", ["scope", "siggen"], {"buyer_cc": "AE", "dest": "SY", "transit": ["AE"], "script": "Arab"}),
    (12847, "المصرف التجاري السوري", "script", "payer", "SY", "دمشق، ساحة يوسف العظمة", ["tiles"], {"buyer_cc": "AE", "script": "Arab"}),
    (25396, "کشتیرانی جمهوری اسلامی ایران", "script", "notify_party", "IR", "تهران، بلوار پاسداران", ["pump", "valves"], {"buyer_cc": "AE", "script": "Arab"}),
    # --- Chinese and Korean
    (27063, "珠海振戎公司", "script", "buyer", "CN", "广东省珠海市", ["valves", "pump"], {"script": "Hans"}),
    (20564, "丹东鸿祥实业发展有限公司", "script", "consignee", "CN", "辽宁省丹东市", ["mosfet", "dcdc"], {"buyer_cc": "HK", "script": "Hans"}),
    (49446, "保利科技有限公司", "script", "buyer", "CN", "北京市东城区朝阳门北大街1号", ["siggen", "ad9364"], {"script": "Hans"}),
    (9753, "中国精密机械进出口总公司", "script", "end_user", "CN", "北京市海淀区", ["vmc"], {"buyer_cc": "HK", "script": "Hans"}),
    (46680, "北京云泽科技有限公司", "script", "buyer", "CN", "北京市海淀区", ["xbee3", "ec25"], {"script": "Hans"}),
    (9345, "조선광업개발무역회사", "script", "end_user", "KP", "평양", ["lathe"], {"buyer_cc": "CN", "dest": "KP", "transit": ["CN"], "script": "Hang"}),
]


def seller_for(goods):
    fams = {GOODS[k]["fam"] for k in goods}
    if not any(kind_of(k) for k in goods):
        return ord_seller(goods)
    for f, kind in (("cnc", "cnc"), ("engine", "engine"), ("servo", "servo"), ("prop", "engine")):
        if f in fams:
            return seller(kind)
    if fams <= {"mech"}:
        return seller("mech")
    return seller("elec")


def qty_ctl(key, lo=4000, hi=90000):
    p = GOODS[key]["price"]
    return int(max(1, round(rng.uniform(lo, hi) / p, 0 if p > 100 else -1)))


def build_hits():
    for ent, name, variant, role, cc, addr, goods, opt in HITS:
        date = rdate()
        s = seller_for(goods)
        controlled = any(kind_of(k) for k in goods)
        listed = party(role, name, cc, addr, email="", phone_=phone(cc), industry=opt.get("industry"),
                       fwd=opt.get("fwd", False), amb=opt.get("amb", False))
        if cc in ("IR", "SY", "KP") or role == "payer" and rng.random() < 0.5:
            listed.pop("phone", None)
        parties = [s]
        if role == "buyer":
            parties.append(listed)
            buyer = listed
        else:
            buyer = trader(opt.get("buyer_cc") or pick(["AE", "TR", "HK"]), "buyer", date)
            parties += [buyer, listed]
        bcc = buyer["country"]
        dest = opt.get("dest") or (cc if role in ("buyer", "consignee", "end_user") else bcc)
        transit = [t for t in opt.get("transit", []) if t not in (s["country"], dest)]
        payer_cc = cc if role == "payer" else bcc
        cur = pick(["USD", "EUR"])
        if controlled:
            items = [item(k, qty_ctl(k), cur=cur, no_hs=(rng.random() < 0.25)) for k in goods]
            eu = opt.get("eu") or pick(VAGUE_END_USES[:8] + ["Production of industrial controllers", "R&D"])
        else:
            items = [item(k, qty_for(k), cur=cur) for k in goods]
            eu = pick(["Resale", "Own use", "Fleet maintenance", "Office refurbishment", ""])
        if eu in ("Production of industrial controllers", "R&D"):
            unl = ("end_use_missing",)  # a stated but thin end use: not labelled either way
        else:
            unl = ()
        o = order(parties, items, {"origin": s["country"], "transit": transit, "destination": dest},
                  pay("wire", payer_cc, cur), end_use=eu, notes=pick(NEUTRAL)[1] if rng.random() < 0.4 else "", date=date)
        hit = {"role": role, "expected": f"ofac-sdn:{ent}", "variant": variant, "written_as": name}
        if opt.get("script"):
            hit["script"] = opt["script"]
        scen = {"buyer": "hit_buyer", "consignee": "hit_consignee", "end_user": "hit_end_user",
                "payer": "hit_payer"}.get(role, "hit_other")
        emit(o, {"scenario": scen, "hits": [hit], "unlabel": unl + ("industry_mismatch",)})


GENERIC = set("""llc ltd limited co company inc gmbh sas sa ag bv b v fze fzco pte trading general electronics electronic
technology technologies tech international group holding the of and de du la le et y s l srl spa sro oy ab as aps kk
corp corporation pvt private impex import export imp exp dis ticaret sanayi san tic sti sirketi anonim a s ltd sti
elektronik teknoloji ithalat ihracat lojistik logistics logistic freight cargo shipping services service supply chain
too llp osoo mchj doo d o beograd shenzhen guangzhou xiamen hong kong hk cjsc jsc ooo ao pao oao nakliyat uluslararasi
tasimacilik spedicija trans sdn bhd e k kg og ug ug lda s n c zrt kft nv plc ou a/s s.a. s.l. sp z""".split())


def toks(s):
    import unicodedata
    s = "".join(c for c in unicodedata.normalize("NFKD", s.lower().replace("ı", "i")) if not unicodedata.combining(c))
    return [t for t in re.split(r"[^a-z0-9]+", s) if t]


def collisions(orders, truth, lists):
    """Reports fictional names whose distinctive words all occur in one listed name."""
    import csv
    names = []
    sdn = os.path.join(lists, "ofac_sdn")
    for fn, col in (("sdn.csv", 1), ("alt.csv", 3)):
        with open(os.path.join(sdn, fn), encoding="latin-1") as f:
            names += [r[col] for r in csv.reader(f) if len(r) > col]
    with open(os.path.join(lists, "us_csl", "csl.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            names.append(r["name"])
            names += [a for a in (r.get("alt_names") or "").split(";") if a.strip()]
    with open(os.path.join(lists, "uk_ofsi_conlist", "ConList.csv"), encoding="latin-1") as f:
        rd = csv.reader(f)
        next(rd)
        hdr = next(rd)
        for r in rd:
            names.append(" ".join(r[1:6] + [r[0]]))
    with open(os.path.join(lists, "eu_fsf", "eu_csl.csv"), encoding="utf-8-sig") as f:
        rd = csv.reader(f, delimiter=";")
        hdr = next(rd)
        i = hdr.index("NameAlias_WholeName")
        names += [r[i] for r in rd if len(r) > i]
    index = {}
    for n, name in enumerate(names):
        for t in set(toks(name)):
            index.setdefault(t, set()).add(n)
    listed = {h["written_as"] for t in truth for h in t["party_hits"]}
    seen = set()
    for o in orders:
        for p in o["parties"]:
            if p["name"] in listed or p["name"] in seen:
                continue
            seen.add(p["name"])
            core = [t for t in toks(p["name"]) if t not in GENERIC and len(t) > 2]
            if not core:
                continue
            common = set.intersection(*(index.get(t, set()) for t in core))
            if common:
                print(f"collision: {o['id']} {p['role']} {p['name']!r} ~ {names[min(common)]!r}", file=sys.stderr)


LANGS = ["en", "de", "fr", "es", "ru", "tr", "ar", "zh"]
_lang_turn = [0]


def notes_for(flags):
    """One language per order, turning through the eight; one sentence per flag."""
    if not flags:
        ln, txt, _ = pick(NEUTRAL) if rng.random() < 0.5 else (None, "", ())
        return txt, ln
    ln = LANGS[_lang_turn[0] % len(LANGS)]
    _lang_turn[0] += 1
    return " ".join(note(f, ln)[1] for f in flags), ln


HUB_CCS = ["AE", "TR", "HK", "AM", "KZ", "GE", "KG", "UZ", "RS", "SG", "CN"]
WRONG_CODE = {"AE": "7", "HK": "7", "TR": "98", "AM": "7", "GE": "7", "KG": "7", "UZ": "7", "SG": "86", "KZ": "996", "RS": "7", "CN": "7"}
CHPL_ELEC = ["stm32f405", "stm32h743", "samd21", "ra6m5", "imxrt1062", "tms320f28335", "lpc1768", "xc7s50", "max10",
             "lcmxo2", "ad9364", "adf4351", "ads131m04", "sx1262", "hmc8410", "opa2188", "ddr3", "w25q128", "sram",
             "zedf9p", "neom9n", "mosaicx5", "rfd900x", "ec25", "xbee3", "tant", "tant2", "mlcc", "mlcc2", "dcdc",
             "traco", "mosfet", "connector", "boson", "gnss_ant"]


def ctl_items(keys, cur, n=None, lo=4000, hi=90000, no_hs_p=0.25):
    ks = rng.sample(keys, n or rng.randrange(1, 4))
    return [item(k, qty_ctl(k, lo, hi), cur=cur, no_hs=(rng.random() < no_hs_p),
                 eccn=(pick(["5A991.b", "3A991.a.2", "5A992.c"]) if rng.random() < 0.1 and GOODS[k]["fam"] == "elec" else None))
            for k in ks]


def third_country(*avoid):
    return pick([c for c in ["AE", "HK", "TR", "KG", "KZ", "AM", "GE", "UZ", "CY", "SG"] if c not in avoid])


def payer_party(cc, date):
    return trader(cc, "payer", date) if cc in TRADER else party(
        "payer", f"{root()} Holdings Ltd", cc, "Arch. Makariou III Ave. 195, office 402, Limassol", reg=days_before(date, 800, 4000), industry="holding company")


def risky_order(scenario, *, buyer, extra=(), items, dest=None, transit=(), payer_cc=None, payer=None,
                eu=None, nflags=(), method="wire", cur=None, date, s=None, unlabel=()):
    s = s or seller_for([i["_key"] for i in items])
    cur = cur or items[0]["currency"]
    parties = [s, buyer] + list(extra)
    if "payment_reroute" in nflags and not payer:
        payer_cc = payer_cc or third_country(buyer["country"])
    if payer_cc and payer_cc != buyer["country"] and not payer:
        payer = payer_party(payer_cc, date)
    if payer:
        parties.append(payer)
    dest = dest or (extra[0]["country"] if extra and extra[0]["role"] == "consignee" else buyer["country"])
    transit = [t for t in transit if t not in (s["country"], dest)]
    txt, ln = notes_for(list(nflags))
    eu = eu if eu is not None else pick(VAGUE_END_USES)
    o = order(parties, items, {"origin": s["country"], "transit": transit, "destination": dest},
              pay(method, payer["country"] if payer else buyer["country"], pick(["USD", "EUR", "USD"]) if method != "crypto" else "USD"),
              end_use=eu, notes=txt, date=date)
    emit(o, {"scenario": scenario, "notes_flags": tuple(nflags), "lang": ln, "unlabel": tuple(unlabel)})


def build_div():
    # controlled electronics consigned to a forwarder in a hub, some onward to embargoed countries
    for n, nf in enumerate([["overpricing"], ["shipping_change"], ["vague_delivery", "overpricing"], [], ["payment_reroute"],
                            ["evasive_customer"], ["unfamiliar_product"], [], ["vague_delivery"], ["shipping_change"]]):
        date = rdate()
        bcc = HUB_CCS[n % len(HUB_CCS)]
        fcc = pick([bcc, bcc, pick(["AM", "KZ", "KG", "GE", "AE", "TR"])])
        b = trader(bcc, "buyer", date, new=(n % 3 == 0), free=(n % 2 == 0), res=(n == 4),
                   phone_code=WRONG_CODE[bcc] if n == 6 else None)
        fw = forwarder(fcc, date, industry=(n != 5))
        onward = [None, "RU", None, "BY", None, "RU", None, "IR", None, "RU"][n]
        cur = pick(["USD", "EUR"])
        risky_order("div_forwarder_hub", buyer=b, extra=[fw], items=ctl_items(CHPL_ELEC, cur), date=date,
                    dest=onward or fcc, transit=[fcc] if onward else [], nflags=nf,
                    payer_cc=third_country(bcc, fcc) if n in (1, 3, 8) else None,
                    method="crypto" if n == 9 else "wire")
    # recently incorporated trading company in a hub
    for n, nf in enumerate([["unusual_payment"], ["unfamiliar_product"], [], ["payment_reroute"], ["vague_delivery"],
                            ["end_use_missing"], ["overpricing"], [], ["shipping_change"], ["evasive_customer"]]):
        date = rdate()
        bcc = pick(["AE", "TR", "HK", "AM", "KZ", "GE", "KG", "UZ", "RS", "SG"])
        b = trader(bcc, "buyer", date, new=True, free=(n not in (3, 8)), res=(n % 3 != 2), web=False,
                   phone_code=WRONG_CODE[bcc] if n in (0, 4, 6, 9) else None)
        cur = pick(["USD", "EUR"])
        risky_order("div_newco_hub", buyer=b, items=ctl_items(CHPL_ELEC, cur), date=date, nflags=nf,
                    payer_cc=third_country(bcc) if n in (1, 5, 7) else None,
                    method={2: "cash", 6: "crypto"}.get(n, "wire"),
                    dest="RU" if n == 7 else None, transit=[bcc] if n == 7 else [])
    # controlled goods for a business that has no use for them
    for n, nf in enumerate([["unfamiliar_product"], ["shipping_change"], ["overpricing"], ["evasive_customer"],
                            ["unfamiliar_product", "vague_delivery"], [], ["payment_reroute"], ["end_use_missing"]]):
        date = rdate()
        bcc = ["AE", "TR", "HK", "KZ", "ES", "PL", "GB", "AM"][n]
        ind = UNRELATED[n]
        if bcc in TRADER:
            b = trader(bcc, "buyer", date, industry=ind, icls="mismatch", new=(n % 2 == 1), free=(n % 3 == 0),
                       phone_code=WRONG_CODE[bcc] if n in (1, 3) else None)
        else:
            city = {"ES": ("Muebles Costa Blanca S.L.", "Avenida de Elche 145, 03008 Alicante"),
                    "PL": ("Salon Urody Malwina Sp. z o.o.", "ul. Piotrkowska 210, 90-368 Lodz"),
                    "GB": ("Sunway Travel Services Ltd", "14 Cheetham Hill Road, Manchester M4 4FF")}[bcc]
            b = party("buyer", city[0], bcc, city[1], reg=days_before(date, 60, 300), industry=ind, icls="mismatch", free=True)
        cur = pick(["USD", "EUR"])
        risky_order("div_industry_mismatch", buyer=b, items=ctl_items(CHPL_ELEC, cur), date=date, nflags=nf,
                    eu=pick(["", "for our business", "internal use", "N/A"]) if n != 5 else "",
                    payer_cc=third_country(bcc) if n in (2, 4) else None,
                    method="cash" if n == 5 else "wire")
    # aircraft piston engines for a non-aviation trader
    for n, nf in enumerate([["evasive_customer"], ["evasive_customer", "overpricing"], ["vague_delivery"], ["end_use_missing"],
                            ["declined_services"], ["unfamiliar_product"]]):
        date = rdate()
        bcc = ["TR", "AE", "AM", "KG", "GE", "UZ"][n]
        ind = ["agricultural machinery dealer", "boat and marine engine trading", "construction equipment rental",
               "textile trading", "car spare parts", "furniture import"][n]
        b = trader(bcc, "buyer", date, industry=ind, icls="mismatch", new=(n in (1, 3)), free=(n in (2, 3)),
                   phone_code=WRONG_CODE[bcc] if n == 5 else None)
        keys = [["rotax912", "carb"], ["limbach550", "cylhead"], ["rotax914"], ["limbach275", "prop"], ["rotax912"], ["jetcat", "limbach550"]][n]
        items = [item(k, rng.randrange(4, 40) if GOODS[k]["price"] > 5000 else rng.randrange(20, 200), cur="EUR") for k in keys]
        risky_order("div_engines", buyer=b, items=items, date=date, nflags=nf, cur="EUR",
                    dest=["IR", None, "RU", None, None, "IR"][n], transit=[bcc] if n in (0, 2, 5) else [],
                    payer_cc=third_country(bcc) if n in (1, 2, 4) else None,
                    eu=pick(["Spare engines for customers", "generator sets", "trading", ""]))
    # model/hobby company buying industrial servomotors in bulk, paid from TR/AE
    for n, nf in enumerate([[], ["unfamiliar_product"], ["end_use_missing"], ["overpricing"], ["evasive_customer"]]):
        date = rdate()
        bcc = ["HK", "CN", "GE", "KZ", "AM"][n]
        b = trader(bcc, "buyer", date, industry=pick(["hobby and model shop", "RC model retail", "toy wholesale", "model aircraft club supplies"]),
                   icls="mismatch", free=(n % 2 == 0), phone_code=WRONG_CODE[bcc] if n == 2 else None, name=pick(["{} Hobby Models Ltd", "{} RC Models", "{} Model Toys Co., Ltd."]).format(root()))
        keys = [["sgm7j"], ["ecmax", "volz"], ["sgm7j", "ecmax"], ["volz"], ["ecmax"]][n]
        items = [item(k, rng.randrange(400, 3000), cur="USD") for k in keys]
        risky_order("div_servos_hobby", buyer=b, items=items, date=date, nflags=nf,
                    payer_cc=["TR", "AE", "TR", "AE", "TR"][n], eu=pick(["for models", "hobby use", "", "RC hobby"]))
    # controlled goods straight to an unlisted company in an embargoed country
    for n, nf in enumerate([[], [], ["declined_services"], [], ["payment_reroute"], []]):
        date = rdate()
        cc = ["RU", "RU", "BY", "IR", "RU", "VE"][n]
        nm, addr = EMB_END[cc][n % len(EMB_END[cc])]
        b = party("buyer", nm, cc, addr, reg=days_before(date, 365 * 4, 365 * 20), industry=pick(["industrial automation", "instrument making", "electronics manufacturing"]),
                  web=f"www.{slug(nm)}.{cc.lower()}")
        keys = [CHPL_ELEC, CHPL_ELEC, ["vmc", "spindle"], ["limbach550", "sgm7j", "zedf9p"], CHPL_ELEC, ["scope", "bearing"]][n]
        items = ctl_items(keys, "EUR", n=min(2, len(keys))) if n != 3 else [item(k, rng.randrange(5, 50), cur="EUR") for k in keys]
        risky_order("div_embargo_direct", buyer=b, items=items, date=date, nflags=nf, cur="EUR",
                    eu=pick(["production of industrial controllers", "Serienfertigung", "repair of equipment", "производство приборов учёта"]),
                    unlabel=("end_use_missing",))
    # CNC machine tools for an intermediary that declines installation
    for n, nf in enumerate([["declined_services"], ["declined_services", "overpricing"], ["declined_services", "end_use_missing"], ["declined_services", "vague_delivery"]]):
        date = rdate()
        bcc = ["TR", "AE", "KZ", "HK"][n]
        b = trader(bcc, "buyer", date, new=True, free=(n == 1), phone_code=WRONG_CODE[bcc] if n == 2 else None)
        keys = [["vmc"], ["lathe"], ["mill", "spindle"], ["lathe", "vmc"]][n]
        items = [item(k, rng.randrange(1, 4), cur="EUR") for k in keys]
        risky_order("div_cnc_intermediary", buyer=b, items=items, date=date, nflags=nf, cur="EUR",
                    payer_cc=third_country(bcc) if n % 2 else None, eu=pick(["customer project", "resale", "N/A", "for stock"]))
    # one or two red flags only
    for n in range(6):
        date = rdate()
        bcc = ["TR", "AE", "GE", "UZ", "IN", "SG"][n]
        b = trader(bcc, "buyer", date, industry=pick(["trading of electronic components", "import and export"]))
        cur = pick(["USD", "EUR"])
        risky_order("div_weak", buyer=b, items=ctl_items(CHPL_ELEC, cur, n=1, lo=2000, hi=20000), date=date,
                    eu=("" if n % 2 else pick(["Resale to manufacturers in our region", "distribution to local OEM customers"])),
                    unlabel=("end_use_missing",) if n % 2 == 0 else ())
    # structurally ordinary hub orders whose notes carry the red flags, in eight languages
    for n, nf in enumerate([["evasive_customer", "end_use_missing"], ["declined_services", "overpricing"], ["unfamiliar_product", "vague_delivery"],
                            ["shipping_change", "payment_reroute"], ["unusual_payment", "overpricing"], ["evasive_customer", "vague_delivery"],
                            ["end_use_missing", "unfamiliar_product"], ["shipping_change", "declined_services"], ["payment_reroute", "shipping_change"],
                            ["unusual_payment", "payment_reroute"], ["shipping_change", "evasive_customer"], ["payment_reroute", "unusual_payment"]]):
        date = rdate()
        bcc = HUB_CCS[(n + 3) % len(HUB_CCS)]
        cnc = "declined_services" in nf
        b = trader(bcc, "buyer", date, icls="fit", industry="precision machining subcontractor" if cnc else
                   pick(["electronics contract manufacturing", "industrial automation integrator"]))
        cur = pick(["USD", "EUR"])
        items = [item(pick(["vmc", "lathe", "mill"]), rng.randrange(1, 3), cur=cur)] if cnc else ctl_items(CHPL_ELEC, cur)
        risky_order("div_notes", buyer=b, items=items, date=date, nflags=nf,
                    eu="Machining of aluminium housings for our customers" if cnc else
                    pick(["Assembly of control boards for our customers", "Integration into automation cabinets"]))


MIXED_LEGIT = [
    ("Robert Bosch GmbH", "DE", "Robert-Bosch-Platz 1, 70839 Gerlingen-Schillerhoehe", "automotive and industrial technology", "www.bosch.com"),
    ("Philips Medical Systems Nederland B.V.", "NL", "Veenpluis 6, 5684 PC Best", "medical technology manufacturer", "www.philips.com"),
    ("Vaillant Regeltechnik GmbH", "DE", "Berghauser Strasse 40, 42859 Remscheid", "heating controls manufacturer", None),
    ("Ostfold Marine Electronics AS", "NO", "Nygaardsgata 12, 1607 Fredrikstad", "marine electronics manufacturer", None),
    ("Dalarna Mätteknik AB", "SE", "Tunavagen 50, 781 73 Borlange", "measurement instruments manufacturer", None),
    ("Technische Universität Graz", "AT", "Rechbauerstrasse 12, 8010 Graz", "university", "www.tugraz.at"),
    ("Atelier Mécanique du Jura SA", "CH", "Rue de l'Avenir 8, 2800 Delemont", "precision machining subcontractor", None),
    ("Cork Medical Devices Ltd", "IE", "Unit 8, Cork Airport Business Park, Cork T12 XY7A", "medical device manufacturer", None),
    ("Sunridge Irrigation Controls LLC", "US", "4100 E Broadway Rd, Phoenix, AZ 85040", "irrigation equipment manufacturer", None),
    ("Hokuriku Meter Seisakusho K.K.", "JP", "1-2-3 Toyama Industrial Park, Toyama 930-0000", "electricity meter manufacturer", None),
    ("Grenoble Énergie Bornes SAS", "FR", "22 avenue des Martyrs, 38000 Grenoble", "EV charger manufacturer", None),
    ("Brno Wind Service s.r.o.", "CZ", "Hradecka 40, 621 00 Brno", "wind turbine maintenance", None),
]
MIXED_EU = {
    "Robert Bosch GmbH": "Fertigung von Steuergeräten für Heizungswärmepumpen, Werk Wernau",
    "Philips Medical Systems Nederland B.V.": "Spare parts for the patient monitors we service in Dutch hospitals",
    "Vaillant Regeltechnik GmbH": "Fertigung von Raumthermostaten in unserem Werk Remscheid",
    "Ostfold Marine Electronics AS": "Production of echo-sounder displays for fishing vessels",
    "Dalarna Mätteknik AB": "Serienfertigung von Füllstandssensoren für die Lebensmittelindustrie",
    "Technische Universität Graz": "Equipment for our electronics teaching laboratory",
    "Atelier Mécanique du Jura SA": "Remplacement de deux tours vieillissants dans notre atelier de sous-traitance horlogère",
    "Cork Medical Devices Ltd": "Assembly of infusion-pump controller boards at our Cork plant",
    "Sunridge Irrigation Controls LLC": "Production of irrigation controllers at our Phoenix plant",
    "Hokuriku Meter Seisakusho K.K.": "Production of smart electricity meters for the utility tender awarded in March",
    "Grenoble Énergie Bornes SAS": "Intégration dans nos bornes de recharge fabriquées à Grenoble",
    "Brno Wind Service s.r.o.": "Replacement bearings for the gearboxes of the wind turbines we maintain",
}
HUB_DOC = [
    ("Arçelik A.Ş.", "TR", "Karaağaç Cad. No:2-6, Sütlüce, Beyoğlu, İstanbul", "household appliance manufacturer", "www.arcelik.com.tr", ["stm32f405", "mosfet", "mlcc"]),
    ("Vestel Elektronik Sanayi ve Ticaret A.Ş.", "TR", "Organize Sanayi Bölgesi, 45030 Manisa", "consumer electronics manufacturer", "www.vestel.com.tr", ["imxrt1062", "ddr3"]),
    ("Hon Hai Precision Industry Co., Ltd.", "TW", "No. 66, Zhongshan Rd., Tucheng Industrial Zone, Tucheng Dist., New Taipei City 236", "electronics contract manufacturing", "www.foxconn.com", ["mlcc2", "w25q128"]),
    ("Wistron Corporation", "TW", "No. 158, Xingshan Rd., Neihu, Taipei 11469", "electronics contract manufacturing", "www.wistron.com", ["connector", "dcdc"]),
    ("Tata Elxsi Limited", "IN", "ITPB Road, Whitefield, Bengaluru 560048", "engineering design services", "www.tataelxsi.com", ["scope", "siggen"]),
    ("Flex Ltd.", "SG", "2 Changi South Lane, Singapore 486123", "electronics manufacturing services", "www.flex.com", ["stm32h743", "tant"]),
    ("Emirates Global Aluminium PJSC", "AE", "Jebel Ali Operations, PO Box 3627, Jebel Ali, Dubai", "aluminium smelting", "www.ega.ae", ["bearing", "rollerbrg"]),
    ("Yerevan Smart Metering CJSC", "AM", "Office 3, 5 Hrachya Kochar St., Yerevan 0033", "electricity meter manufacturer", "www.yerevansmartmetering.am", ["ra6m5", "ads131m04"]),
]
DOC_NOTES = ["End-user statement signed by the customer and on file.", "Signed end-user certificate received and filed with the order.",
             "Endverbleibserklärung liegt unterschrieben vor.", "Déclaration d'utilisateur final signée, archivée.",
             "Customer audited by our export-control team in 2024; end-user statement on file."]


def build_mixed():
    for n, (nm, cc, addr, ind, web) in enumerate(MIXED_LEGIT):
        date = rdate()
        fam = "cnc" if "machining" in ind else "mech" if "wind" in ind else "test" if ind == "university" else "elec"
        keys = {"cnc": ["lathe", "mill"], "mech": ["bearing2", "rollerbrg"], "test": ["scope", "siggen"], "elec": CHPL_ELEC}[fam]
        b = party("buyer", nm, cc, addr, reg=days_before(date, 365 * 8, 365 * 60), industry=ind, web=web or f"www.{slug(nm)}.{cc.lower()}", icls="fit")
        cur = {"DE": "EUR", "NL": "EUR", "NO": "EUR", "SE": "EUR", "AT": "EUR", "CH": "CHF", "IE": "EUR", "US": "USD", "JP": "USD", "FR": "EUR", "CZ": "EUR"}[cc]
        items = ctl_items(keys, cur, n=min(2, len(keys)), lo=3000, hi=60000) if fam != "cnc" else [item(pick(keys), 1, cur=cur)]
        eu = MIXED_EU[nm]
        s = seller_for([i["_key"] for i in items])
        o = order([s, b], items, {"origin": s["country"], "transit": [], "destination": cc},
                  pay(pick(["wire", "letter_of_credit"]), cc, cur), end_use=eu, notes=pick(DOC_NOTES), date=date)
        if s["country"] == cc:
            o["route"]["origin"] = cc
        emit(o, {"scenario": "mixed_chpl_legit"})
    for nm, cc, addr, ind, web, keys in HUB_DOC:
        date = rdate()
        b = party("buyer", nm, cc, addr, reg=days_before(date, 365 * 15, 365 * 60), industry=ind, web=web, icls="fit")
        items = [item(k, qty_ctl(k, 5000, 80000), cur="USD") for k in keys]
        fam = GOODS[keys[0]]["fam"]
        eu = {"elec": "Production of our own products at the plant named above", "test": "Engineering laboratory, Bengaluru design centre",
              "mech": "Replacement bearings for potline cranes and conveyors"}[fam]
        s = seller_for(keys)
        o = order([s, b], items, {"origin": s["country"], "transit": [], "destination": cc},
                  pay("wire", cc, "USD"), end_use=eu, notes=pick(DOC_NOTES), date=date)
        emit(o, {"scenario": "mixed_hub_chpl_documented"})


def build_risky():
    build_hits()
    build_div()
    build_mixed()


if __name__ == "__main__":
    main()
