// Package synth generates synthetic network records for the graph
// benchmarks: ordinary companies, lawful groups, business-centre addresses
// with many tenants, nominee directors on a hundred boards, shipments, and
// a planted share of fronts linked to given listed entities by a shared
// phone, address or e-mail domain, a listed director, a 50 % owner, a
// chain through a holding, or repeated shipments. It is deterministic for a seed
// and does no I/O.
package synth

import (
	"fmt"
	"math/rand"
	"strings"

	"github.com/tripline/tripline"
)

var (
	words = strings.Fields("Alpha Apex Atlas Aurora Azure Beacon Bright Cedar Coral Crest Delta Eagle Ember Falcon Golden Granite Harbor Horizon " +
		"Iris Jade Keystone Lotus Maple Meridian Nova Oak Orbit Orion Pacific Peak Pearl Phoenix Pine Prime Quartz Rapid River Royal Sapphire " +
		"Silver Sky Solar Star Stone Summit Sun Swift Titan Unity Vertex Vista Wave Zenith")
	kinds = strings.Fields("Trading Logistics Components Electronics Engineering Supplies Solutions Ventures Holdings Technologies Industrial Resources")
	forms = map[string][]string{"AE": {"FZE", "LLC", "FZCO"}, "HK": {"Limited", "Co., Ltd."}, "TR": {"Ltd. Sti.", "A.S."}, "CN": {"Co., Ltd."},
		"GB": {"Ltd"}, "CY": {"Limited"}, "RU": {"OOO", "AO"}, "KZ": {"TOO", "LLP"}, "GE": {"LLC"}, "AM": {"LLC"}, "SG": {"Pte. Ltd."}, "MY": {"Sdn. Bhd."}}
	countries = []string{"AE", "HK", "TR", "CN", "GB", "CY", "RU", "KZ", "GE", "AM", "SG", "MY"}
	cities    = map[string]string{"AE": "Dubai", "HK": "Hong Kong", "TR": "Istanbul", "CN": "Shenzhen", "GB": "London", "CY": "Limassol",
		"RU": "Moscow", "KZ": "Almaty", "GE": "Tbilisi", "AM": "Yerevan", "SG": "Singapore", "MY": "Kuala Lumpur"}
	codes = map[string]string{"AE": "971", "HK": "852", "TR": "90", "CN": "86", "GB": "44", "CY": "357", "RU": "7", "KZ": "7", "GE": "995",
		"AM": "374", "SG": "65", "MY": "60"}
	given  = strings.Fields("Adam Ali Anna Boris Chen Dina Elena Farid Georgi Hana Ivan Jun Karim Lena Li Maria Mehmet Nina Oleg Omar Pavel Reza Sara Tao Wei Yusuf Zara")
	family = strings.Fields("Aliyev Chen Demir Ivanov Kaya Khan Kim Kovalenko Lee Li Nazarov Novak Petrov Rahimi Sato Smirnov Tan Wang Wong Yilmaz Zhang")
)

// Stats counts what Generate planted.
type Stats struct {
	Companies, People, Shipments, Fronts int
	// FrontFor maps each planted front to the listed entity behind it.
	FrontFor map[string]string
}

// Generate returns the records of n companies with about 2 % fronts for the
// listed entities (organisations with a phone, address or website, and
// persons with a birth date are used; others are ignored).
func Generate(n int, seed int64, listed []*tripline.Entity) (*tripline.NetworkRecords, Stats) {
	rnd := rand.New(rand.NewSource(seed))
	b := &tripline.NetworkRecords{}
	st := Stats{FrontFor: map[string]string{}}
	var orgs, persons []*tripline.Entity
	for _, e := range listed {
		switch {
		case e.Schema == tripline.SchemaPerson && len(e.BirthDates) > 0 && len(e.BirthDates[0]) == 10:
			persons = append(persons, e)
		case e.Schema.IsOrganization() && (len(e.Phones) > 0 || len(e.Addresses) > 0 && e.Addresses[0].Street != "" || len(e.Websites) > 0):
			orgs = append(orgs, e)
		}
	}
	nPeople := n + n/2
	for i := 0; i < nPeople; i++ {
		b.People = append(b.People, tripline.NetworkPerson{ID: fmt.Sprintf("p%07d", i),
			Name:        given[rnd.Intn(len(given))] + " " + family[rnd.Intn(len(family))],
			Nationality: countries[rnd.Intn(len(countries))],
			BirthDate:   fmt.Sprintf("%d-%02d-%02d", 1950+rnd.Intn(50), 1+rnd.Intn(12), 1+rnd.Intn(28))})
	}
	nominees := max(1, n/1000) // each on ~100 boards
	centres := max(1, n/400)   // business centres with ~60 tenants
	for i := 0; i < n; i++ {
		cc := countries[rnd.Intn(len(countries))]
		c := tripline.NetworkCompany{ID: fmt.Sprintf("c%07d", i), Country: cc,
			Name:       fmt.Sprintf("%s %s %s %s", words[rnd.Intn(len(words))], coined(rnd), kinds[rnd.Intn(len(kinds))], forms[cc][rnd.Intn(len(forms[cc]))]),
			Phone:      fmt.Sprintf("+%s %d", codes[cc], 20000000+rnd.Intn(79999999)),
			Registered: fmt.Sprintf("%d-%02d-%02d", 1995+rnd.Intn(31), 1+rnd.Intn(12), 1+rnd.Intn(28)),
			Industry:   strings.ToLower(kinds[rnd.Intn(len(kinds))]),
		}
		c.Email = "info@" + strings.ToLower(strings.ReplaceAll(c.Name[:strings.LastIndex(c.Name, " ")], " ", "-")) + fmt.Sprintf("%d.example", i)
		if rnd.Intn(100) < 15 {
			k := rnd.Intn(centres)
			c.Address = fmt.Sprintf("Office %d, %s Business Centre, %d Main Road, %s", 100+k%50, words[k%len(words)], k, cities[cc])
		} else {
			c.Address = fmt.Sprintf("Unit %d, %d %s Street, %s", rnd.Intn(900)+1, rnd.Intn(300)+1, words[rnd.Intn(len(words))], cities[cc])
		}
		p := rnd.Intn(nPeople - nominees)
		if rnd.Intn(100) < 10 {
			p = nPeople - 1 - rnd.Intn(nominees)
		}
		c.Directors = []string{b.People[p].Name}
		c.DirectorIDs = []string{b.People[p].ID}
		switch {
		case i > 10 && rnd.Intn(100) < 10: // a subsidiary of an earlier company
			parent := b.Companies[rnd.Intn(i)]
			c.Owners = []tripline.Shareholder{{Name: parent.Name, Share: 1, ID: parent.ID}}
		default:
			c.Owners = []tripline.Shareholder{{Name: b.People[p].Name, Share: 1, ID: b.People[p].ID}}
		}
		if (len(orgs) > 0 || len(persons) > 0) && rnd.Intn(1000) < 20 {
			plantFront(rnd, &c, b, orgs, persons, &st)
		}
		b.Companies = append(b.Companies, c)
	}
	for i := 0; i < n/2; i++ {
		a, z := b.Companies[rnd.Intn(n)], b.Companies[rnd.Intn(n)]
		b.Shipments = append(b.Shipments, tripline.NetworkShipment{ID: fmt.Sprintf("s%07d", i), Date: "2024-06-01",
			Shipper: strings.ToUpper(a.Name), Consignee: z.Name, HSCode: "8542.31", Origin: a.Country, Destination: z.Country})
	}
	st.Companies, st.People, st.Shipments, st.Fronts = len(b.Companies), len(b.People), len(b.Shipments), len(st.FrontFor)
	return b, st
}

var syllables = strings.Fields("ka ro vi ta len mar sol dor ni be zu pa tri gan fel ox mo ri sa lu")

// coined is a made-up brand word ("Korvita"), so that names repeat about as
// rarely as in a real registry.
func coined(rnd *rand.Rand) string {
	w := ""
	for i := 0; i < 2+rnd.Intn(2); i++ {
		w += syllables[rnd.Intn(len(syllables))]
	}
	return strings.ToUpper(w[:1]) + w[1:]
}

// plantFront turns c into a front for a random listed entity.
func plantFront(rnd *rand.Rand, c *tripline.NetworkCompany, b *tripline.NetworkRecords, orgs, persons []*tripline.Entity, st *Stats) {
	kind := rnd.Intn(5)
	if len(orgs) == 0 {
		kind = 3
	}
	if len(persons) == 0 && kind == 3 {
		kind = 0
	}
	switch kind {
	case 0, 1, 2:
		e := orgs[rnd.Intn(len(orgs))]
		switch {
		case kind == 0 && len(e.Phones) > 0:
			c.Phone = e.Phones[0]
		case kind == 1 && len(e.Websites) > 0:
			c.Email = "sales@" + strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(e.Websites[0], "https://"), "http://"), "www.")
		case kind == 2 && len(e.Addresses) > 0 && e.Addresses[0].Street != "":
			c.Address = e.Addresses[0].Street + ", " + e.Addresses[0].City
		default:
			c.Owners = []tripline.Shareholder{{Name: e.Caption(), Share: 0.6}, c.Owners[0]}
			c.Owners[1].Share = 0.4
		}
		st.FrontFor[c.ID] = e.ID
	case 3:
		e := persons[rnd.Intn(len(persons))]
		p := tripline.NetworkPerson{ID: "px" + c.ID, Name: e.Caption(), BirthDate: e.BirthDates[0]}
		if len(e.Nationalities) > 0 {
			p.Nationality = e.Nationalities[0]
		}
		b.People = append(b.People, p)
		c.Directors = append(c.Directors, p.Name)
		c.DirectorIDs = append(c.DirectorIDs, p.ID)
		st.FrontFor[c.ID] = e.ID
	case 4:
		e := orgs[rnd.Intn(len(orgs))]
		for k := 0; k < 4; k++ {
			b.Shipments = append(b.Shipments, tripline.NetworkShipment{ID: fmt.Sprintf("sf%s-%d", c.ID, k), Date: "2024-09-01",
				Shipper: c.Name, Consignee: e.Caption(), HSCode: "8517.62", Origin: c.Country, Destination: "RU"})
		}
		st.FrontFor[c.ID] = e.ID
	}
}
