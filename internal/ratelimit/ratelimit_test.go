package ratelimit

import (
	"fmt"
	"testing"
	"time"
)

type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

func TestBurstThenRate(t *testing.T) {
	c := &clock{t: time.Unix(1_700_000_000, 0)}
	l := New(Rate{Every: time.Second, Burst: 3}, 0, c.now)
	for i := 0; i < 3; i++ {
		if ok, _ := l.Allow("a"); !ok {
			t.Fatalf("request %d of the burst refused", i+1)
		}
	}
	ok, retry := l.Allow("a")
	if ok || retry != time.Second {
		t.Fatalf("4th request: ok=%v retry=%v, want refused for 1s", ok, retry)
	}
	if ok, _ := l.Allow("b"); !ok {
		t.Fatal("another key shares the budget")
	}
	c.advance(999 * time.Millisecond)
	if ok, retry := l.Allow("a"); ok || retry != time.Millisecond {
		t.Fatalf("after 999 ms: ok=%v retry=%v", ok, retry)
	}
	c.advance(time.Millisecond)
	if ok, _ := l.Allow("a"); !ok {
		t.Fatal("after 1 s one more request must pass")
	}
	if ok, _ := l.Allow("a"); ok {
		t.Fatal("only one token refilled in 1 s")
	}
	c.advance(time.Hour)
	for i := 0; i < 3; i++ {
		if ok, _ := l.Allow("a"); !ok {
			t.Fatalf("after a quiet hour the burst is back: request %d refused", i+1)
		}
	}
	if ok, _ := l.Allow("a"); ok {
		t.Fatal("the burst does not grow beyond 3 when quiet")
	}
}

func TestBlockedDoesNotTake(t *testing.T) {
	c := &clock{t: time.Unix(0, 0)}
	l := New(Rate{Every: time.Minute, Burst: 2}, 0, c.now)
	for i := 0; i < 5; i++ {
		if blocked, _ := l.Blocked("ip"); blocked {
			t.Fatal("Blocked took from the budget")
		}
	}
	l.Allow("ip")
	l.Allow("ip")
	if blocked, retry := l.Blocked("ip"); !blocked || retry != time.Minute {
		t.Fatalf("after 2 failures: blocked=%v retry=%v", blocked, retry)
	}
}

func TestZeroRateAllowsEverything(t *testing.T) {
	var nilLimiter *Limiter
	for _, l := range []*Limiter{New(Rate{}, 0, nil), nilLimiter} {
		for i := 0; i < 1000; i++ {
			if ok, _ := l.Allow("x"); !ok {
				t.Fatal("a zero rate limited")
			}
		}
	}
}

func TestMemoryIsBounded(t *testing.T) {
	c := &clock{t: time.Unix(0, 0)}
	l := New(Rate{Every: time.Hour, Burst: 5}, 1000, c.now)
	for i := 0; i < 100_000; i++ {
		l.Allow(fmt.Sprint("client-", i))
		if n := l.Len(); n > 1000 {
			t.Fatalf("%d keys tracked after %d clients, bound 1000", n, i+1)
		}
	}
	// Keys whose bucket refilled are dropped first.
	l = New(Rate{Every: time.Second, Burst: 1}, 10, c.now)
	for i := 0; i < 10; i++ {
		l.Allow(fmt.Sprint("old-", i))
	}
	c.advance(time.Minute)
	l.Allow("new")
	if n := l.Len(); n != 1 {
		t.Fatalf("%d keys after the refilled ones should have gone", n)
	}
}

func TestParseRate(t *testing.T) {
	good := map[string]Rate{
		"60/min:20": {Every: time.Second, Burst: 20},
		"10/s":      {Every: 100 * time.Millisecond, Burst: 10},
		"30/h:1":    {Every: 2 * time.Minute, Burst: 1},
		"0.5/s:2":   {Every: 2 * time.Second, Burst: 2},
	}
	for in, want := range good {
		got, err := ParseRate(in)
		if err != nil || got != want {
			t.Errorf("ParseRate(%q) = %v, %v; want %v", in, got, err, want)
		}
		back, err := ParseRate(got.String())
		if err != nil || back.Every != got.Every {
			t.Errorf("%q → %q does not read back: %v %v", in, got.String(), back, err)
		}
	}
	for _, in := range []string{"", "60", "60/day", "-1/s", "0/s", "x/s", "60/min:0", "60/min:x", "1e9/s"} {
		if _, err := ParseRate(in); err == nil {
			t.Errorf("ParseRate(%q) accepted", in)
		}
	}
}

func TestScale(t *testing.T) {
	r := Rate{Every: time.Second, Burst: 20}
	if got := r.Scale(10); got.Every != 100*time.Millisecond || got.Burst != 200 {
		t.Errorf("Scale(10) = %v", got)
	}
}
