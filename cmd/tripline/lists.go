package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tripline/tripline"
)

const listsUsage = `
Usage:
  tripline lists urls [--json]
  tripline lists update [--dir DIR] [--only SOURCES] [--base-url URL] [--allow-shrink] [--json]

"lists urls" prints the official download address of every list Tripline
reads. "lists update" downloads the current publications from those
addresses and imports them exactly as "tripline import" does.

Each file is downloaded into a temporary file first, with timeouts, a size
cap and a status check; a source whose download or import fails keeps its
previous snapshot, and the other sources are still updated; so does one
whose new list holds less than half the entities of the current snapshot
(unless --allow-shrink). The exit code is 1 if any source failed. Identical
publications create no new snapshot.

Examples:
  tripline lists urls
  tripline lists update                          # every list, files discarded
  tripline lists update --only ofac-sdn,un-sc    # just these sources
  tripline lists update --dir ~/lists            # keep the downloaded files
  tripline lists update --base-url http://mirror.internal/lists
      # fetch BASE/SOURCE/FILE from a mirror, e.g. .../ofac-sdn/sdn.csv
`

func init() {
	register(&command{Name: "lists", Summary: "show the official list URLs, or download and import the current lists", Run: runLists})
}

// listFile is one file of an official publication: the name the readers
// recognise it by, and its download address.
type listFile struct {
	Name string `json:"name"`
	URL  string `json:"url"`
}

// listSource is one official list and where it is published.
type listSource struct {
	ID        string     `json:"id"`
	Title     string     `json:"title"`
	Publisher string     `json:"publisher"`
	Licence   string     `json:"licence,omitempty"`
	Files     []listFile `json:"files"`
}

// Info returns the source as the root package describes sources.
func (s listSource) Info() tripline.SourceInfo {
	info := tripline.SourceInfo{ID: s.ID, Title: s.Title, Publisher: s.Publisher, Licence: s.Licence}
	for _, f := range s.Files {
		info.URLs = append(info.URLs, f.URL)
	}
	return info
}

const ofacExports = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"

// officialLists are the publications "lists update" downloads, with their
// publishers' download addresses.
var officialLists = []listSource{
	{ID: "ofac-sdn", Title: "OFAC Specially Designated Nationals and Blocked Persons List (CSV set)", Publisher: "US Treasury, Office of Foreign Assets Control", Licence: "US government work, public domain",
		Files: []listFile{{"sdn.csv", ofacExports + "SDN.CSV"}, {"add.csv", ofacExports + "ADD.CSV"}, {"alt.csv", ofacExports + "ALT.CSV"}, {"sdn_comments.csv", ofacExports + "SDN_COMMENTS.CSV"}}},
	{ID: "ofac-cons", Title: "OFAC Consolidated Sanctions List, non-SDN (CSV set)", Publisher: "US Treasury, Office of Foreign Assets Control", Licence: "US government work, public domain",
		Files: []listFile{{"cons_prim.csv", ofacExports + "CONS_PRIM.CSV"}, {"cons_add.csv", ofacExports + "CONS_ADD.CSV"}, {"cons_alt.csv", ofacExports + "CONS_ALT.CSV"}, {"cons_comments.csv", ofacExports + "CONS_COMMENTS.CSV"}}},
	{ID: "ofac-cons-enhanced", Title: "OFAC Consolidated Sanctions List, non-SDN (Enhanced XML)", Publisher: "US Treasury, Office of Foreign Assets Control", Licence: "US government work, public domain",
		Files: []listFile{{"CONS_ENHANCED.ZIP", ofacExports + "CONS_ENHANCED.ZIP"}}},
	{ID: "us-csl", Title: "US Consolidated Screening List", Publisher: "US International Trade Administration (trade.gov)", Licence: "US government work, public domain",
		Files: []listFile{{"consolidated.csv", "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv"}}},
	{ID: "us-bis-dpl", Title: "BIS Denied Persons List", Publisher: "US Commerce Department, Bureau of Industry and Security", Licence: "US government work, public domain",
		Files: []listFile{{"dpl.txt", "https://media.bis.gov/dpl/dpl.txt"}}},
	{ID: "eu-fsf", Title: "EU Financial Sanctions Files, consolidated list (CSV 1.1)", Publisher: "European Commission (FISMA)", Licence: "free reuse with attribution",
		Files: []listFile{{"eu_fsf.csv", "https://webgate.ec.europa.eu/fsd/fsf/public/files/csvFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw"}}},
	{ID: "un-sc", Title: "UN Security Council Consolidated List", Publisher: "United Nations Security Council", Licence: "free reuse with attribution",
		Files: []listFile{{"consolidated.xml", "https://scsanctions.un.org/resources/xml/en/consolidated.xml"}}},
	{ID: "uk-ofsi", Title: "UK OFSI Consolidated List of Financial Sanctions Targets", Publisher: "HM Treasury, Office of Financial Sanctions Implementation", Licence: "Open Government Licence v3.0",
		Files: []listFile{{"ConList.csv", "https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.csv"}}},
	{ID: "uk-sl", Title: "UK Sanctions List (ODS)", Publisher: "UK Foreign, Commonwealth and Development Office", Licence: "Open Government Licence v3.0",
		Files: []listFile{{"UK_Sanctions_List.ods", "https://docs.fcdo.gov.uk/docs/UK-Sanctions-List.ods"}}},
	{ID: "au-dfat", Title: "Australian Consolidated Sanctions List", Publisher: "Australian Department of Foreign Affairs and Trade", Licence: "free reuse with attribution",
		Files: []listFile{{"regulation8_consolidated.xlsx", "https://www.dfat.gov.au/sites/default/files/regulation8_consolidated.xlsx"}}},
}

// Download limits.
const (
	maxListBytes      = 1 << 30 // per file; the largest list (UK ODS) is ~20 MB zipped
	listFileTimeout   = 10 * time.Minute
	listHeaderTimeout = 60 * time.Second
)

func runLists(ctx context.Context, m *Main, args []string) error {
	if len(args) == 0 {
		fmt.Fprintln(m.Stderr, strings.TrimSpace(listsUsage))
		return errUsage
	}
	switch args[0] {
	case "urls":
		return runListsURLs(m, args[1:])
	case "update":
		return runListsUpdate(ctx, m, args[1:])
	case "-h", "-help", "--help", "help":
		fmt.Fprintln(m.Stderr, strings.TrimSpace(listsUsage))
		return nil
	}
	fmt.Fprintf(m.Stderr, "tripline lists: unknown subcommand %q (want urls or update)\n", args[0])
	return errUsage
}

func runListsURLs(m *Main, args []string) error {
	fs := m.newFlagSet("lists urls", listsUsage)
	asJSON := fs.Bool("json", false, "print the table as JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(m.Stdout, officialLists)
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tFILE\tURL")
	for _, s := range officialLists {
		for _, f := range s.Files {
			fmt.Fprintf(tw, "%s\t%s\t%s\n", s.ID, f.Name, f.URL)
		}
	}
	return tw.Flush()
}

// updateResult is the outcome of updating one source.
type updateResult struct {
	Source     string        `json:"source"`
	Downloaded int64         `json:"downloaded_bytes"`
	Error      string        `json:"error,omitempty"`
	Import     *importResult `json:"import,omitempty"`
}

func runListsUpdate(ctx context.Context, m *Main, args []string) error {
	fs := m.newFlagSet("lists update", listsUsage)
	dir := fs.String("dir", "", "keep the downloaded files in DIR/SOURCE/ (default: a temporary folder, removed afterwards)")
	only := fs.String("only", "", "comma-separated source ids to update (default: all; see \"tripline lists urls\")")
	base := fs.String("base-url", "", "download BASE/SOURCE/FILE from this mirror instead of the publishers")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	allowShrink := fs.Bool("allow-shrink", false, "store a list even if it holds less than half the entities of the current snapshot")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(m.Stderr, "tripline lists update: takes no arguments (see --help)")
		return errUsage
	}
	sources, err := selectLists(*only)
	if err != nil {
		return err
	}
	if *base != "" {
		u, err := url.Parse(*base)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return tripline.Errorf(tripline.KindInvalid, "--base-url %q is not an http(s) URL", *base)
		}
	}
	root := *dir
	if root == "" {
		if root, err = os.MkdirTemp("", "tripline-lists-"); err != nil {
			return err
		}
		defer os.RemoveAll(root)
	}
	client := &http.Client{Transport: &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 30 * time.Second}).DialContext,
		TLSHandshakeTimeout:   30 * time.Second,
		ResponseHeaderTimeout: listHeaderTimeout,
	}}
	var results []updateResult
	failed := 0
	for _, src := range sources {
		if err := ctx.Err(); err != nil {
			return err
		}
		res := updateResult{Source: src.ID}
		srcDir, n, err := downloadList(ctx, client, src, root, *base)
		res.Downloaded = n
		if err != nil {
			res.Error = userMessage(err)
			failed++
			results = append(results, res)
			if !*asJSON {
				fmt.Fprintf(m.Stdout, "%-20s download failed: %s\n", src.ID, res.Error)
			}
			continue
		}
		rep, err := m.importPathsOpt(ctx, []string{srcDir}, importOptions{AllowShrink: *allowShrink})
		switch {
		case err != nil:
			res.Error = userMessage(err)
		case len(rep.Imports) != 1:
			res.Error = fmt.Sprintf("expected one dataset in the download, found %d", len(rep.Imports))
		default:
			res.Import = &rep.Imports[0]
			res.Error = res.Import.Error
		}
		if res.Error != "" {
			failed++
		}
		results = append(results, res)
		if !*asJSON {
			switch {
			case res.Error != "":
				fmt.Fprintf(m.Stdout, "%-20s import failed: %s\n", src.ID, res.Error)
			case res.Import.Created:
				fmt.Fprintf(m.Stdout, "%-20s %d entities, new snapshot %d (%.1f MB)\n", src.ID, res.Import.Entities, res.Import.SnapshotID, float64(n)/1e6)
			default:
				fmt.Fprintf(m.Stdout, "%-20s unchanged, snapshot %d\n", src.ID, res.Import.SnapshotID)
			}
		}
	}
	if *asJSON {
		if err := writeJSON(m.Stdout, results); err != nil {
			return err
		}
	}
	if failed > 0 {
		return tripline.Errorf(tripline.KindUnavailable, "%d of %d sources failed to update; their previous snapshots stay current", failed, len(sources))
	}
	return nil
}

func selectLists(only string) ([]listSource, error) {
	if strings.TrimSpace(only) == "" {
		return officialLists, nil
	}
	var out []listSource
	for _, id := range strings.Split(only, ",") {
		id = strings.TrimSpace(id)
		if id == "" {
			continue
		}
		found := false
		for _, s := range officialLists {
			if s.ID == id {
				out = append(out, s)
				found = true
				break
			}
		}
		if !found {
			var ids []string
			for _, s := range officialLists {
				ids = append(ids, s.ID)
			}
			return nil, tripline.Errorf(tripline.KindInvalid, "unknown source %q in --only (known: %s)", id, strings.Join(ids, ", "))
		}
	}
	return out, nil
}

// downloadList downloads every file of src into root/src.ID/. Files are
// written to temporary names and renamed only when all files of the
// source arrived whole, so a failed download never leaves a mix of old
// and new files.
func downloadList(ctx context.Context, client *http.Client, src listSource, root, base string) (dir string, n int64, err error) {
	dir = filepath.Join(root, src.ID)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", 0, err
	}
	tmp, err := os.MkdirTemp(root, "."+src.ID+"-download-")
	if err != nil {
		return "", 0, err
	}
	defer os.RemoveAll(tmp)
	for _, f := range src.Files {
		u := f.URL
		if base != "" {
			u = strings.TrimSuffix(base, "/") + "/" + src.ID + "/" + f.Name
		}
		k, err := downloadFile(ctx, client, u, filepath.Join(tmp, f.Name))
		n += k
		if err != nil {
			return "", n, err
		}
	}
	for _, f := range src.Files {
		if err := os.Rename(filepath.Join(tmp, f.Name), filepath.Join(dir, f.Name)); err != nil {
			return "", n, err
		}
	}
	return dir, n, nil
}

// downloadFile fetches u into path, checking the status, the content type
// and the size.
func downloadFile(ctx context.Context, client *http.Client, u, path string) (int64, error) {
	ctx, cancel := context.WithTimeout(ctx, listFileTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, tripline.Errorf(tripline.KindInvalid, "bad URL %s: %v", u, err)
	}
	req.Header.Set("User-Agent", "tripline-lists-update/1 (+https://github.com/tripline/tripline)")
	resp, err := client.Do(req)
	if err != nil {
		return 0, &tripline.Error{Kind: tripline.KindUnavailable, Msg: "cannot download " + u, Err: unwrapURLError(err)}
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, tripline.Errorf(tripline.KindUnavailable, "cannot download %s: the server answered %s", u, resp.Status)
	}
	if ct := resp.Header.Get("Content-Type"); strings.HasPrefix(ct, "text/html") {
		return 0, tripline.Errorf(tripline.KindUnavailable, "cannot download %s: the server sent a web page (%s), not the list; the address may have moved", u, ct)
	}
	if resp.ContentLength > maxListBytes {
		return 0, tripline.Errorf(tripline.KindTooLarge, "%s is %d bytes, over the %d-byte limit", u, resp.ContentLength, int64(maxListBytes))
	}
	out, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(out, io.LimitReader(resp.Body, maxListBytes+1))
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	switch {
	case err != nil:
		return n, &tripline.Error{Kind: tripline.KindUnavailable, Msg: fmt.Sprintf("download of %s broke off after %d bytes", u, n), Err: unwrapURLError(err)}
	case n > maxListBytes:
		return n, tripline.Errorf(tripline.KindTooLarge, "%s is over the %d-byte limit", u, int64(maxListBytes))
	case resp.ContentLength >= 0 && n != resp.ContentLength:
		return n, tripline.Errorf(tripline.KindUnavailable, "download of %s is incomplete: %d of %d bytes", u, n, resp.ContentLength)
	case n == 0:
		return n, tripline.Errorf(tripline.KindUnavailable, "%s is empty", u)
	}
	return n, nil
}

func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
