package names

import "strings"

// IsFreeMail reports whether an e-mail address or a domain is at a
// consumer mailbox provider (gmail.com, mail.ru, qq.com, yahoo.co.uk ...;
// data/freemail.txt). The registrable part of the domain is compared, so
// "x@sub.mail.ru" is at mail.ru.
func IsFreeMail(addrOrDomain string) bool {
	d := strings.ToLower(strings.TrimSpace(addrOrDomain))
	if at := strings.LastIndexByte(d, '@'); at >= 0 {
		d = d[at+1:]
	}
	d = strings.TrimPrefix(strings.Trim(d, "."), "www.")
	labels := strings.Split(d, ".")
	if len(labels) < 2 {
		return false
	}
	// The registrable label: skip a public second level (co.uk, com.tr).
	i := len(labels) - 2
	if i > 0 && publicSecondLevel[labels[i]] {
		i--
	}
	t := tables()
	return t.freeMail[strings.Join(labels[i:], ".")] || t.freeMailAnyTLD[labels[i]]
}

// publicSecondLevel are the second-level labels under which country
// domains register names (example.co.uk, example.com.tr).
var publicSecondLevel = map[string]bool{"co": true, "com": true, "net": true, "org": true, "ac": true, "or": true, "ne": true}

// LooksLikeOrganization reports whether a name is evidently an
// organisation's: it has a legal form (LLC, OOO, GmbH, 有限公司 ...) or a
// word no person's name carries (bank, institute, trading ...;
// data/orgwords.txt). A name without either may be a person's or a
// company's. A two-letter form that opens a name is not enough, as it is
// also a name part there ("Ab Rahman", "As Sadr"; but "Volvo AB").
func LooksLikeOrganization(name string) bool {
	t := tables()
	for i, tk := range Parse(name) {
		if tk.Kind == Legal && (i > 0 || len(tk.Text) > 2) || t.orgWords[tk.Text] {
			return true
		}
	}
	return false
}
