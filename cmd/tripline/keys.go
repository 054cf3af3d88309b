package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"text/tabwriter"

	"github.com/tripline/tripline"
)

func init() {
	register(&command{Name: "keys", Summary: "create, list and revoke API keys for the HTTP API", Run: runKeys})
}

const keysUsage = `
Usage:
  tripline keys create NAME [--role R]   make a key; it is printed once, only its hash is stored
  tripline keys list [--json]            list keys (id, name, role, prefix, created, revoked)
  tripline keys revoke ID                revoke a key at once

A key's role says what requests made with it may do: analyst (the default:
screen, search, check, read), reviewer (also import lists through the API)
or admin (everything; also replace an official source). Keys created before
keys had roles are admins.

"tripline serve" requires keys for every request when it listens beyond
loopback. Once any key exists (revoked ones count), every write endpoint
(POST /v1/imports) needs a key with its role, on loopback too. Clients send
the key as "Authorization: Bearer KEY" (or X-Api-Key: KEY).

Examples:
  tripline keys create order-system
  tripline keys create list-updater --role reviewer
`

func (m *Main) keyStore(ctx context.Context) (tripline.KeyStore, error) {
	st, err := m.openStore(ctx)
	if err != nil {
		return nil, err
	}
	ks, ok := st.(tripline.KeyStore)
	if !ok {
		return nil, tripline.Errorf(tripline.KindInvalid, "this store does not hold API keys")
	}
	return ks, nil
}

func runKeys(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("keys", keysUsage)
	asJSON := fs.Bool("json", false, "print JSON")
	role := fs.String("role", string(tripline.RoleAnalyst), "role of a new key: analyst, reviewer or admin")
	if err := parse(fs, args); err != nil {
		return err
	}
	rest := fs.Args()
	if len(rest) == 0 {
		fs.Usage()
		return errUsage
	}
	// Flags may also follow the subcommand and its arguments.
	sub := rest[0]
	var pos []string
	for more := rest[1:]; ; {
		if err := parse(fs, more); err != nil {
			return err
		}
		more = fs.Args()
		if len(more) == 0 {
			break
		}
		pos = append(pos, more[0])
		more = more[1:]
	}
	rest = pos
	ks, err := m.keyStore(ctx)
	if err != nil {
		return err
	}
	switch sub {
	case "create":
		if len(rest) != 1 {
			return tripline.Errorf(tripline.KindInvalid, "keys create takes one NAME, e.g. tripline keys create order-system [--role reviewer]")
		}
		r, err := tripline.ParseRole(*role)
		if err != nil {
			return err
		}
		token, k, err := ks.CreateKey(ctx, tripline.KeySpec{Name: rest[0], Role: r})
		if err != nil {
			return err
		}
		if *asJSON {
			return json.NewEncoder(m.Stdout).Encode(map[string]any{"key": token, "record": k})
		}
		fmt.Fprintf(m.Stdout, "%s\n", token)
		fmt.Fprintf(m.Stderr, "API key %d (%s, role %s) created. Store it now: it is not shown again.\n", k.ID, k.Name, k.Role)
		return nil
	case "list":
		keys, err := ks.Keys(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			if keys == nil {
				keys = []tripline.APIKey{}
			}
			return json.NewEncoder(m.Stdout).Encode(keys)
		}
		tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tROLE\tPREFIX\tCREATED\tREVOKED")
		for _, k := range keys {
			rev := "-"
			if k.RevokedAt != nil {
				rev = k.RevokedAt.Format("2006-01-02 15:04")
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s…\t%s\t%s\n", k.ID, k.Name, k.Role, k.Prefix, k.CreatedAt.Format("2006-01-02 15:04"), rev)
		}
		return tw.Flush()
	case "revoke":
		if len(rest) != 1 {
			return tripline.Errorf(tripline.KindInvalid, "keys revoke takes one key ID (see tripline keys list)")
		}
		id, err := strconv.ParseInt(rest[0], 10, 64)
		if err != nil {
			return tripline.Errorf(tripline.KindInvalid, "key ID must be a number, got %q", rest[0])
		}
		if err := ks.RevokeKey(ctx, id); err != nil {
			return err
		}
		fmt.Fprintf(m.Stderr, "API key %d revoked.\n", id)
		return nil
	}
	return tripline.Errorf(tripline.KindInvalid, "unknown keys subcommand %q: use create, list or revoke", sub)
}
