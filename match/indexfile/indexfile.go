// Package indexfile keeps built screening indexes on disk, so that a
// command or a server start maps the lists in with one read instead of
// decoding every entity from the store and parsing every name again.
//
// A file holds the index of one set of snapshots built by one matcher. It
// is named and keyed by Key: the snapshots it covers (source, id, content
// hash, entity count, import time), the matcher's Config in full, the
// encoding's version and the build id of the running program, so that
// any change to the lists, the weights or the code builds a new index.
// Its payload carries a CRC-32C. A file that is missing, truncated,
// corrupt, written by another build or for other snapshots is never
// used: Load builds the index from the store and writes the file again.
//
// The files live in a cache directory: next to a SQLite database
// ("lists.db" → "lists.db.index/"), in the user's cache directory for a
// PostgreSQL one (see cmd/tripline). Deleting them is always safe.
package indexfile

import (
	"bytes"
	"context"
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/match"
)

// magic opens every index file.
const magic = "tripline-index\n\x00"

// Keep is how many index files a directory keeps: the newest ones, so
// that a server that swaps between a few snapshot sets (or two builds
// run side by side) finds each.
const Keep = 4

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Key identifies the index of snaps built with cfg by this program.
func Key(cfg match.Config, snaps []tripline.Snapshot) string {
	var b strings.Builder
	fmt.Fprintf(&b, "encoding %d\nbuild %s\nconfig %#v\n", match.CodecVersion(), buildID(), cfg)
	// In the order the index holds them: it orders the entities.
	for _, s := range snaps {
		fmt.Fprintf(&b, "snapshot %q %d %q %d %s\n", s.Source, s.ID, s.Hash, s.EntityCount, s.ImportedAt.UTC().Format(time.RFC3339Nano))
	}
	return b.String()
}

// fileName is the file of key in a directory.
func fileName(key string) string {
	h := sha256.Sum256([]byte(key))
	return hex.EncodeToString(h[:12]) + ".idx"
}

// Read returns the index stored in dir under key, scoring with cfg (which
// Key must have been made with). Any problem with the file is an error
// and nothing is returned: a missing file is an os.ErrNotExist.
func Read(dir, key string, cfg match.Config) (ix *match.Index, err error) {
	data, err := os.ReadFile(filepath.Join(dir, fileName(key)))
	if err != nil {
		return nil, err
	}
	payload, err := unwrap(data, key)
	if err != nil {
		return nil, err
	}
	// The decoder checks what it reads and returns errors; this is the
	// last guard of a start against a file it cannot read.
	defer func() {
		if p := recover(); p != nil {
			ix, err = nil, fmt.Errorf("indexfile: decoding failed: %v", p)
		}
	}()
	return match.UnmarshalIndex(cfg, payload)
}

// unwrap checks the frame of an index file (magic, key, length, checksum)
// and returns its payload.
func unwrap(data []byte, key string) ([]byte, error) {
	bad := func(what string) error { return errors.New("indexfile: " + what) }
	if len(data) < len(magic)+4 || string(data[:len(magic)]) != magic {
		return nil, bad("not an index file")
	}
	p := len(magic)
	kl := int(binary.LittleEndian.Uint32(data[p:]))
	p += 4
	if kl > len(data)-p {
		return nil, bad("truncated header")
	}
	if string(data[p:p+kl]) != key {
		return nil, bad("built for other snapshots, weights or another build")
	}
	p += kl
	if len(data)-p < 12 {
		return nil, bad("truncated header")
	}
	n := binary.LittleEndian.Uint64(data[p:])
	sum := binary.LittleEndian.Uint32(data[p+8:])
	p += 12
	if n != uint64(len(data)-p) {
		return nil, bad("truncated or extended")
	}
	payload := data[p:]
	if crc32.Checksum(payload, castagnoli) != sum {
		return nil, bad("checksum mismatch")
	}
	return payload, nil
}

// Write stores ix in dir under key, creating dir if needed. The file
// appears whole or not at all (written aside, synced, renamed); older
// files beyond Keep are removed.
func Write(dir, key string, ix *match.Index) error {
	payload, err := ix.MarshalBinary()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	head := header(key, payload)
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(head)
	if err == nil {
		_, err = f.Write(payload)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(dir, fileName(key)))
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	prune(dir, fileName(key))
	return nil
}

// header is the frame an index file opens with: magic, the key's length
// and the key, the payload's length and its CRC-32C.
func header(key string, payload []byte) []byte {
	head := make([]byte, 0, len(magic)+4+len(key)+12)
	head = append(head, magic...)
	head = binary.LittleEndian.AppendUint32(head, uint32(len(key)))
	head = append(head, key...)
	head = binary.LittleEndian.AppendUint64(head, uint64(len(payload)))
	return binary.LittleEndian.AppendUint32(head, crc32.Checksum(payload, castagnoli))
}

// prune removes the index files of dir beyond the Keep newest, never
// keep, and temporary files left by a write that did not finish.
func prune(dir, keep string) {
	es, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	type file struct {
		name string
		mod  time.Time
	}
	var fs []file
	for _, e := range es {
		name := e.Name()
		info, err := e.Info()
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		switch {
		case strings.HasPrefix(name, ".tmp-") && time.Since(info.ModTime()) > time.Hour:
			os.Remove(filepath.Join(dir, name))
		case strings.HasSuffix(name, ".idx") && name != keep:
			fs = append(fs, file{name, info.ModTime()})
		}
	}
	sort.Slice(fs, func(a, b int) bool { return fs[a].mod.After(fs[b].mod) })
	for i := Keep - 1; i < len(fs); i++ {
		os.Remove(filepath.Join(dir, fs[i].name))
	}
}

// Status says where Load found the index.
type Status struct {
	// FromFile: the index was read from an index file.
	FromFile bool
	// Rebuilt says why the file was not used when it was not ("" when
	// there was none to try); Written that a new file was written, and
	// WriteErr why not.
	Rebuilt  string
	Written  bool
	WriteErr error
}

// Load is match.LoadConfig with the index file in dir: the index of the
// current snapshots of sources is read from its file when there is a good
// one, else built from the store and written for the next start. An empty
// dir is match.LoadConfig alone. A file that cannot be used or written is
// no error (Status says what happened); the store's errors are.
func Load(ctx context.Context, st tripline.Store, sources []string, cfg match.Config, dir string) (*match.Screener, []tripline.Snapshot, Status, error) {
	var status Status
	if dir == "" {
		s, held, err := match.LoadConfig(ctx, st, sources, cfg)
		return s, held, status, err
	}
	snaps, err := st.CurrentSnapshots(ctx)
	if err != nil {
		return nil, nil, status, err
	}
	held, ok := pick(snaps, sources)
	if ok && len(held) > 0 {
		key := Key(cfg, held)
		ix, err := Read(dir, key, cfg)
		if err == nil {
			ids := map[string]int64{}
			for _, s := range held {
				ids[s.Source] = s.ID
			}
			ix.Snapshots = ids
			status.FromFile = true
			return match.NewScreener(ix), held, status, nil
		}
		if !errors.Is(err, os.ErrNotExist) {
			status.Rebuilt = err.Error()
		}
	}
	s, held, err := match.LoadConfig(ctx, st, sources, cfg)
	if err != nil {
		return nil, nil, status, err
	}
	if len(held) > 0 {
		status.WriteErr = Write(dir, Key(cfg, held), s.Index())
		status.Written = status.WriteErr == nil
	}
	return s, held, status, nil
}

// pick returns the snapshots of sources (all when empty), in the order of
// snaps, as match.LoadConfig holds them; ok is false when a source has
// none (LoadConfig then says so).
func pick(snaps []tripline.Snapshot, sources []string) ([]tripline.Snapshot, bool) {
	if len(sources) == 0 {
		return snaps, true
	}
	want := map[string]bool{}
	for _, s := range sources {
		want[s] = true
	}
	var held []tripline.Snapshot
	for _, s := range snaps {
		if want[s.Source] {
			held = append(held, s)
			delete(want, s.Source)
		}
	}
	return held, len(want) == 0
}

var (
	buildOnce sync.Once
	buildStr  string
)

// buildID identifies the running program's code: the Go build id of its
// executable, else a hash of the executable's bytes, else "unknown" (a
// program that cannot read itself rebuilds whenever the snapshots or the
// weights change, and trusts its files otherwise).
func buildID() string {
	buildOnce.Do(func() {
		buildStr = "unknown"
		exe, err := os.Executable()
		if err != nil {
			return
		}
		if id := elfBuildID(exe); id != "" {
			buildStr = "go:" + id
			return
		}
		f, err := os.Open(exe)
		if err != nil {
			return
		}
		defer f.Close()
		h := sha256.New()
		if _, err := io.Copy(h, f); err == nil {
			buildStr = "sha256:" + hex.EncodeToString(h.Sum(nil))
		}
	})
	return buildStr
}

// elfBuildID reads the Go build id note of an ELF executable.
func elfBuildID(path string) string {
	f, err := elf.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	s := f.Section(".note.go.buildid")
	if s == nil {
		return ""
	}
	d, err := s.Data()
	if err != nil || len(d) < 16 {
		return ""
	}
	namesz := binary.LittleEndian.Uint32(d)
	descsz := binary.LittleEndian.Uint32(d[4:])
	if namesz != 4 || !bytes.Equal(d[12:16], []byte("Go\x00\x00")) || int(descsz) > len(d)-16 {
		return ""
	}
	return strconv.Quote(string(d[16 : 16+descsz]))
}
