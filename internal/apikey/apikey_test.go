package apikey

import (
	"testing"

	"github.com/tripline/tripline"
)

func TestNewAndCheck(t *testing.T) {
	if _, _, _, _, err := New("test", "  "); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Fatalf("unnamed key: %v, want Invalid", err)
	}
	token, shown, hash, name, err := New("test", " orders ")
	if err != nil {
		t.Fatal(err)
	}
	if name != "orders" || !Wellformed(token) || shown != token[:9] || hash != Hash(token) || hash == token {
		t.Fatalf("New = %q %q %q %q", token, shown, hash, name)
	}
	if other, _, _, _, _ := New("test", "x"); other == token {
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
