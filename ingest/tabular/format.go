package tabular

import (
	"bufio"
	"bytes"
	"io"
	"path/filepath"
	"strings"

	"github.com/tripline/tripline"
)

// Format is how a user's file is written.
type Format string

// The formats. FormatAuto means: from the file name, else from the first
// bytes (DetectFormat).
const (
	FormatAuto  Format = ""
	FormatCSV   Format = "csv"
	FormatJSONL Format = "jsonl"
)

// ParseFormat parses a --format value: csv, jsonl (json, ndjson), or ""
// for detection.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return FormatAuto, nil
	case "csv":
		return FormatCSV, nil
	case "jsonl", "json", "ndjson":
		return FormatJSONL, nil
	}
	return "", tripline.Errorf(tripline.KindInvalid, "unknown format %q (want csv or jsonl)", s)
}

// DetectFormat returns f unless it is FormatAuto; else the format a file
// name ends in (.csv; .jsonl, .ndjson, .json), else JSON lines when the
// first byte that is not blank (after a byte order mark) is "{", else CSV.
func DetectFormat(f Format, name string, head []byte) Format {
	if f != FormatAuto {
		return f
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv":
		return FormatCSV
	case ".jsonl", ".ndjson", ".json":
		return FormatJSONL
	}
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	if t := bytes.TrimLeft(head, " \t\r\n"); len(t) > 0 && t[0] == '{' {
		return FormatJSONL
	}
	return FormatCSV
}

// detect peeks at the start of r for DetectFormat and returns a reader
// that still yields every byte.
func detect(r io.Reader, f Format, name string) (Format, *bufio.Reader) {
	br := bufio.NewReaderSize(r, 64<<10)
	if f != FormatAuto {
		return f, br
	}
	head, _ := br.Peek(4096)
	return DetectFormat(f, name, head), br
}
