package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/review"
)

func init() {
	register(&command{Name: "audit", Summary: "verify and export the tamper-evident audit log", Run: runAudit})
}

const auditUsage = `
Usage:
  tripline audit verify [--checkpoint EXPORT --pub KEY] [--json]
  tripline audit export --key FILE [--since T] [--out FILE]
  tripline audit keygen FILE
  tripline audit check-export FILE --pub KEY

Every action (an import, an alert raised, assigned, decided, approved or
rejected, a user, key or review rule changed) appends one entry to the
audit log in the action's own transaction. Each entry carries the SHA-256
of the one before it over a canonical encoding (docs/review.md), so that
changing, removing or reordering any entry breaks the chain there.

verify walks the whole log and names the first entry that does not fit;
it exits 1 when one does not. With --checkpoint it also checks that the
log still holds the entry the export's signed checkpoint names, with the
hash it signed: whoever rewrote the log before it and recomputed every
hash is caught there. export writes the entries written at or
after --since (a date, an RFC 3339 time or a duration back: 7d) as JSON
lines, then a checkpoint line signed with the Ed25519 key of --key (make
one with keygen, which writes FILE and FILE.pub); the checkpoint signs the
last entry's hash, which commits to every entry before it. check-export
verifies such a file with the public key (FILE.pub or the key in base64).

Examples:
  tripline audit verify
  tripline audit keygen ~/.tripline/audit.key
  tripline audit export --key ~/.tripline/audit.key --since 30d --out audit.jsonl
  tripline audit check-export audit.jsonl --pub ~/.tripline/audit.key.pub
`

func runAudit(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("audit", auditUsage)
	keyPath := fs.String("key", "", "the Ed25519 signing key (PEM) for export")
	pub := fs.String("pub", "", "the public key (PEM file or base64) for check-export")
	since := fs.String("since", "", "export entries written since a date, time or duration ago")
	out := fs.String("out", "", "write the export to this file (default standard output)")
	checkpoint := fs.String("checkpoint", "", "verify: an export whose signed checkpoint the log must still hold")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parse(fs, flagsFirst(args, map[string]bool{"key": true, "pub": true, "since": true, "out": true, "checkpoint": true})); err != nil {
		return err
	}
	rest := fs.Args()
	if len(rest) == 0 {
		fs.Usage()
		return errUsage
	}
	switch rest[0] {
	case "keygen":
		if len(rest) != 2 {
			return tripline.Errorf(tripline.KindInvalid, "audit keygen takes the key file to write")
		}
		if _, err := review.GenerateKey(rest[1]); err != nil {
			return err
		}
		fmt.Fprintf(m.Stderr, "wrote the signing key %s and its public key %s.pub\n", rest[1], rest[1])
		return nil
	case "check-export":
		if len(rest) != 2 || *pub == "" {
			return tripline.Errorf(tripline.KindInvalid, "audit check-export takes the export file and --pub KEY")
		}
		pk, err := review.ReadPublicKey(*pub)
		if err != nil {
			return err
		}
		f, err := os.Open(rest[1])
		if err != nil {
			return tripline.Errorf(tripline.KindInvalid, "cannot read %s: %v", rest[1], err)
		}
		defer f.Close()
		rep, err := review.VerifyExport(f, pk)
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "export ok: %d entries, checkpoint signs entry %d (%s) of %s\n", rep.Entries, rep.Checkpoint.Seq, rep.Checkpoint.Hash, rep.Checkpoint.At.Format(time.RFC3339))
		return nil
	}
	st, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	as, ok := st.(tripline.AuditStore)
	if !ok {
		return tripline.Errorf(tripline.KindInvalid, "this store keeps no audit log")
	}
	switch rest[0] {
	case "verify":
		v, err := review.Verify(ctx, as)
		if err != nil {
			return err
		}
		if *asJSON {
			if err := writeJSON(m.Stdout, v); err != nil {
				return err
			}
		} else if v.OK {
			fmt.Fprintf(m.Stdout, "audit log ok: %d entries, head entry %d %s (%.2fs)\n", v.Entries, v.Head.Seq, v.Head.Hash, v.Seconds)
		}
		if !v.OK {
			return tripline.Errorf(tripline.KindConflict, "audit log broken at entry %d: %s", v.FirstBad, v.Problem)
		}
		if *checkpoint != "" {
			if *pub == "" {
				return tripline.Errorf(tripline.KindInvalid, "--checkpoint needs --pub KEY, the public key that signed it")
			}
			pk, err := review.ReadPublicKey(*pub)
			if err != nil {
				return err
			}
			sc, err := review.ReadCheckpoint(*checkpoint)
			if err != nil {
				return err
			}
			if err := review.VerifyCheckpoint(ctx, as, sc, pk); err != nil {
				return err
			}
			fmt.Fprintf(m.Stdout, "checkpoint of %s holds: entry %d is the one it signed\n", sc.Checkpoint.At.Format(time.RFC3339), sc.Checkpoint.Seq)
		}
		return nil
	case "export":
		if *keyPath == "" {
			return tripline.Errorf(tripline.KindInvalid, "audit export needs --key FILE (tripline audit keygen FILE makes one)")
		}
		key, err := review.ReadPrivateKey(*keyPath)
		if err != nil {
			return err
		}
		var t time.Time
		if *since != "" {
			if t, err = parseSince(*since, time.Now()); err != nil {
				return err
			}
		}
		w := m.Stdout
		if *out != "" {
			f, err := os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
			if err != nil {
				return tripline.Errorf(tripline.KindInvalid, "cannot write %s: %v", *out, err)
			}
			defer f.Close()
			w = f
		}
		ctx, _ = m.withPrincipal(ctx, "")
		sc, err := review.Export(ctx, as, w, t, key)
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stderr, "exported %d entries; the checkpoint signs entry %d\n", sc.Checkpoint.Exported, sc.Checkpoint.Seq)
		return nil
	}
	return tripline.Errorf(tripline.KindInvalid, "unknown audit subcommand %q: use verify, export, keygen or check-export", rest[0])
}
