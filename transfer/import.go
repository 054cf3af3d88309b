package transfer

import (
	"context"

	"github.com/tripline/tripline"
)

// Import writes a register edition (linked to the catalogue beforehand)
// as a new snapshot of its source and, when it is one, tells the
// observers (the watch evaluator fires the country-pair, system and
// producer watches its new rows concern). created is false for an edition
// whose content the current snapshot already has: then no observer is
// called. The observers' failures are in the report; they never undo the
// import.
func Import(ctx context.Context, st tripline.TransferStore, ts *tripline.TransferSet, obs ...tripline.FactObserver) (snap tripline.TransferSnapshot, created bool, rep tripline.FactReport, err error) {
	snap, created, err = st.ImportTransfers(ctx, ts)
	if err != nil || !created {
		return snap, created, rep, err
	}
	return snap, created, tripline.ObserveFacts(ctx, obs, tripline.FactsTransfers), nil
}
