package webui

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/tripline/tripline"
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

// keyVerifier is what the interface needs of the API's key store.
type keyVerifier interface {
	VerifyKey(ctx context.Context, token string) (string, error)
}

// keys returns the API's key store, or nil when the store keeps none.
func (u *UI) keys() keyVerifier {
	if u.api.Keys == nil {
		return nil
	}
	return u.api.Keys
}

// verifyKey returns the principal an API key stands for: the one place
// where a key becomes a user. Keys have no roles yet, so a valid key has
// every right, as on the API.
func (u *UI) verifyKey(ctx context.Context, token string, addr string) (tripline.Principal, error) {
	ks := u.keys()
	if ks == nil {
		return tripline.Principal{}, tripline.Errorf(tripline.KindUnauthorized, "this server keeps no API keys")
	}
	name, err := ks.VerifyKey(ctx, token)
	if err != nil {
		if tripline.ErrorKind(err) == tripline.KindUnauthorized {
			return tripline.Principal{}, tripline.Errorf(tripline.KindUnauthorized, "invalid or revoked API key")
		}
		return tripline.Principal{}, err
	}
	return tripline.Principal{Name: name, Addr: addr}, nil
}

// hasKeys reports whether any key exists, when the key store can say
// (from then on, pages that change state need a signed-in user).
func (u *UI) hasKeys(ctx context.Context) (bool, error) {
	hk, ok := u.keys().(interface {
		HasKeys(context.Context) (bool, error)
	})
	if !ok {
		return false, nil
	}
	return hk.HasKeys(ctx)
}

// authenticate sets rq's principal from the session cookie (or an
// Authorization: Bearer header, for scripts), or says why the page may
// not be shown.
func (u *UI) authenticate(r *http.Request, rq *request, a access) error {
	addr := clientAddr(r)
	token := ""
	if c, err := r.Cookie(keyCookie); err == nil {
		token = c.Value
	}
	if h := r.Header.Get("Authorization"); strings.HasPrefix(h, "Bearer ") {
		token = strings.TrimSpace(h[len("Bearer "):])
	}
	if token != "" {
		p, err := u.verifyKey(r.Context(), token, addr)
		if err != nil {
			if tripline.ErrorKind(err) == tripline.KindUnauthorized && a != public {
				return &errSignIn{msg: "your key is no longer valid: sign in again"}
			}
			if tripline.ErrorKind(err) != tripline.KindUnauthorized {
				return err
			}
		} else {
			rq.Principal, rq.SignedIn = p, true
		}
	}
	if !rq.SignedIn {
		rq.Principal = tripline.Principal{Name: anonymous, Addr: addr}
		if a == public {
			return nil
		}
		need := u.api.Config.RequireKeys
		if !need && a.write && u.keys() != nil {
			has, err := u.hasKeys(r.Context())
			if err != nil {
				return err
			}
			need = has
		}
		if need {
			return &errSignIn{msg: "sign in with an API key to see this page"}
		}
		return nil
	}
	if rq.Principal.Role != "" && !rq.Principal.Role.Allows(a.role) {
		return &errForbidden{need: a.role}
	}
	return nil
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
	p, err := u.verifyKey(r.Context(), key, clientAddr(r))
	if err != nil {
		if tripline.ErrorKind(err) != tripline.KindUnauthorized {
			return err
		}
		d.Message = tripline.ErrorMessage(err) + "."
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
