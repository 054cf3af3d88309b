package storetest

import (
	"context"
	"testing"

	"github.com/tripline/tripline"
)

// testKeyRoles: every key has a role (analyst unless said otherwise),
// which the store keeps, lists and returns on verification; an unknown
// role is refused; HasKeys turns true with the first key and stays true
// when every key is revoked.
func testKeyRoles(t *testing.T, s tripline.KeyStore) {
	ctx := context.Background()
	if has, err := s.HasKeys(ctx); err != nil || has {
		t.Fatalf("HasKeys on an empty store = %v, %v", has, err)
	}
	if _, _, err := s.CreateKey(ctx, tripline.KeySpec{Name: "x", Role: "root"}); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Fatalf("unknown role: got %v, want Invalid", err)
	}
	if has, _ := s.HasKeys(ctx); has {
		t.Fatal("a refused key counts for HasKeys")
	}
	tokens := map[tripline.Role]string{}
	for _, tc := range []struct {
		spec tripline.KeySpec
		want tripline.Role
	}{
		{tripline.KeySpec{Name: "screening"}, tripline.RoleAnalyst},
		{tripline.KeySpec{Name: "four-eyes", Role: tripline.RoleReviewer}, tripline.RoleReviewer},
		{tripline.KeySpec{Name: "ops", Role: "Admin"}, tripline.RoleAdmin},
	} {
		token, k, err := s.CreateKey(ctx, tc.spec)
		if err != nil {
			t.Fatal(err)
		}
		if k.Role != tc.want {
			t.Errorf("CreateKey(%+v).Role = %q, want %q", tc.spec, k.Role, tc.want)
		}
		got, err := s.VerifyKey(ctx, token)
		if err != nil || got.Role != tc.want || got.ID != k.ID || got.Name != tc.spec.Name || got.Prefix != k.Prefix {
			t.Errorf("VerifyKey = %+v, %v; want %+v", got, err, k)
		}
		tokens[tc.want] = token
	}
	keys, err := s.Keys(ctx)
	if err != nil || len(keys) != 3 {
		t.Fatalf("Keys = %+v, %v", keys, err)
	}
	for i, want := range []tripline.Role{tripline.RoleAnalyst, tripline.RoleReviewer, tripline.RoleAdmin} {
		if keys[i].Role != want {
			t.Errorf("Keys[%d].Role = %q, want %q", i, keys[i].Role, want)
		}
		if err := s.RevokeKey(ctx, keys[i].ID); err != nil {
			t.Fatal(err)
		}
	}
	if has, err := s.HasKeys(ctx); err != nil || !has {
		t.Errorf("HasKeys with every key revoked = %v, %v; want true (revoking must not open the API)", has, err)
	}
	if _, err := s.VerifyKey(ctx, tokens[tripline.RoleAdmin]); tripline.ErrorKind(err) != tripline.KindUnauthorized {
		t.Errorf("revoked admin key: got %v, want Unauthorized", err)
	}
}
