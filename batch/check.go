package batch

import (
	"context"
	"encoding/json"
	"errors"
	"io"

	"github.com/tripline/tripline"
	"github.com/tripline/tripline/ingest/tabular"
	"github.com/tripline/tripline/jobs"
)

// KindCheck is the batch job kind that checks orders, as "tripline check"
// does, with the stored book of orders: each shard's orders are decided
// with the stored history and then stored with their decisions and the
// alerts of the history rules (unless the job was submitted with
// NoStore). Its result lines are the decisions as "tripline check" prints
// them, or {"id", "error"} for an order that cannot be checked.
//
// A shard worked twice (its worker died after storing its orders and
// before marking it done, or was taken over) stores nothing twice: the
// book of orders keeps one record per order id, an order checked again
// takes its old place and so sees what it saw the first time, and an
// alert whose evidence is unchanged is left as it is.
const KindCheck = "check"

// Checker decides orders (decide.Checker with the stored book of orders
// as its History's Book).
type Checker interface {
	CheckAll(ctx context.Context, txs []*tripline.Transaction) ([]*tripline.Decision, error)
	Check(ctx context.Context, tx *tripline.Transaction) (*tripline.Decision, error)
}

// SetChecker enables check jobs' shards in this worker; call it before
// the queue starts. Without it a check shard fails.
func (w *Worker) SetChecker(c Checker) { w.checker = c }

// orderRow is one input order as stored in a check shard: the order, or
// why it cannot be checked (T then holds its id at least).
type orderRow struct {
	T       *tripline.Transaction `json:"t"`
	E       string                `json:"e,omitempty"`
	NoStore bool                  `json:"ns,omitempty"`
}

// checkLine is the result line of an order that cannot be checked.
type checkLine struct {
	ID    string `json:"id"`
	Error string `json:"error"`
}

// permanentError: the shard fails for good (no retry).
type permanentError struct{ error }

func submitChecks(ctx context.Context, st tripline.BatchStore, q *jobs.Queue, sub Submission, name string, cfg Config) (tripline.BatchJob, error) {
	if len(sub.Options.Sources) > 0 || sub.Options.Threshold != 0 || sub.Options.Limit != 0 {
		return tripline.BatchJob{}, tripline.Errorf(tripline.KindInvalid, "a check job screens with the server's settings: sources, threshold and limit are for screen jobs")
	}
	or, err := tabular.NewOrderReader(sub.Input, name, sub.Format)
	if err != nil {
		return tripline.BatchJob{}, err
	}
	return submitRows(ctx, st, q, sub, name, KindCheck, cfg, func() (orderRow, bool, error) {
		tx, err := or.Next()
		if tx == nil {
			tx = &tripline.Transaction{}
		}
		if err != nil && !errors.Is(err, io.EOF) && tabular.IsRowError(err) {
			return orderRow{T: &tripline.Transaction{ID: tx.ID}, E: err.Error(), NoStore: sub.NoStore}, true, nil
		}
		return orderRow{T: tx, NoStore: sub.NoStore}, false, err
	})
}

// checkShard decides and (unless the job says not to) stores a check
// shard's orders and returns their result lines.
func (w *Worker) checkShard(ctx context.Context, sh tripline.BatchShard) ([]tripline.BatchResult, error) {
	if w.checker == nil {
		return nil, permanentError{tripline.Errorf(tripline.KindNotFound, "order checks are not enabled on the server that took this shard")}
	}
	rows, err := decodeShard[orderRow](sh.Input, sh.Rows)
	if err != nil {
		return nil, permanentError{&tripline.Error{Op: "batch", Kind: tripline.KindInternal, Msg: "the stored shard cannot be read", Err: err}}
	}
	var txs []*tripline.Transaction
	var at []int
	for i, r := range rows {
		if r.E == "" {
			txs, at = append(txs, r.T), append(at, i)
		}
		if r.NoStore {
			ctx = tripline.WithoutOrderStore(ctx)
		}
	}
	decided := make([]*tripline.Decision, len(rows))
	errs := make([]string, len(rows))
	if len(txs) > 0 {
		ds, err := w.checker.CheckAll(ctx, txs)
		switch k := tripline.ErrorKind(err); {
		case err == nil:
			for j, d := range ds {
				decided[at[j]] = d
			}
		case k != tripline.KindInvalid && k != tripline.KindTooLarge:
			return nil, err
		default:
			// An order the checker refuses (too many parties or items)
			// fails alone: the others are checked one by one.
			for _, i := range at {
				d, err := w.checker.Check(ctx, rows[i].T)
				if k := tripline.ErrorKind(err); err != nil && k != tripline.KindInvalid && k != tripline.KindTooLarge {
					return nil, err
				}
				if err != nil {
					errs[i] = tripline.ErrorMessage(err)
				}
				decided[i] = d
			}
		}
	}
	out := make([]tripline.BatchResult, len(rows))
	for i, r := range rows {
		var b []byte
		switch {
		case r.E != "":
			b, err = json.Marshal(checkLine{ID: r.T.ID, Error: r.E})
		case errs[i] != "":
			b, err = json.Marshal(checkLine{ID: r.T.ID, Error: errs[i]})
		default:
			b, err = json.Marshal(decided[i])
		}
		if err != nil {
			return nil, permanentError{&tripline.Error{Op: "batch", Kind: tripline.KindInternal, Msg: "cannot encode a result", Err: err}}
		}
		out[i] = tripline.BatchResult{Row: sh.FirstRow + int64(i), Line: b}
	}
	return out, nil
}
