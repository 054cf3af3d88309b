// Command gen rebuilds the goods catalogue data files in goods/data from
// ../shared/data/dualuse; `go generate ./goods` runs it:
//
//	go run ./internal/gen -shared ../../shared/data/dualuse -out data
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/tripline/tripline/goods/gen"
)

func main() {
	shared := flag.String("shared", filepath.Join("..", "..", "shared", "data", "dualuse"), "the dualuse data directory")
	out := flag.String("out", "data", "the output directory")
	flag.Parse()
	if err := gen.Run(*shared, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
