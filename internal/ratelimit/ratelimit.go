// Package ratelimit limits how often each client may do something, with
// the generic cell rate algorithm (GCRA): per key it keeps one time, the
// "theoretical arrival time" of the next request, which makes it a token
// bucket that refills continuously and costs one map entry per active
// client. Memory is bounded: keys whose bucket is full again are forgotten,
// and past a maximum the oldest half is dropped (a forgotten client starts
// with a full bucket, so the bound can only make the limiter more lenient,
// never block someone wrongly).
package ratelimit

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Rate is a sustained rate and a burst: one request every Every on
// average, up to Burst at once after a quiet spell.
type Rate struct {
	Every time.Duration
	Burst int
}

// Zero reports whether r allows nothing to be limited (a zero Rate means
// "no limit").
func (r Rate) Zero() bool { return r.Every <= 0 || r.Burst <= 0 }

// Scale returns r with n times the budget: n times the rate and the burst.
func (r Rate) Scale(n int) Rate {
	if n <= 1 || r.Zero() {
		return r
	}
	return Rate{Every: r.Every / time.Duration(n), Burst: r.Burst * n}
}

// String writes r the way ParseRate reads it, e.g. "60/min:20".
func (r Rate) String() string {
	if r.Zero() {
		return "off"
	}
	per := time.Minute
	if r.Every < time.Second {
		per = time.Second
	}
	return strconv.FormatFloat(float64(per)/float64(r.Every), 'f', -1, 64) + "/" + unitName[per] + ":" + strconv.Itoa(r.Burst)
}

var unitName = map[time.Duration]string{time.Second: "s", time.Minute: "min", time.Hour: "h"}

// ParseRate reads "N/unit[:burst]" with unit s, min or h, e.g. "60/min:20"
// (60 a minute, 20 at once). Without a burst, the burst is N.
func ParseRate(s string) (Rate, error) {
	spec, burstText, hasBurst := strings.Cut(strings.TrimSpace(s), ":")
	countText, unitText, ok := strings.Cut(spec, "/")
	var per time.Duration
	for d, name := range unitName {
		if unitText == name {
			per = d
		}
	}
	n, err := strconv.ParseFloat(countText, 64)
	if !ok || per == 0 || err != nil || n <= 0 || n > 1e6 {
		return Rate{}, fmt.Errorf("%q is not a rate: write N/s, N/min or N/h with N > 0, optionally :BURST (e.g. 60/min:20)", s)
	}
	r := Rate{Every: time.Duration(float64(per) / n), Burst: max(1, int(n))}
	if hasBurst {
		b, err := strconv.Atoi(burstText)
		if err != nil || b < 1 || b > 1e6 {
			return Rate{}, fmt.Errorf("%q: the burst after ':' must be a whole number ≥ 1", s)
		}
		r.Burst = b
	}
	if r.Every <= 0 {
		return Rate{}, fmt.Errorf("%q is too fast to limit", s)
	}
	return r, nil
}

// Limiter applies one Rate to many keys. It is safe for concurrent use.
type Limiter struct {
	rate    Rate
	maxKeys int
	now     func() time.Time

	mu  sync.Mutex
	tat map[string]time.Time // theoretical arrival time of each key's next request
}

// New returns a limiter of rate r that tracks at most maxKeys keys (0: one
// million). now is the clock (nil: time.Now).
func New(r Rate, maxKeys int, now func() time.Time) *Limiter {
	if maxKeys <= 0 {
		maxKeys = 1_000_000
	}
	if now == nil {
		now = time.Now
	}
	return &Limiter{rate: r, maxKeys: maxKeys, now: now, tat: map[string]time.Time{}}
}

// Allow takes one request from key's budget. When the budget is spent it
// takes nothing and says how long to wait before the next request would
// be allowed.
func (l *Limiter) Allow(key string) (ok bool, retry time.Duration) {
	return l.check(key, true)
}

// Blocked reports whether key's budget is spent, without taking from it
// (e.g. to refuse a credential check once a client failed too often).
func (l *Limiter) Blocked(key string) (blocked bool, retry time.Duration) {
	ok, retry := l.check(key, false)
	return !ok, retry
}

func (l *Limiter) check(key string, take bool) (bool, time.Duration) {
	if l == nil || l.rate.Zero() {
		return true, 0
	}
	now := l.now()
	tolerance := l.rate.Every * time.Duration(l.rate.Burst-1)
	l.mu.Lock()
	defer l.mu.Unlock()
	tat, seen := l.tat[key]
	if !seen || tat.Before(now) {
		tat = now
	}
	if wait := tat.Sub(now) - tolerance; wait > 0 {
		return false, wait
	}
	if take {
		if !seen && len(l.tat) >= l.maxKeys {
			l.evict(now)
		}
		l.tat[key] = tat.Add(l.rate.Every)
	}
	return true, 0
}

// evict forgets keys whose bucket is full again; if that frees too little,
// it forgets the keys that are closest to full until half the room is free.
func (l *Limiter) evict(now time.Time) {
	for k, t := range l.tat {
		if !t.After(now) {
			delete(l.tat, k)
		}
	}
	if len(l.tat) < l.maxKeys*3/4 {
		return
	}
	cutoff := now.Add(l.rate.Every * time.Duration(l.rate.Burst) / 2)
	for k, t := range l.tat {
		if len(l.tat) <= l.maxKeys/2 {
			return
		}
		if t.Before(cutoff) {
			delete(l.tat, k)
		}
	}
	for k := range l.tat { // everyone is busy: drop arbitrary keys
		if len(l.tat) <= l.maxKeys/2 {
			return
		}
		delete(l.tat, k)
	}
}

// Len returns the number of keys tracked (for tests and metrics).
func (l *Limiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.tat)
}
