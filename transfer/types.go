package transfer

import "strings"

// The type groups: what a word in a register's description or an
// article says a system is, coarse enough that "missile boat" and
// "fast attack craft" agree, and fine enough that a boat is never a
// missile.
const (
	GroupUAV      = "uav"
	GroupMissile  = "missile"
	GroupVessel   = "vessel"
	GroupAircraft = "aircraft"
	GroupArmour   = "armour"
	GroupArtilery = "artillery"
	GroupSensor   = "sensor"
	GroupEngine   = "engine"
)

// Group returns the group of a system type.
func Group(typ string) string {
	switch typ {
	case "uav":
		return GroupUAV
	case "ballistic_missile", "anti_ship_missile", "atgm", "sam", "cruise_missile", "missile":
		return GroupMissile
	case "fast_attack_craft", "naval":
		return GroupVessel
	case "aircraft", "helicopter":
		return GroupAircraft
	case "armour":
		return GroupArmour
	case "artillery":
		return GroupArtilery
	case "sensor":
		return GroupSensor
	case "engine":
		return GroupEngine
	}
	return ""
}

// heads are the head nouns of register descriptions ("missile boat" is
// a boat, "anti-ship missile" a missile): the last word of a description
// found here gives its type.
var heads = map[string]string{
	"drone": "uav", "uav": "uav", "ucav": "uav", "uas": "uav",
	"boat": "naval", "ship": "naval", "frigate": "naval", "corvette": "naval", "submarine": "naval", "vessel": "naval",
	"craft": "naval", "destroyer": "naval", "cruiser": "naval", "minesweeper": "naval", "minehunter": "naval", "hovercraft": "naval",
	"missile": "missile", "launcher": "missile", "sam": "sam",
	"helicopter": "helicopter", "aircraft": "aircraft", "fighter": "aircraft", "trainer": "aircraft", "bomber": "aircraft",
	"plane": "aircraft", "airship": "aircraft", "aeroplane": "aircraft",
	"tank": "armour", "vehicle": "armour", "apc": "armour", "ifv": "armour",
	"gun": "artillery", "howitzer": "artillery", "mortar": "artillery", "artillery": "artillery",
	"radar": "sensor", "sonar": "sensor", "sensor": "sensor",
	"engine": "engine", "turbofan": "engine", "turbojet": "engine", "turboshaft": "engine", "turboprop": "engine",
}

// TypeOf returns the system type a register's weapon description says
// ("missile boat" → naval, "anti-ship missile" → anti_ship_missile,
// "one-way attack drone" → uav), or "".
func TypeOf(description string) string {
	d := strings.ToLower(description)
	words := strings.FieldsFunc(d, func(r rune) bool { return !(r >= 'a' && r <= 'z') && r != '-' })
	for i := len(words) - 1; i >= 0; i-- {
		w := strings.TrimSuffix(words[i], "s")
		if i := strings.LastIndexByte(w, '-'); i >= 0 && heads[w] == "" {
			w = w[i+1:]
		}
		typ := heads[w]
		switch {
		case typ == "":
			if w == "carrier" { // aircraft carrier; armoured personnel carrier
				if strings.Contains(d, "personnel") {
					return "armour"
				}
				return "naval"
			}
			continue
		case typ == "missile":
			if w == "launcher" && strings.Contains(d, "rocket") && !strings.Contains(d, "missile") {
				return "artillery"
			}
			return missileType(d)
		}
		return typ
	}
	return ""
}

func missileType(d string) string {
	switch {
	case strings.Contains(d, "anti-ship"):
		return "anti_ship_missile"
	case strings.Contains(d, "anti-tank"):
		return "atgm"
	case strings.Contains(d, "surface-to-air"), strings.Contains(d, "sam"):
		return "sam"
	case strings.Contains(d, "surface-to-surface"), strings.Contains(d, "ballistic"):
		return "ballistic_missile"
	case strings.Contains(d, "cruise"), strings.Contains(d, "land-attack"):
		return "cruise_missile"
	}
	return "missile"
}

// textWords are the nouns and adjectives of running text that say what
// kind of system a name is, by group.
var textWords = map[string]string{
	"drone": GroupUAV, "drones": GroupUAV, "uav": GroupUAV, "uavs": GroupUAV, "uas": GroupUAV, "unmanned": GroupUAV,
	"kamikaze": GroupUAV, "loitering": GroupUAV, "munition": GroupUAV, "munitions": GroupUAV,
	"boat": GroupVessel, "boats": GroupVessel, "vessel": GroupVessel, "vessels": GroupVessel, "craft": GroupVessel,
	"ship": GroupVessel, "ships": GroupVessel, "warship": GroupVessel, "warships": GroupVessel, "frigate": GroupVessel,
	"frigates": GroupVessel, "corvette": GroupVessel, "corvettes": GroupVessel, "class": GroupVessel, "hull": GroupVessel,
	"navy": GroupVessel, "naval": GroupVessel, "fac": GroupVessel, "flotilla": GroupVessel, "squadron": GroupVessel, "sailed": GroupVessel,
	"missile": GroupMissile, "missiles": GroupMissile, "ballistic": GroupMissile, "srbm": GroupMissile, "srbms": GroupMissile,
	"rocket": GroupMissile, "rockets": GroupMissile, "warhead": GroupMissile, "warheads": GroupMissile, "launcher": GroupMissile,
	"launchers": GroupMissile, "atgm": GroupMissile, "atgms": GroupMissile, "ascm": GroupMissile, "cruise": GroupMissile,
	"aircraft": GroupAircraft, "jet": GroupAircraft, "jets": GroupAircraft, "fighter": GroupAircraft, "fighters": GroupAircraft,
	"helicopter": GroupAircraft, "helicopters": GroupAircraft,
	"tank": GroupArmour, "tanks": GroupArmour,
}

// WordGroup returns the group a word of running text says (lower case
// expected), or "".
func WordGroup(w string) string { return textWords[w] }
