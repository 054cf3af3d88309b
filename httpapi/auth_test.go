package httpapi_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/httpapi"
)

// newKey makes a key with role in the fixture's store.
func (f *fixture) newKey(t *testing.T, name string, role tripline.Role) (string, tripline.APIKey) {
	t.Helper()
	token, k, err := f.store.CreateKey(context.Background(), tripline.KeySpec{Name: name, Role: role})
	if err != nil {
		t.Fatal(err)
	}
	return token, k
}

// TestWritesNeedAKeyWithTheirRole: on loopback, writes are open until the
// first key exists; from then on a write needs a key with its role (401
// without one, 403 with too small a role), also after every key is
// revoked. POST /v1/imports needs a reviewer; the handler (here: imports
// not enabled, 404) is reached only past the check.
func TestWritesNeedAKeyWithTheirRole(t *testing.T) {
	f := newFixture(t, true)
	if code, body := f.do(t, "POST", "/v1/imports", "x"); code != 404 {
		t.Fatalf("no keys yet, loopback: %d %v, want the handler's 404", code, body)
	}
	analyst, _ := f.newKey(t, "screening", "")
	reviewer, _ := f.newKey(t, "lists", tripline.RoleReviewer)
	admin, _ := f.newKey(t, "ops", tripline.RoleAdmin)
	for _, tc := range []struct {
		name  string
		token string
		want  int
	}{
		{"no key", "", 401},
		{"malformed key", "not-a-key", 401},
		{"unknown key", "tl_unknown", 401},
		{"analyst", analyst, 403},
		{"reviewer", reviewer, 404},
		{"admin", admin, 404},
	} {
		var hdr []string
		if tc.token != "" {
			hdr = []string{"Authorization", "Bearer " + tc.token}
		}
		code, body := f.do(t, "POST", "/v1/imports", "x", hdr...)
		if code != tc.want {
			t.Errorf("%s: %d %v, want %d", tc.name, code, body, tc.want)
		}
		if tc.want == 403 && (body["error"].(map[string]any)["code"] != "forbidden" || errMsg(body) == "") {
			t.Errorf("%s: 403 body %v", tc.name, body)
		}
	}
	keys, _ := f.store.Keys(context.Background())
	for _, k := range keys {
		if err := f.store.RevokeKey(context.Background(), k.ID); err != nil {
			t.Fatal(err)
		}
	}
	if code, _ := f.do(t, "POST", "/v1/imports", "x"); code != 401 {
		t.Errorf("every key revoked, no key sent: %d, want 401 (revoking must not open writes)", code)
	}
	if code, _ := f.do(t, "POST", "/v1/imports", "x", "X-Api-Key", admin); code != 401 {
		t.Errorf("revoked admin key: %d, want 401", code)
	}
}

// TestReadsAndKeys: reads on loopback need no key, even once keys exist;
// a key that is sent is checked; beyond loopback (RequireKeys) every read
// needs one.
func TestReadsAndKeys(t *testing.T) {
	f := newFixture(t, true)
	analyst, _ := f.newKey(t, "screening", tripline.RoleAnalyst)
	body := `{"queries":[{"name":"Kaveh Mohammadi"}]}`
	for _, tc := range []struct {
		name    string
		require bool
		hdr     []string
		want    int
	}{
		{"loopback, no key", false, nil, 200},
		{"loopback, analyst key", false, []string{"Authorization", "Bearer " + analyst}, 200},
		{"loopback, wrong key", false, []string{"Authorization", "Bearer tl_wrong"}, 401},
		{"keys required, no key", true, nil, 401},
		{"keys required, analyst key", true, []string{"X-Api-Key", analyst}, 200},
	} {
		f.srv.Config.RequireKeys = tc.require
		if code, b := f.do(t, "POST", "/v1/screen", body, tc.hdr...); code != tc.want {
			t.Errorf("%s: %d %v, want %d", tc.name, code, b, tc.want)
		}
	}
	f.srv.Config.RequireKeys = true
	if code, _ := f.do(t, "GET", "/healthz", ""); code != 200 {
		t.Errorf("healthz with keys required: %d", code)
	}
}

// TestPrincipalInContext: a handler finds who made the request in its
// context: the key's name, role and id and the client's address, or the
// anonymous principal (no role: unrestricted) on loopback without keys.
func TestPrincipalInContext(t *testing.T) {
	f := newFixture(t, true)
	var got tripline.Principal
	var ok bool
	h := httpapi.Guard(f.srv, tripline.RoleReviewer, true, func(w http.ResponseWriter, r *http.Request) error {
		got, ok = tripline.PrincipalFrom(r.Context())
		w.WriteHeader(http.StatusNoContent)
		return nil
	})
	ts := httptest.NewServer(h)
	defer ts.Close()
	call := func(token string) int {
		req, _ := http.NewRequest("POST", ts.URL, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	ok = false
	if code := call(""); code != 204 || !ok || got.Name != "anonymous" || got.Role != "" || got.KeyID != 0 || got.Addr != "127.0.0.1" {
		t.Errorf("without keys: %d, principal %+v (%v)", code, got, ok)
	}
	token, k := f.newKey(t, "list-updater", tripline.RoleAdmin)
	ok = false
	if code := call(token); code != 204 || !ok || got != (tripline.Principal{Name: "list-updater", Role: tripline.RoleAdmin, KeyID: k.ID, Addr: "127.0.0.1"}) {
		t.Errorf("with an admin key: %d, principal %+v (%v)", code, got, ok)
	}
	if got.String() != "list-updater (key "+strconv.FormatInt(k.ID, 10)+") from 127.0.0.1" {
		t.Errorf("audit form %q", got.String())
	}
}
