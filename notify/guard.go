package notify

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/tripline/tripline"
)

// blocked are the address ranges a webhook may not reach unless it was
// added with --allow-private: what is inside the deployment's own network
// or on its host (a server-side request forgery would reach the cloud
// metadata service, the database, the admin ports).
var blocked = func() []netip.Prefix {
	var out []netip.Prefix
	for _, s := range []string{
		"0.0.0.0/8",      // "this network", 0.0.0.0 reaches the local host
		"10.0.0.0/8",     // private
		"100.64.0.0/10",  // carrier-grade NAT, shared address space
		"127.0.0.0/8",    // loopback
		"169.254.0.0/16", // link-local (cloud metadata at 169.254.169.254)
		"172.16.0.0/12",  // private
		"192.0.0.0/24",   // IETF protocol assignments
		"192.168.0.0/16", // private
		"198.18.0.0/15",  // benchmarking
		"224.0.0.0/4",    // multicast
		"240.0.0.0/4",    // reserved, broadcast
		"::/128",         // unspecified
		"::1/128",        // loopback
		"64:ff9b::/96",   // NAT64 to IPv4 (may map to a private IPv4)
		"64:ff9b:1::/48", // local-use NAT64
		"100::/64",       // discard
		"2001:db8::/32",  // documentation
		"fc00::/7",       // unique local (private)
		"fe80::/10",      // link-local
		"fec0::/10",      // site-local (deprecated, still routed on some networks)
		"ff00::/8",       // multicast
		"2002::/16",      // 6to4, embeds an IPv4 that may be private
	} {
		out = append(out, netip.MustParsePrefix(s))
	}
	return out
}()

// GuardError is the refusal of a delivery target by the guard.
type GuardError struct {
	Addr   netip.Addr
	Reason string
}

func (e *GuardError) Error() string {
	return fmt.Sprintf("refused to connect to %s: %s (add the webhook with --allow-private to allow it)", e.Addr, e.Reason)
}

// CheckAddr returns a *GuardError when a webhook may not connect to addr
// without --allow-private.
func CheckAddr(addr netip.Addr) error {
	addr = addr.Unmap()
	if !addr.IsValid() {
		return &GuardError{Addr: addr, Reason: "not an IP address"}
	}
	reason := ""
	switch {
	case addr.IsUnspecified():
		reason = "an unspecified address"
	case addr.IsLoopback():
		reason = "a loopback address"
	case addr.IsLinkLocalUnicast() || addr.IsLinkLocalMulticast():
		reason = "a link-local address"
	case addr.IsPrivate():
		reason = "a private address"
	}
	if reason == "" {
		for _, p := range blocked {
			if p.Contains(addr) {
				reason = "a reserved address (" + p.String() + ")"
				break
			}
		}
	}
	if reason != "" {
		return &GuardError{Addr: addr, Reason: reason}
	}
	return nil
}

// CheckURL checks a webhook URL when it is added: a literal address or
// "localhost" that the guard would refuse is refused now (names are
// checked again, resolved, at every connection).
func CheckURL(raw string, allowPrivate bool) error {
	u, err := url.Parse(raw)
	if err != nil {
		return tripline.Errorf(tripline.KindInvalid, "%q is not a URL", raw)
	}
	if allowPrivate {
		return nil
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return tripline.Errorf(tripline.KindInvalid, "%s is the local host; add the webhook with --allow-private to deliver there", u.Host)
	}
	if addr, err := netip.ParseAddr(strings.Trim(host, "[]")); err == nil {
		if err := CheckAddr(addr); err != nil {
			return &tripline.Error{Kind: tripline.KindInvalid, Msg: err.Error()}
		}
	}
	return nil
}

// control refuses, at connect time, the resolved address of every
// connection attempt: the check sees the address actually dialled, so a
// name that resolves to a public address when checked and to a private one
// when used (DNS rebinding) is refused too.
func control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return &GuardError{Reason: "not an IP address: " + address}
	}
	return CheckAddr(ap.Addr())
}

// NewClient returns the HTTP client deliveries are made with: no proxy
// (a proxy would connect on the guard's behalf), no redirects (a receiver
// could redirect to an internal address), timeouts on every phase, and
// unless allowPrivate the guard on every connection.
func NewClient(allowPrivate bool, timeout time.Duration) *http.Client {
	d := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	if !allowPrivate {
		d.Control = control
	}
	return &http.Client{
		Timeout: timeout,
		Transport: &http.Transport{
			Proxy:                 nil,
			DialContext:           d.DialContext,
			TLSClientConfig:       &tls.Config{MinVersion: tls.VersionTLS12},
			TLSHandshakeTimeout:   10 * time.Second,
			ResponseHeaderTimeout: timeout,
			MaxIdleConnsPerHost:   2,
			IdleConnTimeout:       90 * time.Second,
			ForceAttemptHTTP2:     true,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// guardError returns the guard's refusal in err's chain, or nil.
func guardError(err error) *GuardError {
	var g *GuardError
	if errors.As(err, &g) {
		return g
	}
	return nil
}
