package store

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// DemandLog records match requests in the background, in batches: a match
// must not wait for a disk flush, and the records are statistics, not
// acknowledged writes. Close flushes what is pending.
type DemandLog struct {
	st   *Store
	log  *slog.Logger
	in   chan demandRow
	done chan struct{}
	once sync.Once
}

type demandRow struct {
	At     time.Time
	Sector string
	Record string
}

// NewDemandLog starts the background writer.
func (s *Store) NewDemandLog(log *slog.Logger) *DemandLog {
	d := &DemandLog{st: s, log: log, in: make(chan demandRow, 4096), done: make(chan struct{})}
	go d.run()
	return d
}

// Add queues one record (JSON); when the queue is full it is dropped and
// logged rather than slowing the matcher down.
func (d *DemandLog) Add(at time.Time, sector string, record []byte) {
	select {
	case d.in <- demandRow{At: at.UTC(), Sector: sector, Record: string(record)}:
	default:
		d.log.Warn("demand log full; a match request was not recorded")
	}
}

// Close writes what is queued and stops the writer.
func (d *DemandLog) Close() {
	d.once.Do(func() { close(d.in) })
	<-d.done
}

func (d *DemandLog) run() {
	defer close(d.done)
	var batch []demandRow
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	flush := func() {
		if len(batch) == 0 {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		err := d.st.db.WithContext(ctx).Table("match_requests").CreateInBatches(batch, batchSize).Error
		cancel()
		if err != nil {
			d.log.Error("demand records lost", "count", len(batch), "err", err)
		}
		batch = batch[:0]
	}
	for {
		select {
		case r, ok := <-d.in:
			if !ok {
				flush()
				return
			}
			batch = append(batch, r)
			if len(batch) >= batchSize {
				flush()
			}
		case <-tick.C:
			flush()
		}
	}
}

// Records returns the stored records with from <= at < to (zero: open).
func (d *DemandLog) Records(ctx context.Context, from, to time.Time) ([][]byte, error) {
	q := d.st.db.WithContext(ctx).Table("match_requests").Order("at")
	if !from.IsZero() {
		q = q.Where(d.st.dialect.timeCmp("at", ">="), d.st.dialect.timeArg(from))
	}
	if !to.IsZero() {
		q = q.Where(d.st.dialect.timeCmp("at", "<"), d.st.dialect.timeArg(to))
	}
	var recs []string
	if err := q.Pluck("record", &recs).Error; err != nil {
		return nil, mapErr(err)
	}
	out := make([][]byte, len(recs))
	for i, r := range recs {
		out[i] = []byte(r)
	}
	return out, nil
}
