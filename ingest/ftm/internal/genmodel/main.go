// Command genmodel writes ingest/ftm/model.json, the facts of the
// FollowTheMoney model that the FtM writer and reader need, from the
// defaultModel.json of the @alephdata/followthemoney npm package (which
// scripts/test installs outside the repository):
//
//	go run ./ingest/ftm/internal/genmodel ~/.cache/tripline-ftm/node_modules/@alephdata/followthemoney > ingest/ftm/model.json
//
// TestModelIsTheReference keeps the file equal to what this writes.
package main

import (
	"fmt"
	"os"

	"github.com/tripline/tripline/ingest/ftm/internal/ftmmodel"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: genmodel PACKAGE_DIR (…/node_modules/"+ftmmodel.Package+")")
		os.Exit(2)
	}
	out, err := ftmmodel.Extract(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "genmodel:", err)
		os.Exit(1)
	}
	os.Stdout.Write(out)
}
