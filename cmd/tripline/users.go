package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os/user"
	"text/tabwriter"

	"github.com/tripline/tripline"
)

func init() {
	register(&command{Name: "users", Summary: "add, list, disable users and set their roles (case management)", Run: runUsers})
}

const usersUsage = `
Usage:
  tripline users add NAME --role analyst|reviewer|admin [--as ADMIN] [--json]
  tripline users list [--json]
  tripline users disable NAME --as ADMIN
  tripline users role NAME ROLE --as ADMIN

Users are the people who work alerts; every decision, approval and change
is attributed to one and written to the audit log ("tripline audit").
Analysts take, decide and escalate alerts; reviewers also approve or
reject the decisions of others (four-eyes: never their own); admins also
manage users and the review rules ("tripline alerts policy").

"users add" prints the new user's API key once (only its hash is kept):
the key identifies the user on the HTTP API and acts with the user's
current role. On the command line a user acts with --as NAME (or
$TRIPLINE_USER), checked against the store. The first user of a database
must be an admin and needs no --as; after that only admins add users.
Users are disabled, never deleted (their keys are revoked), and the last
active admin cannot be disabled or demoted.

Examples:
  tripline users add chief --role admin
  tripline users add alice --role analyst --as chief
  tripline users add bob --role reviewer --as chief
  tripline users disable alice --as chief
`

// principal is who runs the command: the operating-system user, acting as
// the user named with --as (or $TRIPLINE_USER) when one is.
func (m *Main) principal(as string) tripline.Principal {
	p := tripline.Principal{Name: "unknown"}
	if u, err := user.Current(); err == nil {
		p.Name = u.Username
	}
	if as == "" {
		as = m.Getenv("TRIPLINE_USER")
	}
	p.User = as
	return p
}

// withPrincipal returns ctx carrying the principal of --as, so that the
// stores attribute what the command writes.
func (m *Main) withPrincipal(ctx context.Context, as string) (context.Context, tripline.Principal) {
	p := m.principal(as)
	return tripline.WithPrincipal(ctx, p), p
}

// caseStore is the store as case management needs it.
type caseStore interface {
	tripline.Store
	tripline.MonitorStore
	tripline.CaseStore
	tripline.UserStore
	tripline.AuditStore
}

func (m *Main) caseStore(ctx context.Context) (caseStore, error) {
	st, err := m.openStore(ctx)
	if err != nil {
		return nil, err
	}
	cs, ok := st.(caseStore)
	if !ok {
		return nil, tripline.Errorf(tripline.KindInvalid, "this store keeps no users or cases")
	}
	return cs, nil
}

func runUsers(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("users", usersUsage)
	role := fs.String("role", "", "the role: analyst, reviewer or admin")
	as := fs.String("as", "", "act as this user (default $TRIPLINE_USER)")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parse(fs, flagsFirst(args, map[string]bool{"role": true, "as": true})); err != nil {
		return err
	}
	rest := fs.Args()
	if len(rest) == 0 {
		fs.Usage()
		return errUsage
	}
	cs, err := m.caseStore(ctx)
	if err != nil {
		return err
	}
	ctx, by := m.withPrincipal(ctx, *as)
	switch rest[0] {
	case "add":
		if len(rest) != 2 || *role == "" {
			return tripline.Errorf(tripline.KindInvalid, "users add takes one NAME and --role analyst|reviewer|admin")
		}
		r, err := tripline.ParseRole(*role)
		if err != nil {
			return err
		}
		u, token, k, err := cs.AddUser(ctx, rest[1], r, by)
		if err != nil {
			return err
		}
		if *asJSON {
			return json.NewEncoder(m.Stdout).Encode(map[string]any{"user": u, "key": token, "key_record": k})
		}
		fmt.Fprintln(m.Stdout, token)
		fmt.Fprintf(m.Stderr, "user %s (%s) added with API key %d. Store the key now: it is not shown again.\n", u.Name, u.Role, k.ID)
		return nil
	case "list":
		us, err := cs.Users(ctx)
		if err != nil {
			return err
		}
		if *asJSON {
			return json.NewEncoder(m.Stdout).Encode(us)
		}
		tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tROLE\tCREATED\tBY\tDISABLED")
		for _, u := range us {
			dis := "-"
			if u.DisabledAt != nil {
				dis = u.DisabledAt.Local().Format("2006-01-02 15:04")
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", u.ID, u.Name, u.Role, u.CreatedAt.Local().Format("2006-01-02 15:04"), u.CreatedBy, dis)
		}
		return tw.Flush()
	case "disable":
		if len(rest) != 2 {
			return tripline.Errorf(tripline.KindInvalid, "users disable takes one NAME")
		}
		u, err := cs.DisableUser(ctx, rest[1], by)
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stderr, "user %s disabled; its API keys are revoked.\n", u.Name)
		return nil
	case "role":
		if len(rest) != 3 {
			return tripline.Errorf(tripline.KindInvalid, "users role takes NAME and ROLE")
		}
		r, err := tripline.ParseRole(rest[2])
		if err != nil {
			return err
		}
		u, err := cs.SetUserRole(ctx, rest[1], r, by)
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stderr, "user %s is now %s.\n", u.Name, u.Role)
		return nil
	}
	return tripline.Errorf(tripline.KindInvalid, "unknown users subcommand %q: use add, list, disable or role", rest[0])
}
