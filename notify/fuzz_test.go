package notify_test

import (
	"net/netip"
	"net/url"
	"strings"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/notify"
	"github.com/tripline/tripline/storetest"
)

// FuzzWebhookURL: checking a webhook URL never panics, and a URL that
// passes without --allow-private never names a literal address the guard
// refuses, nor the local host.
func FuzzWebhookURL(f *testing.F) {
	for _, s := range []string{
		"https://hooks.example.com/t", "http://127.0.0.1:8080/", "http://[::1]/", "http://[::ffff:10.0.0.1]/",
		"http://0x7f.1/", "http://2130706433/", "http://localhost./", "http://[fe80::1%25eth0]/", "https://8.8.8.8/x?y#z",
		"http://user:pw@host/", "http://LOCALHOST/", "http://a.localhost:1/",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		w := tripline.Webhook{URL: raw, Secret: storetest.Secret}
		verr := w.Validate()
		gerr := notify.CheckURL(raw, false)
		if notify.CheckURL(raw, true) != nil && verr == nil {
			t.Fatalf("CheckURL(%q, allow private) refused a valid URL", raw)
		}
		if verr != nil || gerr != nil {
			return
		}
		u, _ := url.Parse(raw)
		host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
		if host == "localhost" {
			t.Fatalf("%q passed naming the local host", raw)
		}
		if a, err := netip.ParseAddr(host); err == nil && notify.CheckAddr(a) != nil {
			t.Fatalf("%q passed with the refused address %s", raw, a)
		}
	})
}
