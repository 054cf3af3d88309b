// Command tripline is the Tripline counter-proliferation screening tool:
// import sanctions and export-control lists, screen names, check orders,
// walk front-company networks, and serve it all over HTTP.
//
// main is tiny: Main parses the global flags, opens the store and runs one
// subcommand; each subcommand lives in a file of its own.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/httpapi"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	m := NewMain()
	stopProfile := startProfile()
	code := m.Run(ctx, os.Args[1:])
	stop()
	m.Close()
	stopProfile()
	os.Exit(code)
}

// command is one subcommand.
type command struct {
	Name    string
	Summary string // one line for the command list
	// Run parses args with its own FlagSet and does the work.
	Run func(ctx context.Context, m *Main, args []string) error
}

var commands = map[string]*command{}

// register adds a subcommand; called from each command file's init.
func register(c *command) { commands[c.Name] = c }

// Main is the program: its I/O streams, configuration and open resources.
type Main struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Getenv reads the environment (injected by tests).
	Getenv func(string) string
	// DBPath is the database location (--db, TRIPLINE_DB, or the default):
	// a SQLite file path or a postgres:// URL.
	DBPath string
	// IsTerminal reports whether stderr is a terminal (progress displays).
	IsTerminal bool
	// ServeReady, when set, is called by "serve" once it listens (tests use
	// it to learn the bound address).
	ServeReady func(srv *httpapi.Server)
	// DeliverWait bounds how long a command that wrote events delivers
	// their webhooks itself (default 10 s; negative: not at all).
	DeliverWait time.Duration
	// SnapshotObservers are told about every snapshot an import commits
	// (import, lists update, demo, POST /v1/imports): see ingest.Importer.
	SnapshotObservers []tripline.SnapshotObserver

	store   tripline.Store
	closers []func() error
	// indexWrites waits for the server's index files being written
	// (serve.go).
	indexWrites func()
}

// NewMain returns a Main on the process's streams and environment.
func NewMain() *Main {
	return &Main{
		Stdin:      os.Stdin,
		Stdout:     os.Stdout,
		Stderr:     os.Stderr,
		Getenv:     os.Getenv,
		IsTerminal: isTerminal(os.Stderr),
	}
}

// Close releases what the command opened.
func (m *Main) Close() error {
	var errs []error
	for i := len(m.closers) - 1; i >= 0; i-- {
		errs = append(errs, m.closers[i]())
	}
	m.closers = nil
	m.store = nil
	return errors.Join(errs...)
}

// defaultDBPath is $XDG_DATA_HOME/tripline/tripline.db or
// ~/.local/share/tripline/tripline.db.
func (m *Main) defaultDBPath() string {
	if d := m.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "tripline", "tripline.db")
	}
	if h, err := os.UserHomeDir(); err == nil {
		return filepath.Join(h, ".local", "share", "tripline", "tripline.db")
	}
	return "tripline.db"
}

const usageHead = `Tripline screens parties, goods and shipments against sanctions and
export-control lists, and explains every hit.

Usage:
  tripline [--db PATH|URL] COMMAND [flags] [args]

Global flags:
  --db PATH   the database file (default: $TRIPLINE_DB, else
              ~/.local/share/tripline/tripline.db), or a PostgreSQL URL
              (postgres://USER@HOST:PORT/DBNAME) shared by several servers

Commands:
`

const usageTail = `
Run "tripline COMMAND --help" for a command's flags and examples.
Start with "tripline demo" to load the bundled demo lists and screen a name.
`

func (m *Main) usage() {
	fmt.Fprint(m.Stderr, usageHead)
	var names []string
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(m.Stderr, "  %-10s %s\n", n, commands[n].Summary)
	}
	fmt.Fprint(m.Stderr, usageTail)
}

// Run parses the global flags and runs the subcommand; it returns the exit
// code: 0 success, 1 failure, 2 bad usage.
func (m *Main) Run(ctx context.Context, args []string) int {
	fs := flag.NewFlagSet("tripline", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	db := fs.String("db", "", "database file or postgres:// URL")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			m.usage()
			return 0
		}
		fmt.Fprintf(m.Stderr, "tripline: %v\n\n", err)
		m.usage()
		return 2
	}
	m.DBPath = *db
	if m.DBPath == "" {
		m.DBPath = m.Getenv("TRIPLINE_DB")
	}
	if m.DBPath == "" {
		m.DBPath = m.defaultDBPath()
	}
	rest := fs.Args()
	if len(rest) == 0 {
		m.usage()
		return 2
	}
	if rest[0] == "help" {
		if len(rest) > 1 && commands[rest[1]] != nil {
			rest = []string{rest[1], "--help"}
		} else {
			m.usage()
			return 0
		}
	}
	cmd := commands[rest[0]]
	if cmd == nil {
		fmt.Fprintf(m.Stderr, "tripline: unknown command %q\n\n", rest[0])
		m.usage()
		return 2
	}
	err := cmd.Run(ctx, m, rest[1:])
	if cmd.Name != "serve" && !errors.Is(err, errUsage) {
		m.deliverPending(ctx)
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	fmt.Fprintf(m.Stderr, "tripline %s: %s\n", cmd.Name, userMessage(err))
	return 1
}

// errUsage is returned after a FlagSet already printed the problem.
var errUsage = errors.New("usage")

// userMessage is what the CLI prints for err: the full chain for the
// local user, who owns the machine (the HTTP API never does this).
func userMessage(err error) string {
	if pe := tripline.ParseErrorOf(err); pe != nil {
		return pe.Error()
	}
	return err.Error()
}

// newFlagSet returns a FlagSet whose --help prints usage text (what the
// command does, its arguments, examples) followed by the flags.
func (m *Main) newFlagSet(name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet("tripline "+name, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	fs.Usage = func() {
		fmt.Fprintln(m.Stderr, strings.TrimSpace(usage))
		fmt.Fprintln(m.Stderr, "\nFlags:")
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args with fs, mapping flag errors to errUsage.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return nil
}

func isTerminal(f *os.File) bool {
	fi, err := f.Stat()
	if err != nil {
		return false
	}
	return fi.Mode()&os.ModeCharDevice != 0
}
