package review

import (
	"bufio"
	"context"
	"crypto/ed25519"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/tripline/tripline"
)

// Verification is the outcome of checking an audit log's chain.
type Verification struct {
	// OK is set when every entry fits: sequence without gaps, each
	// entry's hash recomputed from its content, each prev_hash the hash
	// of the entry before, and the store's head at the last entry.
	OK bool `json:"ok"`
	// Entries counts the entries read; Last is the last good entry.
	Entries int64              `json:"entries"`
	Last    tripline.AuditHead `json:"last"`
	Head    tripline.AuditHead `json:"head"`
	// FirstBad is the seq of the first entry that does not fit (0 when
	// OK), and Problem says how.
	FirstBad int64   `json:"first_bad,omitempty"`
	Problem  string  `json:"problem,omitempty"`
	Seconds  float64 `json:"seconds"`
}

// errStop ends the walk at the first entry that does not fit.
var errStop = errors.New("stop")

// Verify walks the whole audit log of st and names the first entry that
// does not fit.
func Verify(ctx context.Context, st tripline.AuditStore) (Verification, error) {
	start := time.Now()
	head, err := st.AuditHead(ctx)
	if err != nil {
		return Verification{}, err
	}
	v := Verification{Head: head}
	expect, prev := int64(1), tripline.AuditGenesis
	bad := func(seq int64, format string, args ...any) error {
		v.FirstBad, v.Problem = seq, fmt.Sprintf(format, args...)
		return errStop
	}
	err = st.EachAuditEntry(ctx, 1, func(e tripline.AuditEntry) error {
		switch {
		case e.Seq > expect:
			return bad(expect, "entry %d is missing: entry %d follows entry %d (entries were removed)", expect, e.Seq, expect-1)
		case e.Seq < expect:
			return bad(e.Seq, "entry %d appears out of order after entry %d", e.Seq, expect-1)
		case tripline.AuditHash(e) != e.Hash:
			return bad(e.Seq, "entry %d does not fit: its content does not hash to its recorded hash (changed after it was written, or moved from another place)", e.Seq)
		case e.PrevHash != prev:
			return bad(e.Seq, "entry %d does not fit: its prev_hash is not the hash of entry %d (an entry before it was changed, removed or moved)", e.Seq, e.Seq-1)
		}
		v.Entries++
		v.Last = tripline.AuditHead{Seq: e.Seq, Hash: e.Hash}
		expect, prev = e.Seq+1, e.Hash
		if v.Entries%65536 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		return nil
	})
	v.Seconds = time.Since(start).Seconds()
	if err != nil && !errors.Is(err, errStop) {
		return v, err
	}
	if v.Problem != "" {
		return v, nil
	}
	switch {
	case head.Seq > v.Last.Seq:
		v.FirstBad, v.Problem = v.Last.Seq+1, fmt.Sprintf("the log ends at entry %d but its head records entry %d: entry %d and any after it were removed", v.Last.Seq, head.Seq, v.Last.Seq+1)
	case head.Seq < v.Last.Seq:
		v.FirstBad, v.Problem = head.Seq+1, fmt.Sprintf("the head records entry %d but the log goes on to entry %d: entries after %d were added outside the store", head.Seq, v.Last.Seq, head.Seq)
	case head.Hash != v.Last.Hash:
		v.FirstBad, v.Problem = head.Seq, fmt.Sprintf("entry %d does not fit: its hash is not the one the head records", head.Seq)
	default:
		v.OK = true
	}
	return v, nil
}

// Checkpoint is the signed statement at the end of an export: the log
// held Entries entries up to Seq, whose hash (which commits to every
// entry before it) was Hash, at At. The export's own lines run from
// FirstSeq, whose prev_hash is FirstPrevHash.
type Checkpoint struct {
	Format        string    `json:"format"`
	Seq           int64     `json:"seq"`
	Hash          string    `json:"hash"`
	FirstSeq      int64     `json:"first_seq"`
	FirstPrevHash string    `json:"first_prev_hash"`
	Exported      int64     `json:"exported"`
	At            time.Time `json:"at"`
	// PublicKey is the signer's Ed25519 public key (base64), so that a
	// reader can tell which key to trust; trust comes from the key the
	// reader holds, not from this field.
	PublicKey string `json:"public_key"`
}

// CheckpointFormat names the checkpoint's layout and signature scheme.
const CheckpointFormat = "tripline-audit-checkpoint-v1 ed25519"

// SignedCheckpoint is the last line of an export.
type SignedCheckpoint struct {
	Checkpoint Checkpoint `json:"checkpoint"`
	// Signature is the Ed25519 signature (base64) of the checkpoint's
	// JSON encoding as written in this line (encoding/json, fields in
	// the order above).
	Signature string `json:"signature"`
}

// exportLine is one entry of an export.
type exportLine struct {
	Entry tripline.AuditEntry `json:"entry"`
}

// Export writes the entries of the log written at or after since (all
// when zero) as JSON lines {"entry": …}, then a line with the checkpoint
// signed with key, after checking the chain of the entries it writes.
// The checkpoint is also appended to the log (action audit.exported).
func Export(ctx context.Context, st tripline.AuditStore, w io.Writer, since time.Time, key ed25519.PrivateKey) (SignedCheckpoint, error) {
	bw := bufio.NewWriterSize(w, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	head, err := st.AuditHead(ctx)
	if err != nil {
		return SignedCheckpoint{}, err
	}
	cp := Checkpoint{Format: CheckpointFormat, At: time.Now().UTC().Truncate(time.Second), PublicKey: base64.StdEncoding.EncodeToString(key.Public().(ed25519.PublicKey))}
	prev := ""
	err = st.EachAuditEntry(ctx, 1, func(e tripline.AuditEntry) error {
		if e.Seq > head.Seq {
			return errStop // written after the export began
		}
		if tripline.AuditHash(e) != e.Hash || (prev != "" && e.PrevHash != prev) {
			return tripline.Errorf(tripline.KindConflict, "audit entry %d does not fit the chain: run tripline audit verify; nothing is signed over a broken chain", e.Seq)
		}
		prev = e.Hash
		cp.Seq, cp.Hash = e.Seq, e.Hash
		if !since.IsZero() && e.At.Before(since) {
			return nil
		}
		if cp.FirstSeq == 0 {
			cp.FirstSeq, cp.FirstPrevHash = e.Seq, e.PrevHash
		}
		cp.Exported++
		return enc.Encode(exportLine{Entry: e})
	})
	if err != nil && !errors.Is(err, errStop) {
		return SignedCheckpoint{}, err
	}
	if cp.Seq != head.Seq || cp.Hash != head.Hash {
		return SignedCheckpoint{}, tripline.Errorf(tripline.KindConflict, "the audit log does not end at its head (entry %d): run tripline audit verify", head.Seq)
	}
	sc, err := sign(cp, key)
	if err != nil {
		return sc, err
	}
	if err := enc.Encode(sc); err != nil {
		return sc, err
	}
	if err := bw.Flush(); err != nil {
		return sc, err
	}
	_, err = st.AppendAudit(ctx, []tripline.AuditEntry{{Actor: actorOf(ctx), Via: viaOf(ctx), Action: tripline.AuditCheckpointSaved, Subject: tripline.AuditSubject("audit", cp.Seq), Payload: mustJSON(sc)}})
	return sc, err
}

func sign(cp Checkpoint, key ed25519.PrivateKey) (SignedCheckpoint, error) {
	b, err := json.Marshal(cp)
	if err != nil {
		return SignedCheckpoint{}, err
	}
	return SignedCheckpoint{Checkpoint: cp, Signature: base64.StdEncoding.EncodeToString(ed25519.Sign(key, b))}, nil
}

// CheckSignature verifies the checkpoint's signature with pub.
func (sc SignedCheckpoint) CheckSignature(pub ed25519.PublicKey) error {
	b, err := json.Marshal(sc.Checkpoint)
	if err != nil {
		return err
	}
	sig, err := base64.StdEncoding.DecodeString(sc.Signature)
	if err != nil || !ed25519.Verify(pub, b, sig) {
		return tripline.Errorf(tripline.KindInvalid, "the checkpoint's signature does not verify with the public key given")
	}
	return nil
}

// ExportReport is what VerifyExport found.
type ExportReport struct {
	Entries    int64      `json:"entries"`
	Checkpoint Checkpoint `json:"checkpoint"`
}

// VerifyExport checks an export read from r: every line's entry hashes
// to its hash and carries the previous line's, the checkpoint's
// signature verifies with pub, and the last entry is the one it signs.
func VerifyExport(r io.Reader, pub ed25519.PublicKey) (ExportReport, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var rep ExportReport
	var last tripline.AuditEntry
	var cp *SignedCheckpoint
	line := 0
	for sc.Scan() {
		line++
		if cp != nil {
			return rep, tripline.Errorf(tripline.KindInvalid, "line %d: lines after the checkpoint", line)
		}
		var probe struct {
			Entry      *tripline.AuditEntry `json:"entry"`
			Checkpoint *Checkpoint          `json:"checkpoint"`
			Signature  string               `json:"signature"`
		}
		if err := json.Unmarshal(sc.Bytes(), &probe); err != nil {
			return rep, tripline.Errorf(tripline.KindInvalid, "line %d: not a JSON line of an export: %v", line, err)
		}
		switch {
		case probe.Entry != nil:
			e := *probe.Entry
			if tripline.AuditHash(e) != e.Hash {
				return rep, tripline.Errorf(tripline.KindInvalid, "line %d: entry %d does not hash to its recorded hash", line, e.Seq)
			}
			if rep.Entries > 0 && (e.Seq != last.Seq+1 || e.PrevHash != last.Hash) {
				return rep, tripline.Errorf(tripline.KindInvalid, "line %d: entry %d does not follow entry %d", line, e.Seq, last.Seq)
			}
			last = e
			rep.Entries++
		case probe.Checkpoint != nil:
			cp = &SignedCheckpoint{Checkpoint: *probe.Checkpoint, Signature: probe.Signature}
		default:
			return rep, tripline.Errorf(tripline.KindInvalid, "line %d: neither an entry nor a checkpoint", line)
		}
	}
	if err := sc.Err(); err != nil {
		return rep, err
	}
	if cp == nil {
		return rep, tripline.Errorf(tripline.KindInvalid, "no checkpoint line: the export is cut short")
	}
	if err := cp.CheckSignature(pub); err != nil {
		return rep, err
	}
	rep.Checkpoint = cp.Checkpoint
	c := cp.Checkpoint
	if rep.Entries != c.Exported || (rep.Entries > 0 && (last.Seq != c.Seq || last.Hash != c.Hash)) {
		return rep, tripline.Errorf(tripline.KindInvalid, "the entries end at %d, the checkpoint signs %d entries up to entry %d", last.Seq, c.Exported, c.Seq)
	}
	return rep, nil
}

// VerifyCheckpoint checks that the log of st still holds the entry a
// signed checkpoint names, with the hash it signed: together with Verify
// this shows that nothing up to the checkpoint was rewritten, even by
// someone who recomputed every hash.
func VerifyCheckpoint(ctx context.Context, st tripline.AuditStore, sc SignedCheckpoint, pub ed25519.PublicKey) error {
	if err := sc.CheckSignature(pub); err != nil {
		return err
	}
	es, err := st.AuditEntries(ctx, tripline.AuditFilter{After: sc.Checkpoint.Seq - 1, Limit: 1})
	if err != nil {
		return err
	}
	if len(es) == 0 || es[0].Seq != sc.Checkpoint.Seq {
		return tripline.Errorf(tripline.KindConflict, "entry %d, which the checkpoint of %s signs, is not in the log", sc.Checkpoint.Seq, sc.Checkpoint.At.Format(time.RFC3339))
	}
	if es[0].Hash != sc.Checkpoint.Hash {
		return tripline.Errorf(tripline.KindConflict, "entry %d is not the one the checkpoint of %s signed: the log up to it was rewritten", sc.Checkpoint.Seq, sc.Checkpoint.At.Format(time.RFC3339))
	}
	return nil
}

// ReadCheckpoint reads the last line of an export file.
func ReadCheckpoint(path string) (SignedCheckpoint, error) {
	f, err := os.Open(path)
	if err != nil {
		return SignedCheckpoint{}, tripline.Errorf(tripline.KindInvalid, "cannot read %s: %v", path, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var last []byte
	for sc.Scan() {
		last = append(last[:0], sc.Bytes()...)
	}
	var cp SignedCheckpoint
	if err := json.Unmarshal(last, &cp); err != nil || cp.Checkpoint.Format == "" {
		return cp, tripline.Errorf(tripline.KindInvalid, "%s does not end with a checkpoint line", path)
	}
	return cp, nil
}

// GenerateKey writes a new Ed25519 signing key to path (PKCS #8 PEM,
// mode 0600, refusing to overwrite) and its public key to path+".pub"
// (PKIX PEM), and returns the public key.
func GenerateKey(path string) (ed25519.PublicKey, error) {
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		return nil, err
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return nil, err
	}
	pubDER, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, tripline.Errorf(tripline.KindInvalid, "cannot create %s: %v", filepath.Dir(path), err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, tripline.Errorf(tripline.KindInvalid, "cannot create the key file %s (it is never overwritten): %v", path, err)
	}
	if err := pem.Encode(f, &pem.Block{Type: "PRIVATE KEY", Bytes: der}); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	if err := os.WriteFile(path+".pub", pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER}), 0o644); err != nil {
		return nil, err
	}
	return pub, nil
}

// ReadPrivateKey reads an Ed25519 key written by GenerateKey.
func ReadPrivateKey(path string) (ed25519.PrivateKey, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, tripline.Errorf(tripline.KindInvalid, "cannot read the signing key %s: %v (make one with tripline audit keygen)", path, err)
	}
	blk, _ := pem.Decode(b)
	if blk == nil || blk.Type != "PRIVATE KEY" {
		return nil, tripline.Errorf(tripline.KindInvalid, "%s is not a PEM private key", path)
	}
	k, err := x509.ParsePKCS8PrivateKey(blk.Bytes)
	if err != nil {
		return nil, tripline.Errorf(tripline.KindInvalid, "%s: %v", path, err)
	}
	priv, ok := k.(ed25519.PrivateKey)
	if !ok {
		return nil, tripline.Errorf(tripline.KindInvalid, "%s is not an Ed25519 key", path)
	}
	return priv, nil
}

// ReadPublicKey reads an Ed25519 public key: a PEM file (path.pub of
// GenerateKey), or the key itself in base64.
func ReadPublicKey(pathOrKey string) (ed25519.PublicKey, error) {
	if raw, err := base64.StdEncoding.DecodeString(pathOrKey); err == nil && len(raw) == ed25519.PublicKeySize {
		return ed25519.PublicKey(raw), nil
	}
	b, err := os.ReadFile(pathOrKey)
	if err != nil {
		return nil, tripline.Errorf(tripline.KindInvalid, "cannot read the public key %s: %v", pathOrKey, err)
	}
	blk, _ := pem.Decode(b)
	if blk == nil || blk.Type != "PUBLIC KEY" {
		return nil, tripline.Errorf(tripline.KindInvalid, "%s is not a PEM public key", pathOrKey)
	}
	k, err := x509.ParsePKIXPublicKey(blk.Bytes)
	if err != nil {
		return nil, tripline.Errorf(tripline.KindInvalid, "%s: %v", pathOrKey, err)
	}
	pub, ok := k.(ed25519.PublicKey)
	if !ok {
		return nil, tripline.Errorf(tripline.KindInvalid, "%s is not an Ed25519 public key", pathOrKey)
	}
	return pub, nil
}

func actorOf(ctx context.Context) string {
	if p, ok := tripline.PrincipalFrom(ctx); ok {
		return p.Actor()
	}
	return "unknown"
}

func viaOf(ctx context.Context) string {
	if p, ok := tripline.PrincipalFrom(ctx); ok {
		return p.Via()
	}
	return "cli"
}

func mustJSON(v any) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}
