package readmodel

import (
	"context"
	"log/slog"
	"time"
)

// Listener delivers change notifications until ctx ends, calling changed
// for each (store.Store.Listen: PostgreSQL's LISTEN/NOTIFY). It reconnects
// by itself; notifications may be lost, and Follow does not rely on them.
type Listener func(ctx context.Context, changed func())

// Follow keeps the model up to date with writes made by other processes
// until ctx ends: at once on every notification of listen (nil: none, as
// with SQLite) and every interval whatever happens, as a safety net for
// notifications missed while the feed was down (on SQLite it only rolls
// computed terms over at midnight). Notifications coalesce: a burst of
// commits costs one catch-up read, and the builder folds it into the
// writes of this process. Failures are logged and retried at the next
// notification or interval; readers keep the last snapshot meanwhile.
func (m *Model) Follow(ctx context.Context, listen Listener, every time.Duration, log *slog.Logger) {
	if every <= 0 {
		every = 5 * time.Second
	}
	kick := make(chan struct{}, 1)
	if listen != nil {
		go listen(ctx, func() {
			select {
			case kick <- struct{}{}:
			default:
			}
		})
	}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-kick:
		}
		if err := m.CatchUp(ctx); err != nil && ctx.Err() == nil && log != nil {
			log.Warn("catch-up failed; serving the last snapshot", "revision", m.Snapshot().Revision, "err", err)
		}
	}
}
