package graph

import (
	"regexp"
	"strings"

	"github.com/tripline/tripline"
)

var (
	reDOB     = regexp.MustCompile(`(?i)\bDOB\s+(?:circa\s+|approximately\s+)?((?:\d{1,2}\s+)?(?:[A-Z][a-z]{2}\s+)?\d{4})`)
	rePhone   = regexp.MustCompile(`(?i)\b(?:Telephone|Phone|Tel|Fax)(?:\s+(?:No\.?|Number))?:?\s*([+()0-9][0-9 ()+./-]{5,40}[0-9)])`)
	reEmail   = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)
	reWebsite = regexp.MustCompile(`(?i)\bWebsite\s+(\S+[^\s;.,])`)
	reNation  = regexp.MustCompile(`(?i)\b(?:nationality|citizen)\s+([A-Z][A-Za-z ,'()-]+?)(?:;|\.|$)`)
)

var months = map[string]string{"jan": "01", "feb": "02", "mar": "03", "apr": "04", "may": "05", "jun": "06",
	"jul": "07", "aug": "08", "sep": "09", "oct": "10", "nov": "11", "dec": "12"}

// facts are what the graph uses of a listed entity, taken from its fields
// and, where a reader left them empty, from OFAC-style remarks.
type facts struct {
	birthDates    []string
	nationalities []string // as given (codes or names)
	phones        []string
	emails        []string
	domains       []string
}

func entityFacts(e *tripline.Entity) facts {
	f := facts{birthDates: e.BirthDates, nationalities: e.Nationalities, phones: e.Phones, emails: e.Emails}
	for _, w := range e.Websites {
		if d := NormDomain(w); d != "" {
			f.domains = append(f.domains, d)
		}
	}
	rm := e.Remarks
	if rm == "" {
		return f
	}
	if len(f.birthDates) == 0 {
		for _, m := range reDOB.FindAllStringSubmatch(rm, -1) {
			if d := isoDate(m[1]); d != "" {
				f.birthDates = append(f.birthDates, d)
			}
		}
	}
	if len(f.nationalities) == 0 {
		for _, m := range reNation.FindAllStringSubmatch(rm, -1) {
			f.nationalities = append(f.nationalities, strings.TrimSpace(m[1]))
		}
	}
	if len(f.phones) == 0 {
		for _, m := range rePhone.FindAllStringSubmatch(rm, -1) {
			f.phones = append(f.phones, m[1])
		}
	}
	if len(f.emails) == 0 {
		f.emails = reEmail.FindAllString(rm, -1)
	}
	if len(e.Websites) == 0 {
		for _, m := range reWebsite.FindAllStringSubmatch(rm, -1) {
			if d := NormDomain(m[1]); d != "" {
				f.domains = append(f.domains, d)
			}
		}
	}
	return f
}

// isoDate turns "30 Jan 1957", "Jan 1957" or "1957" into an ISO prefix.
func isoDate(s string) string {
	p := strings.Fields(s)
	switch len(p) {
	case 1:
		return p[0]
	case 2:
		if m, ok := months[strings.ToLower(p[0])]; ok {
			return p[1] + "-" + m
		}
	case 3:
		if m, ok := months[strings.ToLower(p[1])]; ok {
			d := p[0]
			if len(d) == 1 {
				d = "0" + d
			}
			return p[2] + "-" + m + "-" + d
		}
	}
	return ""
}
