package store

import (
	"context"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
)

// ListenerName is the application_name of the change-feed connection, so
// that operators (and tests) can find it in pg_stat_activity.
const ListenerName = "landcat-listen"

// Listen follows the change feed on PostgreSQL: it LISTENs on NotifyChannel
// and calls changed after every notification and after every (re)connect —
// a reconnect may have missed notifications, so the caller catches up from
// the revision it has. Lost connections are retried with exponential
// backoff (0.1 s doubling to 10 s). Listen returns when ctx ends. On SQLite
// it returns at once: one process applies its own writes.
func (s *Store) Listen(ctx context.Context, log *slog.Logger, changed func()) {
	if s.dialect.name != "postgres" {
		return
	}
	backoff := 100 * time.Millisecond
	for ctx.Err() == nil {
		err := s.listenOnce(ctx, changed, func() { backoff = 100 * time.Millisecond })
		if ctx.Err() != nil {
			return
		}
		log.Warn("change feed lost; reconnecting", "err", err, "retry_in", backoff)
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(2*backoff, 10*time.Second)
	}
}

func (s *Store) listenOnce(ctx context.Context, changed func(), connected func()) error {
	cfg, err := pgx.ParseConfig(s.url)
	if err != nil {
		return err
	}
	cfg.RuntimeParams["application_name"] = ListenerName
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "LISTEN "+NotifyChannel); err != nil {
		return err
	}
	connected()
	changed()
	for {
		if _, err := conn.WaitForNotification(ctx); err != nil {
			return err
		}
		changed()
	}
}
