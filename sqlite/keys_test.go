package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/sqlite"
)

func TestAPIKeys(t *testing.T) {
	ctx := context.Background()
	s, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, _, err := s.CreateKey(ctx, " "); tripline.ErrorKind(err) != tripline.KindInvalid {
		t.Fatalf("empty name: got %v, want Invalid", err)
	}
	token, k, err := s.CreateKey(ctx, "order-system")
	if err != nil {
		t.Fatal(err)
	}
	if name, err := s.VerifyKey(ctx, token); err != nil || name != "order-system" {
		t.Fatalf("VerifyKey(new key) = %q, %v", name, err)
	}
	if _, err := s.VerifyKey(ctx, token+"x"); tripline.ErrorKind(err) != tripline.KindUnauthorized {
		t.Fatalf("wrong key: got %v, want Unauthorized", err)
	}
	keys, err := s.Keys(ctx)
	if err != nil || len(keys) != 1 || keys[0].Prefix != token[:9] {
		t.Fatalf("Keys = %+v, %v", keys, err)
	}
	if err := s.RevokeKey(ctx, k.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.VerifyKey(ctx, token); tripline.ErrorKind(err) != tripline.KindUnauthorized {
		t.Fatalf("revoked key: got %v, want Unauthorized", err)
	}
	if err := s.RevokeKey(ctx, k.ID); tripline.ErrorKind(err) != tripline.KindNotFound {
		t.Fatalf("revoke twice: got %v, want NotFound", err)
	}
}
