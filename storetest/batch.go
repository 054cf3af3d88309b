package storetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/tripline/tripline"
)

// RunBatch runs the batch-job tests (shards, leases, takeover, results
// written exactly once); open must return a new, empty store and arrange
// for it to be closed.
func RunBatch(t *testing.T, open func(t *testing.T) tripline.BatchStore) {
	t.Run("BatchLifecycle", func(t *testing.T) { testBatchLifecycle(t, open(t)) })
	t.Run("BatchTakeoverWritesOnce", func(t *testing.T) { testBatchTakeover(t, open(t)) })
	t.Run("BatchConcurrentCompletes", func(t *testing.T) { testBatchConcurrent(t, open(t)) })
	t.Run("BatchEnqueueFailureStoresNothing", func(t *testing.T) { testBatchEnqueueFails(t, open(t)) })
	t.Run("BatchCancelFailDelete", func(t *testing.T) { testBatchCancel(t, open(t)) })
	t.Run("BatchList", func(t *testing.T) { testBatchList(t, open(t)) })
}

// recorder is a BatchEnqueue that records what it was given.
type recorder struct {
	mu   sync.Mutex
	refs []tripline.BatchShardRef
	err  error
}

func (r *recorder) enqueue(_ context.Context, tx any, refs []tripline.BatchShardRef) error {
	if tx == nil {
		return errors.New("enqueue called without a transaction")
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.err != nil {
		return r.err
	}
	r.refs = append(r.refs, refs...)
	return nil
}

// newBatch creates a job with shards of the given sizes, its input closed.
func newBatch(t *testing.T, s tripline.BatchStore, rec *recorder, sizes ...int) tripline.BatchJob {
	t.Helper()
	ctx := context.Background()
	j, err := s.CreateBatch(ctx, tripline.BatchJob{Kind: "screen", Input: "parties.csv", CreatedBy: Actor, Options: tripline.ScreenOptions{Threshold: 0.9, Sources: []string{"src"}}})
	if err != nil {
		t.Fatalf("CreateBatch: %v", err)
	}
	first := int64(0)
	for i, n := range sizes {
		sh := tripline.BatchShard{Shard: i, FirstRow: first, Rows: n, Input: []byte(fmt.Sprintf("input of shard %d \x00\xff", i))}
		if err := s.AddBatchShards(ctx, j.ID, []tripline.BatchShard{sh}, rec.enqueue); err != nil {
			t.Fatalf("AddBatchShards: %v", err)
		}
		first += int64(n)
	}
	j, err = s.CloseBatchInput(ctx, j.ID, first, 1, "")
	if err != nil {
		t.Fatalf("CloseBatchInput: %v", err)
	}
	return j
}

// results returns n result lines for a shard starting at first.
func results(first int64, n int, tag string) []tripline.BatchResult {
	out := make([]tripline.BatchResult, n)
	for i := range out {
		out[i] = tripline.BatchResult{Row: first + int64(i), Line: []byte(fmt.Sprintf(`{"id":"r%d","by":%q,"text":"Şahid همت \u0000"}`, first+int64(i), tag))}
	}
	return out
}

// stored returns the job's results as row → line, failing on a row seen
// twice or out of order.
func stored(t *testing.T, s tripline.BatchStore, job int64) map[int64]string {
	t.Helper()
	out := map[int64]string{}
	last := int64(-1)
	err := s.EachBatchResult(context.Background(), job, func(row int64, line []byte) error {
		if row <= last {
			return fmt.Errorf("row %d after row %d", row, last)
		}
		last = row
		out[row] = string(bytes.Clone(line))
		return nil
	})
	if err != nil {
		t.Fatalf("EachBatchResult: %v", err)
	}
	return out
}

func testBatchLifecycle(t *testing.T, s tripline.BatchStore) {
	ctx := context.Background()
	j0, err := s.CreateBatch(ctx, tripline.BatchJob{Kind: "screen", Input: "parties.csv", CreatedBy: Actor})
	if err != nil || j0.ID <= 0 || j0.State != tripline.BatchReceiving {
		t.Fatalf("CreateBatch = %+v, %v; want an id, receiving", j0, err)
	}
	got, err := s.BatchJob(ctx, j0.ID)
	if err != nil || got.State != tripline.BatchReceiving || got.Input != "parties.csv" || got.CreatedBy != Actor || got.CreatedAt.IsZero() {
		t.Errorf("BatchJob(receiving) = %+v, %v", got, err)
	}
	rec := &recorder{}
	j := newBatch(t, s, rec, 3, 2)
	if j.State != tripline.BatchQueued || j.ShardsTotal != 2 || j.ShardsDone != 0 || j.RowsTotal != 5 || j.BadRows != 1 || j.StartedAt != nil {
		t.Fatalf("after CloseBatchInput: %+v; want queued, 2 shards, 5 rows, 1 bad", j)
	}
	if j.Options.Threshold != 0.9 || len(j.Options.Sources) != 1 || j.Options.Sources[0] != "src" {
		t.Errorf("options = %+v", j.Options)
	}
	if len(rec.refs) != 2 || rec.refs[0] != (tripline.BatchShardRef{Job: j.ID, Shard: 0}) || rec.refs[1] != (tripline.BatchShardRef{Job: j.ID, Shard: 1}) {
		t.Errorf("enqueued %+v; want shards 0 and 1 of job %d", rec.refs, j.ID)
	}
	ref0, ref1 := rec.refs[0], rec.refs[1]
	sh, opt, ok, err := s.ClaimBatchShard(ctx, ref0, "a", time.Minute)
	if err != nil || !ok || sh.FirstRow != 0 || sh.Rows != 3 || sh.Attempt != 1 || string(sh.Input) != "input of shard 0 \x00\xff" || opt.Threshold != 0.9 {
		t.Fatalf("ClaimBatchShard = %+v, %+v, %v, %v", sh, opt, ok, err)
	}
	if _, _, ok, err := s.ClaimBatchShard(ctx, ref0, "b", time.Minute); ok || err != nil {
		t.Errorf("a second owner claimed a leased shard: %v, %v", ok, err)
	}
	if held, err := s.RenewBatchShard(ctx, ref0, "a", time.Minute); !held || err != nil {
		t.Errorf("RenewBatchShard(owner) = %v, %v", held, err)
	}
	if held, err := s.RenewBatchShard(ctx, ref0, "b", time.Minute); held || err != nil {
		t.Errorf("RenewBatchShard(not the owner) = %v, %v", held, err)
	}
	if j, _ := s.BatchJob(ctx, j.ID); j.State != tripline.BatchRunning || j.StartedAt == nil {
		t.Errorf("after a claim: %+v; want running with a start", j)
	}
	if done, err := s.CompleteBatchShard(ctx, ref0, results(0, 3, "a")); !done || err != nil {
		t.Fatalf("CompleteBatchShard = %v, %v", done, err)
	}
	if done, err := s.CompleteBatchShard(ctx, ref0, results(0, 3, "again")); done || err != nil {
		t.Errorf("CompleteBatchShard of a done shard = %v, %v; want false", done, err)
	}
	if _, _, ok, _ := s.ClaimBatchShard(ctx, ref0, "a", time.Minute); ok {
		t.Error("a done shard was claimed again")
	}
	j, _ = s.BatchJob(ctx, j.ID)
	if j.State != tripline.BatchRunning || j.ShardsDone != 1 || j.RowsDone != 3 {
		t.Errorf("after one shard: %+v", j)
	}
	if _, _, ok, err := s.ClaimBatchShard(ctx, ref1, "b", time.Minute); !ok || err != nil {
		t.Fatalf("claim shard 1: %v, %v", ok, err)
	}
	if done, err := s.CompleteBatchShard(ctx, ref1, results(3, 2, "b")); !done || err != nil {
		t.Fatalf("complete shard 1: %v, %v", done, err)
	}
	j, _ = s.BatchJob(ctx, j.ID)
	if j.State != tripline.BatchCompleted || j.ShardsDone != 2 || j.RowsDone != 5 || j.FinishedAt == nil || j.StartedAt == nil || j.FinishedAt.Before(*j.StartedAt) {
		t.Errorf("after every shard: %+v; want completed", j)
	}
	res := stored(t, s, j.ID)
	want := map[int64]string{}
	for _, r := range append(results(0, 3, "a"), results(3, 2, "b")...) {
		want[r.Row] = string(r.Line)
	}
	if fmt.Sprint(res) != fmt.Sprint(want) {
		t.Errorf("results = %v, want %v", res, want)
	}
	if _, err := s.BatchJob(ctx, 987654); tripline.ErrorKind(err) != tripline.KindNotFound {
		t.Errorf("BatchJob(unknown) = %v, want NotFound", err)
	}
	if err := s.AddBatchShards(ctx, 987654, []tripline.BatchShard{{Rows: 1, Input: []byte("x")}}, rec.enqueue); tripline.ErrorKind(err) != tripline.KindNotFound {
		t.Errorf("AddBatchShards(unknown job) = %v, want NotFound", err)
	}
}

func testBatchTakeover(t *testing.T, s tripline.BatchStore) {
	ctx := context.Background()
	rec := &recorder{}
	j := newBatch(t, s, rec, 4)
	ref := rec.refs[0]
	// Worker a takes the shard and dies: its lease has run out.
	if _, _, ok, err := s.ClaimBatchShard(ctx, ref, "a", -time.Second); !ok || err != nil {
		t.Fatalf("claim: %v, %v", ok, err)
	}
	again := &recorder{}
	n, err := s.ReclaimBatchShards(ctx, again.enqueue)
	if err != nil || n != 1 || len(again.refs) != 1 || again.refs[0] != (tripline.BatchShardRef{Job: j.ID, Shard: 0, Generation: 1}) {
		t.Fatalf("ReclaimBatchShards = %d, %v, enqueued %+v; want shard 0 generation 1", n, err, again.refs)
	}
	if n, err := s.ReclaimBatchShards(ctx, again.enqueue); n != 0 || err != nil {
		t.Errorf("second ReclaimBatchShards = %d, %v; want none", n, err)
	}
	sh, _, ok, err := s.ClaimBatchShard(ctx, again.refs[0], "b", time.Minute)
	if !ok || err != nil || sh.Attempt != 2 {
		t.Fatalf("claim after takeover = %+v, %v, %v; want attempt 2", sh, ok, err)
	}
	// Both finish: b first, then a (which was only slow): one write.
	if done, err := s.CompleteBatchShard(ctx, ref, results(0, 4, "b")); !done || err != nil {
		t.Fatalf("complete (b) = %v, %v", done, err)
	}
	if done, err := s.CompleteBatchShard(ctx, ref, results(0, 4, "a")); done || err != nil {
		t.Errorf("complete (a, late) = %v, %v; want nothing written", done, err)
	}
	res := stored(t, s, j.ID)
	if len(res) != 4 {
		t.Fatalf("%d results, want 4: %v", len(res), res)
	}
	for row, line := range res {
		if !bytes.Contains([]byte(line), []byte(`"by":"b"`)) {
			t.Errorf("row %d = %s; want b's result", row, line)
		}
	}
	j, _ = s.BatchJob(ctx, j.ID)
	if j.State != tripline.BatchCompleted || j.Takeovers != 1 {
		t.Errorf("job = %+v; want completed with one takeover", j)
	}
	// A failed enqueue leaves the shard to be taken back later.
	rec2 := &recorder{}
	j2 := newBatch(t, s, rec2, 1)
	if _, _, ok, _ := s.ClaimBatchShard(ctx, rec2.refs[0], "a", -time.Second); !ok {
		t.Fatal("claim of job 2")
	}
	bad := &recorder{err: errors.New("queue down")}
	if n, err := s.ReclaimBatchShards(ctx, bad.enqueue); err == nil || n != 0 {
		t.Errorf("ReclaimBatchShards with a failing enqueue = %d, %v; want the error", n, err)
	}
	if n, err := s.ReclaimBatchShards(ctx, again.enqueue); n != 1 || err != nil {
		t.Errorf("ReclaimBatchShards after the failure = %d, %v; want the shard", n, err)
	}
	if j2, _ = s.BatchJob(ctx, j2.ID); j2.Takeovers != 1 {
		t.Errorf("job 2 takeovers = %d, want 1", j2.Takeovers)
	}
}

func testBatchConcurrent(t *testing.T, s tripline.BatchStore) {
	ctx := context.Background()
	rec := &recorder{}
	j := newBatch(t, s, rec, 50)
	ref := rec.refs[0]
	const workers = 6
	var wg sync.WaitGroup
	var mu sync.Mutex
	wrote := 0
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			done, err := s.CompleteBatchShard(ctx, ref, results(0, 50, fmt.Sprint("w", w)))
			if err != nil {
				t.Errorf("worker %d: %v", w, err)
			}
			if done {
				mu.Lock()
				wrote++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if wrote != 1 {
		t.Errorf("%d workers stored the shard, want exactly 1", wrote)
	}
	if res := stored(t, s, j.ID); len(res) != 50 {
		t.Errorf("%d results, want 50", len(res))
	}
}

func testBatchEnqueueFails(t *testing.T, s tripline.BatchStore) {
	ctx := context.Background()
	j, err := s.CreateBatch(ctx, tripline.BatchJob{Kind: "screen", Input: "x.csv"})
	if err != nil {
		t.Fatal(err)
	}
	bad := &recorder{err: errors.New("queue down")}
	if err := s.AddBatchShards(ctx, j.ID, []tripline.BatchShard{{Shard: 0, Rows: 2, Input: []byte("x")}}, bad.enqueue); err == nil {
		t.Fatal("AddBatchShards with a failing enqueue succeeded")
	}
	if j, _ = s.BatchJob(ctx, j.ID); j.ShardsTotal != 0 || j.RowsTotal != 0 {
		t.Errorf("after a failed AddBatchShards: %+v; want no shard stored", j)
	}
	j, err = s.CloseBatchInput(ctx, j.ID, 0, 0, "the input could not be stored: disk full")
	if err != nil || j.State != tripline.BatchFailed || j.Error != "the input could not be stored: disk full" {
		t.Errorf("CloseBatchInput(error) = %+v, %v; want failed with the error", j, err)
	}
}

func testBatchCancel(t *testing.T, s tripline.BatchStore) {
	ctx := context.Background()
	rec := &recorder{}
	j := newBatch(t, s, rec, 2, 2)
	if err := s.DeleteBatch(ctx, j.ID); tripline.ErrorKind(err) != tripline.KindConflict {
		t.Errorf("DeleteBatch(unfinished) = %v, want Conflict", err)
	}
	c, err := s.CancelBatch(ctx, j.ID, "")
	if err != nil || c.State != tripline.BatchCancelled || c.FinishedAt == nil || c.Error == "" {
		t.Fatalf("CancelBatch = %+v, %v; want cancelled", c, err)
	}
	if _, _, ok, err := s.ClaimBatchShard(ctx, rec.refs[0], "a", time.Minute); ok || err != nil {
		t.Errorf("claim in a cancelled job = %v, %v; want refused", ok, err)
	}
	if err := s.AddBatchShards(ctx, j.ID, []tripline.BatchShard{{Shard: 9, Rows: 1, Input: []byte("x")}}, rec.enqueue); tripline.ErrorKind(err) != tripline.KindConflict {
		t.Errorf("AddBatchShards to a cancelled job = %v, want Conflict", err)
	}
	if again, err := s.CancelBatch(ctx, j.ID, "twice"); err != nil || again.State != tripline.BatchCancelled || again.Error != c.Error {
		t.Errorf("second CancelBatch = %+v, %v; want unchanged", again, err)
	}
	if err := s.DeleteBatch(ctx, j.ID); err != nil {
		t.Fatalf("DeleteBatch: %v", err)
	}
	if _, err := s.BatchJob(ctx, j.ID); tripline.ErrorKind(err) != tripline.KindNotFound {
		t.Errorf("BatchJob after delete = %v, want NotFound", err)
	}
	if done, err := s.CompleteBatchShard(ctx, rec.refs[1], results(2, 2, "late")); done || err != nil {
		t.Errorf("CompleteBatchShard of a deleted job = %v, %v; want nothing", done, err)
	}

	// A shard that fails for good fails its job, with the reason.
	rec2 := &recorder{}
	f := newBatch(t, s, rec2, 1, 1)
	if _, _, ok, _ := s.ClaimBatchShard(ctx, rec2.refs[1], "a", time.Minute); !ok {
		t.Fatal("claim")
	}
	if err := s.FailBatchShard(ctx, rec2.refs[1], "shard 1 (rows 2-2): the index is broken"); err != nil {
		t.Fatal(err)
	}
	if f, _ = s.BatchJob(ctx, f.ID); f.State != tripline.BatchFailed || f.Error != "shard 1 (rows 2-2): the index is broken" {
		t.Errorf("after FailBatchShard: %+v; want failed with the shard's error", f)
	}
	if _, _, ok, _ := s.ClaimBatchShard(ctx, rec2.refs[1], "b", time.Minute); ok {
		t.Error("a failed shard was claimed")
	}
}

func testBatchList(t *testing.T, s tripline.BatchStore) {
	ctx := context.Background()
	var made []int64
	for range 3 {
		made = append(made, newBatch(t, s, &recorder{}, 1).ID)
	}
	all, err := s.BatchJobs(ctx, tripline.BatchFilter{})
	if err != nil || len(all) != 3 || all[0].ID != made[2] || all[2].ID != made[0] || all[0].ShardsTotal != 1 {
		t.Fatalf("BatchJobs = %+v, %v; want 3, newest first", all, err)
	}
	page, err := s.BatchJobs(ctx, tripline.BatchFilter{Limit: 1, BeforeID: made[2]})
	if err != nil || len(page) != 1 || page[0].ID != made[1] {
		t.Errorf("BatchJobs(limit 1, before %d) = %+v, %v", made[2], page, err)
	}
}

// AlertCounter counts alerts by book and status (for metrics).
type AlertCounter interface {
	MonitorStore
	AlertCounts(ctx context.Context) ([]tripline.AlertCount, error)
}

// RunAlertCounts checks AlertCounts against alerts raised by a screening
// batch.
func RunAlertCounts(t *testing.T, open func(t *testing.T) AlertCounter) {
	t.Run("AlertCounts", func(t *testing.T) {
		s := open(t)
		ctx := context.Background()
		if cs, err := s.AlertCounts(ctx); err != nil || len(cs) != 0 {
			t.Fatalf("AlertCounts on an empty store = %v, %v; want none", cs, err)
		}
		mustApply(t, s, tripline.BookChange{Book: "b", Upsert: []tripline.BookParty{party("p1", "ALPHA"), party("p2", "BETA")}})
		p := startPass(t, s, "b", "snapshot:src:1:2")
		mustScreen(t, s, tripline.ScreeningBatch{Book: "b", PassKey: p.Key, Raise: []tripline.Alert{alert("p1", "src:1", "new_match"), alert("p2", "src:2", "new_match")}})
		cs, err := s.AlertCounts(ctx)
		if err != nil || len(cs) != 1 || cs[0].Book != "b" || cs[0].Status != "open" || cs[0].N != 2 {
			t.Errorf("AlertCounts = %+v, %v; want 2 open alerts of book b", cs, err)
		}
	})
}
