package graph

import (
	"context"

	"github.com/tripline/tripline"
)

// Import writes the user's network records (replacing or merging, as
// mode says) and tells the observers (the watch evaluator fires the
// company watches whose risk, flag or paths the records moved). The
// observers' failures are in the report; they never undo the import.
func Import(ctx context.Context, ns tripline.NetworkStore, recs *tripline.NetworkRecords, mode tripline.NetworkMode, obs ...tripline.FactObserver) (tripline.NetworkState, tripline.FactReport, error) {
	st, err := ns.ImportNetwork(ctx, recs, mode)
	if err != nil {
		return st, tripline.FactReport{}, err
	}
	return st, tripline.ObserveFacts(ctx, obs, tripline.FactsNetwork), nil
}
