package apikey

import (
	"testing"

	"github.com/tripline/tripline"
)

func TestNewAndCheck(t *testing.T) {
	if _, _, _, _, err := New("test", tripline.KeySpec{Name: "  "}); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Fatalf("unnamed key: %v, want Invalid", err)
	}
	if _, _, _, _, err := New("test", tripline.KeySpec{Name: "x", Role: "root"}); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Fatalf("unknown role: %v, want Invalid", err)
	}
	token, shown, hash, spec, err := New("test", tripline.KeySpec{Name: " orders "})
	if err != nil {
		t.Fatal(err)
	}
	if spec.Name != "orders" || spec.Role != tripline.RoleAnalyst || !Wellformed(token) || shown != token[:9] || hash != Hash(token) || hash == token {
		t.Fatalf("New = %q %q %q %+v", token, shown, hash, spec)
	}
	if _, _, _, spec, _ := New("test", tripline.KeySpec{Name: "ops", Role: " Admin"}); spec.Role != tripline.RoleAdmin {
		t.Errorf("role ' Admin' = %q, want admin", spec.Role)
	}
	if Role("admin") != tripline.RoleAdmin || Role("superuser") != "" || Role("superuser").Allows(tripline.RoleAnalyst) {
		t.Error("Role does not read stored roles safely")
	}
	if other, _, _, _, _ := New("test", tripline.KeySpec{Name: "x"}); other == token {
		t.Fatal("two keys are equal")
	}
	if err := Check(token, hash, false); err != nil {
		t.Errorf("Check(own hash) = %v", err)
	}
	if err := Check(token+"x", hash, false); tripline.ErrorKind(err) != tripline.KindUnauthorized {
		t.Errorf("Check(other token) = %v, want Unauthorized", err)
	}
	if err := Check(token, hash, true); tripline.ErrorKind(err) != tripline.KindUnauthorized {
		t.Errorf("Check(revoked) = %v, want Unauthorized", err)
	}
	if Wellformed("sk_abc") {
		t.Error("a foreign token is well-formed")
	}
}
