package webui

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/httpapi"
)

// Signing in. The interface follows the API's rule: a server on loopback
// with no keys required lets anyone on the machine read (the anonymous
// user, unrestricted, as the API's anonymous principal); a server that
// requires keys (beyond loopback, or --require-keys) shows nothing before
// sign-in. Signing in takes an API key (`tripline keys create`); the
// session is a cookie holding the key, HttpOnly and SameSite=Strict, and
// the key is verified on every request as the API verifies a bearer key,
// so a revoked key stops working at once, on every replica, and no
// session state is kept anywhere.
//
// Every form carries a CSRF token equal to a random cookie of the browser
// (double submit), and cross-origin posts are refused besides
// (http.CrossOriginProtection, from the browser's Sec-Fetch-Site and
// Origin headers).

const (
	keyCookie  = "tripline_key"
	csrfCookie = "tripline_csrf"
	anonymous  = "anonymous"
	// sessionAge is how long a sign-in lasts in the browser.
	sessionAge = 12 * time.Hour
)

// keys returns the API's key store, or nil when the store keeps none.
func (u *UI) keys() httpapi.KeyVerifier { return u.api.Keys }

// sessionToken is the API key a request carries: the session cookie, or
// for scripts an Authorization: Bearer header.
func sessionToken(r *http.Request) string {
	if h := r.Header.Get("Authorization"); len(h) > 7 && strings.EqualFold(h[:7], "Bearer ") {
		return strings.TrimSpace(h[7:])
	}
	if c, err := r.Cookie(keyCookie); err == nil {
		return c.Value
	}
	return ""
}

// authenticate sets rq's principal, or says why the page may not be
// shown. The rule is the API's own (httpapi.Server.Authenticate): the
// one place where a key becomes a user.
func (u *UI) authenticate(r *http.Request, rq *request, a access) error {
	token := sessionToken(r)
	if a == public {
		// anyone may see the page; a valid key still names the user
		rq.Principal = tripline.Principal{Name: anonymous, Addr: clientAddr(r)}
		if token != "" {
			if p, err := u.api.Authenticate(r, token, "", false); err == nil {
				rq.Principal, rq.SignedIn = p, true
			}
		}
		return nil
	}
	p, err := u.api.Authenticate(r, token, a.role, a.write)
	if err == nil {
		rq.Principal, rq.SignedIn = p, token != ""
		return nil
	}
	switch tripline.ErrorKind(err) {
	case tripline.KindUnauthorized:
		if token != "" {
			return &errSignIn{msg: "your key is no longer valid: sign in again"}
		}
		if a.write {
			return &errSignIn{msg: "sign in with an API key with the " + string(a.role) + " role to do this"}
		}
		return &errSignIn{msg: "sign in with an API key to see this page"}
	case tripline.KindForbidden:
		rq.Principal, rq.SignedIn = p, true
		return &errForbidden{need: a.role}
	}
	return err
}

func clientAddr(r *http.Request) string {
	if h, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		return h
	}
	return r.RemoteAddr
}

// csrfToken returns the browser's CSRF token, setting a new one when it
// has none.
func (u *UI) csrfToken(w http.ResponseWriter, r *http.Request) string {
	if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) == 32 {
		return c.Value
	}
	t := newID(16)
	http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: t, Path: "/", HttpOnly: true, Secure: r.TLS != nil, SameSite: http.SameSiteStrictMode})
	return t
}

// checkCSRF refuses a post whose token is not the browser's: the form
// field csrf, or for an upload (multipart) the csrf of the form's address,
// so that the token is checked before the body is read.
func checkCSRF(r *http.Request, want string) error {
	if _, err := r.Cookie(csrfCookie); err != nil {
		return tripline.Errorf(tripline.KindInvalid, "the form has expired (no form token in this browser): go back, reload the page and send it again")
	}
	got := r.URL.Query().Get("csrf")
	if got == "" && !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		got = r.PostFormValue("csrf")
	}
	if got == "" {
		got = r.Header.Get("X-CSRF-Token")
	}
	if subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		return tripline.Errorf(tripline.KindInvalid, "the form's token does not match this browser's: reload the page and send it again")
	}
	return nil
}

func newID(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

type signinData struct {
	Next    string
	Message string
	Needed  bool
}

func (u *UI) signinPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	d := signinData{Next: safeNext(r.URL.Query().Get("next")), Needed: u.api.Config.RequireKeys}
	if u.keys() == nil {
		d.Message = "This server keeps no API keys, so there is nothing to sign in with: every page is open to whoever can reach it (loopback only)."
	}
	u.render(w, r, rq, http.StatusOK, "signin.html", "Sign in", d)
	return nil
}

func (u *UI) signin(w http.ResponseWriter, r *http.Request, rq *request) error {
	key := strings.TrimSpace(r.PostFormValue("key"))
	next := safeNext(r.PostFormValue("next"))
	d := signinData{Next: next, Needed: u.api.Config.RequireKeys}
	if key == "" {
		d.Message = "Paste an API key (tripline keys create NAME prints one)."
		u.render(w, r, rq, http.StatusBadRequest, "signin.html", "Sign in", d)
		return nil
	}
	if u.keys() == nil {
		d.Message = "This server keeps no API keys."
		u.render(w, r, rq, http.StatusUnauthorized, "signin.html", "Sign in", d)
		return nil
	}
	p, err := u.api.Authenticate(r, key, "", false)
	if err != nil {
		if tripline.ErrorKind(err) != tripline.KindUnauthorized {
			return err
		}
		d.Message = "Invalid or revoked API key."
		u.render(w, r, rq, http.StatusUnauthorized, "signin.html", "Sign in", d)
		return nil
	}
	http.SetCookie(w, &http.Cookie{Name: keyCookie, Value: key, Path: "/", MaxAge: int(sessionAge.Seconds()), HttpOnly: true, Secure: r.TLS != nil, SameSite: http.SameSiteStrictMode})
	u.logger.Info("signed in", "user", p.String())
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

func (u *UI) signout(w http.ResponseWriter, r *http.Request, rq *request) error {
	http.SetCookie(w, &http.Cookie{Name: keyCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: r.TLS != nil, SameSite: http.SameSiteStrictMode})
	http.Redirect(w, r, "/signin", http.StatusSeeOther)
	return nil
}

// safeNext keeps a post-sign-in address on this server.
func safeNext(s string) string {
	if !strings.HasPrefix(s, "/") || strings.HasPrefix(s, "//") || strings.HasPrefix(s, "/\\") || strings.HasPrefix(s, "/signin") {
		return "/search"
	}
	return s
}
